"""Two bot workers on one database (PostgreSQL; the command and digest tests also on a SQLite
file): each has its own store connection(s), runtime, digest scheduler and chat, and both
receive the same group's messages — as two bot accounts in one group do. One incident per pile-up, one reminder about
it, one digest per group and week, even when the worker sending the digest dies mid-way.

A worker "dies" as a killed process would: its task is cancelled where it stands (nothing of
it runs further — no `finish_digest`, no settled post) and its connections are dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import pytest

from bot.digest.scheduler import DigestScheduler, Outcome
from bot.handled import COMMAND_STALE
from bot.runtime import Runtime
from bot.settings import Settings
from bot.shared_db import SHARED_READ_EVERY
from bot.store import Store
from bot.store.thread import StoreThread
from handlers.actions import Post
from tests.bot.fakechat import FakeChat
from tests.conftest import START, FrozenClock, message

SLOT = datetime(2025, 3, 10, 1, 0, tzinfo=UTC)  # Monday 09:00 Shanghai: W10's digest is due
WEEK = "2025-W10"
STALE = timedelta(minutes=10)
SETTINGS = Settings(admins=("u20",))


class HangingChat(FakeChat):
    """A chat whose posts hang (the platform never answers) once `hang` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.hang = False
        self.entered = asyncio.Event()
        self.tried: list[str] = []  # every post that reached the platform, answered or not

    async def send(
        self, group_id: str, text: str, mentions: Sequence[str] = (), *, markdown: bool = False
    ) -> None:
        self.tried.append(text)
        if self.hang:
            self.entered.set()
            await asyncio.Event().wait()
        await super().send(group_id, text, mentions, markdown=markdown)


class Worker:
    """One `jianfu run`: its own store thread and pool on the shared database."""

    def __init__(self, target: str, name: str, clock: FrozenClock) -> None:
        self.chat = HangingChat()
        self.clock = clock
        self.thread: StoreThread[Store] = StoreThread(lambda: Store(target), Store.close)
        self.name = name
        self.before_post: asyncio.Event | None = None  # set: the digest hangs before posting

    async def open(self) -> None:
        await self.thread.open()
        self.runtime = Runtime(SETTINGS, self.thread, {"fakechat": self.chat}, self.clock)
        self.scheduler = DigestScheduler(
            self.thread,
            SETTINGS,
            self.deliver,
            self.clock,
            lambda: {"fakechat"},
            owner=self.name,
            stale_claim=STALE,
        )

    async def deliver(self, post: Post, platform: str) -> bool:
        if self.before_post is not None:  # composed, claimed, not posted yet
            self.before_post.set()
            await asyncio.Event().wait()
        return await self.runtime.post(post, platform)

    async def tick(self, at: datetime) -> list[Outcome]:
        self.clock.now = at
        return await self.scheduler.run_once()

    def digests(self) -> list[str]:
        return [text for text in self.chat.tried if "周报" in text]


@asynccontextmanager
async def workers(target: str) -> AsyncIterator[tuple[Worker, Worker]]:
    pair = (Worker(target, "worker-a", FrozenClock()), Worker(target, "worker-b", FrozenClock()))
    await asyncio.gather(*(w.open() for w in pair))  # both migrate at once, too
    try:
        yield pair
    finally:
        await asyncio.gather(*(w.thread.close() for w in pair))


STREAM = [message(1, "各位同事：周五前提交季度总结，收到请回复")]
STREAM += [message(n, "收到", minute=1 + n / 10) for n in range(2, 10)]


async def both_receive(pair: tuple[Worker, Worker]) -> None:
    """A notice and eight 收到 in one group, each message delivered to both workers at once."""
    for msg in STREAM:
        for worker in pair:
            worker.clock.now = msg.time
        handled = await asyncio.gather(*(w.runtime.handle(msg) for w in pair))
        assert handled == [True, True]


def rows(worker: Worker, sql: str) -> list[dict[str, object]]:
    return list(worker.thread.store.db.query(sql))


async def test_the_same_stream_to_two_workers_is_one_log(pg_url: str) -> None:
    """PostgreSQL: a message one worker handled first still feeds the other's detector
    (`bot.shared_db`), so the pile-up counts every member whoever handled which message."""
    async with workers(pg_url) as (a, b):
        await both_receive((a, b))
        incidents = rows(a, "SELECT id, kind, members FROM incidents ORDER BY id")
        assert [(r["kind"], r["members"]) for r in incidents] == [
            ("ack_request", 1),
            ("stack", 8),
        ], "one incident per pile-up, grown by both workers"
        reminders = rows(a, "SELECT incident_id FROM bot_posts WHERE reason = 'reminder'")
        posted = [text for w in (a, b) for _, text, _ in w.chat.sent]
        assert len(posted) == len(reminders) == 1, "one reminder: the cooldown holds across"
        assert len({r["incident_id"] for r in reminders}) == len(reminders)

        outcomes = await asyncio.gather(a.tick(SLOT), b.tick(SLOT))
        results = [o.result for pass_ in outcomes for o in pass_]
        assert results.count("sent") == 1 and set(results) <= {"sent", "taken"}
        assert len(a.digests() + b.digests()) == 1
        [row] = rows(a, "SELECT week, status FROM digests")
        assert (row["week"], row["status"]) == (WEEK, "sent")


async def test_messages_another_worker_handled_still_count_here(pg_url: str) -> None:
    async with workers(pg_url) as (a, b):
        order = [(b, STREAM[:1]), (a, STREAM[:1]), (a, STREAM[1:5]), (b, STREAM[1:])]
        for worker, stream in order:  # both: the notice (B first); A: 4 收到; then B: all 8
            for msg in stream:
                worker.clock.now = msg.time
                assert await worker.runtime.handle(msg)
        [stack] = rows(a, "SELECT members FROM incidents WHERE kind = 'stack'")
        assert stack["members"] == 8, "B's detector took the 4 that A had handled"
        posted = len(a.chat.sent) + len(b.chat.sent)
        reminders = rows(a, "SELECT incident_id FROM bot_posts WHERE reason = 'reminder'")
        assert posted == len(reminders) == len({r["incident_id"] for r in reminders})


async def test_a_command_both_workers_see_is_answered_and_audited_once(store_target: str) -> None:
    async with workers(store_target) as (a, b):
        command = message(20, "/jianfu pause")
        for worker in (a, b):
            worker.clock.now = command.time
        handled = await asyncio.gather(a.runtime.handle(command), b.runtime.handle(command))
        if handled != [True, True]:  # one found the other's claim in progress: "deliver again"
            assert sorted(handled) == [False, True]
            loser = (a, b)[handled.index(False)]
            assert await loser.runtime.handle(command)  # the platform's redelivery: done now
        audit = rows(a, "SELECT actor_id, command, result FROM audit_log")
        assert [(r["actor_id"], r["result"]) for r in audit] == [("u20", "ok")]
        replies = [text for w in (a, b) for _, text, _ in w.chat.sent]
        assert len(replies) == 1, replies
        later = message(21, "收到", minute=20 + SHARED_READ_EVERY.total_seconds() / 60)
        for worker in (a, b):
            worker.clock.now = later.time
        await asyncio.gather(a.runtime.handle(later), b.runtime.handle(later))
        paused = [(await w.runtime.group_settings("g1")).paused for w in (a, b)]
        if a.thread.store.postgres:  # the shared database: each worker reads settings again
            assert paused == [True, True], "the pause reached the other worker"


async def test_a_worker_killed_while_posting_the_digest_leaves_one_digest(
    store_target: str,
) -> None:
    async with workers(store_target) as (a, b):
        await both_receive((a, b))
        a.chat.hang = True
        dying = asyncio.create_task(a.tick(SLOT))
        await asyncio.wait_for(a.chat.entered.wait(), 10)  # the post is on its way
        dying.cancel()  # SIGKILL: nothing after this line of A runs
        await asyncio.gather(dying, return_exceptions=True)
        for later in (timedelta(minutes=1), STALE * 2, timedelta(days=1)):
            await b.tick(SLOT + later)
        assert (len(a.digests()), len(b.digests())) == (1, 0), "it may have gone out: not again"
        [row] = rows(b, "SELECT status, claimed_by FROM digests")
        assert (row["status"], row["claimed_by"]) == ("claimed", "worker-a")


async def test_a_worker_killed_before_posting_the_digest_hands_it_on(store_target: str) -> None:
    async with workers(store_target) as (a, b):
        await both_receive((a, b))
        a.before_post = asyncio.Event()
        dying = asyncio.create_task(a.tick(SLOT))
        await asyncio.wait_for(a.before_post.wait(), 10)  # claimed and composed
        dying.cancel()
        await asyncio.gather(dying, return_exceptions=True)
        assert await b.tick(SLOT + timedelta(minutes=1)) == [], "the claim is fresh: A's"
        [outcome] = await b.tick(SLOT + STALE + timedelta(minutes=1))
        assert outcome.result == "sent"
        await b.tick(SLOT + STALE * 3)
        assert (len(a.digests()), len(b.digests())) == (0, 1)
        [row] = rows(b, "SELECT status, claimed_by, attempts FROM digests")
        assert (row["status"], row["claimed_by"], row["attempts"]) == ("sent", "worker-b", 2)


@pytest.mark.parametrize("workers_count", [4])
async def test_many_workers_claim_one_digest(store_target: str, workers_count: int) -> None:
    stores = [Store(store_target) for _ in range(workers_count)]
    try:
        stores[0].touch_group("g1", "fakechat", "", START)
        claims = await asyncio.gather(
            *(asyncio.to_thread(s.claim_digest, "g1", WEEK, SLOT, f"w{i}", None, 1, STALE)
              for i, s in enumerate(stores))
        )  # fmt: skip
        assert sorted(claims) == [False] * (workers_count - 1) + [True]
    finally:
        for store in stores:
            store.close()


async def test_a_worker_killed_while_answering_a_command_leaves_it_answered_at_most_once(
    store_target: str,
) -> None:
    """The claim says "answering" before the reply goes out: a worker killed then may have
    answered, so the command's redelivery to the other worker is not answered again."""
    async with workers(store_target) as (a, b):
        command = message(20, "/jianfu pause")
        a.chat.hang = True
        a.clock.now = command.time
        dying = asyncio.create_task(a.runtime.handle(command))
        await asyncio.wait_for(a.chat.entered.wait(), 10)  # the reply is on its way
        dying.cancel()  # SIGKILL: nothing after this line of A runs
        await asyncio.gather(dying, return_exceptions=True)
        b.clock.now = command.time + COMMAND_STALE * 3
        assert await b.runtime.handle(command)  # the platform delivers it again: to B
        assert (len(a.chat.tried), b.chat.tried) == (1, []), "never answered twice"
        [claim] = rows(b, "SELECT status, attempts FROM command_claims")
        assert (claim["status"], claim["attempts"]) == ("answering", 1)
        assert len(b.thread.store.unfinished_commands(b.clock.now)) == 1  # shown

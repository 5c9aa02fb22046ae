"""What the runtime does when a post or a store write fails half-way: the incident stays
recorded, `reminded` says only what really happened, commands are audited, a digest that
went out counts as sent. A real SQLite file; platforms are small in-test adapters."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.adapters.base import Adapter, AdapterError, MessageSink
from bot.digest.scheduler import RETRY_AFTER, DigestScheduler, Outcome
from bot.post_limit import POSTS, WINDOW, PostLimit
from bot.runtime import Runtime
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from handlers.texts import text
from policies.events import Message
from tests.conftest import START, FrozenClock
from tests.conftest import message as group_message

DEMAND = "各位同事：周五前提交季度总结，收到请回复"


class Chat(Adapter):
    """A platform that keeps what the bot sent; `refuse` makes every send fail, `witness`
    runs inside each send (to look at the database while the post is on its way)."""

    name = "chat"

    def __init__(self, refuse: bool = False) -> None:
        self.refuse = refuse
        self.sent: list[tuple[str, str]] = []
        self.witness: list[object] = []
        self.db: Path | None = None

    async def start(self, sink: MessageSink) -> None:
        pass

    async def send(
        self, group_id: str, text: str, mentions: Sequence[str] = (), *, markdown: bool = False
    ) -> None:
        if self.db is not None:
            self.witness.append(rows(self.db, 'SELECT "id", "reminded" FROM incidents'))
        if self.refuse:
            raise AdapterError("chat: 503 from the platform")
        self.sent.append((group_id, text))

    async def stop(self) -> None:
        pass


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    """What another process reading the file sees."""
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def message(n: int, body: str, *, admin: bool = False, group_id: str = "g1") -> Message:
    return group_message(n, body, group_id, platform="chat", sender_name=f"成员{n}", is_admin=admin)


def runtime_with(
    store_thread: StoreThread[Store], chat: Chat, settings: Settings | None = None
) -> Runtime:
    return Runtime(settings or Settings(), store_thread, {"chat": chat}, FrozenClock())


async def test_a_refused_reminder_leaves_the_incident_not_reminded(
    store_thread: StoreThread[Store], tmp_path: Path
) -> None:
    runtime = runtime_with(store_thread, Chat(refuse=True))
    await runtime.handle(message(1, DEMAND))
    assert rows(tmp_path / "j.db", 'SELECT "kind", "reminded", held_reason FROM incidents') == [
        ("ack_request", 0, "post_failed")
    ]


async def test_a_held_reminder_is_logged_with_its_reason(
    store_thread: StoreThread[Store], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from handlers.group_settings import GroupSettings

    paused = Settings(group_defaults=GroupSettings(paused=True))
    with caplog.at_level("INFO", logger="bot.runtime"):
        await runtime_with(store_thread, Chat(), paused).handle(message(1, DEMAND))
    assert "new ack_request incident, reminder held: paused" in caplog.text
    assert rows(tmp_path / "j.db", "SELECT held_reason, held_until FROM incidents") == [
        ("paused", None)
    ]


async def test_the_incident_is_durable_before_the_reminder_and_reminded_after_it(
    store_thread: StoreThread[Store], tmp_path: Path
) -> None:
    chat = Chat()
    chat.db = tmp_path / "j.db"
    await runtime_with(store_thread, chat).handle(message(1, DEMAND))
    assert chat.sent == [("g1", text("ack_request"))]
    assert chat.witness == [[("g1/ack_request/m1", 0)]]  # recorded, not yet reminded
    assert rows(chat.db, 'SELECT "id", "reminded" FROM incidents') == [("g1/ack_request/m1", 1)]


def refuse_post_logging(db: Path, when: str = "INSERT") -> None:
    """The store can no longer write `bot_posts` (a real SQLite error on INSERT: the intent,
    or on UPDATE: settling it after the send)."""
    with sqlite3.connect(db) as conn:
        conn.execute(
            f"""CREATE TRIGGER no_post_log BEFORE {when} ON bot_posts
               BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"""
        )


async def test_a_digest_that_went_out_counts_as_sent_when_settling_its_row_fails(
    store_thread: StoreThread[Store], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monday_9 = datetime(2025, 3, 10, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai: W10's digest
    chat, clock = Chat(), FrozenClock(monday_9)
    runtime = Runtime(Settings(), store_thread, {"chat": chat}, clock)
    await store_thread.call(store_thread.store.touch_group, "g1", "chat", "街道办工作群", START)
    refuse_post_logging(tmp_path / "j.db", "UPDATE")
    scheduler = DigestScheduler(store_thread, Settings(), runtime.post, clock, lambda: {"chat"})
    assert await scheduler.run_once() == [Outcome("g1", "2025-W10", "sent")]
    clock.now += RETRY_AFTER * 2
    assert await scheduler.run_once() == []  # not retried: it went out
    assert len(chat.sent) == 1
    assert await store_thread.call(store_thread.store.digest_status, "g1", "2025-W10") == "sent"
    assert rows(tmp_path / "j.db", "SELECT reason, status FROM bot_posts") == [
        ("digest", "pending")  # the intent, written before the send; settled at the next start
    ]
    assert any(
        r.levelname == "ERROR" and "could not settle" in r.getMessage() for r in caplog.records
    )


async def test_nothing_is_posted_when_its_intent_cannot_be_recorded(
    store_thread: StoreThread[Store], tmp_path: Path
) -> None:
    chat = Chat()
    refuse_post_logging(tmp_path / "j.db")
    runtime = runtime_with(store_thread, chat)
    assert await runtime.handle(message(1, DEMAND)) is False
    assert chat.sent == []  # a post without its row could break the daily cap
    assert rows(tmp_path / "j.db", 'SELECT "kind", "reminded" FROM incidents') == [
        ("ack_request", 0)  # the incident is recorded …
    ]
    assert rows(tmp_path / "j.db", "SELECT message_id FROM handled_messages") == [("m1",)]
    assert await runtime.handle(message(1, DEMAND))  # … and a redelivery is skipped:
    assert chat.sent == []  # a reminder may be lost, never doubled


async def test_a_message_not_marked_handled_is_reminded_about_when_delivered_again(
    store_thread: StoreThread[Store], tmp_path: Path
) -> None:
    chat, db = Chat(), tmp_path / "j.db"
    with sqlite3.connect(db) as conn:  # marking messages handled fails (a real SQLite error)
        conn.execute(
            """CREATE TRIGGER no_marks BEFORE INSERT ON handled_messages
               BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"""
        )
    runtime = runtime_with(store_thread, chat)
    assert await runtime.handle(message(1, DEMAND)) is False  # marked before posting: failed
    # the incident and the mark are one transaction: neither is kept
    assert chat.sent == [] and rows(db, 'SELECT "reminded" FROM incidents') == []
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER no_marks")  # the store recovers
    assert await runtime.handle(message(1, DEMAND))  # the platform delivers it again
    assert chat.sent == [("g1", text("ack_request"))]  # recorded now, reminded once
    assert rows(db, 'SELECT "reminded" FROM incidents') == [(1,)]


def refuse_settings_writes(db: Path) -> None:
    """The store cannot save group settings any more (a real SQLite error)."""
    with sqlite3.connect(db) as conn:
        conn.execute(
            """CREATE TRIGGER no_settings BEFORE INSERT ON group_settings
               BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"""
        )


async def test_a_command_whose_action_fails_is_answered_and_audited(
    store_thread: StoreThread[Store], tmp_path: Path
) -> None:
    chat = Chat()
    runtime = runtime_with(store_thread, chat)
    await runtime.handle(message(1, "大家好"))
    refuse_settings_writes(tmp_path / "j.db")
    await runtime.handle(message(2, "/jf pause", admin=True))
    assert chat.sent == [("g1", text("cmd.failed"))]
    [row] = await store_thread.call(store_thread.store.audit_log, "g1", 5)
    assert (row["actor_id"], row["command"], row["allowed"]) == ("u2", "/jf pause", 1)
    assert row["result"] == "error: IntegrityError"
    await runtime.handle(message(3, "/jf help", admin=True))  # the listener goes on
    assert chat.sent[-1][1].startswith(text("cmd.help", lines="").strip())


async def test_a_private_command_that_fails_is_answered_privately_and_audited(
    store_thread: StoreThread[Store], tmp_path: Path
) -> None:
    chat = Chat()
    runtime = runtime_with(store_thread, chat, Settings(admins=("boss",)))
    await runtime.handle(message(1, "大家好"))
    refuse_settings_writes(tmp_path / "j.db")
    private = Message(
        id="p1", group_id="", sender_id="boss", sender_name="主任", text="/jf in g1 pause",
        time=START + timedelta(minutes=5), platform="chat",
    )  # fmt: skip
    await runtime.handle(private)
    assert chat.sent == [("", text("cmd.failed"))]
    [row] = await store_thread.call(store_thread.store.audit_log, "g1", 5)
    assert (row["actor_id"], row["result"]) == ("boss", "error: IntegrityError")


async def test_seventy_commands_from_a_member_never_reach_the_group(
    store_thread: StoreThread[Store],
) -> None:
    """Issue 13: 70 commands from a non-admin made 70 posts, echoing a phishing link."""
    from dataclasses import replace

    chat = Chat()
    chat.private_replies = True  # a platform with 1:1 chats: the member is answered there
    runtime = runtime_with(store_thread, chat)
    for n in range(70):
        body = "/jf 领取补贴 https://phish.example/login" if n % 2 else "/jf help"
        await runtime.handle(replace(message(n, body), sender_id="u-spam"))
    assert [group for group, _ in chat.sent] == [""] * POSTS, "privately, at most the limit"
    assert not any("phish" in text_ for _, text_ in chat.sent)
    audit = await store_thread.call(store_thread.store.audit_log, "g1", 100)
    assert len(audit) == 70 and {row["actor_id"] for row in audit} == {"u-spam"}


async def test_one_limit_for_every_post_in_a_group_holds_a_reminder_too(
    store_thread: StoreThread[Store], tmp_path: Path
) -> None:
    chat, clock = Chat(), FrozenClock()
    runtime = Runtime(Settings(), store_thread, {"chat": chat}, clock)
    for n in range(30):  # an admin's commands are answered in the group, up to the limit
        await runtime.handle(message(n, "/jf status", admin=True))
    assert len(chat.sent) == POSTS and all(group == "g1" for group, _ in chat.sent)
    await runtime.handle(message(40, DEMAND))
    assert len(chat.sent) == POSTS, "the reminder is held back, not posted"
    until = (START + WINDOW).isoformat()
    assert rows(tmp_path / "j.db", "SELECT held_reason, held_until, reminded FROM incidents") == [
        ("rate_limit", until, 0)
    ]
    clock.now = START + WINDOW  # the window has moved on
    await runtime.handle(message(41, "/jf status", admin=True))
    assert len(chat.sent) == POSTS + 1


def test_the_post_limit_slides_and_forgets_idle_places() -> None:
    limit = PostLimit(posts=2, window=timedelta(minutes=10))
    assert limit.take("g", START) is None and limit.take("g", START + timedelta(minutes=1)) is None
    assert limit.take("g", START + timedelta(minutes=2)) == START + timedelta(minutes=10)
    assert limit.take("other", START) is None, "per place"
    assert limit.take("g", START + timedelta(minutes=10)) is None  # the first left the window
    for n in range(200):  # places posted to once, long ago, are dropped
        limit.take(f"p{n}", START + timedelta(hours=1, minutes=11 * n))
    assert len(limit) <= 66


HISTORY = "AS today"  # the reminder history's query (`PostTable.post_history`)


async def test_a_reminder_sent_counts_in_the_history_kept_without_reading_it_again(
    store_thread: StoreThread[Store], tmp_path: Path
) -> None:
    """After a reminder went out, the group's next demand is held by the cooldown it started,
    and the history that decided so was not read from the store again."""
    chat = Chat()
    clock = FrozenClock()
    runtime = Runtime(Settings(), store_thread, {"chat": chat}, clock)
    assert await runtime.handle(message(1, DEMAND))
    assert len(chat.sent) == 1
    statements: list[str] = []
    store_thread.store.db.conn.set_trace_callback(statements.append)
    try:
        clock.advance(minutes=1)
        assert await runtime.handle(message(2, "各位：明天上午九点开会，收到请回复"))
    finally:
        store_thread.store.db.conn.set_trace_callback(None)
    assert len(chat.sent) == 1  # held: the cooldown of the first reminder
    assert not any(HISTORY in sql for sql in statements), statements
    held = rows(tmp_path / "j.db", "SELECT held_reason FROM incidents ORDER BY start")
    assert held == [("",), ("cooldown",)]


async def test_a_reminder_that_did_not_go_out_has_the_history_read_again(
    store_thread: StoreThread[Store],
) -> None:
    chat = Chat(refuse=True)
    clock = FrozenClock()
    runtime = Runtime(Settings(), store_thread, {"chat": chat}, clock)
    assert await runtime.handle(message(1, DEMAND))
    statements: list[str] = []
    store_thread.store.db.conn.set_trace_callback(statements.append)
    try:
        clock.advance(minutes=1)
        chat.refuse = False
        assert await runtime.handle(message(2, "各位：明天上午九点开会，收到请回复"))
    finally:
        store_thread.store.db.conn.set_trace_callback(None)
    assert any(HISTORY in sql for sql in statements), statements
    assert len(chat.sent) == 1  # no cooldown from a reminder that never went out


def chain_list(title: str, members: Sequence[str]) -> str:
    """A 接龙 post: its description, then the numbered names so far."""
    return f"#接龙\n{title}\n\n" + "\n".join(f"{i + 1}. {m}" for i, m in enumerate(members))


async def test_a_chain_opened_again_in_the_same_run_is_not_reminded_twice(
    store_thread: StoreThread[Store], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    chat, clock = Chat(), FrozenClock()
    runtime = Runtime(Settings(), store_thread, {"chat": chat}, clock)
    caplog.set_level(logging.INFO, logger="bot.runtime")

    async def post(n: int, minute: float, text: str) -> None:
        clock.now = START + timedelta(minutes=minute)
        await runtime.handle(group_message(n, text, "g1", minute=minute, platform="chat"))

    names = ["张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆"]
    for k in range(1, 6):
        await post(k, k, chain_list("已学习《安全生产手册》", names[:k]))
    assert chat.sent == [("g1", text("chain", members=5))]
    # 32 other lists the same week: the detector tracks 32 per group and drops the first
    for n in range(32):
        title = f"第{n}号文件《{'甲乙丙丁戊己庚辛'[n % 8]}{n}类报表》已阅"
        await post(100 + n, 10 + n, chain_list(title, ["赵磊"]))
    # past the cooldown, the same week: only the reminder already posted stops a second one —
    # known as reminded about, no second reminder is even tried (the store's claim would
    # refuse it: "already claimed elsewhere")
    await post(6, 180, chain_list("已学习《安全生产手册》", names))
    assert chat.sent == [("g1", text("chain", members=5))]
    assert not [r for r in caplog.records if "claimed elsewhere" in r.getMessage()]
    assert rows(tmp_path / "j.db", "SELECT kind, members, reminded FROM incidents") == [
        ("chain", 6, 1)
    ]

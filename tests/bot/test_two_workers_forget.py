"""Two workers on one PostgreSQL database: `/jianfu forget` through one reaches the other's
detector in memory (`bot.shared_db`), so the other does not save the member back.

Both workers took the same pile-up, 李娜 (u3) in it. The admin's forget goes through A only:
A's store and detector drop her at once; B still holds her in memory until its next re-read
of the shared state (`SHARED_READ_EVERY`), where it applies the forgets noted in `forgotten`.
"""

from __future__ import annotations

import json
from datetime import timedelta

from bot.shared_db import SHARED_READ_EVERY
from bot.store import Store
from bot.store.privacy import FORGET_KEEP
from policies.events import Message
from tests.bot.test_two_workers import Worker, rows, workers
from tests.conftest import message


def at(seconds: float) -> float:
    """`seconds` after the notice, in the minutes `message` takes."""
    return 1 + seconds / 60


NOTICE = message(1, "各位同事：周五前提交季度总结，收到请回复", sender_name="王主任")
ACKS = [message(n, "收到", minute=at(n / 2), sender_name=f"同事{n}") for n in (2, 4, 5, 6)]
LI_NA = message(3, "收到", minute=at(1.5), sender_name="李娜")
FORGET = message(
    20, "/jf forget @李娜\u2005", minute=at(3.2), sender_name="管理员", is_admin=True,
    mentions=("u3",),
)  # fmt: skip
LATER = message(7, "收到", minute=at(3.5), sender_name="同事7")  # B: before its next re-read
AFTER = message(8, "收到", minute=at(6), sender_name="同事8")  # B: its re-read is due


async def handle(msg: Message, *to: Worker) -> None:
    for worker in to:
        worker.clock.now = msg.time
        assert await worker.runtime.handle(msg)


def names_her(text: str) -> bool:
    return "李娜" in text or '"u3"' in text


def saved_state(worker: Worker) -> str:
    [row] = rows(worker, "SELECT state FROM detector_state WHERE group_id = 'g1'")
    return str(row["state"])


def in_memory(worker: Worker) -> str:
    return json.dumps(worker.runtime.pipeline.detector.snapshot("g1"), ensure_ascii=False)


async def test_a_forget_through_one_worker_is_not_saved_back_by_the_other(pg_url: str) -> None:
    async with workers(pg_url) as (a, b):
        await handle(NOTICE, b, a)  # B decides on it: B reads the shared state at t = 0
        for msg in (ACKS[0], LI_NA, *ACKS[1:]):
            await handle(msg, a, b)  # A first: B's detector takes them as the loser
        assert names_her(in_memory(b)) and names_her(saved_state(a)), "she is in the pile-up"

        await handle(FORGET, a)  # the admin's command reaches A only
        assert not names_her(in_memory(a)) and not names_her(saved_state(a))
        [noted] = rows(a, "SELECT group_id, names FROM forgotten")
        assert noted["group_id"] == "g1" and "u3" in json.loads(str(noted["names"]))

        await handle(LATER, b)  # within B's re-read window: B still holds her, saves her back
        assert LATER.time - NOTICE.time < SHARED_READ_EVERY <= AFTER.time - NOTICE.time
        assert names_her(in_memory(b)), "B has not read the shared state again yet"

        await handle(AFTER, b)  # past SHARED_READ_EVERY: B re-reads, then feeds the message
        assert not names_her(in_memory(b)), "B's detector forgot her"
        assert not names_her(saved_state(b)), "the saved state B wrote does not name her"
        stack = json.loads(in_memory(b))["stack"]
        assert stack["senders"] == ["u2", "u4", "u5", "u6", "u7", "u8"], "the others still count"
        [incident] = rows(b, "SELECT members FROM incidents WHERE kind = 'stack'")
        assert incident["members"] >= 6


def test_forgets_are_noted_for_a_short_while_then_gone(store: Store) -> None:
    """SQLite and PostgreSQL: a forget is noted with its names, read back by id, and deleted
    once read after `FORGET_KEEP`; nobody to forget notes nothing."""
    now = FORGET.time
    assert store.forget_member("g1", " ", (), now) == 0
    store.forget_member("g1", "u3", ("李娜",), now)
    store.forget_member("g2", "u4", (), now + timedelta(minutes=1))
    recent = store.recent_forgets(now + FORGET_KEEP)
    assert [(gid, names) for _, gid, names in recent] == [("g1", ["u3", "李娜"]), ("g2", ["u4"])]
    assert recent[0][0] < recent[1][0]
    later = store.recent_forgets(now + FORGET_KEEP + timedelta(seconds=30))
    assert [(gid, names) for _, gid, names in later] == [("g2", ["u4"])]
    assert [row["group_id"] for row in store.db.query("SELECT group_id FROM forgotten")] == ["g2"]

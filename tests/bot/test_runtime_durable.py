"""The runtime's durable parts on a real SQLite file: a post is recorded (as an intent) before
it is sent, so a post whose settling failed — or whose process died — still counts for the
daily cap; per-group state leaves memory when the group goes idle and comes back from the
store with its next message; `/metrics` counts what happened."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Sequence
from datetime import timedelta
from pathlib import Path

import pytest

from bot.adapters.base import Adapter, MessageSink
from bot.runtime import Runtime
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from handlers.group_settings import GroupSettings
from policies.events import Message
from tests.conftest import START, FrozenClock, OpenStoreThread


class Chat(Adapter):
    """A platform that keeps what the bot sent. With `lock` set, another process takes the
    database's write lock while the post is on its way (and keeps it until `release`)."""

    name = "chat"

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.lock: Path | None = None
        self._holder: sqlite3.Connection | None = None

    async def start(self, sink: MessageSink) -> None:
        pass

    async def stop(self) -> None:
        self.release()

    async def send(
        self, group_id: str, text: str, mentions: Sequence[str] = (), *, markdown: bool = False
    ) -> None:
        self.sent.append(text)
        if self.lock is not None and self._holder is None:
            self._holder = sqlite3.connect(self.lock, isolation_level=None)
            self._holder.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        if self._holder is not None:
            self._holder.execute("ROLLBACK")
            self._holder.close()
            self._holder = None
        self.lock = None


def message(n: int, text: str, group_id: str = "g1", minute: float | None = None) -> Message:
    return Message(
        id=f"m{n}", group_id=group_id, sender_id=f"u{n}", sender_name=f"成员{n}", text=text,
        time=START + timedelta(minutes=n if minute is None else minute), platform="chat",
    )  # fmt: skip


@pytest.fixture
async def store_thread(
    tmp_path: Path, open_store_thread: OpenStoreThread
) -> AsyncIterator[StoreThread[Store]]:
    """A write waits 0.1 s for another process's lock (then the message is "not handled")."""
    async with open_store_thread(tmp_path / "j.db", busy_timeout=0.1) as thread:
        yield thread


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


async def test_a_reminder_whose_row_could_not_be_settled_still_counts_for_the_daily_cap(
    store_thread: StoreThread[Store], tmp_path: Path
) -> None:
    db, chat, clock = tmp_path / "j.db", Chat(), FrozenClock()
    settings = Settings(group_defaults=GroupSettings(daily_cap=1, cooldown_minutes=0))
    runtime = Runtime(settings, store_thread, {"chat": chat}, clock)
    chat.lock = db  # another writer locks the file while the reminder is on its way
    await runtime.handle(message(1, "各位同事：周五前提交季度总结，收到请回复"))
    chat.release()
    assert len(chat.sent) == 1
    clock.now += timedelta(minutes=5)
    await runtime.handle(message(2, "各位同事：下周一前上报安全检查表，收到请回复"))
    assert len(chat.sent) == 1  # the daily cap of 1 holds: the first post is counted
    assert rows(db, "SELECT reason, status FROM bot_posts") == [("reminder", "pending")]
    assert len(rows(db, "SELECT id FROM incidents")) == 2  # both recorded
    restarted = Store(db)  # a later start reconciles the intent nobody settled
    try:
        assert restarted.reconcile_posts() == 1
        history = restarted.post_history("g1", clock(), "Asia/Shanghai")
    finally:
        restarted.close()
    assert history.reminders_today == 1
    assert rows(db, "SELECT status FROM bot_posts") == [("unknown",)]


async def test_idle_groups_leave_memory_and_their_pile_up_comes_back(
    store_thread: StoreThread[Store], tmp_path: Path
) -> None:
    clock = FrozenClock()
    runtime = Runtime(
        Settings(), store_thread, {"chat": Chat()}, clock, idle_after=timedelta(minutes=10)
    )
    for n in range(300):  # many groups seen once
        await runtime.handle(message(1000 + n, "大家好，今天的会议改到下午", f"once-{n}", 0))
    for n in range(3):  # three acks of a pile-up in g1
        await runtime.handle(message(n, "收到", "g1", n))
    assert runtime.groups_in_memory == 301
    clock.now += timedelta(minutes=15)
    await runtime.expire()
    assert runtime.groups_in_memory == 0
    assert runtime.pipeline.detector.groups_tracked == 0
    for n in range(3, 5):  # 15 minutes later, within the 30-minute window: the pile-up goes on
        await runtime.handle(message(n, "收到", "g1", 15 + n))
    [stack] = await store_thread.call(store_thread.store.incidents, "g1", 5)
    assert (stack.kind, stack.members, stack.messages) == ("stack", 5, 5)
    assert runtime.groups_in_memory == 1


async def test_a_message_handled_before_a_restart_is_not_counted_again(
    store_thread: StoreThread[Store], tmp_path: Path
) -> None:
    clock = FrozenClock()
    first = Runtime(Settings(), store_thread, {"chat": Chat()}, clock)
    for n in range(4):
        await first.handle(message(n, "收到"))
    second = Runtime(Settings(), store_thread, {"chat": Chat()}, clock)  # a restart
    await second.handle(message(3, "收到"))  # the platform delivers the last one again
    await second.handle(message(4, "收到"))
    [stack] = await store_thread.call(store_thread.store.incidents, "g1", 5)
    assert (stack.members, stack.messages) == (5, 5)


async def test_a_message_the_store_could_not_record_counts_once_when_delivered_again(
    store_thread: StoreThread[Store], tmp_path: Path
) -> None:
    chat, clock = Chat(), FrozenClock()
    runtime = Runtime(Settings(), store_thread, {"chat": chat}, clock)
    for n in range(4):
        assert await runtime.handle(message(n, "收到"))
    holder = sqlite3.connect(tmp_path / "j.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer, while the fifth ack arrives
    assert await runtime.handle(message(4, "收到")) is False  # not recorded: deliver again
    holder.execute("ROLLBACK")
    holder.close()
    assert await runtime.handle(message(4, "收到"))  # the platform's redelivery
    [stack] = await store_thread.call(store_thread.store.incidents, "g1", 5)
    assert (stack.members, stack.messages, stack.reminded) == (5, 5, True)
    assert len(chat.sent) == 1

"""What a message costs the store: the group's settings, its reminder history and "group seen"
are kept in memory per group, so a group's further messages write only their own durable rows
(handled id, incidents); a settings change, a rename, a post or a new day reads or writes again.
Statements are counted with SQLite's own trace callback on the store's real connection."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from bot.group_memory import TOUCH_EVERY
from bot.runtime import Runtime
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from policies.events import Message
from tests.bot.fakechat import FakeChat
from tests.conftest import FrozenClock, message

TABLE = re.compile(r"\b(?:FROM|INTO|UPDATE)\s+(\w+)", re.IGNORECASE)


@contextmanager
def tables_touched(store: Store) -> Iterator[list[str]]:
    """The tables named by each statement the store runs meanwhile."""
    seen: list[str] = []
    store.db.conn.set_trace_callback(lambda sql: seen.extend(TABLE.findall(sql)))
    try:
        yield seen
    finally:
        store.db.conn.set_trace_callback(None)


def chat(n: int, group: str = "g1", **fields: object) -> Message:
    return message(n, f"周末去爬山吗{n}", group, **fields)


async def test_a_groups_further_messages_read_no_settings_history_or_group_rows(
    store_thread: StoreThread[Store], clock: FrozenClock
) -> None:
    runtime = Runtime(Settings(), store_thread, {}, clock)
    assert await runtime.handle(chat(1))
    with tables_touched(store_thread.store) as seen:
        for n in range(2, 12):
            clock.advance(seconds=1)
            assert await runtime.handle(chat(n))
    assert "handled_messages" in seen  # still durable: each message is marked handled
    assert not {"groups", "group_settings", "bot_posts"} & set(seen), seen


async def test_a_groups_newly_opened_incidents_do_not_each_ask_the_store_about_reminders(
    store_thread: StoreThread[Store], clock: FrozenClock, fake_chat: FakeChat
) -> None:
    runtime = Runtime(Settings(), store_thread, {"fakechat": fake_chat}, clock)
    demand = "第{}号通知：明天上午九点开安全会议，收到请回复"
    assert await runtime.handle(message(1, demand.format(1)))  # reminded: read again after
    assert await runtime.handle(message(2, demand.format(2)))  # held: within the cooldown
    with tables_touched(store_thread.store) as seen:
        for n in range(3, 8):
            clock.advance(seconds=1)
            assert await runtime.handle(message(n, demand.format(n)))
    assert "bot_posts" not in seen, seen  # no look-up of a reminder per opened incident
    assert len(fake_chat.sent) == 1
    kinds = await store_thread.call(store_thread.store.incidents, "g1", 10)
    assert [i.kind for i in kinds] == ["ack_request"] * 7  # each recorded as new


async def test_a_rename_or_touch_every_later_writes_the_group_again(
    store_thread: StoreThread[Store], clock: FrozenClock
) -> None:
    runtime = Runtime(Settings(), store_thread, {}, clock)
    assert await runtime.handle(chat(1, group_name="一组"))
    with tables_touched(store_thread.store) as seen:
        assert await runtime.handle(chat(2, group_name="一组（改名）"))
    assert "groups" in seen
    [record] = await store_thread.call(store_thread.store.groups)
    assert record.name == "一组（改名）"
    clock.advance(seconds=TOUCH_EVERY.total_seconds() + 1)
    assert await runtime.handle(chat(3, group_name="一组（改名）"))
    [record] = await store_thread.call(store_thread.store.groups)
    assert record.last_seen == clock()


async def test_settings_saved_by_a_command_apply_to_the_next_message(
    store_thread: StoreThread[Store], clock: FrozenClock
) -> None:
    settings = Settings(admins=("u1",))
    runtime = Runtime(settings, store_thread, {}, clock)
    assert await runtime.handle(chat(2))  # settings read and kept
    assert (await runtime.group_settings("g1")).cooldown_minutes != 7
    assert await runtime.handle(message(1, "/jianfu set cooldown_minutes 7"))
    assert (await runtime.group_settings("g1")).cooldown_minutes == 7
    saved = await store_thread.call(store_thread.store.group_settings, "g1")
    assert saved.cooldown_minutes == 7


async def test_a_messages_incidents_and_handled_mark_are_one_transaction(
    store_thread: StoreThread[Store], clock: FrozenClock
) -> None:
    runtime = Runtime(Settings(), store_thread, {}, clock)
    assert await runtime.handle(chat(1))
    statements: list[str] = []
    store_thread.store.db.conn.set_trace_callback(statements.append)
    try:
        assert await runtime.handle(message(2, "各位：周五前交季度总结，收到请回复"))
    finally:
        store_thread.store.db.conn.set_trace_callback(None)
    begins = [i for i, sql in enumerate(statements) if sql.upper().startswith("BEGIN")]
    marks = [i for i, sql in enumerate(statements) if "INTO handled_messages" in sql]
    [mark] = marks
    begin = max(i for i in begins if i < mark)
    commit = next(i for i, sql in enumerate(statements) if i > mark and sql.upper() == "COMMIT")
    inside = statements[begin:commit]
    assert any("INTO incidents" in sql for sql in inside), statements
    [(kind,)] = await store_thread.call(
        lambda: store_thread.store.db.execute("SELECT kind FROM incidents").fetchall()
    )
    assert kind == "ack_request"


async def test_a_group_new_to_memory_is_read_in_one_store_call(
    store_thread: StoreThread[Store], clock: FrozenClock
) -> None:
    """Its settings, reminder history, detector state, newest notice and incidents reminded
    about, and the "group seen" write: one wait for the store's thread, then the message's
    commit."""
    runtime = Runtime(Settings(), store_thread, {}, clock)
    before = store_thread.calls
    assert await runtime.handle(chat(1, group_name="一组"))
    assert store_thread.calls - before == 2  # the group's read, the message's commit
    [record] = await store_thread.call(store_thread.store.groups)
    assert (record.id, record.name) == ("g1", "一组")  # "group seen" written with the read
    before = store_thread.calls
    clock.advance(seconds=1)
    assert await runtime.handle(message(2, "收到"))  # an ack: the newest notice was kept
    assert store_thread.calls - before == 1
    before = store_thread.calls
    clock.advance(seconds=1)  # a demand opens an incident: the reminded ones were read too
    assert await runtime.handle(message(3, "各位：周五前交季度总结，收到请回复"))
    assert store_thread.calls - before == 1


async def test_a_group_read_back_after_a_restart_keeps_its_pile_up_and_settings(
    store_thread: StoreThread[Store], clock: FrozenClock
) -> None:
    settings = Settings(admins=("u1",))
    first = Runtime(settings, store_thread, {}, clock)
    assert await first.handle(message(1, "/jianfu set cooldown_minutes 7"))
    assert await first.handle(message(2, "各位：周五前交季度总结，收到请回复"))
    for n in range(3, 5):
        clock.advance(seconds=1)
        assert await first.handle(message(n, "收到"))
    await first.save_states()
    second = Runtime(settings, store_thread, {}, clock)  # a restart on the same database
    for n in range(5, 8):
        clock.advance(seconds=1)
        assert await second.handle(message(n, "收到"))
    assert (await second.group_settings("g1")).cooldown_minutes == 7
    stacks = [
        i for i in await store_thread.call(store_thread.store.incidents, "g1") if i.kind == "stack"
    ]
    assert [s.members for s in stacks] == [5]  # two acks before the restart, three after

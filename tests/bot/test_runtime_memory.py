"""Bounded memory: 10,000 groups each seen once, then idle past `idle_after` — after the
expiry job no per-group object is left: the objects are counted (the garbage collector's view
of every live detector record, group lock and group settings), not timed. Bytes per group are
measured in `benchmarks/memory_groups.py`, not here."""

from __future__ import annotations

import asyncio
import gc
from datetime import timedelta

from bot.runtime import Runtime
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from handlers.group_settings import GroupSettings
from policies.detect_state import GroupState
from tests.bot.fakechat import FakeChat
from tests.conftest import FrozenClock, message

GROUPS = 10_000
NOTICE = "各位同事：今天下午的例会改到三楼会议室，请相互转告。"


def live(kind: type) -> int:
    gc.collect()
    return sum(1 for obj in gc.get_objects() if type(obj) is kind)


async def test_ten_thousand_idle_groups_leave_nothing_behind(
    store_thread: StoreThread[Store],
) -> None:
    clock = FrozenClock()
    idle = timedelta(minutes=10)
    runtime = Runtime(Settings(), store_thread, {"fakechat": FakeChat()}, clock, idle_after=idle)
    before = {kind: live(kind) for kind in (GroupState, asyncio.Lock, GroupSettings)}
    for start in range(0, GROUPS, 1000):  # a thousand groups' messages at a time
        batch = [message(n, NOTICE, f"g{n}", minute=0) for n in range(start, start + 1000)]
        assert all(await asyncio.gather(*(runtime.handle(m) for m in batch)))
    assert runtime.groups_in_memory == GROUPS
    assert live(GroupState) >= before[GroupState] + GROUPS
    assert live(asyncio.Lock) >= before[asyncio.Lock] + GROUPS

    clock.advance(minutes=15)
    await runtime.expire()

    assert runtime.groups_in_memory == 0
    assert live(GroupState) == before[GroupState]
    assert live(asyncio.Lock) == before[asyncio.Lock]
    assert live(GroupSettings) <= before[GroupSettings] + 1  # the config's defaults, shared
    states = await store_thread.call(store_thread.store.detector_state, "g9999")
    assert states is not None  # what left memory was saved: read back with the next message

"""Two workers on one PostgreSQL database racing for the same message, their steps ordered.

Both receive message k; B looks it up (not handled yet) and feeds its detector, then A handles
it completely, then B's "handled" mark finds A's. B's detector took message k exactly once and
must keep it: A handled it, and B's windows have to see every message of the group (as for a
message another worker handled before B looked, `bot.shared_db`). Dropping B's state there
and reading back the one last saved — A's, saved at most every `GROWTH_SAVE_EVERY` while a
pile-up grows, so without message k — made B count a member too few from then on.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

from bot.store import MessageWrite, Store
from bot.store.thread import StoreThread
from tests.bot.test_two_workers import STREAM, rows, workers

TIMEOUT = 10.0  # seconds: a step that never comes fails the test instead of hanging it


class GatedStore(Store):
    """A store whose group commit waits, once `gate` is armed, until the test opens it."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.gate: threading.Event | None = None
        self.waiting = threading.Event()  # a commit is held at the gate

    def commit_messages(self, writes: Sequence[MessageWrite]) -> list[list[bool] | None]:
        gate = self.gate
        if gate is not None:
            self.waiting.set()
            if not gate.wait(TIMEOUT):
                raise TimeoutError("the gate was never opened")
        return super().commit_messages(writes)


async def test_the_loser_of_the_handled_mark_keeps_the_message_in_its_detector(
    pg_url: str,
) -> None:
    async with workers(pg_url) as (a, b):
        await b.thread.close()  # B again, on a store whose commits the test can hold
        b.thread = StoreThread(lambda: GatedStore(pg_url), Store.close)
        await b.open()
        store = b.thread.store
        assert isinstance(store, GatedStore)
        for msg in STREAM[:6]:  # the notice and five 收到 (a pile-up): A first, B after
            for worker in (a, b):
                worker.clock.now = msg.time
                assert await worker.runtime.handle(msg)

        race = STREAM[6]  # the pile-up only grows: A saves no detector state with it
        a.clock.now = b.clock.now = race.time
        store.gate = threading.Event()
        b_handles = asyncio.create_task(b.runtime.handle(race))
        assert await asyncio.to_thread(store.waiting.wait, TIMEOUT), "B looked, fed, commits"
        assert await a.runtime.handle(race)  # A marks it handled first
        store.gate.set()
        assert await asyncio.wait_for(b_handles, TIMEOUT), "B's mark found A's: handled"
        store.gate = None
        assert b.runtime.pipeline.detector.tracks("g1"), "B kept its detector state"

        for msg in STREAM[7:]:  # B first now: its detector's counts are what is recorded
            for worker in (b, a):
                worker.clock.now = msg.time
                assert await worker.runtime.handle(msg)
        [stack] = rows(a, "SELECT members FROM incidents WHERE kind = 'stack'")
        assert stack["members"] == len(STREAM) - 1, "every 收到 counted, whoever marked it"

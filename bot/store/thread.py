"""The one thread that owns the SQLite connection: blocking store calls never run on the loop.

SQLite connections belong to the thread that opened them, so the store is opened, used and
closed on one thread of its own; callers `await thread.call(fn, *args)`. Calls run in
submission order, which keeps an incident's updates in the order the detector reported them.

The thread takes every call queued when it wakes, runs them in order and hands all their
results back to the loop at once: one wake-up of each side per batch of calls instead of one
per call (a thread pool's per-call hand-off cost as much as the queries at a thousand
messages a second). The queue is a `queue.SimpleQueue` (C, no Python-level lock around
Python code): with a `threading.Condition` the loop's `notify` waited for the lock the store's
thread held while it lost the GIL, ~3 % of the loop's samples at 1,000 msg/s.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

# The interpreter's switch interval for a process with a store thread (`jianfu run` sets it).
# SQLite lets go of the GIL for every statement; taking it back while the loop runs Python
# waits out the switch interval — 5 ms by default, for each statement of a batch: a commit of
# 20 messages took ~50 ms instead of 0.3 ms alone; at 0.5 ms ~6 ms, at 0.2 ms 0.5-4 ms
# (`benchmarks/store_commit.py`). It costs nothing while no other thread asks for the GIL.
SWITCH_INTERVAL = 0.0002

S = TypeVar("S")
R = TypeVar("R")

# One queued call: what to run, the future for its result, the loop that waits for it.
_Job = tuple[Callable[[], Any], "asyncio.Future[Any]", asyncio.AbstractEventLoop]
# Its outcome: the future, whether it returned (else raised), the value or exception.
_Done = tuple["asyncio.Future[Any]", bool, Any]


class StoreClosed(RuntimeError):
    """A store call after the store was closed (or before it was opened)."""


class StoreThread(Generic[S]):
    """Opens a store with `opener()` on its own thread and runs every call there."""

    def __init__(self, opener: Callable[[], S], closer: Callable[[S], Any] | None = None) -> None:
        self._opener = opener
        self._closer = closer
        self._thread: threading.Thread | None = None
        self._store: S | None = None
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()  # None: to end
        self.calls = 0  # calls handed to the thread so far: each a wait for its wake-up

    async def open(self) -> S:
        self._jobs = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._work, name="jianfu-store", daemon=True)
        self._thread.start()
        self._store = await self._run(self._opener)
        return self._store

    async def close(self) -> None:
        thread, store = self._thread, self._store
        self._store = None
        if thread is None:
            return
        try:
            if store is not None and self._closer is not None:
                closer = self._closer
                await self._run(lambda: closer(store))
        finally:
            self._thread = None
            self._jobs.put(None)
            await asyncio.get_running_loop().run_in_executor(None, thread.join)

    @property
    def store(self) -> S:
        if self._store is None:
            raise StoreClosed("the store is not open")
        return self._store

    async def call(self, fn: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        """Run `fn(*args, **kwargs)` on the store's thread and return its result."""
        if self._store is None:
            raise StoreClosed("the store is not open")
        return await self._run(lambda: fn(*args, **kwargs))

    async def _run(self, fn: Callable[[], R]) -> R:
        if self._thread is None:
            raise StoreClosed("the store is not open")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[R] = loop.create_future()
        self.calls += 1
        self._jobs.put((fn, future, loop))
        return await future

    def _work(self) -> None:
        """The store's thread: take what is queued, run it in order, hand the results back.
        Nothing of a batch is kept while waiting for the next (a batch may hold every
        group's detector state)."""
        jobs = self._jobs
        while True:
            batch = [jobs.get()]
            with contextlib.suppress(queue.Empty):
                while True:
                    batch.append(jobs.get_nowait())
            if not _run(batch):
                return


def _run(jobs: list[_Job | None]) -> bool:
    """Run the jobs in order and hand their outcomes back; False at the end marker."""
    finished: dict[asyncio.AbstractEventLoop, list[_Done]] = {}
    try:
        for job in jobs:
            if job is None:
                return False
            fn, future, loop = job
            try:
                outcome: _Done = (future, True, fn())
            except BaseException as exc:  # handed to the caller, raised there
                outcome = (future, False, exc)
            finished.setdefault(loop, []).append(outcome)
        return True
    finally:
        jobs.clear()
        _hand_back(finished)


def _hand_back(finished: dict[asyncio.AbstractEventLoop, list[_Done]]) -> None:
    for loop, outcomes in finished.items():
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody waits any more
            loop.call_soon_threadsafe(_settle, outcomes)


def _settle(outcomes: list[_Done]) -> None:
    for future, returned, value in outcomes:
        if future.done():  # the caller was cancelled
            continue
        if returned:
            future.set_result(value)
        else:
            future.set_exception(value)

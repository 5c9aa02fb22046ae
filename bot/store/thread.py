"""The one thread that owns the SQLite connection: blocking store calls never run on the loop.

SQLite connections belong to the thread that opened them, so the store is opened, used and
closed on a single-worker executor; callers `await thread.call(fn, *args)`. Calls run in
submission order, which keeps an incident's updates in the order the detector reported them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar

S = TypeVar("S")
R = TypeVar("R")


class StoreClosed(RuntimeError):
    """A store call after the store was closed (or before it was opened)."""


class StoreThread(Generic[S]):
    """Opens a store with `opener()` on its own thread and runs every call there."""

    def __init__(self, opener: Callable[[], S], closer: Callable[[S], Any] | None = None) -> None:
        self._opener = opener
        self._closer = closer
        self._executor: ThreadPoolExecutor | None = None
        self._store: S | None = None

    async def open(self) -> S:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jianfu-store")
        self._store = await self._run(self._opener)
        return self._store

    async def close(self) -> None:
        executor, store = self._executor, self._store
        self._store = None
        if executor is None:
            return
        try:
            if store is not None and self._closer is not None:
                await asyncio.get_running_loop().run_in_executor(executor, self._closer, store)
        finally:
            self._executor = None
            executor.shutdown(wait=True)

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
        if self._executor is None:
            raise StoreClosed("the store is not open")
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

"""A platform message handed to the runtime, answered once it is handled (DingTalk, Feishu).

Both platforms want an answer within a few seconds and deliver again what was not answered
with a 2xx. `Delivery.handled(bound)` waits until the runtime has recorded the message, or has
begun to reply about it (what it records before replying is committed), at most `bound`
seconds; `REPLYING` is the task-local event an adapter's first `send` sets (a `Replying`).

The wait is one future woken by whichever comes first — the task's end, the reply, the bound —
not a task per wait: at a thousand messages a second `asyncio.wait` over a helper task cost
as much as the rest of the adapter.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field

# Set inside a delivery's task (each task has its own context): the flag its first `send` sets.
REPLYING: ContextVar[Replying | None] = ContextVar("replying", default=None)


class Replying:
    """The flag "the handler began to reply"; setting it wakes the `Delivery` waiters. A plain
    flag, not an `asyncio.Event` (nothing awaits it but through `Delivery`): one is made per
    message, and an Event's making was a fifth of a delivery's cost."""

    __slots__ = ("_set", "_wake")

    def __init__(self) -> None:
        self._set = False
        self._wake: list[Callable[[], None]] = []

    def is_set(self) -> bool:
        return self._set

    def set(self) -> None:
        if self._set:
            return
        self._set = True
        for wake in list(self._wake):
            wake()

    def on_set(self, wake: Callable[[], None]) -> None:
        self._wake.append(wake)

    def forget(self, wake: Callable[[], None]) -> None:
        if wake in self._wake:
            self._wake.remove(wake)


@dataclass(slots=True)
class Delivery:
    """One message handed to the runtime: its task, and whether its handler is replying."""

    task: asyncio.Task[bool]
    replying: Replying = field(default_factory=Replying)

    async def handled(self, bound: float) -> bool:
        """Wait until the handler finished or began to reply, at most `bound` seconds. True
        when it is handled (or replying); False when the runtime could not record it or the
        bound ran out first."""
        if not self.task.done() and not self.replying.is_set():
            await self._wait(bound)
        if self.replying.is_set():
            return True
        return self.task.done() and not self.task.cancelled() and self.task.result()

    async def _wait(self, bound: float) -> None:
        loop = asyncio.get_running_loop()
        woken: asyncio.Future[None] = loop.create_future()

        def wake(*_: object) -> None:
            if not woken.done():
                woken.set_result(None)

        timer = loop.call_later(bound, wake)
        self.task.add_done_callback(wake)
        self.replying.on_set(wake)
        try:
            await woken
        finally:
            timer.cancel()
            self.task.remove_done_callback(wake)
            self.replying.forget(wake)

"""A platform message handed to the runtime, answered once it is handled (DingTalk, Feishu).

Both platforms want an answer within a few seconds and deliver again what was not answered
with a 2xx. `Delivery.handled(bound)` waits until the runtime has recorded the message, or has
begun to reply about it (what it records before replying is committed), at most `bound`
seconds; `REPLYING` is the task-local event an adapter's first `send` sets.
"""

from __future__ import annotations

import asyncio
from contextvars import ContextVar
from dataclasses import dataclass, field

# Set inside a delivery's task (each task has its own context): the event its first `send` sets.
REPLYING: ContextVar[asyncio.Event | None] = ContextVar("replying", default=None)


@dataclass(slots=True)
class Delivery:
    """One message handed to the runtime: its task, and whether its handler is replying."""

    task: asyncio.Task[bool]
    replying: asyncio.Event = field(default_factory=asyncio.Event)

    async def handled(self, bound: float) -> bool:
        """Wait until the handler finished or began to reply, at most `bound` seconds. True
        when it is handled (or replying); False when the runtime could not record it or the
        bound ran out first."""
        replying = asyncio.ensure_future(self.replying.wait())
        try:
            await asyncio.wait(
                {self.task, replying}, timeout=bound, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            replying.cancel()
        if self.replying.is_set():
            return True
        return self.task.done() and not self.task.cancelled() and self.task.result()

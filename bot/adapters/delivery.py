"""A platform message handed to the runtime, answered once it is handled (DingTalk, Feishu).

Both platforms want an answer within a few seconds and deliver again what was not answered
with a 2xx. `Delivery.handled(bound)` waits until the runtime has recorded the message, or has
begun to reply about it (what it records before replying is committed), at most `bound`
seconds; `REPLYING` is the task-local event an adapter's first `send` sets (a `Replying`).

The wait is one future woken by whichever comes first — the task's end, the reply, the bound —
not a task per wait: at a thousand messages a second `asyncio.wait` over a helper task cost
as much as the rest of the adapter. The bounds share one loop timer (`Deadlines`): every wait
of an adapter has the same bound, so the earliest to run out is the oldest still waiting,
and a `call_later` made and cancelled per message is not needed.

`InFlight` holds the deliveries being handled, by message id, and decides back-pressure: while
`max_pending` of them are in flight (the store fell behind), `shed()` says a new callback is to
be answered 503 at once, before it is parsed, and nothing of it kept — the platform delivers it
again, so latency stays bounded instead of queueing behind the store.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

BUSY = "busy: too many messages being handled; deliver it again"  # a shed callback's reason

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


class Deadlines:
    """Wakes each wait `bound` seconds after it began, unless discarded first, from one loop
    timer armed for the earliest: the waits share the bound, so they run out in the order
    they began (a dict keeps that order). Used on the loop's thread only."""

    __slots__ = ("_timer", "_waits", "bound")

    def __init__(self, bound: float) -> None:
        self.bound = bound
        self._waits: dict[Callable[[], None], float] = {}  # wake → when its bound runs out
        self._timer: asyncio.TimerHandle | None = None

    def __len__(self) -> int:
        return len(self._waits)

    def add(self, wake: Callable[[], None]) -> None:
        """Call `wake()` once `bound` seconds have passed (unless `discard`ed before)."""
        loop = asyncio.get_running_loop()
        due = loop.time() + self.bound
        self._waits[wake] = due
        if self._timer is None:
            self._timer = loop.call_at(due, self._run_out, loop)

    def discard(self, wake: Callable[[], None]) -> None:
        self._waits.pop(wake, None)  # the timer stays: when it fires it re-arms or stops

    def _run_out(self, loop: asyncio.AbstractEventLoop) -> None:
        """Wake every wait whose bound ran out; re-arm for the next one, if any."""
        self._timer = None
        now = loop.time()
        while self._waits:
            wake, due = next(iter(self._waits.items()))
            if due > now:
                self._timer = loop.call_at(due, self._run_out, loop)
                return
            del self._waits[wake]
            wake()


@dataclass(slots=True)
class Delivery:
    """One message handed to the runtime: its task, and whether its handler is replying."""

    task: asyncio.Task[bool]
    replying: Replying = field(default_factory=Replying)

    async def handled(self, deadlines: Deadlines) -> bool:
        """Wait until the handler finished or began to reply, at most `deadlines.bound`
        seconds. True when it is handled (or replying); False when the runtime could not
        record it or the bound ran out first."""
        if not self.task.done() and not self.replying.is_set():
            await self._wait(deadlines)
        if self.replying.is_set():
            return True
        return self.task.done() and not self.task.cancelled() and self.task.result()

    async def _wait(self, deadlines: Deadlines) -> None:
        woken: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def wake(*_: object) -> None:
            if not woken.done():
                woken.set_result(None)

        deadlines.add(wake)
        self.task.add_done_callback(wake)
        self.replying.on_set(wake)
        try:
            await woken
        finally:
            deadlines.discard(wake)
            self.task.remove_done_callback(wake)
            self.replying.forget(wake)


class InFlight:
    """The deliveries being handled, by message id, the back-pressure decision over them, and
    the wait for each to be handled (at most `bound` seconds)."""

    __slots__ = ("_by_id", "_deadlines", "_name", "max_pending", "shed_count")

    def __init__(self, name: str, max_pending: int, bound: float) -> None:
        self._name = name  # the adapter's, for the log line
        self._by_id: dict[str, Delivery] = {}
        self._deadlines = Deadlines(bound)
        self.max_pending = max_pending
        self.shed_count = 0  # callbacks answered 503 because `max_pending` were in flight

    async def handled(self, delivery: Delivery) -> bool:
        """`delivery.handled` within the bound: False when it is not recorded by then."""
        return await delivery.handled(self._deadlines)

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, message_id: str) -> Delivery | None:
        return self._by_id.get(message_id)

    def add(self, message_id: str, delivery: Delivery) -> Delivery:
        self._by_id[message_id] = delivery
        return delivery

    def discard(self, message_id: str) -> None:
        self._by_id.pop(message_id, None)

    def shed(self) -> bool:
        """True (counted, logged at the first and every 1,000th) when `max_pending` messages
        are being handled: the new callback is to be answered 503 `BUSY` without parsing it."""
        if len(self._by_id) < self.max_pending:
            return False
        self.shed_count += 1
        if self.shed_count == 1 or self.shed_count % 1000 == 0:
            log.warning("%s: %d callback(s) answered 503: busy", self._name, self.shed_count)
        return True

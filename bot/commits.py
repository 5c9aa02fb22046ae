"""Group commit: the messages being handled commit together, in one transaction per batch.

Each handled message ends with a write — its incidents, its "handled" mark, perhaps its
group's detector state (`bot.store.MessageWrite`). Committing each in its own transaction
costs a transaction (and its WAL pages) per message; here they queue and the store's thread
commits whatever has queued in ONE transaction (`Store.commit_messages`), as databases do with
their log. The first write after a quiet spell commits alone at once; writes that arrive
while a batch is committing form the next batch (at most `MAX_BATCH`), so batches grow with the
load and latency stays one commit or two. While busy (a batch committed within `BUSY`), a batch
first lingers `LINGER` for more writes: each batch costs the store's thread a wake-up, two
statements and a hand-off of the GIL per statement, so at a thousand messages a second batches
of ~2 cost more than the handling they record (batches of ~5 with the linger: live bench CPU
~640 → ~560 µs/msg, p50 +2 ms).

The durability promise holds: `commit` returns only once its batch has committed, and the
adapters answer the platform only after that (acknowledged ⇒ committed). When the batch's
transaction fails, every write in it raises the error: none of them is kept, each message
is answered "not handled" and the platform delivers it again. A crash loses only messages
not yet answered, which the platform delivers again.
"""

from __future__ import annotations

import asyncio

from bot.metrics import Metrics
from bot.store import MessageWrite, Store
from bot.store.thread import StoreThread

MAX_BATCH = 256  # writes committed in one transaction at most
LINGER = 0.002  # seconds a batch waits for more writes while busy
BUSY = 0.05  # busy: the last batch committed within this many seconds

Committed = list[bool] | None  # per incident: new?  None: the message was handled before


class GroupCommit:
    """Queues message writes and commits them in batches on the store's thread."""

    def __init__(
        self,
        store: StoreThread[Store],
        metrics: Metrics | None = None,
        max_batch: int = MAX_BATCH,
        linger: float = LINGER,
    ) -> None:
        self._store = store
        self._metrics = metrics or Metrics()
        self._max_batch = max_batch
        self._linger = linger
        self._last = float("-inf")  # when the last batch committed (the loop's clock)
        self._queue: list[tuple[MessageWrite, asyncio.Future[Committed]]] = []
        self._flusher: asyncio.Task[None] | None = None

    async def commit(self, write: MessageWrite) -> Committed:
        """Commit `write` with the others queued now; whether each of its incidents is new,
        None when its message was handled before (nothing written). Raises the store's error
        when its batch could not commit (nothing of it kept)."""
        done: asyncio.Future[Committed] = asyncio.get_running_loop().create_future()
        self._queue.append((write, done))
        if self._flusher is None:
            self._flusher = asyncio.get_running_loop().create_task(self._flush())
        return await done  # a cancelled waiter's write still commits with its batch

    @property
    def pending(self) -> int:
        """Writes queued, not yet in a committing batch."""
        return len(self._queue)

    async def _flush(self) -> None:
        """Commit batches until the queue is empty (lingering first while busy)."""
        loop = asyncio.get_running_loop()
        try:
            while self._queue:
                if len(self._queue) < self._max_batch and loop.time() - self._last < BUSY:
                    await asyncio.sleep(self._linger)
                batch = self._queue[: self._max_batch]
                del self._queue[: self._max_batch]
                await self._commit(batch)
                self._last = loop.time()
        finally:
            self._flusher = None

    async def _commit(self, batch: list[tuple[MessageWrite, asyncio.Future[Committed]]]) -> None:
        self._metrics.commits.inc()
        self._metrics.committed.inc(len(batch))
        store = self._store
        try:
            results = await store.call(store.store.commit_messages, [w for w, _ in batch])
        except Exception as exc:  # each waiter raises it: none of the batch is kept
            for _, done in batch:
                if not done.done():
                    done.set_exception(exc)
            return
        for (_, done), new in zip(batch, results, strict=True):
            if not done.done():
                done.set_result(new)

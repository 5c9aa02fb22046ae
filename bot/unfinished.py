"""Commands a worker claimed and never finished, shown to the operator (`/metrics`, the log).

A worker killed between a command's claim and its answer leaves the claim `claimed`: the
platform's next delivery of the message is answered by whoever gets it, once the claim is
older than `COMMAND_STALE` (`bot.handled`). When no delivery comes back (WeChat delivers
nothing again; a platform that gave up), or the worker was killed while answering
(`answering`: maybe answered, never again), the claim stays unfinished. Every
`EXPIRE_EVERY`-ish pass (`check`) reads the claims older than twice the bound, logs one
WARNING per claim newly found (platform, group and message ids: nothing of the text), and
keeps their number for `jianfu_commands_unfinished` — a plain int read at scrape time.
"""

from __future__ import annotations

import logging

from bot.clock import Clock
from bot.handled import COMMAND_STALE
from bot.store import Store
from bot.store.thread import StoreThread

log = logging.getLogger(__name__)

SEEN_LIMIT = 10_000  # unfinished claims remembered as logged (they are purged after 2 days)


class UnfinishedCommands:
    """The unfinished command claims in the database; `count` for `/metrics`."""

    def __init__(self, store: StoreThread[Store], clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._logged: set[tuple[str, str, str, str]] = set()
        self.count = 0  # claims older than 2 × COMMAND_STALE and not done, at the last check

    async def check(self) -> int:
        """Read them again; log each one not logged before. How many there are."""
        before = self._clock() - 2 * COMMAND_STALE  # a redelivery had its chance
        store = self._store.store
        rows = await self._store.call(store.unfinished_commands, before)
        self.count = len(rows)
        if len(self._logged) > SEEN_LIMIT:
            self._logged.clear()
        for row in rows:
            key = (row["platform"], row["group_id"], row["message_id"], row["status"])
            if key in self._logged:
                continue
            self._logged.add(key)
            log.warning(
                "commands: the command in message %s (%s, group %s) was claimed by %s at %s and "
                "never finished (%s): %s",
                row["message_id"],
                row["platform"],
                row["group_id"],
                row["claimed_by"] or "an unknown worker",
                row["claimed_at"],
                row["status"],
                _WHAT[str(row["status"])],
                extra={"group_id": row["group_id"], "platform": row["platform"]},
            )
        return self.count


_WHAT = {
    "claimed": "no answer went out; it is answered if the platform delivers it again, "
    "else ask the admin to send it again",
    "answering": "its reply may have gone out; it is not answered again — check the group "
    "and the audit log",
}

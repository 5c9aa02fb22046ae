"""What a runtime does differently when other bot processes share its database (PostgreSQL:
several bot accounts, each its own `jianfu run`, maybe two of them in one group).

- What it keeps in memory of the groups that another worker may change (their settings, the
  reminder history of the day) is read again every `SHARED_READ_EVERY`, so an admin's
  `/jianfu pause` through one bot account reaches the others within seconds. The reminder
  history kept is the fast path only: the cooldown and the daily cap hold across workers
  because the store writes a reminder's intent only when they allow it
  (`Store.claim_reminder`).
- A message another worker in the same group handled first (its `handled_messages` row is
  there) still goes through this worker's detector — its windows must see every message of
  the group, or two workers splitting a pile-up between them would each count too few — but
  nothing is done about it: the other worker did. A message this worker fed itself (a
  platform's retry) is skipped, as on SQLite.
- `/jianfu forget` through one worker erases the member from the store and that worker's
  detector; the store notes the forget (`forgotten`, kept `FORGET_KEEP`), and every other
  worker, at its next re-read (`SHARED_READ_EVERY`, and at each expiry run when it gets no
  messages, before an idle group's state is saved), scrubs the member from its detector in
  memory and from the group's saved state, so none saves them back. A message a worker
  handles in that group within those seconds may save its state with the member once more;
  the re-read scrubs it again.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

from bot.adapters.lru import LruCache


def process_name() -> str:
    """host:pid — which worker claimed a digest or a command (the `claimed_by` columns)."""
    return f"{socket.gethostname()}:{os.getpid()}"


SHARED_READ_EVERY = timedelta(seconds=5)  # settings and reminder history read again
FED_KEEP = 10_000  # message ids this worker's detector took, kept to tell retries


class SharedDatabase:
    """A worker's memory of what it read and fed, for a database other workers write too."""

    def __init__(self) -> None:
        self._fed: LruCache[tuple[str, str], bool] = LruCache(FED_KEEP)
        self._read_at: datetime | None = None
        self._forgets_applied: set[int] = set()  # ids of `forgotten` rows this worker applied

    def reread_due(self, now: datetime) -> bool:
        """True once every `SHARED_READ_EVERY`: drop what was read of the groups."""
        last = self._read_at
        if last is not None and timedelta(0) <= now - last < SHARED_READ_EVERY:
            return False
        self._read_at = now
        return True

    def fed_here(self, platform: str, message_id: str) -> bool:
        return self._fed.get((platform, message_id)) is not None

    def note_fed(self, platform: str, message_id: str) -> None:
        self._fed.put((platform, message_id), True)

    def forget_fed(self, platform: str, message_id: str) -> None:
        """The detector's state with the message was dropped (its handling failed)."""
        self._fed.pop((platform, message_id))

    def new_forgets(self, recent: list[tuple[int, str, list[str]]]) -> list[tuple[str, list[str]]]:
        """Of the store's recent forgets (`Store.recent_forgets`), those this worker has not
        applied yet: (group_id, names). Ids are compared, not times: on PostgreSQL a forget
        with a smaller id may commit after one with a larger id was read."""
        new = [(gid, names) for i, gid, names in recent if i not in self._forgets_applied]
        self._forgets_applied = {i for i, _, _ in recent}
        return new

"""The last message ids an adapter saw, so a retried or replayed message is processed once."""

from __future__ import annotations

from collections import OrderedDict


class RecentIds:
    """The `limit` most recently seen message ids; the least recently seen is forgotten first."""

    def __init__(self, limit: int) -> None:
        self.limit = max(1, limit)
        self._ids: OrderedDict[str, None] = OrderedDict()

    def __contains__(self, message_id: object) -> bool:
        if not isinstance(message_id, str) or message_id not in self._ids:
            return False
        self._ids.move_to_end(message_id)
        return True

    def add(self, message_id: str) -> bool:
        """Remember `message_id`; False when it was already there."""
        if message_id in self:
            return False
        self._ids[message_id] = None
        while len(self._ids) > self.limit:
            self._ids.popitem(last=False)
        return True

    def discard(self, message_id: str) -> None:
        """Forget `message_id` (its handling failed: a redelivery is to be processed)."""
        self._ids.pop(message_id, None)

    def __len__(self) -> int:
        return len(self._ids)

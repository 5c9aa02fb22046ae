"""The last message ids an adapter saw, so a retried or replayed message is processed once."""

from __future__ import annotations

from bot.adapters.lru import LruCache


class RecentIds:
    """The `limit` most recently seen message ids; the least recently seen is forgotten first."""

    def __init__(self, limit: int) -> None:
        self._ids: LruCache[str, bool] = LruCache(limit)
        self.limit = self._ids.limit

    def __contains__(self, message_id: object) -> bool:
        return isinstance(message_id, str) and self._ids.get(message_id) is not None

    def add(self, message_id: str) -> bool:
        """Remember `message_id`; False when it was already there."""
        if message_id in self:
            return False
        self._ids.put(message_id, True)
        return True

    def discard(self, message_id: str) -> None:
        """Forget `message_id` (its handling failed: a redelivery is to be processed)."""
        self._ids.pop(message_id)

    def __len__(self) -> int:
        return len(self._ids)

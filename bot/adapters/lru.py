"""One bounded LRU for the adapters: `LruCache` (a dict that forgets its least recently used
entry beyond a limit). Message ids seen (`bot.adapters.recent`), WeChat's room and name caches
and DingTalk's session webhooks are kept in it, so an adapter's memory stays bounded."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LruCache(Generic[K, V]):
    """A dict that forgets its least recently used entry beyond `limit` entries."""

    def __init__(self, limit: int) -> None:
        self.limit = max(1, limit)
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.limit:
            self._items.popitem(last=False)

    def pop(self, key: K) -> None:
        self._items.pop(key, None)

    def items(self) -> list[tuple[K, V]]:
        """Every entry, least recently used first (reading them changes no order)."""
        return list(self._items.items())

    def drop_where(self, predicate: Callable[[K], bool]) -> None:
        for key in [key for key in self._items if predicate(key)]:
            del self._items[key]

    def __len__(self) -> int:
        return len(self._items)

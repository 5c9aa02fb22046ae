"""An app access token, cached until shortly before it expires (DingTalk's and Feishu's open APIs)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable


class TokenCache:
    """One access token: `get(fetch)` returns it while fresh, else awaits `fetch()` — which
    answers (token, lifetime in seconds) — once for all callers; `invalidate()` drops it.

    A token is fetched afresh `margin` seconds before its lifetime ends; `fetched` counts the
    fetches (status, tests)."""

    def __init__(self, clock: Callable[[], float], margin: float) -> None:
        self._clock = clock
        self._margin = margin
        self._token = ""
        self._until = 0.0  # clock() after which the token is fetched afresh
        self._lock = asyncio.Lock()
        self.fetched = 0

    async def get(self, fetch: Callable[[], Awaitable[tuple[str, float]]]) -> str:
        async with self._lock:
            if self._token and self._clock() < self._until:
                return self._token
            token, lifetime = await fetch()
            self._token = token
            self._until = self._clock() + max(0.0, lifetime - self._margin)
            self.fetched += 1
            return token

    def invalidate(self) -> None:
        self._token, self._until = "", 0.0

"""The app access token of DingTalk's and Feishu's open APIs: cached until shortly before it
expires (`TokenCache`), and the client both APIs' calls build on (`TokenClient`)."""

from __future__ import annotations

import asyncio
import time
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import aiohttp

S = TypeVar("S")


class TokenCache:
    """One access token: `get(fetch)` returns it while fresh, else awaits `fetch()` — which
    answers (token, seconds it may be used) — once for all callers; `invalidate()` drops it.
    `fetched` counts the fetches (status, tests)."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._token = ""
        self._until = 0.0  # clock() after which the token is fetched afresh
        self._lock = asyncio.Lock()
        self.fetched = 0

    async def get(self, fetch: Callable[[], Awaitable[tuple[str, float]]]) -> str:
        async with self._lock:
            if self._token and self._clock() < self._until:
                return self._token
            token, usable = await fetch()
            self._token = token
            self._until = self._clock() + max(0.0, usable)
            self.fetched += 1
            return token

    def invalidate(self) -> None:
        self._token, self._until = "", 0.0


class TokenClient(ABC, Generic[S]):
    """An open-API client over the app's one HTTP session, with a cached access token."""

    def __init__(
        self,
        settings: S,
        http: Callable[[], aiohttp.ClientSession | None],
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.settings = settings
        self._http = http
        self._clock = clock
        self._sleep = sleep
        self._token = TokenCache(clock)

    @property
    def tokens_fetched(self) -> int:
        """How many times a token was fetched (status, tests)."""
        return self._token.fetched

    async def token(self) -> str:
        """The cached access token, fetched when absent or about to expire."""
        return await self._token.get(self._fetch_token)

    def forget_token(self) -> None:
        """Drop the token (the platform refused it): the next call fetches a new one."""
        self._token.invalidate()

    @abstractmethod
    async def _fetch_token(self) -> tuple[str, float]:
        """A new token and the seconds it may be used (its lifetime less a margin)."""

"""What a DingTalk callback must not be trusted with, beyond its signature.

- The `sign` header covers only the `timestamp` header (`base64(HMAC-SHA256(appSecret,
  timestamp + "\\n" + appSecret))`), never the body: one captured pair would carry any body for
  as long as the timestamp is in the window. `UsedSigns` accepts each pair once.
  The window itself is the platform's: DingTalk's "机器人接收消息" documentation says a request
  whose timestamp is more than one hour from the current time is illegal ("timestamp
  与系统当前时间戳如果相差1小时以上，则认为是非法的请求"), so one hour it stays.
- The payload names the URL replies go to (`sessionWebhook`): only DingTalk's documented host
  (`https://oapi.dingtalk.com`) is posted to, plus the `host[:port]` entries of
  `DINGTALK_SESSION_HOSTS` (a private gateway, a test's fake server) — never a URL a payload
  invents (the bot's own admin port, a cloud metadata address).
- `createAt` is the sender's clock, as the payload says: it is kept within `skew` of the
  time the message was received.
"""

from __future__ import annotations

import functools
import heapq
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from bot.adapters.refusals import Refused

DOCUMENTED_SESSION_HOSTS = ("oapi.dingtalk.com:443",)  # where DingTalk's sessionWebhook points
USED_LIMIT = 50_000  # signed timestamps remembered (measured: 50,000 take 4.1 MB)
_DEFAULT_PORTS = {"http": 80, "https": 443}


class UsedSigns:
    """The signed callback timestamps accepted within the sign window; each is accepted once.

    The sign is a function of the timestamp alone, so the timestamp names the pair. Entries
    leave once their timestamp is out of the window (the window check refuses them then).
    Past `limit` live entries, the oldest is forgotten and every timestamp up to it is refused
    from then on: memory stays bounded and a forgotten pair can still never be replayed."""

    def __init__(self, window: timedelta, limit: int = USED_LIMIT) -> None:
        self._window_ms = int(window.total_seconds() * 1000)
        self._limit = max(1, limit)
        self._heap: list[int] = []
        self._used: set[int] = set()
        self._floor: int | None = None  # timestamps at or below were forgotten early

    def claim(self, timestamp: str, now: datetime) -> Refused | None:
        """Accept `timestamp` (already checked: a signed time in the window) once. Returns
        why it is refused, or None."""
        stamp = int(timestamp)
        self._expire(int(now.timestamp() * 1000))
        if stamp in self._used:
            return Refused("replayed", "timestamp and sign were already used (a replayed callback)")
        if self._floor is not None and stamp <= self._floor:
            return Refused("replay_forgotten", "timestamp is older than the replay memory holds")
        self._used.add(stamp)
        heapq.heappush(self._heap, stamp)
        while len(self._used) > self._limit:
            self._floor = heapq.heappop(self._heap)
            self._used.discard(self._floor)
        return None

    def release(self, timestamp: str) -> None:
        """Forget a claimed timestamp whose callback was answered 5xx: DingTalk may retry it
        with the same headers."""
        stamp = int(timestamp)
        if stamp in self._used:
            self._used.discard(stamp)
            self._heap.remove(stamp)
            heapq.heapify(self._heap)

    def __len__(self) -> int:
        return len(self._used)

    def _expire(self, now_ms: int) -> None:
        oldest = now_ms - self._window_ms
        while self._heap and self._heap[0] < oldest:
            self._used.discard(heapq.heappop(self._heap))


def host_port(entry: str) -> str:
    """One DINGTALK_SESSION_HOSTS entry, `host` or `host:port`, in lower case. A bare host
    allows the default port of the URL's scheme (443 for https, 80 for http). ValueError when
    `entry` is not a bare host with an optional port."""
    text = entry.strip()
    if not text or any(ch in text for ch in "/?#@ \t"):
        raise ValueError(f"{entry!r} is not host[:port]")
    try:
        parts = urlsplit("//" + text)
        host, port = parts.hostname, parts.port
    except ValueError:
        raise ValueError(f"{entry!r} is not host[:port]") from None
    if not host:
        raise ValueError(f"{entry!r} is not host[:port]")
    return f"{host}:{port}" if port else host


def session_host_allowed(url: str, extra_hosts: tuple[str, ...]) -> bool:
    """May a reply be POSTed to this `sessionWebhook`? DingTalk's documented host over HTTPS,
    or one of `extra_hosts` (`host_port` entries, from DINGTALK_SESSION_HOSTS) over HTTP(S).
    The answer depends on the URL's scheme and authority only, and is kept per origin (every
    message names its session's URL: parsing it each time was ~3 % of the loop's time)."""
    return _origin_allowed(_origin(url), extra_hosts)


def _origin(url: str) -> str:
    """`scheme://authority` of a URL: what comes before the path, query or fragment (the
    whole URL when it has no "://")."""
    start = url.find("://")
    if start < 0:
        return url
    ends = [i for i in (url.find(c, start + 3) for c in "/?#") if i >= 0]
    return url[: min(ends, default=len(url))]


@functools.lru_cache(maxsize=256)
def _origin_allowed(origin: str, extra_hosts: tuple[str, ...]) -> bool:
    try:
        parts = urlsplit(origin)
        host, port = parts.hostname, parts.port
    except ValueError:
        return False
    if parts.scheme not in _DEFAULT_PORTS or not host or parts.username or parts.password:
        return False
    default = _DEFAULT_PORTS[parts.scheme]
    where = f"{host}:{port or default}"
    if where in DOCUMENTED_SESSION_HOSTS and parts.scheme == "https":
        return True
    return where in extra_hosts or ((port or default) == default and host in extra_hosts)


def clamp_time(sent: datetime, received: datetime, skew: timedelta) -> datetime:
    """`sent` (the payload's createAt) kept within `skew` of `received`."""
    return min(max(sent, received - skew), received + skew)


def log_host(url: str) -> str:
    """The host[:port] of a URL, for a log line (never its path or query: they carry tokens)."""
    try:
        return repr(urlsplit(url).netloc.rsplit("@", 1)[-1][:100])
    except ValueError:
        return "an unparsable URL"

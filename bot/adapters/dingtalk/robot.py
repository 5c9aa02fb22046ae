"""Posting as a DingTalk robot: the message JSON, signatures, custom group robots' signed URLs
and their rate limit.

Session webhooks and custom group robots take the same body: `{"msgtype": "text", "text":
{"content"}, "at": {"atUserIds"}}` or `{"msgtype": "markdown", "markdown": {"title", "text"}}`.
A custom robot's URL is `/robot/send?access_token=X&timestamp=T&sign=S` with
S = urlquote(base64(HMAC-SHA256(key=secret, msg=f"{T}\n{secret}"))); it may post at most 20
messages a minute (DingTalk then throttles it for 10 minutes).
"""

from __future__ import annotations

import asyncio
import base64
import functools
import hashlib
import hmac
import time
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

ROBOT_ENDPOINT = "https://oapi.dingtalk.com"  # where custom group robots post
ROBOT_RATE = 20  # messages per robot per ROBOT_PERIOD (DingTalk throttles beyond it for 10 min)
ROBOT_PERIOD = 60.0  # seconds


@dataclass(frozen=True, slots=True)
class RobotWebhook:
    """A custom group robot (send only): its access token and its `SEC…` signing secret."""

    access_token: str = field(repr=False)
    secret: str = field(repr=False)


def sign(timestamp: str, secret: str) -> str:
    """base64(HMAC-SHA256(key=secret, msg=timestamp + "\\n" + secret)): callbacks and robots."""
    return base64.b64encode(sign_digest(timestamp, secret)).decode()


def sign_digest(timestamp: str, secret: str) -> bytes:
    """The HMAC-SHA256 digest `sign` encodes. The HMAC keyed with `secret` is set up once and
    copied for each signature: OpenSSL's key set-up costs ~5 µs, a copy ~0.5 µs, and every
    callback's signature is checked."""
    mac = _keyed(secret).copy()
    mac.update(f"{timestamp}\n{secret}".encode())
    return mac.digest()


@functools.lru_cache(maxsize=8)
def _keyed(secret: str) -> hmac.HMAC:
    return hmac.new(secret.encode(), digestmod=hashlib.sha256)


def robot_url(base: str, robot: RobotWebhook, timestamp_ms: int) -> str:
    """The signed custom-robot URL: /robot/send?access_token=X&timestamp=T&sign=S."""
    signature = quote(sign(str(timestamp_ms), robot.secret), safe="")
    token = quote(robot.access_token, safe="")
    return f"{base}/robot/send?access_token={token}&timestamp={timestamp_ms}&sign={signature}"


def reply_body(text: str, mentions: Sequence[str], *, markdown: bool) -> dict[str, Any]:
    """The robot message JSON that session webhooks and custom robots both accept."""
    body: dict[str, Any]
    if markdown:
        body = {"msgtype": "markdown", "markdown": {"title": markdown_title(text), "text": text}}
    else:
        body = {"msgtype": "text", "text": {"content": text}}
    if mentions:
        body["at"] = {"atUserIds": list(mentions)}
    return body


def markdown_title(text: str) -> str:
    """The notification preview of a markdown post: its first line, without markup."""
    for line in text.splitlines():
        stripped = line.strip().lstrip("#>*- ").strip("* ")
        if stripped:
            return stripped[:30]
    return "jianfu"


class RateLimit:
    """At most `limit` acquisitions per `period` seconds; `acquire` waits, first come first out."""

    def __init__(
        self,
        limit: int,
        period: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._limit = limit
        self._period = period
        self._clock = clock
        self._sleep = sleep
        self._stamps: deque[float] = deque()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                now = self._clock()
                while self._stamps and now - self._stamps[0] >= self._period:
                    self._stamps.popleft()
                if len(self._stamps) < self._limit:
                    self._stamps.append(now)
                    return
                await self._sleep(self._stamps[0] + self._period - now)

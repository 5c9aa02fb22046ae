"""Where the DingTalk adapter's posts go, first that can take them:

1. the conversation's `sessionWebhook` (from its latest message, while live; no auth);
2. the group's custom robot webhook (`[dingtalk.robots]`, signed, 20 a minute);
3. the robot API (`openapi`, when DINGTALK_ROBOT_CODE is set): `groupMessages/send` in a group,
   `oToMessages/batchSend` to a member's 1:1 chat (group "").

A notice (`notice`) goes through the robot API whenever it is on, since only that API returns a
`processQueryKey` to ask who has read it (`readers`); without it, a notice is posted like any
reply and has no reference. URLs carry tokens, so errors name only the host.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

import aiohttp

from bot.adapters.base import AdapterError
from bot.adapters.dingtalk.config import DingTalkSettings
from bot.adapters.dingtalk.delivery import SessionBook
from bot.adapters.dingtalk.openapi import NOT_READY, RobotApi, RobotApiError
from bot.adapters.dingtalk.payload import session_key
from bot.adapters.dingtalk.robot import (
    ROBOT_PERIOD,
    ROBOT_RATE,
    RateLimit,
    RobotWebhook,
    reply_body,
    robot_url,
)

log = logging.getLogger(__name__)

POST_TIMEOUT = aiohttp.ClientTimeout(total=10)
T = TypeVar("T")


class Outbox:
    """The adapter's way out: session webhooks, custom group robots, the robot API."""

    def __init__(
        self,
        settings: DingTalkSettings,
        robots: Mapping[str, RobotWebhook],
        http: Callable[[], aiohttp.ClientSession | None],
        *,
        wall: Callable[[], datetime],
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.settings = settings
        self.robots = robots  # conversationId → the group's custom robot
        self.sessions = SessionBook()
        self.api = (
            RobotApi(settings, http, clock=monotonic, sleep=sleep) if settings.robot_code else None
        )
        self._http = http
        self._wall = wall
        self._monotonic = monotonic
        self._sleep = sleep
        self._limits: dict[str, RateLimit] = {}
        self.last_error = ""

    async def send(
        self, group_id: str, text: str, mentions: Sequence[str], *, markdown: bool
    ) -> None:
        """Post in `group_id` (group "": the 1:1 chat with `mentions[0]`), first way first."""
        body = reply_body(text, mentions, markdown=markdown)
        session = self.sessions.live(session_key(group_id, mentions), self._wall())
        robot = self.robots.get(group_id) if group_id else None
        api = self.api is not None and bool(group_id or mentions)
        if session is not None:
            try:
                await self._post(session.url, body)
                return
            except AdapterError as exc:
                if robot is None and not api:
                    raise
                log.warning("dingtalk: session webhook failed (%s); posting another way", exc)
        if robot is not None:
            await self._limit(robot).acquire()
            timestamp = int(self._wall().timestamp() * 1000)
            await self._post(robot_url(self.settings.robot_endpoint, robot, timestamp), body)
        elif self.api is not None and api:
            await self._api_send(self.api, group_id, text, mentions, markdown=markdown)
        else:
            raise self._failed(
                f"no live session webhook for {group_id or 'the 1:1 chat'!r}, no group robot "
                "webhook configured and no robot API (DINGTALK_ROBOT_CODE)"
            )

    async def notice(self, group_id: str, text: str) -> str:
        """Post a notice in the group: through the robot API (its processQueryKey), or, with
        no API, like any post (""). When the API refuses it (a 4xx: nothing was posted) and a
        webhook can take it, it is posted there without read status rather than not at all."""
        if self.api is None or not group_id:
            await self.send(group_id, text, (), markdown=False)
            return ""
        try:
            return await self._api(self.api.send_group(group_id, text, markdown=False))
        except RobotApiError as exc:
            if not 400 <= exc.status < 500 or not self._webhook_for(group_id):
                raise
            log.warning("dingtalk: %s; posting the notice without read status", exc)
        await self.send(group_id, text, (), markdown=False)
        return ""

    def _webhook_for(self, group_id: str) -> bool:
        """Can a webhook post in the group: a live session or the group's custom robot?"""
        live = self.sessions.live(session_key(group_id, ()), self._wall()) is not None
        return live or group_id in self.robots

    async def readers(self, group_id: str, ref: str) -> frozenset[str] | None:
        """The userIds that have read the notice `ref`; None without the API or a reference,
        or while DingTalk has no read data for it (not yet, or no longer)."""
        if self.api is None or not ref or not group_id:
            return None
        try:
            return await self._api(self.api.group_readers(group_id, ref))
        except RobotApiError as exc:
            if exc.code == NOT_READY:
                return None
            raise

    async def _api_send(
        self, api: RobotApi, group_id: str, text: str, mentions: Sequence[str], *, markdown: bool
    ) -> None:
        if group_id:  # sampleText / sampleMarkdown carry no @: the members are not pinged
            await self._api(api.send_group(group_id, text, markdown=markdown))
        else:
            await self._api(api.send_private(mentions[0], text, markdown=markdown))

    async def _api(self, call: Awaitable[T]) -> T:
        try:
            return await call
        except AdapterError as exc:
            self.last_error = str(exc).removeprefix("dingtalk: ")
            raise

    def _limit(self, robot: RobotWebhook) -> RateLimit:
        key = hashlib.sha256(robot.access_token.encode()).hexdigest()
        if key not in self._limits:
            self._limits[key] = RateLimit(
                ROBOT_RATE, ROBOT_PERIOD, clock=self._monotonic, sleep=self._sleep
            )
        return self._limits[key]

    async def _post(self, url: str, body: dict[str, Any]) -> None:
        """POST a robot message to a webhook; URLs carry tokens, so errors name only the host."""
        http = self._http()
        if http is None:
            raise self._failed("dingtalk adapter is not started")
        host = urlsplit(url).netloc
        try:
            async with http.post(url, json=body, timeout=POST_TIMEOUT) as response:
                answer = await response.json(content_type=None)
                status = response.status
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            raise self._failed(f"POST to {host} failed: {type(exc).__name__}") from None
        code = answer.get("errcode", 0) if isinstance(answer, dict) else 0
        if status != 200 or code != 0:
            detail = answer.get("errmsg", "") if isinstance(answer, dict) else ""
            raise self._failed(f"{host} answered {status} errcode {code} {detail}".rstrip())

    def _failed(self, reason: str) -> AdapterError:
        self.last_error = reason
        return AdapterError(f"dingtalk: {reason}")

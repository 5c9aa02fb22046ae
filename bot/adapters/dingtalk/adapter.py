"""The DingTalk adapter: callbacks or Stream in, session webhook or group robot out. How it
works and why (answering only once a message is recorded): the package's docstring,
`bot/adapters/dingtalk/__init__.py`."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import aiohttp
from aiohttp import web

from bot.adapters.base import Adapter, AdapterStatus, MessageSink, http_session
from bot.adapters.delivery import BUSY, REPLYING, Delivery, InFlight, Replying
from bot.adapters.dingtalk.config import (
    DingTalkConfigError,
    DingTalkSettings,
    robots_from_config,
)
from bot.adapters.dingtalk.delivery import SESSION_LIMIT, check_callback
from bot.adapters.dingtalk.outbox import POST_TIMEOUT, Outbox
from bot.adapters.dingtalk.payload import Inbound, parse_robot_message, session_key
from bot.adapters.dingtalk.robot import RobotWebhook
from bot.adapters.dingtalk.stream import NOT_HANDLED, StreamLink
from bot.adapters.dingtalk.trust import UsedSigns, clamp_time, log_host, session_host_allowed
from bot.adapters.fields import PayloadError
from bot.adapters.recent import RecentIds
from bot.adapters.refusals import Refusals, Refused, WebhookCounts
from bot.appkeys import CLOCK
from bot.clock import Clock, utc_now
from bot.http_body import BodyTooLarge, read_capped
from bot.message_cap import cap
from bot.settings import Settings
from policies.events import Message

log = logging.getLogger(__name__)

CALLBACK_PATH = "/dingtalk/callback"
SEEN_LIMIT = 4096  # msgIds remembered for de-duplication (DingTalk retries callbacks)
# Why a callback (or the reply URL it names) is refused: `jianfu_refusals_total`'s reasons.
REFUSAL_REASONS = (
    "missing_sign",  # no timestamp or sign header
    "bad_timestamp",  # a timestamp that is not a millisecond time
    "stale_timestamp",  # signed more than the sign window (an hour) from now
    "bad_sign",  # a sign that is not base64 or does not match: forged, or the wrong secret
    "replayed",  # a timestamp + sign pair used before: a replayed callback
    "replay_forgotten",  # older than the replay memory holds (refused all the same)
    "too_large",  # a body over DINGTALK_MAX_BODY_BYTES
    "bad_body",  # not JSON, or not a robot message (a callback or a Stream message)
    "not_started",  # the adapter is not started yet
    "foreign_reply_host",  # a sessionWebhook not on DingTalk's host: no reply goes there
)


# --- the adapter --------------------------------------------------------------------------------


class DingTalkAdapter(WebhookCounts, Adapter):
    """DingTalk enterprise robot: callback route or Stream mode in, session/robot webhooks out."""

    name = "dingtalk"

    def __init__(
        self,
        settings: DingTalkSettings,
        *,
        robots: Mapping[str, RobotWebhook] | None = None,
        http: aiohttp.ClientSession | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Clock | None = None,
        wall_clock: Clock = utc_now,
    ) -> None:
        self.settings = settings
        self._clock = clock  # receive time (createAt is clamped to it); else the app's clock
        # Real time, whatever the app's clock says: DingTalk signs callbacks and robot posts,
        # and dates session webhooks, with its real clock (injected, so tests can set it).
        self._wall = wall_clock
        self._used_signs = UsedSigns(settings.sign_window)
        self.robots = dict(robots or {})  # conversationId → the group's custom robot
        self.outbox = Outbox(
            settings,
            self.robots,
            lambda: self._http,
            wall=wall_clock,
            monotonic=monotonic,
            sleep=sleep,
        )
        self._http = http
        self._own_http = False
        self._app: web.Application | None = None
        self._seen = RecentIds(SEEN_LIMIT)
        self._sink: MessageSink | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: set[asyncio.Task[bool]] = set()
        # msgId → its delivery while being handled; past `max_pending` new callbacks are shed
        self._inflight = InFlight("dingtalk", settings.max_pending, settings.handle_bound)
        self._stream: StreamLink | None = None
        self._watch: asyncio.Task[None] | None = None  # looks at the Stream link now and then
        self._groups_seen: set[str] = set()  # conversationIds logged once, for the config
        self._received = 0
        self._refusals = Refusals(REFUSAL_REASONS)

    @classmethod
    def from_env(cls, environ: Mapping[str, str], **kwargs: Any) -> DingTalkAdapter | None:
        """The adapter DINGTALK_* asks for, or None when DINGTALK_CLIENT_SECRET is unset."""
        settings = DingTalkSettings.from_env(environ)
        return cls(settings, **kwargs) if settings else None

    @classmethod
    def from_settings(cls, settings: Settings, **kwargs: Any) -> DingTalkAdapter | None:
        """`from_env` over the settings' environment, with the `[dingtalk]` table's robots."""
        where = settings.source.name if settings.source else "settings"
        table = settings.platforms.get("dingtalk", {})
        robots = robots_from_config(table, settings.env, where)
        adapter = cls.from_env(settings.env, robots=robots, **kwargs)
        if adapter is None and table:
            raise DingTalkConfigError(
                f"{where}: [dingtalk] is set but DINGTALK_CLIENT_SECRET is not"
            )
        return adapter

    def setup_routes(self, app: web.Application) -> None:
        self._app = app
        if self._clock is None and CLOCK in app:
            self._clock = app[CLOCK]
        app.router.add_post(CALLBACK_PATH, self._on_callback)

    async def start(self, sink: MessageSink) -> None:
        self._sink = sink
        self._loop = asyncio.get_running_loop()
        if self._http is None:
            self._http, self._own_http = http_session(self._app, timeout=POST_TIMEOUT)
        if self.settings.mode == "stream":
            self._stream = StreamLink(self.settings, self.accept_from_stream)
            self._stream.start()
            self._watch = asyncio.create_task(self._stream.watch())
        log.info("dingtalk: started in %s mode", self.settings.mode)

    async def stop(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            await asyncio.gather(self._watch, return_exceptions=True)
            self._watch = None
        if self._stream is not None:
            await asyncio.to_thread(self._stream.stop)
            self._stream = None
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
        self._sink = None
        if self._own_http and self._http is not None:
            await self._http.close()
            self._http, self._own_http = None, False

    @property
    def reconnects(self) -> int:
        """Stream mode: WebSockets opened after the first (`/metrics`)."""
        return max(0, self._stream.connections - 1) if self._stream is not None else 0

    def status(self) -> AdapterStatus:
        counts = f"{self._received} messages, {self.refused} refused"
        last = self.outbox.last_error
        error = f"; last send error: {last}" if last else ""
        if self._stream is not None:
            connected, detail = self._stream.health()
            return AdapterStatus(self.name, connected, f"stream: {detail}; {counts}{error}")
        started = self._sink is not None
        state = "callback mode" if started else "not started"
        return AdapterStatus(self.name, started, f"{state}, {CALLBACK_PATH}; {counts}{error}")

    # --- in ---

    async def _on_callback(self, request: web.Request) -> web.Response:
        """Check the signature, accept its timestamp once, then read and take the message.
        A 5xx answer (or an exception) gives the timestamp back: DingTalk retries such a
        callback, perhaps with the same headers."""
        timestamp = request.headers.get("timestamp")
        now = self._wall()  # DingTalk signs with its real clock, whatever the app's is
        reason = check_callback(
            timestamp,
            request.headers.get("sign"),
            self.settings.client_secret,
            now,
            self.settings.sign_window,
        )
        if reason or timestamp is None:
            return self._refuse(401, reason or Refused("missing_sign", "missing timestamp"))
        reason = self._used_signs.claim(timestamp, now)  # the sign does not cover the body
        if reason:
            return self._refuse(401, reason)
        answered = False
        try:
            response = await self._on_signed_callback(request)
            answered = response.status < 500
            return response
        finally:
            if not answered:
                self._used_signs.release(timestamp)

    async def _on_signed_callback(self, request: web.Request) -> web.Response:
        try:
            body = await read_capped(request, self.settings.max_body_bytes)
        except BodyTooLarge as exc:
            return self._refuse(413, Refused("too_large", str(exc)))
        if self._inflight.shed():  # before parsing: shedding must cost little
            return web.json_response({"error": BUSY}, status=503)
        try:
            inbound = parse_robot_message(json.loads(body))
        except (ValueError, RecursionError) as exc:  # JSON, UTF-8, nesting, PayloadError
            reason = str(exc) if isinstance(exc, PayloadError) else "body is not valid JSON"
            return self._refuse(400, Refused("bad_body", reason))
        if self._sink is None:
            return self._refuse(503, Refused("not_started", "dingtalk adapter is not started"))
        if not await self._take(inbound):
            reason = "not recorded yet (the store is busy); deliver it again"
            return web.json_response({"error": reason}, status=503)
        return web.Response(status=200)

    def _refuse(self, status: int, refused: Refused) -> web.Response:
        """Count the refusal by reason (`/metrics`), log it, answer `status`."""
        self._refusals.count(refused)
        log.warning("dingtalk: refused a callback with %d (%s): %s", status, *refused)
        return web.json_response({"error": refused.detail}, status=status)

    async def _take(self, inbound: Inbound) -> bool:
        """Accept a message and wait (at most `handle_bound`) until it is handled; False when
        it is not (yet) recorded — DingTalk is to deliver it again."""
        delivery = self.accept(inbound)
        if delivery is None or await self._inflight.handled(delivery):
            return True
        log.warning(
            "dingtalk: message %s not recorded within %.1f s; asking DingTalk to deliver it again",
            inbound.message.id,
            self.settings.handle_bound,
        )
        return False

    def accept(self, inbound: Inbound) -> Delivery | None:
        """Take a normalized message (on the loop's thread): de-duplicate, keep its session
        webhook, and hand it to the sink in a tracked task (None: a repeat of a handled
        message, dropped; a repeat of one still being handled gets that delivery)."""
        message = inbound.message
        if not self._admits(message):
            return None
        running = self._inflight.get(message.id)
        if running is not None:
            return running
        if not self._seen.add(message.id):
            log.info("dingtalk: dropped a repeated delivery of message %s", message.id)
            return None
        message = cap(self._received_at(message), log)
        self._received += 1
        if len(self._groups_seen) >= SESSION_LIMIT:
            self._groups_seen.clear()
        if message.group_id and message.group_id not in self._groups_seen:
            self._groups_seen.add(message.group_id)
            log.info("dingtalk: messages from group %s (%s)", message.group_id, message.group_name)
        if inbound.session is not None and self._may_reply_to(inbound.session.url, message.id):
            self.outbox.sessions.keep(
                session_key(message.group_id, [message.sender_id]), inbound.session
            )
        replying = Replying()
        task = asyncio.get_running_loop().create_task(self._deliver(message, replying))
        self._tasks.add(task)
        delivery = self._inflight.add(message.id, Delivery(task, replying))
        task.add_done_callback(lambda done: self._delivered(message.id, done))
        return delivery

    def _admits(self, message: Message) -> bool:
        """A group message enters; a 1:1 chat's only as a text the app accepts (a command, a
        notice confirmation: `accepts_private`), as in WeChat. Other private talk is
        answered as handled and nothing of it is kept."""
        if message.group_id:
            return True
        return message.type == "text" and self.accepts_private(message.text)

    def _delivered(self, message_id: str, task: asyncio.Task[bool]) -> None:
        """A delivery's task ended: one the runtime could not record is forgotten by msgId,
        so DingTalk's redelivery is handled afresh."""
        self._tasks.discard(task)
        self._inflight.discard(message_id)
        if task.cancelled() or not task.result():
            self._seen.discard(message_id)

    def _received_at(self, message: Message) -> Message:
        """`message` with its time (the payload's createAt) clamped to now ± `time_skew`."""
        received = (self._clock or utc_now)()
        kept = clamp_time(message.time, received, self.settings.time_skew)
        if kept != message.time:
            log.warning(
                "dingtalk: message %s says it was sent at %s, received at %s; using %s",
                message.id,
                message.time.isoformat(),
                received.isoformat(),
                kept.isoformat(),
            )
            message = replace(message, time=kept)
        return message

    def _may_reply_to(self, url: str, message_id: str) -> bool:
        if session_host_allowed(url, self.settings.session_hosts):
            return True
        host = log_host(url)
        self._refusals.count(Refused("foreign_reply_host", "sessionWebhook not on DingTalk"))
        log.warning(
            "dingtalk: message %s names a sessionWebhook on %s, not a DingTalk host; replies "
            "will not go there (DINGTALK_SESSION_HOSTS allows more hosts)",
            message_id,
            host,
        )
        return False

    async def accept_from_stream(self, payload: Any) -> str | None:
        """Stream mode: awaited on the SDK's loop (its own thread) before it acks. Returns
        why the payload is refused, or None once our loop has handled it (or the bound ran
        out there)."""
        try:
            inbound = parse_robot_message(payload)
        except PayloadError as exc:
            self._refusals.count(Refused("bad_body", str(exc)))
            log.warning("dingtalk: refused a stream message: %s", exc)
            return str(exc)
        loop = self._loop
        try:
            if loop is None:
                raise RuntimeError("no loop")
            taken = asyncio.run_coroutine_threadsafe(self._take(inbound), loop)
        except RuntimeError:  # our loop has closed: DingTalk will deliver it again
            return "dingtalk adapter is not running"
        try:  # `_take` is bounded; this bound is for a loop that no longer runs it
            handled = await asyncio.wait_for(
                asyncio.wrap_future(taken), self.settings.handle_bound + 5
            )
        except TimeoutError:
            return NOT_HANDLED
        return None if handled else NOT_HANDLED

    async def _deliver(self, message: Message, replying: Replying) -> bool:
        """Hand the message to the sink; its answer (False: not recorded)."""
        sink = self._sink
        if sink is None:
            return False
        REPLYING.set(replying)  # this task's own context: its first `send` sets it
        try:
            return (await sink(message)) is not False  # False: the store could not record it
        except Exception:  # one failing handler never stops the bot
            log.exception("dingtalk: handling message %s failed", message.id)
            return True

    # --- out ---

    async def send(
        self, group_id: str, text: str, mentions: Sequence[str] = (), *, markdown: bool = False
    ) -> None:
        """Reply in `group_id` (for a 1:1 chat: group "" and the member first in `mentions`):
        session webhook, else the group's robot webhook, else the robot API (`outbox`)."""
        self._replying()
        await self.outbox.send(group_id, text, mentions, markdown=markdown)

    async def send_notice(self, group_id: str, text: str) -> str:
        """Post a notice; its reference is the robot API's processQueryKey ("" when the robot
        posts through webhooks only: no DINGTALK_ROBOT_CODE)."""
        self._replying()
        return await self.outbox.notice(group_id, text)

    async def read_by(self, group_id: str, ref: str) -> frozenset[str] | None:
        """The userIds (staffIds: what `Message.sender_id` holds for the organisation's
        members) that have read the notice `ref`; None when DingTalk cannot tell (webhooks
        only, or no read data for it yet). A refused call raises `AdapterError`."""
        return await self.outbox.readers(group_id, ref)

    def _replying(self) -> None:
        replying = REPLYING.get()
        if replying is not None:  # inside a delivery: its answer need not wait for this POST
            replying.set()

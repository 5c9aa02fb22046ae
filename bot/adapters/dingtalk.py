"""DingTalk: an enterprise robot, which sees only the messages that @ it.

Two ways in, one way out:

- HTTP callback (`DINGTALK_MODE=callback`, the default): DingTalk POSTs every message that @s
  the robot (and every 1:1 chat with it) to `POST /dingtalk/callback`, signed with the app
  secret in the `timestamp` + `sign` headers. We check the signature, hand the message to the
  runtime in a tracked task, and answer 200 once it is handled — detector run and incident
  committed. When the runtime could not record it (the database is locked by another
  writer, a disk error) or `handle_bound` (3 s) passes first, the answer is 503, so DingTalk
  delivers it again; a redelivery while the first is still being handled waits for that one.
- Stream mode (`DINGTALK_MODE=stream`): the official `dingtalk-stream` SDK keeps a WebSocket to
  DingTalk's gateway (`bot.adapters.dingtalk_stream`); same payload, same normalization, and
  the ack is sent at the same moment the callback would be answered (a system-error ack where
  the callback would get 503).

DingTalk does not deliver an answered message again, so answering first would lose the demand
of a message the bot crashed on. Only the reply POST (network to DingTalk) stays out of the
answer: the runtime records before it posts, so the handling task's first `send` marks the
message handled (`Delivery.handled`, told through a context variable of that task) and the
answer goes out while the POST is on its way. A retry of a slow callback is dropped by msgId.

Replies go to the message's `sessionWebhook` (valid for a while, no auth). Once it has expired or
fails, and for scheduled posts such as the digest, a group's custom robot webhook is used: a
signed URL, at most 20 messages a minute per robot, which a local rate limiter respects.

DingTalk never delivers a message that does not @ the robot (nor "@所有人"), so jianfu cannot
watch 收到 pile-ups or 接龙 chains there; it answers commands and checks what it is shown.
Raw payloads become `Message` in `dingtalk_payload` (for this adapter only); posting as a robot
is `dingtalk_robot`.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import parse_qs, urlsplit

import aiohttp
from aiohttp import web

from bot.adapters.base import Adapter, AdapterError, AdapterStatus, MessageSink
from bot.adapters.dingtalk_payload import (
    Inbound,
    PayloadError,
    SessionWebhook,
    parse_robot_message,
    session_key,
)
from bot.adapters.dingtalk_robot import (
    ROBOT_ENDPOINT,
    ROBOT_PERIOD,
    ROBOT_RATE,
    RateLimit,
    RobotWebhook,
    reply_body,
    robot_url,
    sign,
)
from bot.adapters.dingtalk_stream import NOT_HANDLED
from bot.adapters.dingtalk_trust import UsedSigns, clamp_time, host_port, session_host_allowed
from bot.adapters.recent import RecentIds
from bot.appkeys import CLOCK, HTTP_SESSION, Clock
from bot.clock import utc_now
from bot.http_body import BodyTooLarge, read_capped
from bot.message_cap import cap
from bot.settings import ConfigError, Settings
from policies.events import Message

if TYPE_CHECKING:
    from bot.adapters.dingtalk_stream import StreamLink

log = logging.getLogger(__name__)

Mode = Literal["callback", "stream"]
MODES: tuple[Mode, ...] = ("callback", "stream")
CALLBACK_PATH = "/dingtalk/callback"
OPENAPI_ENDPOINT = "https://api.dingtalk.com"  # the SDK's default for DINGTALK_OPENAPI_ENDPOINT
SEEN_LIMIT = 4096  # msgIds remembered for de-duplication (DingTalk retries callbacks)
SESSION_LIMIT = 1024  # conversations whose session webhook is kept
SESSION_MARGIN = timedelta(seconds=30)  # a session webhook this close to expiry counts as expired
POST_TIMEOUT = aiohttp.ClientTimeout(total=10)

# Every variable this adapter reads: (name, meaning, secret?) — for docs, check-config, logs.
# Group robots' webhooks and signing secrets sit in variables named by [dingtalk.robots."<id>"].
ENV_VARS: tuple[tuple[str, str, bool], ...] = (
    (
        "DINGTALK_CLIENT_SECRET",
        "the app secret: verifies callbacks, logs in to Stream (turns DingTalk on)",
        True,
    ),
    ("DINGTALK_CLIENT_ID", "the app key / client id (Stream mode needs it)", False),
    ("DINGTALK_MODE", "`callback` (default: POST /dingtalk/callback) or `stream`", False),
    ("DINGTALK_OPENAPI_ENDPOINT", f"open-API base URL (default {OPENAPI_ENDPOINT})", False),
    ("DINGTALK_ROBOT_ENDPOINT", f"custom group robot base URL (default {ROBOT_ENDPOINT})", False),
    (
        "DINGTALK_SESSION_HOSTS",
        "comma-separated `host[:port]` that replies may go to besides DingTalk's documented "
        "`https://oapi.dingtalk.com` (a private gateway; a test's fake server); a payload's "
        "`sessionWebhook` to any other host is ignored",
        False,
    ),
)


class DingTalkConfigError(ConfigError):
    """The DINGTALK_* environment or the [dingtalk] table does not make sense; the message
    names the variable or key."""


@dataclass(frozen=True, slots=True)
class DingTalkSettings:
    """How jianfu talks to DingTalk. Secrets never appear in repr or logs."""

    client_secret: str = field(default="", repr=False)  # app secret: Stream login + callback sign
    client_id: str = ""  # app key / client id; Stream mode needs it
    mode: Mode = "callback"  # how DingTalk delivers messages: HTTP callback or Stream (WebSocket)
    openapi_endpoint: str = OPENAPI_ENDPOINT  # open-API base URL (Stream gateway lives there)
    robot_endpoint: str = ROBOT_ENDPOINT  # custom group robot base URL
    max_body_bytes: int = 64 * 1024  # larger callback bodies get 413
    # callback timestamps further from now get 401: DingTalk's documented bound ("timestamp
    # 与系统当前时间戳如果相差1小时以上，则认为是非法的请求"); a used timestamp gets 401 too
    sign_window: timedelta = timedelta(hours=1)
    session_hosts: tuple[str, ...] = ()  # host[:port] replies may go to besides oapi.dingtalk.com
    time_skew: timedelta = timedelta(minutes=5)  # createAt is clamped to receive time ± this
    stream_stuck_after: float = 30.0  # seconds opening a Stream connection before it is "stuck"
    handle_bound: float = 3.0  # seconds an answer or ack waits for the message to be handled

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> DingTalkSettings | None:
        """Read DINGTALK_*; None when DINGTALK_CLIENT_SECRET is unset (DingTalk is off)."""
        secret = environ.get("DINGTALK_CLIENT_SECRET", "").strip()
        if not secret:
            return None
        mode = environ.get("DINGTALK_MODE", "callback").strip().lower() or "callback"
        if mode not in MODES:
            raise DingTalkConfigError(f"DINGTALK_MODE must be callback or stream, got {mode!r}")
        client_id = environ.get("DINGTALK_CLIENT_ID", "").strip()
        if mode == "stream" and not client_id:
            raise DingTalkConfigError("DINGTALK_MODE=stream needs DINGTALK_CLIENT_ID")
        return cls(
            client_secret=secret,
            client_id=client_id,
            mode="stream" if mode == "stream" else "callback",
            openapi_endpoint=_base_url(environ, "DINGTALK_OPENAPI_ENDPOINT", OPENAPI_ENDPOINT),
            robot_endpoint=_base_url(environ, "DINGTALK_ROBOT_ENDPOINT", ROBOT_ENDPOINT),
            session_hosts=_session_hosts(environ.get("DINGTALK_SESSION_HOSTS", "")),
        )


def robots_from_config(
    table: Mapping[str, Any], environ: Mapping[str, str], where: str = "settings"
) -> dict[str, RobotWebhook]:
    """The custom group robots of the `[dingtalk]` table. Their secrets come from the
    environment, named in the table (secrets never sit in the config file):

        [dingtalk.robots."cid-xxx"]            # the group's conversationId
        webhook_env = "DINGTALK_OPS_WEBHOOK"   # holds the robot's webhook URL (or access token)
        sign_env = "DINGTALK_OPS_SIGN"         # holds its SEC… signing secret
    """
    unknown = sorted(set(table) - {"robots"})
    if unknown:
        raise DingTalkConfigError(f"{where}: [dingtalk]: unknown key(s) {', '.join(unknown)}")
    robots = table.get("robots", {})
    if not isinstance(robots, Mapping):
        raise DingTalkConfigError(f'{where}: [dingtalk].robots: expected [dingtalk.robots."<id>"]')
    return {
        str(group): _robot(entry, environ, f'{where}: [dingtalk.robots."{group}"]')
        for group, entry in robots.items()
    }


def _robot(entry: object, environ: Mapping[str, str], where: str) -> RobotWebhook:
    if not isinstance(entry, Mapping) or set(entry) != {"webhook_env", "sign_env"}:
        raise DingTalkConfigError(f"{where}: expected exactly webhook_env and sign_env")
    values = []
    for key in ("webhook_env", "sign_env"):
        name = entry[key]
        if not isinstance(name, str) or not environ.get(name, "").strip():
            raise DingTalkConfigError(f"{where}.{key}: environment variable {name!r} is not set")
        values.append(environ[name].strip())
    webhook, secret = values
    token = webhook
    if "://" in webhook:
        token = parse_qs(urlsplit(webhook).query).get("access_token", [""])[0]
    if not token:
        raise DingTalkConfigError(f"{where}.webhook_env: the URL has no access_token")
    if not secret.startswith("SEC"):
        raise DingTalkConfigError(f"{where}.sign_env: a robot's signing secret starts with SEC")
    return RobotWebhook(token, secret)


def _session_hosts(value: str) -> tuple[str, ...]:
    hosts = []
    for entry in value.split(","):
        if not entry.strip():
            continue
        try:
            hosts.append(host_port(entry))
        except ValueError as exc:
            raise DingTalkConfigError(f"DINGTALK_SESSION_HOSTS: {exc}") from None
    return tuple(hosts)


def _base_url(environ: Mapping[str, str], name: str, default: str) -> str:
    value = environ.get(name, "").strip().rstrip("/") or default
    if urlsplit(value).scheme not in ("http", "https"):
        raise DingTalkConfigError(f"{name} must be an http(s) URL, got {value!r}")
    return value


# --- signatures -------------------------------------------------------------------------------


def check_callback(
    timestamp: str | None, signature: str | None, secret: str, now: datetime, window: timedelta
) -> str | None:
    """Why a callback's `timestamp` + `sign` headers are refused, or None when they are good."""
    if not timestamp or not signature:
        return "missing timestamp or sign header"
    try:
        sent = datetime.fromtimestamp(int(timestamp) / 1000, UTC)
    except (ValueError, OverflowError, OSError):
        return "timestamp header is not a millisecond time"
    if abs(now - sent) > window:
        return "timestamp is more than an hour from now"
    try:
        given = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        return "sign header is not base64"
    expected = base64.b64decode(sign(timestamp, secret))
    if not hmac.compare_digest(given, expected):
        return "sign does not match"
    return None


# --- delivering --------------------------------------------------------------------------------

# Set inside a delivery's task: the event its first `send` sets (the handler is replying, so
# what it records before replying is committed).
_REPLYING: ContextVar[asyncio.Event | None] = ContextVar("dingtalk_replying", default=None)


@dataclass(slots=True)
class Delivery:
    """One message handed to the runtime: its task, and whether its handler is replying."""

    task: asyncio.Task[bool]
    replying: asyncio.Event = field(default_factory=asyncio.Event)

    async def handled(self, bound: float) -> bool:
        """Wait until the handler finished or began to reply, at most `bound` seconds. True
        when it is handled (or replying: what it records before replying is committed);
        False when the runtime could not record it or the bound ran out first."""
        replying = asyncio.ensure_future(self.replying.wait())
        try:
            await asyncio.wait(
                {self.task, replying}, timeout=bound, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            replying.cancel()
        if self.replying.is_set():
            return True
        return self.task.done() and not self.task.cancelled() and self.task.result()


# --- remembering -------------------------------------------------------------------------------


class SessionBook:
    """The newest session webhook of each conversation, for the last `limit` conversations."""

    def __init__(self, limit: int = SESSION_LIMIT) -> None:
        self._limit = limit
        self._sessions: OrderedDict[str, SessionWebhook] = OrderedDict()

    def keep(self, key: str, session: SessionWebhook) -> None:
        self._sessions[key] = session
        self._sessions.move_to_end(key)
        if len(self._sessions) > self._limit:
            self._sessions.popitem(last=False)

    def live(self, key: str, now: datetime) -> SessionWebhook | None:
        session = self._sessions.get(key)
        if session is None or session.expires - SESSION_MARGIN <= now:
            return None
        return session


# --- the adapter --------------------------------------------------------------------------------


class DingTalkAdapter(Adapter):
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
    ) -> None:
        self.settings = settings
        self._clock = clock  # receive time (createAt is clamped to it); else the app's clock
        self._used_signs = UsedSigns(settings.sign_window)
        self.robots = dict(robots or {})  # conversationId → the group's custom robot
        self._http = http
        self._own_http = False
        self._app: web.Application | None = None
        self._monotonic = monotonic
        self._sleep = sleep
        self._limits: dict[str, RateLimit] = {}
        self._seen = RecentIds(SEEN_LIMIT)
        self._sessions = SessionBook()
        self._sink: MessageSink | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: set[asyncio.Task[bool]] = set()
        self._inflight: dict[str, Delivery] = {}  # msgId → its delivery, while being handled
        self._stream: StreamLink | None = None
        self._watch: asyncio.Task[None] | None = None  # looks at the Stream link now and then
        self._groups_seen: set[str] = set()  # conversationIds logged once, for the config
        self._received = 0
        self._refused = 0
        self._last_error = ""

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
        if self._http is None and self._app is not None and HTTP_SESSION in self._app:
            self._http = self._app[HTTP_SESSION]
        if self._http is None:
            self._http = aiohttp.ClientSession(timeout=POST_TIMEOUT)
            self._own_http = True
        if self.settings.mode == "stream":
            from bot.adapters.dingtalk_stream import StreamLink

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

    @property
    def refused(self) -> int:
        """Callbacks and stream messages refused (bad signature, body, payload)."""
        return self._refused

    def status(self) -> AdapterStatus:
        counts = f"{self._received} messages, {self._refused} refused"
        error = f"; last send error: {self._last_error}" if self._last_error else ""
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
        now = datetime.now(UTC)  # DingTalk signs with its real clock, whatever the app's is
        reason = check_callback(
            timestamp,
            request.headers.get("sign"),
            self.settings.client_secret,
            now,
            self.settings.sign_window,
        )
        if reason or timestamp is None:
            return self._refuse(401, reason or "missing timestamp")
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
            return self._refuse(413, str(exc))
        try:
            inbound = parse_robot_message(json.loads(body))
        except (ValueError, RecursionError) as exc:  # JSON, UTF-8, nesting, PayloadError
            reason = str(exc) if isinstance(exc, PayloadError) else "body is not valid JSON"
            return self._refuse(400, reason)
        if self._sink is None:
            return self._refuse(503, "dingtalk adapter is not started")
        if not await self._take(inbound):
            reason = "not recorded yet (the store is busy); deliver it again"
            return web.json_response({"error": reason}, status=503)
        return web.Response(status=200)

    def _refuse(self, status: int, reason: str) -> web.Response:
        self._refused += 1
        log.warning("dingtalk: refused a callback with %d: %s", status, reason)
        return web.json_response({"error": reason}, status=status)

    async def _take(self, inbound: Inbound) -> bool:
        """Accept a message and wait (at most `handle_bound`) until it is handled; False when
        it is not (yet) recorded — DingTalk is to deliver it again."""
        delivery = self.accept(inbound)
        if delivery is None or await delivery.handled(self.settings.handle_bound):
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
            self._sessions.keep(session_key(message.group_id, [message.sender_id]), inbound.session)
        replying = asyncio.Event()
        task = asyncio.get_running_loop().create_task(self._deliver(message, replying))
        self._tasks.add(task)
        delivery = self._inflight[message.id] = Delivery(task, replying)
        task.add_done_callback(lambda done: self._delivered(message.id, done))
        return delivery

    def _delivered(self, message_id: str, task: asyncio.Task[bool]) -> None:
        """A delivery's task ended: one the runtime could not record is forgotten by msgId,
        so DingTalk's redelivery is handled afresh."""
        self._tasks.discard(task)
        self._inflight.pop(message_id, None)
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
        host = _host_of(url)
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

    async def _deliver(self, message: Message, replying: asyncio.Event) -> bool:
        """Hand the message to the sink; its answer (False: not recorded)."""
        sink = self._sink
        if sink is None:
            return False
        _REPLYING.set(replying)  # this task's own context: its first `send` sets it
        try:
            return (await sink(message)) is not False  # False: the store could not record it
        except Exception:  # one failing handler never stops the bot
            log.exception("dingtalk: handling message %s failed", message.id)
            return True

    # --- out ---

    async def send(
        self, group_id: str, text: str, mentions: Sequence[str] = (), *, markdown: bool = False
    ) -> None:
        """Reply in `group_id` (for a 1:1 chat: group "" and the member first in `mentions`)."""
        replying = _REPLYING.get()
        if replying is not None:  # inside a delivery: its answer need not wait for this POST
            replying.set()
        body = reply_body(text, mentions, markdown=markdown)
        session = self._sessions.live(session_key(group_id, mentions), datetime.now(UTC))
        robot = self.robots.get(group_id) if group_id else None
        if session is not None:
            try:
                await self._post(session.url, body)
                return
            except AdapterError as exc:
                if robot is None:
                    raise
                log.warning("dingtalk: session webhook failed (%s); using the group robot", exc)
        if robot is None:
            raise self._failed(
                f"no live session webhook for {group_id or 'the 1:1 chat'!r} "
                "and no group robot webhook configured"
            )
        await self._limit(robot).acquire()
        timestamp = int(time.time() * 1000)
        await self._post(robot_url(self.settings.robot_endpoint, robot, timestamp), body)

    def _limit(self, robot: RobotWebhook) -> RateLimit:
        key = hashlib.sha256(robot.access_token.encode()).hexdigest()
        if key not in self._limits:
            self._limits[key] = RateLimit(
                ROBOT_RATE, ROBOT_PERIOD, clock=self._monotonic, sleep=self._sleep
            )
        return self._limits[key]

    async def _post(self, url: str, body: dict[str, Any]) -> None:
        """POST a robot message; URLs carry tokens, so errors name only the host."""
        if self._http is None:
            raise self._failed("dingtalk adapter is not started")
        host = urlsplit(url).netloc
        try:
            async with self._http.post(url, json=body, timeout=POST_TIMEOUT) as response:
                answer = await response.json(content_type=None)
                status = response.status
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            raise self._failed(f"POST to {host} failed: {type(exc).__name__}") from None
        code = answer.get("errcode", 0) if isinstance(answer, dict) else 0
        if status != 200 or code != 0:
            detail = answer.get("errmsg", "") if isinstance(answer, dict) else ""
            raise self._failed(f"{host} answered {status} errcode {code} {detail}".rstrip())

    def _failed(self, reason: str) -> AdapterError:
        self._last_error = reason
        return AdapterError(f"dingtalk: {reason}")


def _host_of(url: str) -> str:
    """The host[:port] of a URL, for a log line (never its path or query: they carry tokens)."""
    try:
        return repr(urlsplit(url).netloc.rsplit("@", 1)[-1][:100])
    except ValueError:
        return "an unparsable URL"

"""WeChat through a Wechaty puppet service: the gRPC event stream in, `MessageSendText` out.

Speaks the puppet-service protocol with the `wechaty-grpc` stubs over grpclib (the `wechaty` SDK
does not import on Python 3.11+). One session = one channel: open the event stream, call `Start`,
then read events until the stream ends; any failure reconnects with capped exponential back-off and
full jitter. Message ids seen recently are remembered, so a message replayed after a reconnect is
not delivered twice. Room and member names are cached with a bound and refreshed on join, leave,
topic and dirty events. See `../shared/protocols/README.md` (Wechaty section).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from grpclib.client import Channel
from grpclib.config import Configuration
from grpclib.const import Cardinality
from grpclib.exceptions import GRPCError, ProtocolError, StreamTerminatedError
from wechaty_grpc.wechaty import PuppetStub
from wechaty_grpc.wechaty.puppet import (
    EventRequest,
    EventResponse,
    MessagePayloadResponse,
)

from bot.adapters.base import Adapter, AdapterError, AdapterStatus, MessageSink
from bot.adapters.recent import RecentIds
from bot.adapters.wechaty.config import (
    Backoff,
    WechatyConfig,
    configured,
)
from bot.adapters.wechaty.directory import Directory, fetch, grpc_reason
from bot.adapters.wechaty.payloads import (
    EventType,
    MalformedPayload,
    event_body,
    event_name,
    is_room_admin,
    message_time,
    message_type,
    optional_str,
    raw_payload,
    required_str,
    str_list,
)
from bot.clock import Clock, utc_now
from bot.message_cap import cap
from bot.settings import Settings
from policies.events import Message

log = logging.getLogger(__name__)

EVENT_PATH = "/wechaty.Puppet/Event"

Sleeper = Callable[[float], Awaitable[None]]
EventHandler = Callable[[PuppetStub, dict[str, Any]], Awaitable[None]]


# seconds between hand-overs of a message the store could not record (WeChat has no redelivery)
STORE_RETRY: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0)


class WechatyAdapter(Adapter):
    """Moderates the WeChat groups of the account logged in to a Wechaty puppet service."""

    name = "wechaty"
    private_replies = (
        True  # a member who is the account's contact gets a 1:1 reply (else the send fails, logged)
    )

    def __init__(
        self,
        config: WechatyConfig,
        *,
        rng: random.Random | None = None,
        sleep: Sleeper = asyncio.sleep,
        clock: Clock = utc_now,
    ) -> None:
        self.config = config
        self._backoff = Backoff(config.backoff_min, config.backoff_max, rng or random.Random())
        self._sleep = sleep
        self._clock = clock
        self._directory = Directory(config.room_cache, config.member_cache)
        self._seen = RecentIds(config.seen_ids)
        self._sink: MessageSink | None = None
        self._task: asyncio.Task[None] | None = None
        self._stub: PuppetStub | None = None
        self._self_id = ""  # the logged-in account's contact id
        self._self_name = ""
        self._logged_in = False
        self._state = "not started"
        self._stopping = False  # set by stop(): a stream ending now is no disconnection
        self.reconnects = 0  # sessions started after the first one
        self._handlers: dict[int, EventHandler] = {
            EventType.HEARTBEAT: self._on_heartbeat,
            EventType.MESSAGE: self._on_message,
            EventType.DONG: self._on_quiet,
            EventType.ERROR: self._on_error,
            EventType.FRIENDSHIP: self._on_quiet,
            EventType.ROOM_INVITE: self._on_quiet,
            EventType.ROOM_JOIN: self._on_room_join,
            EventType.ROOM_LEAVE: self._on_room_leave,
            EventType.ROOM_TOPIC: self._on_room_topic,
            EventType.SCAN: self._on_scan,
            EventType.READY: self._on_ready,
            EventType.RESET: self._on_reset,
            EventType.LOGIN: self._on_login,
            EventType.LOGOUT: self._on_logout,
            EventType.DIRTY: self._on_dirty,
        }

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str], table: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> WechatyAdapter | None:
        """The adapter when WeChat is configured, None when it is not (no endpoint, no token and
        no `[wechaty]` table). Half a configuration raises `WechatyConfigError`: a token without
        an endpoint is refused, as jianfu does not discover endpoints over the internet.
        """
        if not configured(environ, table):
            return None
        return cls(WechatyConfig.from_env(environ, table), **kwargs)

    @classmethod
    def from_settings(cls, settings: Settings, **kwargs: Any) -> WechatyAdapter | None:
        """`from_env` over the settings' environment and the `[wechaty]` table of jianfu.toml."""
        return cls.from_env(settings.env, settings.platforms.get("wechaty"), **kwargs)

    @property
    def bot_id(self) -> str:
        """The logged-in account's contact id ("" before login)."""
        return self._self_id

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self, sink: MessageSink) -> None:
        if self._task is not None:
            raise AdapterError("the WeChat adapter is already started")
        self._sink = sink
        self._stopping = False
        tls = "TLS" if self.config.tls else "plaintext (INSECURE)"
        log.info("WeChat: connecting to puppet service %s (%s)", self.config.endpoint, tls)
        self._task = asyncio.create_task(self._run(), name="wechaty-events")

    async def stop(self) -> None:
        stub, task = self._stub, self._task
        self._task, self._stopping = None, True
        if stub is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(stub.stop(), timeout=2.0)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._state = "stopped"
        log.info("WeChat: stopped")

    def status(self) -> AdapterStatus:
        detail = self._state
        if self._stub is not None:
            who = f"{self._self_name} ({self._self_id})" if self._self_name else self._self_id
            detail = f"{detail}; logged in as {who}" if self._logged_in else f"{detail}; no login"
        return AdapterStatus(self.name, self._stub is not None, detail)

    async def send(
        self, group_id: str, text: str, mentions: Sequence[str] = (), *, markdown: bool = False
    ) -> None:
        """Post to a room, or privately: `group_id` "" sends to the contact `mentions[0]`
        (a contact id as `group_id` works too). WeChat has no markdown."""
        if not group_id:
            if not mentions:
                raise AdapterError("WeChat: a private message needs the contact to send it to")
            group_id, mentions = mentions[0], ()
        await self._send_text(group_id, text, mentions)

    async def send_notice(self, group_id: str, text: str) -> str:
        """Post a notice to a room; the reference is the puppet's id of the sent message
        (WeChat tells no one who has read it: `read_by` stays None)."""
        return await self._send_text(group_id, text, ())

    def roster(self, group_id: str) -> Mapping[str, str] | None:
        """The room's members (from its cached payload), with the display names met so far."""
        return self._directory.roster(group_id)

    async def _send_text(self, group_id: str, text: str, mentions: Sequence[str]) -> str:
        stub = self._stub
        if stub is None:
            raise AdapterError(f"WeChat is not connected ({self._state}); not sent to {group_id}")
        try:
            text = await self._directory.with_mentions(stub, group_id, text, mentions)
            sent = await stub.message_send_text(
                conversation_id=group_id, text=text, mentonal_ids=list(mentions)
            )
        except GRPCError as exc:
            raise AdapterError(
                f"WeChat MessageSendText to {group_id} refused: {exc.status.name} {exc.message}"
            ) from exc
        except (TimeoutError, OSError, StreamTerminatedError, ProtocolError) as exc:
            raise AdapterError(f"WeChat MessageSendText to {group_id} failed: {exc!r}") from exc
        return str(sent.id or "")

    def members(self, group_id: str) -> frozenset[str] | None:
        """The room's member ids (from its cached payload) and the display names met so far."""
        return self._directory.members(group_id)

    def group_size(self, group_id: str) -> int | None:
        """The room's member count, from the room payload cached for its last message (a
        join, leave or dirty event drops it; the next message fetches it again)."""
        return self._directory.group_size(group_id)

    # -- connection --------------------------------------------------------------------------

    async def _run(self) -> None:
        sessions = 0
        while True:
            if sessions:
                self.reconnects += 1
            sessions += 1
            try:
                await self._session()
                reason = "event stream ended"
            except GRPCError as exc:
                reason = grpc_reason(exc)
            except Exception as exc:  # any link failure means: reconnect
                reason = f"{type(exc).__name__}: {exc}".rstrip(": ")
            if self._stopping:
                return
            delay = self._backoff.next_delay()
            self._state = f"disconnected from {self.config.endpoint}: {reason}"
            log.warning(
                "WeChat: disconnected from %s (%s); reconnecting in %.1f s",
                self.config.endpoint,
                reason,
                delay,
            )
            await self._sleep(delay)

    async def _session(self) -> None:
        channel = self._channel()
        self._state = f"connecting to {self.config.endpoint}"
        stub = PuppetStub(channel, timeout=self.config.rpc_timeout, metadata=self.config.metadata())
        try:
            async with channel.request(
                EVENT_PATH,
                Cardinality.UNARY_STREAM,
                EventRequest,
                EventResponse,
                metadata=self.config.metadata(),
            ) as stream:
                await stream.send_message(EventRequest(), end=True)
                await stub.start()
                self._stub = stub
                self._backoff.reset()
                self._state = f"puppet service {self.config.endpoint}"
                log.info("WeChat: connected to puppet service %s", self.config.endpoint)
                async for event in stream:
                    await self._dispatch(stub, event)
        finally:
            self._stub = None
            channel.close()

    def _channel(self) -> Channel:
        config = self.config
        channel = Channel(
            config.host,
            config.port,
            ssl=config.ssl_context(),
            config=Configuration(ssl_target_name_override=config.server_name or None),
        )
        if config.token:
            # Older puppet servers read the token from the HTTP/2 :authority, as the official
            # clients send it (grpc.default_authority). grpclib has no public option for it.
            channel._authority = config.token
        return channel

    # -- events ------------------------------------------------------------------------------

    async def _dispatch(self, stub: PuppetStub, event: EventResponse) -> None:
        raw_type = int(event.type)
        name = event_name(raw_type)
        handler = self._handlers.get(raw_type)
        if handler is None:
            log.warning("WeChat: skipped event of unknown type %s", raw_type)
            return
        try:
            await handler(stub, event_body(event.payload))
        except MalformedPayload as exc:
            log.warning("WeChat: skipped %s event with a malformed payload: %s", name, exc)
        except GRPCError as exc:
            log.warning("WeChat: skipped %s event, puppet call failed: %s", name, grpc_reason(exc))
        except Exception:
            log.exception("WeChat: skipped %s event, handling failed", name)

    async def _on_quiet(self, stub: PuppetStub, body: dict[str, Any]) -> None:
        log.debug("WeChat: ignored event %s", sorted(body))

    async def _on_heartbeat(self, stub: PuppetStub, body: dict[str, Any]) -> None:
        log.debug("WeChat: heartbeat")

    async def _on_error(self, stub: PuppetStub, body: dict[str, Any]) -> None:
        log.warning("WeChat: puppet service error: %s", optional_str(body, "data")[:200])

    async def _on_scan(self, stub: PuppetStub, body: dict[str, Any]) -> None:
        log.warning("WeChat: the account is not logged in; scan the QR code at the puppet service")

    async def _on_ready(self, stub: PuppetStub, body: dict[str, Any]) -> None:
        log.info("WeChat: puppet ready")

    async def _on_reset(self, stub: PuppetStub, body: dict[str, Any]) -> None:
        log.warning("WeChat: puppet reset; forgetting cached rooms and names")
        self._directory.forget_all()

    async def _on_login(self, stub: PuppetStub, body: dict[str, Any]) -> None:
        self._self_id = required_str(body, "contactId")
        self._logged_in = True
        contact = await fetch(stub.contact_payload(id=self._self_id), "contact")
        self._self_name = contact.name if contact is not None else ""
        log.info("WeChat: logged in as %s", self._self_name or self._self_id)

    async def _on_logout(self, stub: PuppetStub, body: dict[str, Any]) -> None:
        self._logged_in = False
        log.warning("WeChat: account %s logged out", optional_str(body, "contactId") or "?")

    async def _on_room_join(self, stub: PuppetStub, body: dict[str, Any]) -> None:
        room_id = required_str(body, "roomId")
        self._directory.forget_room(room_id, str_list(body, "inviteeIdList"))

    async def _on_room_leave(self, stub: PuppetStub, body: dict[str, Any]) -> None:
        room_id = required_str(body, "roomId")
        removed = str_list(body, "removeeIdList")
        self._directory.forget_room(room_id, removed)
        if self._self_id and self._self_id in removed:
            log.info("WeChat: the bot account left room %s", room_id)

    async def _on_room_topic(self, stub: PuppetStub, body: dict[str, Any]) -> None:
        self._directory.forget_room(required_str(body, "roomId"), ())

    async def _on_dirty(self, stub: PuppetStub, body: dict[str, Any]) -> None:
        kind, payload_id = body.get("payloadType"), required_str(body, "payloadId")
        self._directory.dirty(kind, payload_id)

    # -- messages ----------------------------------------------------------------------------

    async def _on_message(self, stub: PuppetStub, body: dict[str, Any]) -> None:
        message_id = required_str(body, "messageId")
        if message_id in self._seen:
            log.info("WeChat: skipped message %s, already processed", message_id)
            return
        payload = await stub.message_payload(id=message_id)
        message = await self._normalize(stub, message_id, payload)
        self._seen.add(message_id)
        if message is not None:
            await self._hand_over(message)

    async def _hand_over(self, message: Message) -> None:
        """Give the message to the sink. WeChat never delivers a message again, so one the
        store could not record (the sink says False: a locked database) is handed over again
        here, after `STORE_RETRY` delays (about a minute in all), holding the event stream so
        the room's order is kept; after that it is logged as lost."""
        for delay in (*STORE_RETRY, None):
            sink = self._sink
            if sink is None:
                return
            try:
                if await sink(message) is not False:
                    return
            except Exception:  # one failing handler never stops the bot
                log.exception("WeChat: handling message %s failed", message.id)
                return
            if delay is None:
                break
            log.warning("WeChat: message %s not recorded; again in %.1f s", message.id, delay)
            await self._sleep(delay)
        log.error("WeChat: message %s could not be recorded; it is lost", message.id)

    async def _normalize(
        self, stub: PuppetStub, message_id: str, payload: MessagePayloadResponse
    ) -> Message | None:
        """The normalized message, or None for one the bot must not see."""
        sender = payload.from_id
        kind = message_type(payload.type)
        text = payload.text if kind in ("text", "chain") else ""
        if self._self_id and sender == self._self_id:
            return None
        room_id = payload.room_id
        if not room_id and not (kind == "text" and self.accepts_private(text)):
            return None  # 1:1 chats are private: only commands and notice confirmations pass
        room = await self._directory.room(stub, room_id) if room_id else None
        message = Message(
            id=message_id,
            group_id=room_id,
            sender_id=sender,
            text=text if room_id else text.strip(),
            time=message_time(payload.timestamp, self._clock()),
            sender_name=await self._directory.display_name(stub, room_id, sender),
            platform=self.name,
            type=kind,
            is_admin=None if room is None else is_room_admin(room, sender),
            mentions=tuple(payload.mention_ids),
            group_name=room.topic if room is not None else "",
            raw=raw_payload(payload),
        )
        return cap(message, log)

"""Feishu / Lark: an app whose bot, granted `im:message.group_msg`, sees every group message.

In: Feishu POSTs events to `POST /feishu/events` on the one HTTP server. The body is decrypted
when an Encrypt Key is set (`envelope`), the URL-verification challenge is answered once its
token matches, every event must carry the Verification Token and, with an Encrypt Key, a good
`X-Lark-Signature` (else 401). A message event is de-duplicated on `header.event_id` (Feishu
retries an event it got no 200 for), handed to the runtime in a tracked task, and answered 200
once it is handled — or once its handler begins to reply, what it records before replying being
committed — within `handle_bound` (Feishu wants an answer within 3 s). When the runtime could not
record it, or the bound runs out first, the answer is 503 and Feishu delivers it again (after
15 s, 5 min, 1 h, 6 h; then no more). Past `max_pending` (1,024) events being handled, a new
one gets 503 at once, unparsed and unkept (`InFlight`, as DingTalk). Bad bodies: 400/413 and why.

A 1:1 (p2p) chat's message enters only when it is a text the app accepts (`accepts_private`:
a command, a notice confirmation), as in WeChat; other private talk is answered 200 and dropped.

Out: `send` posts through the open API (`openapi`) with a cached tenant token, at most five
messages a second per group; group "" posts to the member's open_id (their 1:1 chat with the
bot). `send_notice` returns the posted message_id and `read_by` lists who has read it (the
read_users API). The group's owner and admins come from the chat API (cached), so
`Message.is_admin` is the platform's word.

Without `im:message.group_msg` a Feishu bot receives only the group messages that @ it: a group
whose every message for `mentions_only_days` did so is reported in `/jianfu status` and
`/healthz`, since pile-ups cannot be seen there.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

import aiohttp
from aiohttp import web

from bot.adapters.base import Adapter, AdapterError, AdapterStatus, MessageSink, http_session
from bot.adapters.delivery import BUSY, REPLYING, Delivery, InFlight, Replying
from bot.adapters.feishu.config import EVENTS_PATH, FeishuSettings
from bot.adapters.feishu.envelope import EnvelopeError, check_signature, decrypt
from bot.adapters.feishu.members import MemberBook
from bot.adapters.feishu.openapi import CachedChat, ChatInfo, GroupWatch, OpenApi, mention_text
from bot.adapters.feishu.payload import Challenge, Event, parse_body
from bot.adapters.fields import PayloadError
from bot.adapters.recent import RecentIds
from bot.adapters.refusals import Refusals, Refused, WebhookCounts
from bot.appkeys import CLOCK, Clock
from bot.clock import utc_now
from bot.http_body import BodyTooLarge, read_capped
from bot.message_cap import cap
from bot.settings import Settings
from policies.events import Message

log = logging.getLogger(__name__)

# Why an event is refused: `jianfu_refusals_total`'s reasons (see `bot.adapters.refusals`).
REFUSAL_REASONS = (
    "too_large",  # a body over FEISHU_MAX_BODY_BYTES
    "bad_body",  # not JSON, not an event, or an `encrypt` that does not decrypt with the key
    "bad_token",  # the verification token does not match: not from this app's subscription
    "missing_sign",  # FEISHU_ENCRYPT_KEY is set and a signature header is missing
    "bad_sign",  # the signature does not match: forged, or the body changed on the way
    "not_started",  # the adapter is not started yet
)

SEEN_LIMIT = 4096  # event_ids remembered for de-duplication
CHAT_LIMIT = 1024  # groups whose chat info and @-only watch are kept
API_TIMEOUT = 1.0  # seconds a delivery waits for the chat/bot API before is_admin stays unknown
API_BACKOFF = 60.0  # seconds the chat/bot API is left alone after it failed
T = TypeVar("T")
MENTIONS_ONLY = "notice.feishu_mentions_only"  # the text key `/jianfu status` shows


class FeishuAdapter(WebhookCounts, Adapter):
    """Feishu / Lark app: event callbacks in, open-API messages out."""

    name = "feishu"
    private_replies = True  # a member's command is answered in their 1:1 chat with the bot

    def __init__(
        self,
        settings: FeishuSettings,
        *,
        clock: Clock | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        http: aiohttp.ClientSession | None = None,
    ) -> None:
        self.settings = settings
        self._clock = clock
        self._monotonic = monotonic
        self._http = http
        self._own_http = False
        self._app: web.Application | None = None
        self.api = OpenApi(settings, lambda: self._http, clock=monotonic, sleep=sleep)
        self._sink: MessageSink | None = None
        self._seen = RecentIds(SEEN_LIMIT)
        # event_id → its delivery while handled; past `max_pending` new events are shed
        self._inflight = InFlight("feishu", settings.max_pending, settings.handle_bound)
        self._tasks: set[asyncio.Task[bool]] = set()
        self._chats: dict[str, CachedChat] = {}
        self._watch: dict[str, GroupWatch] = {}
        self._bot_id = ""
        self._book = MemberBook(CHAT_LIMIT)  # open_ids and names met, rosters
        self._roster_tasks: dict[str, asyncio.Task[None]] = {}  # rosters being read
        self._api_rest_until = 0.0  # monotonic time before which the chat/bot API is not asked
        self._received = 0
        self._refusals = Refusals(REFUSAL_REASONS)
        self._last_error = ""

    @classmethod
    def from_settings(cls, settings: Settings, **kwargs: Any) -> FeishuAdapter | None:
        """The adapter FEISHU_* (and `[feishu]`) ask for, or None when FEISHU_APP_ID is unset."""
        feishu = FeishuSettings.from_settings(settings)
        return cls(feishu, **kwargs) if feishu else None

    @property
    def bot_id(self) -> str:
        """The bot's open_id once known (ignored among a command's @-mentions)."""
        return self._bot_id

    @property
    def received(self) -> int:
        """Message events handed to the runtime (a repeated event_id is not counted again)."""
        return self._received

    def setup_routes(self, app: web.Application) -> None:
        self._app = app
        if self._clock is None and CLOCK in app:
            self._clock = app[CLOCK]
        app.router.add_post(EVENTS_PATH, self._on_event)

    async def start(self, sink: MessageSink) -> None:
        self._sink = sink
        if self._http is None:
            self._http, self._own_http = http_session(self._app)
        log.info("feishu: started, events at %s, API %s", EVENTS_PATH, self.settings.api_base)

    async def stop(self) -> None:
        for task in list(self._roster_tasks.values()):
            task.cancel()
        await asyncio.gather(*self._roster_tasks.values(), return_exceptions=True)
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
        self._sink = None
        if self._own_http and self._http is not None:
            await self._http.close()
        self._http, self._own_http = None, False

    def status(self) -> AdapterStatus:
        started = self._sink is not None
        detail = f"{EVENTS_PATH}; {self._received} messages, {self.refused} refused"
        quiet = [gid for gid in self._watch if self.notices(gid)]
        if quiet:
            detail += (
                f"; {len(quiet)} group(s) show only @-messages "
                "(grant im:message.group_msg to see every message)"
            )
        if self._last_error:
            detail += f"; last error: {self._last_error}"
        return AdapterStatus(self.name, started, detail if started else "not started; " + detail)

    def notices(self, group_id: str) -> tuple[str, ...]:
        watch = self._watch.get(group_id)
        if watch is None or watch.saw_unmentioned:
            return ()
        days = timedelta(days=self.settings.mentions_only_days)
        return (MENTIONS_ONLY,) if self._now() - watch.first_seen >= days else ()

    def members(self, group_id: str) -> frozenset[str] | None:
        """Open_ids and names of the group's members: its roster (the members API), and those
        met there (senders and @-mentions)."""
        return self._book.members(group_id)

    def roster(self, group_id: str) -> Mapping[str, str] | None:
        """The group's members from the members API (open_id → name), once listed: a silent
        notice's roster and nudges."""
        return self._book.roster(group_id)

    def group_size(self, group_id: str) -> int | None:
        cached = self._chats.get(group_id)
        return cached.info.size if cached is not None else None

    # --- in ---

    async def _on_event(self, request: web.Request) -> web.Response:
        try:
            raw = await read_capped(request, self.settings.max_body_bytes)
        except BodyTooLarge as exc:
            return self._refuse(413, Refused("too_large", str(exc)))
        if self._inflight.shed():  # before decrypting and parsing: shedding must cost little
            return web.json_response({"error": BUSY}, status=503)
        try:
            body = self._open(raw)
            parsed = parse_body(body)
        except (ValueError, RecursionError) as exc:  # JSON, UTF-8, EnvelopeError, PayloadError
            reason = str(exc) if isinstance(exc, (EnvelopeError, PayloadError)) else ""
            return self._refuse(400, Refused("bad_body", reason or "body is not valid JSON"))
        if not hmac.compare_digest(
            parsed.token.encode(), self.settings.verification_token.encode()
        ):
            return self._refuse(401, Refused("bad_token", "verification token does not match"))
        if isinstance(parsed, Challenge):
            return web.json_response({"challenge": parsed.challenge})
        if self.settings.encrypt_key:
            refusal = check_signature(request.headers, self.settings.encrypt_key, raw)
            if refusal:
                return self._refuse(401, refusal)
        return await self._take(parsed)

    def _open(self, raw: bytes) -> Any:
        """The event JSON: decrypted when the body is `{"encrypt": …}`."""
        body = json.loads(raw)
        if isinstance(body, Mapping) and "encrypt" in body:
            if not self.settings.encrypt_key:
                raise EnvelopeError("the body is encrypted but FEISHU_ENCRYPT_KEY is not set")
            encrypted = body["encrypt"]
            if not isinstance(encrypted, str):
                raise EnvelopeError("encrypt must be a string")
            body = json.loads(decrypt(encrypted, self.settings.encrypt_key))
        return body

    def _refuse(self, status: int, refused: Refused) -> web.Response:
        """Count the refusal by reason (`/metrics`), log it, answer `status`."""
        self._refusals.count(refused)
        log.warning("feishu: refused an event with %d (%s): %s", status, *refused)
        return web.json_response({"error": refused.detail}, status=status)

    async def _take(self, event: Event) -> web.Response:
        if event.message is None or not self._admits(event.message):
            return web.json_response({})  # another event type, an app's, a screened 1:1 text
        if self._sink is None:
            return self._refuse(503, Refused("not_started", "feishu adapter is not started"))
        self._book.learn(event.message.group_id, event.names)
        delivery = self.accept(event.event_id, event.message)
        if delivery is None or await self._inflight.handled(delivery):
            return web.json_response({})
        log.warning(
            "feishu: event %s not recorded in time; Feishu is to deliver it again", event.event_id
        )
        reason = "not recorded yet (the store is busy); deliver it again"
        return web.json_response({"error": reason}, status=503)

    def _admits(self, message: Message) -> bool:
        """A group message enters; a 1:1 chat's only as a text the app accepts (a command, a
        notice confirmation: `accepts_private`), as in WeChat — other private talk stays out."""
        if message.group_id:
            return True
        return message.type == "text" and self.accepts_private(message.text)

    def accept(self, event_id: str, message: Message) -> Delivery | None:
        """De-duplicate on event_id and hand the message to the sink in a tracked task (None:
        a repeat of a handled event; a repeat of one being handled gets that delivery)."""
        running = self._inflight.get(event_id)
        if running is not None:
            return running
        if not self._seen.add(event_id):
            log.info("feishu: dropped a repeated delivery of event %s", event_id)
            return None
        self._received += 1
        replying = Replying()
        task = asyncio.get_running_loop().create_task(self._deliver(message, replying))
        self._tasks.add(task)
        delivery = self._inflight.add(event_id, Delivery(task, replying))
        task.add_done_callback(lambda done: self._delivered(event_id, done))
        return delivery

    def _delivered(self, event_id: str, task: asyncio.Task[bool]) -> None:
        self._tasks.discard(task)
        self._inflight.discard(event_id)
        if task.cancelled() or not task.result():
            self._seen.discard(event_id)  # not recorded: the redelivery is handled afresh

    async def _deliver(self, message: Message, replying: Replying) -> bool:
        sink = self._sink
        if sink is None:
            return False
        REPLYING.set(replying)
        try:
            message = cap(await self._enrich(message), log)
            return (await sink(message)) is not False
        except Exception:  # one failing handler never stops the bot
            log.exception("feishu: handling message %s failed", message.id)
            return True

    async def _enrich(self, message: Message) -> Message:
        """The message with `is_admin` from the chat API (owner or admin), and the group's
        @-only watch updated. When the API fails, `is_admin` stays unknown (None) and the API
        is left alone for `API_BACKOFF` seconds, so deliveries never wait on a dead API."""
        name = self._book.name(message.sender_id)
        if not message.sender_name and name:
            message = replace(message, sender_name=name)
        if not message.group_id:
            return message
        self._book.meet(message.group_id, message.sender_id)
        if not self._bot_id:
            self._bot_id = await self._ask(self.api.bot_open_id) or ""
        self._observe(message)
        cached = self._chats.get(message.group_id)
        info = cached.info if cached is not None else None
        if cached is None or self._monotonic() >= cached.until:
            info = await self._ask(lambda: self._chat(message.group_id)) or info
        if info is None:
            return message
        is_admin = message.sender_id == info.owner or message.sender_id in info.managers
        return replace(message, is_admin=is_admin)

    async def _ask(self, call: Callable[[], Awaitable[T]]) -> T | None:
        """`call()` within `API_TIMEOUT`, or None (logged) when it fails or the API is resting."""
        if self._monotonic() < self._api_rest_until:
            return None
        try:
            return await asyncio.wait_for(call(), API_TIMEOUT)
        except (AdapterError, TimeoutError) as exc:
            self._last_error = str(exc) or "open API timed out"
            self._api_rest_until = self._monotonic() + API_BACKOFF
            log.warning("feishu: %s; asking again in %.0f s", self._last_error, API_BACKOFF)
            return None

    def _observe(self, message: Message) -> None:
        watch = self._watch.get(message.group_id)
        if watch is None:
            if len(self._watch) >= CHAT_LIMIT:
                self._watch.pop(next(iter(self._watch)))
            watch = self._watch[message.group_id] = GroupWatch(self._now())
        at_bot = self._bot_id in message.mentions if self._bot_id else bool(message.mentions)
        if not at_bot and not watch.saw_unmentioned:
            watch.saw_unmentioned = True

    async def _chat(self, chat_id: str) -> ChatInfo:
        info = await self.api.chat(chat_id)
        self._background_roster(chat_id)
        self._chats.pop(chat_id, None)
        if len(self._chats) >= CHAT_LIMIT:
            self._chats.pop(next(iter(self._chats)))
        self._chats[chat_id] = CachedChat(
            info, self._monotonic() + self.settings.chat_cache_seconds
        )
        return info

    def _background_roster(self, chat_id: str) -> None:
        """Read the group's roster (names) in a tracked task, one at a time per group."""
        if chat_id in self._roster_tasks or self._sink is None:
            return
        task = asyncio.get_running_loop().create_task(self._read_roster(chat_id))
        self._roster_tasks[chat_id] = task
        task.add_done_callback(lambda _: self._roster_tasks.pop(chat_id, None))

    async def _read_roster(self, chat_id: str) -> None:
        try:
            roster = await self.api.chat_members(chat_id)
        except AdapterError as exc:
            self._last_error = str(exc)
            log.warning("feishu: could not read the members of %s: %s", chat_id, exc)
            return
        self._book.keep_roster(chat_id, roster)

    def _now(self) -> datetime:
        return (self._clock or utc_now)()

    # --- out ---

    async def send(
        self, group_id: str, text: str, mentions: Sequence[str] = (), *, markdown: bool = False
    ) -> None:
        """Post in `group_id`, or privately to `mentions[0]` (an open_id) when `group_id` is ""."""
        await self._post(group_id, text, mentions, markdown=markdown)

    async def send_notice(self, group_id: str, text: str) -> str:
        """Post in the group; the reference is Feishu's `message_id`, which `read_by` asks."""
        return await self._post(group_id, text, (), markdown=False)

    async def read_by(self, group_id: str, ref: str) -> frozenset[str] | None:
        """The open_ids (what `Message.sender_id` holds) of who has read the bot's message
        `ref`, or None without one. Feishu answers for the bot's own messages of the last
        7 days while it is in the chat; a refusal raises `AdapterError`."""
        if not ref:
            return None
        try:
            return await self.api.read_users(ref)
        except AdapterError as exc:
            self._last_error = str(exc)
            raise

    async def _post(
        self, group_id: str, text: str, mentions: Sequence[str], *, markdown: bool
    ) -> str:
        replying = REPLYING.get()
        if replying is not None:
            replying.set()
        if not group_id and not mentions:
            raise AdapterError("feishu: a private reply needs the member in mentions")
        body = text if markdown else mention_text(text, mentions if group_id else ())
        try:
            return await self.api.send_text(
                group_id or mentions[0], body, to_member=not group_id, markdown=markdown
            )
        except AdapterError as exc:
            self._last_error = str(exc)
            raise

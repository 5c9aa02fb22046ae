"""The playground: a simulated work group in the browser, the embedded default adapter.

`jianfu run` with no platform configured serves a page at `/` where one can switch between a
handful of members (one is the group owner), post messages and watch the bot answer live. The
same JSON API serves scripts and tests:

- `POST /api/playground/messages` `{"sender", "text"}` → 201 with the stored entry, once the bot
  has handled the message (every incident it found is committed before the response); 503
  with `{"error"}` when the store could not record it (locked by another writer): post again;
- `GET /api/playground/messages` → the transcript `[{"id", "sender", "text", "time", "bot"}]`;
- `GET /api/playground/incidents`, `GET /api/playground/members`;
- `GET /api/playground/digest?week=last|this|YYYY-Www[&lang=zh-CN|en]` → the group's weekly
  digest `{"group", "week", "text", "markdown", "chart"}` (400 for a bad week), and
  `GET /api/playground/digest/chart.png?week=…` → its 8-week bar chart (when the app gives
  the adapter a digest source);
- silent notices and the members' 1:1 chats with the bot: `bot.adapters.playground.notices`;
- `GET /api/playground/ws` (WebSocket) pushes `{"type": "message", "message": {...}}` and
  `{"type": "incidents", "incidents": [...]}`. Each browser has its own bounded queue: one that
  does not read is dropped once `SEND_QUEUE` events wait for it; handling never waits on it.

Writes and the WebSocket are same-origin only, and off loopback the playground needs an access
token (`bot.adapters.playground.guard`).

Raw request bodies become `Message` here and nowhere else.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import WSCloseCode, web

from bot.adapters.base import Adapter, AdapterError, AdapterStatus, MessageSink
from bot.adapters.playground.guard import TOKEN_ENV, refusal, token_cookie, token_matches
from bot.adapters.playground.notices import NoticeRoutes
from bot.adapters.playground.payload import (
    BOT_NAME,
    GROUP_ID,
    MAX_BODY,
    MEMBERS,
    BadRequest,
    DigestSource,
    Member,
    NoticeSource,
    PlaygroundLog,
    parse_post,
    to_message,
)
from bot.http_body import BodyTooLarge, read_capped
from bot.store.pg import DatabaseError
from bot.store.thread import StoreClosed

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parents[2] / "web"  # bot/web
TRANSCRIPT_LIMIT = 500  # entries the transcript endpoint returns (the newest)
INCIDENT_LIMIT = 50  # incidents the incident endpoint returns (the newest)
STATIC_FILES = frozenset({"playground.css", "playground.js"})  # served under /static/
SEND_QUEUE = 64  # events waiting for one browser before it is dropped as too slow
SEND_TIMEOUT = 10.0  # seconds one event may take to leave for a browser before it is dropped

# Every variable this adapter reads: (name, meaning, secret?) — for docs, check-config, logs.
ENV_VARS: tuple[tuple[str, str, bool], ...] = (
    (
        TOKEN_ENV,
        "access token of the playground (at least 16 characters); required when `--host` is "
        "not loopback. Open `http://<host>:<port>/?token=<token>` once: the page keeps it in a "
        "cookie; scripts send `Authorization: Bearer <token>`",
        True,
    ),
)
NOT_RECORDED = "not recorded: the database is busy; post it again"
STORE_ERRORS = (
    sqlite3.Error,
    DatabaseError,
    StoreClosed,
)  # a locked or closed store: 503, never a traceback


class Watcher:
    """One browser's WebSocket and the events waiting for it, sent by its own task: a browser
    that stops reading fills only its own queue, and is dropped when it is full."""

    def __init__(self, ws: web.WebSocketResponse, request: web.Request) -> None:
        self.ws = ws
        self._request = request
        self._queue: asyncio.Queue[str] = asyncio.Queue(SEND_QUEUE)
        self._task = asyncio.create_task(self._send_all())

    def offer(self, data: str) -> bool:
        """Queue an event; False (and the browser is cut off) when its queue is full."""
        try:
            self._queue.put_nowait(data)
        except asyncio.QueueFull:
            self.drop(f"{SEND_QUEUE} events waiting: it does not read")
            return False
        return True

    def drop(self, why: str) -> None:
        if self._task.done() and self.ws.closed:
            return
        log.info("playground: dropping a browser connection: %s", why)
        self._task.cancel()
        transport = self._request.transport
        if transport is not None:
            transport.abort()  # a close handshake would wait on the same full buffer

    async def stop(self) -> None:
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)

    async def _send_all(self) -> None:
        while True:
            data = await self._queue.get()
            try:
                await asyncio.wait_for(self.ws.send_str(data), SEND_TIMEOUT)
            except (ConnectionError, RuntimeError, TimeoutError) as exc:
                self.drop(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
                return


class PlaygroundAdapter(Adapter):
    """The browser group: an HTTP/WebSocket API over a transcript kept in the store."""

    name = "playground"
    members_complete = True  # the simulated group: its members and whoever has posted
    private_replies = True  # each member has a 1:1 chat with the bot on the page

    def __init__(
        self,
        log_: PlaygroundLog,
        clock: Callable[[], datetime],
        digests: DigestSource | None = None,
        token: str = "",
        notices: NoticeSource | None = None,
        members: Sequence[Member] = MEMBERS,
    ) -> None:
        self._log = log_
        self.simulated: tuple[Member, ...] = tuple(members)  # the group's members (MEMBERS)
        self._notices = NoticeRoutes(log_, notices, self._broadcast, _json)
        self._clock = clock
        self._digests = digests
        self._token = token  # required of every request when set (JIANFU_PLAYGROUND_TOKEN)
        self._sink: MessageSink | None = None
        self._watchers: set[Watcher] = set()
        self._last_incidents: list[dict[str, Any]] | None = None
        self._joined: set[str] = set()  # senders who are not in MEMBERS join by posting
        self.refused = 0  # requests refused with a 4xx (`/metrics`)

    def setup_routes(self, app: web.Application) -> None:
        app.router.add_get("/", self._page)
        app.router.add_get("/favicon.ico", self._favicon)
        app.router.add_get("/static/{name}", self._static)
        api = "/api/playground"
        app.router.add_post(f"{api}/messages", self._guarded(self._post_message, write=True))
        app.router.add_get(f"{api}/messages", self._guarded(self._get_messages))
        app.router.add_get(f"{api}/incidents", self._guarded(self._get_incidents))
        app.router.add_get(f"{api}/members", self._guarded(self._get_members))
        app.router.add_get(f"{api}/ws", self._guarded(self._websocket, write=True))
        notices = self._notices
        app.router.add_get(f"{api}/notices", self._guarded(notices.notices))
        confirm = self._guarded(notices.confirm, write=True)
        app.router.add_post(f"{api}/notices/{{notice}}/confirm", confirm)
        app.router.add_get(f"{api}/private", self._guarded(notices.private))
        if self._digests is not None:
            app.router.add_get(f"{api}/digest", self._guarded(self._get_digest))
            app.router.add_get(f"{api}/digest/chart.png", self._guarded(self._get_chart))
        app.on_shutdown.append(self._close_sockets)

    def _guarded(self, handler: Handler, *, write: bool = False) -> Handler:
        """`handler` behind the playground's checks (`playground_guard.refusal`)."""

        async def guarded(request: web.Request) -> web.StreamResponse:
            refused = refusal(request, self._token, write=write)
            if refused is not None:
                status, reason = refused
                self.refused += 1
                log.warning("playground: refused %s %s with %d: %s", request.method,
                            request.path, status, reason)  # fmt: skip
                return _error(status, reason)
            return await handler(request)

        return guarded

    async def start(self, sink: MessageSink) -> None:
        self._joined = {e.sender for e in await self._log.transcript(GROUP_ID, TRANSCRIPT_LIMIT)}
        self._sink = sink

    def members(self, group_id: str) -> frozenset[str] | None:
        """The fixed members and every name that has posted (posting joins the group)."""
        if group_id != GROUP_ID:
            return None
        return frozenset(m.name for m in self.simulated) | (self._joined - {BOT_NAME})

    def roster(self, group_id: str) -> Mapping[str, str] | None:
        """Every member (ids are names here): the simulated ones and whoever has posted."""
        members = self.members(group_id)
        return None if members is None else {name: name for name in sorted(members)}

    async def stop(self) -> None:
        self._sink = None
        await self._close_sockets()

    def status(self) -> AdapterStatus:
        started = self._sink is not None
        return AdapterStatus(self.name, started, f"{len(self._watchers)} browser(s) watching")

    async def send(
        self, group_id: str, text: str, mentions: Sequence[str] = (), *, markdown: bool = False
    ) -> None:
        if not group_id:  # privately: the member's 1:1 chat with the bot, on the page
            if not mentions:
                raise AdapterError("a private message needs its member; not sent")
            to = mentions[0]
            entry = await self._log.append(GROUP_ID, BOT_NAME, text, self._now(), True, to)
            await self._broadcast({"type": "private", "to": to, "message": entry.as_json()})
            return
        await self.send_notice(group_id, "".join(f"@{m} " for m in mentions) + text)

    async def send_notice(self, group_id: str, text: str) -> str:
        """Post into the group; the reference is the transcript line's id."""
        entry = await self._log.append(group_id, BOT_NAME, text, self._now(), True)
        await self._broadcast({"type": "message", "message": entry.as_json()})
        return str(entry.id)

    def _now(self) -> datetime:
        return self._clock().replace(microsecond=0)  # the transcript keeps whole seconds

    async def _page(self, request: web.Request) -> web.StreamResponse:
        """The page; with a token, `/?token=…` trades it for a cookie and a clean address."""
        given = request.query.get("token")
        if self._token and given is not None:
            if not token_matches(given, self._token):
                return _error(401, "wrong token")
            found = web.Response(status=303, headers={"Location": "/"})
            token_cookie(found, self._token, secure=request.secure)
            return found
        refused = refusal(request, self._token, write=False)
        if refused is not None:
            return _error(*refused)
        return web.FileResponse(WEB_DIR / "playground.html")

    async def _favicon(self, request: web.Request) -> web.FileResponse:
        """The page's icon (an SVG; browsers ask for /favicon.ico on every load)."""
        return web.FileResponse(WEB_DIR / "favicon.svg", headers={"Content-Type": "image/svg+xml"})

    async def _static(self, request: web.Request) -> web.FileResponse:
        """The page's own files only (no path from the request reaches the file system)."""
        name = request.match_info["name"]
        if name not in STATIC_FILES:
            raise web.HTTPNotFound(text="no such file")
        return web.FileResponse(WEB_DIR / name)

    async def _post_message(self, request: web.Request) -> web.Response:
        sink = self._sink
        if sink is None:
            return _error(503, "the playground is not running")
        try:
            sender, text = parse_post(await read_capped(request, MAX_BODY))
        except (BadRequest, BodyTooLarge) as exc:
            self.refused += 1
            return _error(400, str(exc))
        try:
            entry = await self._log.append(GROUP_ID, sender, text, self._now(), False)
        except STORE_ERRORS as exc:
            log.warning("playground: could not store a message: %s: %s", type(exc).__name__, exc)
            return _error(503, NOT_RECORDED)
        self._joined.add(sender)
        await self._broadcast({"type": "message", "message": entry.as_json()})
        if not await sink(to_message(entry)):  # handled, incidents committed, before we answer
            return _error(503, NOT_RECORDED)
        await self._push_incidents()
        await self._notices.push()
        return _json(entry.as_json(), status=201)

    async def _get_messages(self, request: web.Request) -> web.Response:
        entries = await self._log.transcript(GROUP_ID, TRANSCRIPT_LIMIT)
        return _json([e.as_json() for e in entries])

    async def _get_incidents(self, request: web.Request) -> web.Response:
        return _json(await self._log.incidents(GROUP_ID, INCIDENT_LIMIT))

    async def _get_members(self, request: web.Request) -> web.Response:
        return _json([m.as_json() for m in self.simulated])

    async def _get_digest(self, request: web.Request) -> web.Response:
        digests, week = self._digests, request.query.get("week", "last")
        lang = request.query.get("lang")
        if digests is None:
            return _error(503, "no digests in this playground")
        if lang not in (None, "zh-CN", "en"):
            return _error(400, "lang must be zh-CN or en")
        try:
            found = await digests.digest(GROUP_ID, week, lang)
        except (ValueError, OverflowError) as exc:  # the week is the only input: a bad one
            return _error(400, _bad_week(week, exc))
        chart = f"/api/playground/digest/chart.png?week={found.week}"
        body = {"group": GROUP_ID, "week": str(found.week), "chart": chart}
        return web.json_response({**body, "text": found.text, "markdown": found.markdown})

    async def _get_chart(self, request: web.Request) -> web.Response:
        digests = self._digests
        if digests is None:
            return _error(503, "no digests in this playground")
        week = request.query.get("week", "last")
        try:
            png = await digests.chart(GROUP_ID, week)
        except (ValueError, OverflowError) as exc:  # the week is the only input: a bad one
            return _error(400, _bad_week(week, exc))
        return web.Response(body=png, content_type="image/png")

    async def _websocket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(heartbeat=30, max_msg_size=4096)
        await ws.prepare(request)
        watcher = Watcher(ws, request)
        self._watchers.add(watcher)
        try:
            async for _ in ws:  # the page only listens; anything it sends is ignored
                pass
        finally:
            self._watchers.discard(watcher)
            await watcher.stop()
        return ws

    async def _push_incidents(self) -> None:
        incidents = await self._log.incidents(GROUP_ID, INCIDENT_LIMIT)
        if incidents != self._last_incidents:
            self._last_incidents = incidents
            await self._broadcast({"type": "incidents", "incidents": incidents})

    async def _broadcast(self, event: dict[str, Any]) -> None:
        """Queue `event` for every browser; never waits for one (a full queue drops it)."""
        data = _dumps(event)
        for watcher in list(self._watchers):
            if watcher.ws.closed or not watcher.offer(data):
                self._watchers.discard(watcher)

    async def _close_sockets(self, app: web.Application | None = None) -> None:
        for watcher in list(self._watchers):
            await watcher.stop()
            with contextlib.suppress(ConnectionError, RuntimeError, TimeoutError):
                await asyncio.wait_for(
                    watcher.ws.close(code=WSCloseCode.GOING_AWAY, message=b"server shutdown"),
                    SEND_TIMEOUT,
                )


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _json(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=_dumps)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _bad_week(week: str, exc: Exception) -> str:
    """Why a week was refused (a BadWeek says it itself)."""
    return str(exc) if isinstance(exc, ValueError) else f"bad week {week!r}: {exc}"


def _error(status: int, reason: str) -> web.Response:
    return _json({"error": reason}, status=status)

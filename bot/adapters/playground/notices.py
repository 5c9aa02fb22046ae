"""The playground's silent notices and 1:1 chats (`PlaygroundAdapter` takes these routes in).

A notice the bot posts is a transcript line like any other; its reference is that line's id,
so the page puts a confirm button under it. The bot's private messages (a notice's nudge, the
roster for its poster, a member's command answered privately) are kept per member and shown
on the page as that member's 1:1 chat with the bot:

- `GET /api/playground/notices` → the group's notices, newest first: `[{"id", "ref" (the
  transcript line), "text", "poster", "posted_at", "due", "confirmed": [{"member", "source",
  "time"}], "pending": [names]}]`;
- `POST /api/playground/notices/{id}/confirm` `{"sender"}` → 200 with the notices, once the
  confirmation is stored (404: no such notice; 400: the sender is not asked to confirm it);
- `GET /api/playground/private?member=<name>` → the bot's private messages to that member.

The WebSocket pushes `{"type": "notices", "notices": [...]}` after a confirmation and
`{"type": "private", "to": <name>, "message": {...}}` for a private message.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.adapters.playground.payload import (
    GROUP_ID,
    MAX_BODY,
    BadRequest,
    NoticeSource,
    PlaygroundLog,
    parse_confirm,
)
from bot.http_body import BodyTooLarge, read_capped
from bot.store.thread import StoreClosed

log = logging.getLogger("bot.adapters.playground.adapter")

PRIVATE_LIMIT = 100  # private messages the private endpoint returns (the newest)
Reply = Callable[[Any, int], web.Response]  # (body, status) → JSON response


class NoticeRoutes:
    """The notice and private-chat endpoints over the adapter's log and notice source."""

    def __init__(
        self,
        log_: PlaygroundLog,
        source: NoticeSource | None,
        broadcast: Callable[[dict[str, Any]], Awaitable[None]],
        reply: Reply,
    ) -> None:
        self._log = log_
        self._source = source
        self._broadcast = broadcast
        self._reply = reply
        self._last: list[dict[str, Any]] = []  # the notices last pushed

    async def push(self) -> None:
        """Push the notices when they changed (after a message: a notice posted, an ack)."""
        if self._source is None:
            return
        found = await self._source.notices(GROUP_ID)
        if found != self._last:
            self._last = found
            await self._broadcast({"type": "notices", "notices": found})

    async def notices(self, request: web.Request) -> web.Response:
        if self._source is None:
            return self._reply({"error": "no notices in this playground"}, 503)
        return self._reply(await self._source.notices(GROUP_ID), 200)

    async def confirm(self, request: web.Request) -> web.Response:
        source = self._source
        if source is None:
            return self._reply({"error": "no notices in this playground"}, 503)
        raw = request.match_info["notice"]
        if not raw.isdigit() or len(raw) > 9:
            return self._reply({"error": f"no notice {raw[:20]!r}"}, 404)
        try:
            sender = parse_confirm(await read_capped(request, MAX_BODY))
            await source.confirm(GROUP_ID, int(raw), sender)
        except (BadRequest, BodyTooLarge) as exc:
            return self._reply({"error": str(exc)}, 400)
        except LookupError as exc:
            return self._reply({"error": str(exc)}, 404)
        except ValueError as exc:
            return self._reply({"error": str(exc)}, 400)
        except (sqlite3.Error, StoreClosed) as exc:
            log.warning("playground: could not store a confirmation: %s", type(exc).__name__)
            return self._reply({"error": "not recorded: the database is busy; confirm again"}, 503)
        found = await source.notices(GROUP_ID)
        self._last = found
        await self._broadcast({"type": "notices", "notices": found})
        return self._reply(found, 200)

    async def private(self, request: web.Request) -> web.Response:
        member = request.query.get("member", "").strip()
        if not member:
            return self._reply({"error": "member=<name> is required"}, 400)
        entries = await self._log.private(GROUP_ID, member, PRIVATE_LIMIT)
        return self._reply([e.as_json() for e in entries], 200)

"""The browser playground: a simulated work group on jianfu's own web server — see `adapter.py`.

One package: `adapter.py` (the `PlaygroundAdapter`: page, API, WebSocket), `payload.py` (its
members, a posted message's checks, transcript line → `Message`), `guard.py` (the access token
and same-origin checks for a playground reachable beyond loopback).
"""

from __future__ import annotations

from bot.adapters.playground.adapter import ENV_VARS, PlaygroundAdapter
from bot.adapters.playground.payload import (
    GROUP_ID,
    GROUP_NAME,
    MAX_BODY,
    MAX_TEXT,
    MEMBERS,
    BadRequest,
    Member,
    TranscriptEntry,
    mentioned,
    parse_post,
    to_message,
)

__all__ = [
    "ENV_VARS",
    "GROUP_ID",
    "GROUP_NAME",
    "MAX_BODY",
    "MAX_TEXT",
    "MEMBERS",
    "BadRequest",
    "Member",
    "PlaygroundAdapter",
    "TranscriptEntry",
    "mentioned",
    "parse_post",
    "to_message",
]

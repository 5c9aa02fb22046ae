"""Typed keys for what the application factory keeps on the aiohttp app.

Adapters that need HTTP read `app[HTTP_SESSION]` (one `ClientSession` per app) in `start()`,
from the app they were given in `setup_routes()`; it exists from start-up to tear-down.
"""

from __future__ import annotations

from aiohttp import ClientSession, web

from bot.clock import Clock

__all__ = ["CLOCK", "HTTP_SESSION", "Clock"]  # Clock: bot.clock's, the one type

HTTP_SESSION = web.AppKey("http_session", ClientSession)

CLOCK: web.AppKey[Clock] = web.AppKey("clock")

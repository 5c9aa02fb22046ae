"""Who may use the playground: the page's own origin, and, off loopback, the holder of a token.

The playground posts as any member of the simulated group, the owner included, so a write is a
command to the bot. Three checks keep other websites and other people out:

- Same origin, on every write and on the WebSocket: a request whose `Origin` (or
  `Sec-Fetch-Site`) says it comes from another site is refused 403, and a write must be
  `Content-Type: application/json` (415 otherwise) — a page elsewhere can send a cross-origin
  `fetch` in `no-cors` mode only as text/plain, a form or multipart, and never with our Origin.
- On loopback (no token), the `Host` must be a loopback name: a page on another site that
  re-points its own DNS name to 127.0.0.1 (DNS rebinding) is same-origin with itself, not
  with us.
- Bound to anything but loopback, the playground needs `JIANFU_PLAYGROUND_TOKEN` (`jianfu run`
  refuses to start without one). The browser gets it once, from the address the operator
  opens: `http://<host>:<port>/?token=<token>` answers with an HttpOnly, SameSite=Strict
  cookie and a redirect to `/`, so the token leaves the address bar; scripts send
  `Authorization: Bearer <token>`. Without it every playground route answers 401.
"""

from __future__ import annotations

import hmac
import ipaddress
from urllib.parse import urlsplit

from aiohttp import web

from bot.settings import ConfigError

TOKEN_ENV = "JIANFU_PLAYGROUND_TOKEN"
TOKEN_COOKIE = "jianfu_playground"
MIN_TOKEN_CHARS = 16
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


class PlaygroundExposed(ConfigError):
    """The playground would be served beyond this machine without an access token."""


def is_loopback(host: str) -> bool:
    """Does `host` (a bind address or a Host header's name) mean this machine only?"""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def access_token(bind_host: str, token: str) -> str:
    """The token the playground requires ("" on loopback without one). Raises
    `PlaygroundExposed` for a non-loopback bind without a token, or a token too short."""
    token = token.strip()
    if token and len(token) < MIN_TOKEN_CHARS:
        raise PlaygroundExposed(f"{TOKEN_ENV} must be at least {MIN_TOKEN_CHARS} characters")
    if not token and not is_loopback(bind_host):
        raise PlaygroundExposed(
            f"--host {bind_host} serves the playground beyond this machine, where anyone could "
            f"post as the group owner: set {TOKEN_ENV} (at least {MIN_TOKEN_CHARS} random "
            "characters, e.g. `openssl rand -hex 16`), or bind 127.0.0.1"
        )
    return token


def refusal(request: web.Request, token: str, *, write: bool) -> tuple[int, str] | None:
    """Why this playground request is refused, as (status, reason); None when it may pass.
    `write`: a POST or the WebSocket handshake (the same-origin checks apply)."""
    if token and not _holds(request, token):
        return 401, f"open the playground with ?token=… ({TOKEN_ENV}) or send a Bearer token"
    if not token and not is_loopback(request.url.host or ""):
        return 403, "the playground answers only to a loopback Host (127.0.0.1, localhost)"
    if write:
        origin = _foreign_origin(request)
        if origin:
            return 403, f"cross-origin request refused ({origin})"
        if request.method == "POST" and _media_type(request) != "application/json":
            return 415, "Content-Type must be application/json"
    return None


def _media_type(request: web.Request) -> str:
    """The Content-Type's media type, read by hand: aiohttp's `content_type` runs the header
    through the email package's parser, which raises (IndexError, HeaderParseError) on
    malformed parameters such as ';0*' — a 500 where the sender deserves a 415."""
    return request.headers.get("Content-Type", "").partition(";")[0].strip().lower()


def token_cookie(response: web.StreamResponse, token: str, secure: bool) -> None:
    """Give the browser the token as a cookie it sends back only to this site."""
    response.set_cookie(
        TOKEN_COOKIE, token, httponly=True, samesite="Strict", secure=secure, path="/"
    )


def token_matches(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode(), token.encode())


def _holds(request: web.Request, token: str) -> bool:
    given = request.cookies.get(TOKEN_COOKIE, "")
    auth = request.headers.get("Authorization", "")
    if auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    return token_matches(given, token)


def _foreign_origin(request: web.Request) -> str:
    """What marks the request as coming from another site, or ""."""
    site = request.headers.get("Sec-Fetch-Site", "")
    if site and site not in ("same-origin", "none"):
        return f"Sec-Fetch-Site: {site}"
    origin = request.headers.get("Origin")
    if origin is None:
        return ""  # not a browser's cross-origin request (those always carry Origin)
    try:
        netloc = urlsplit(origin).netloc.lower()
    except ValueError:
        netloc = ""
    if origin == "null" or netloc != request.host.lower():
        return f"Origin {origin[:100]!r}"
    return ""

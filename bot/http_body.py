"""Reading an HTTP request body with a size cap, for the routes that take one."""

from __future__ import annotations

import asyncio

from aiohttp import web


class BodyTooLarge(ValueError):
    """A request body over the route's cap; the route decides the status (413, 400)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"body is larger than {limit} bytes")


async def read_capped(request: web.Request, limit: int) -> bytes:
    """The request body; `BodyTooLarge` when it is (or says it is) larger than `limit` bytes.
    A body with a Content-Length (aiohttp's parser holds it to that length) is read at once;
    one sent in chunks is read chunk by chunk up to the cap."""
    length = request.content_length
    if length is not None:
        if length > limit:
            raise BodyTooLarge(limit)
        try:
            return await request.content.readexactly(length)
        except asyncio.IncompleteReadError as exc:  # the sender stopped early: what came
            return exc.partial
    body = bytearray()
    async for chunk in request.content.iter_chunked(8192):
        body += chunk
        if len(body) > limit:
            raise BodyTooLarge(limit)
    return bytes(body)

"""A webhook adapter served on loopback for the adapter tests: its routes on a free port of
127.0.0.1, started with a sink; stopped and torn down when the block ends."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web

from bot.adapters.base import Adapter, MessageSink
from policies.events import Message
from tests.conftest import start_on_loopback


@asynccontextmanager
async def on_loopback(adapter: Adapter, sink: MessageSink) -> AsyncIterator[str]:
    """`adapter` serving its routes and started with `sink`: its base URL."""
    app = web.Application()
    adapter.setup_routes(app)
    runner, url = await start_on_loopback(app)
    try:
        await adapter.start(sink)
        try:
            yield url
        finally:
            await adapter.stop()
    finally:
        await runner.cleanup()


def recorder(received: list[Message]) -> MessageSink:
    """A sink that keeps each message in `received` and says it was handled."""

    async def sink(message: Message) -> bool:
        received.append(message)
        return True

    return sink

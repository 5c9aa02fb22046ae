"""Garbage on the HTTP port: each malformed request is answered 4xx and logged as one WARNING
line (no traceback, nothing at ERROR); the static files route refuses absurd names with 404."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import create_app
from bot.settings import Settings
from tests.conftest import start_on_loopback


@pytest.fixture
async def port(tmp_path: Path) -> AsyncIterator[int]:
    app = create_app(Settings(), db_path=tmp_path / "jianfu.db")
    runner, _ = await start_on_loopback(app)
    yield runner.addresses[0][1]
    await runner.cleanup()


async def raw(port: int, request: bytes) -> int:
    """Send `request` on a fresh connection; the status of the answer."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), 5)
    finally:
        writer.close()
    return int(status_line.split()[1])


GARBAGE = [
    b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 20_000 + b"\r\n\r\n",
    b"POST /api/playground/messages HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
]


@pytest.mark.parametrize("request_bytes", GARBAGE, ids=range(len(GARBAGE)))
async def test_a_malformed_request_is_a_4xx_and_one_warning_line(
    port: int, request_bytes: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.clear()
    status = await raw(port, request_bytes)
    await asyncio.sleep(0.05)  # the server logs after it answered
    assert 400 <= status < 500
    server = [r for r in caplog.records if r.name == "aiohttp.server"]
    assert [r.levelname for r in server] == ["WARNING"]
    assert server[0].exc_info is None and "\n" not in server[0].getMessage()
    assert "bad HTTP request" in server[0].getMessage()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    "path", ["/static/" + "a" * 5000, "/static/../jianfu.db", "/static/%2e%2e/app.py", "/static/"]
)
async def test_the_static_route_serves_only_its_own_files(
    port: int, path: str, caplog: pytest.LogCaptureFixture
) -> None:
    status = await raw(port, f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    assert status == 404
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert await raw(port, b"GET /static/playground.css HTTP/1.1\r\nHost: x\r\n\r\n") == 200

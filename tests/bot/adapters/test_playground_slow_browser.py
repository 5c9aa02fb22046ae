"""A browser that opens the WebSocket and never reads must not hold up the group: its events
queue up to `SEND_QUEUE`, then it is dropped; every post is handled and every reading browser
gets every event."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import WSMsgType
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.settings import Settings

MAX_POSTS = 3000  # ~36 MB of events: far more than any kernel buffers a socket


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[TestClient[Any, Any]]:
    app = create_app(Settings(), db_path=tmp_path / "jianfu.db")
    async with TestClient(TestServer(app, host="127.0.0.1", port=0)) as client:
        yield client


async def never_reading_browser(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A raw WebSocket handshake on a socket with a tiny receive buffer, then silence."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
    sock.setblocking(False)
    await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port))
    reader, writer = await asyncio.open_connection(sock=sock, limit=2**20)
    key = base64.b64encode(os.urandom(16)).decode()
    writer.write(
        f"GET /api/playground/ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
    )
    await writer.drain()
    assert (await reader.readuntil(b"\r\n\r\n")).startswith(b"HTTP/1.1 101")
    return reader, writer


async def watching(client: TestClient[Any, Any]) -> int:
    status = await (await client.get("/healthz")).json()
    playground = next(a for a in status["adapters"] if a["name"] == "playground")
    return int(playground["detail"].split()[0])


async def test_a_browser_that_never_reads_is_dropped_and_stalls_nothing(
    client: TestClient[Any, Any],
) -> None:
    port = client.server.port
    assert port is not None
    _, silent = await never_reading_browser(port)
    reading = await client.ws_connect("/api/playground/ws")
    seen: list[str] = []

    async def read_all() -> None:
        async for frame in reading:
            if frame.type == WSMsgType.TEXT and '"type": "message"' in frame.data:
                seen.append(frame.json()["message"]["text"])

    reader_task = asyncio.create_task(read_all())
    posted: list[str] = []
    async with asyncio.timeout(60):  # a hang guard only: today this stalls for minutes
        # post ~12 KB messages until the silent browser's kernel buffers and queue are full
        # (about 600 here: 4 MB of send-buffer autotuning) and it is dropped
        while len(posted) < MAX_POSTS and await watching(client) == 2:
            for _ in range(50):
                text = f"第{len(posted)}条 " + "收到" * 1990
                sender = ("李娜", "张伟", "刘洋")[len(posted) % 3]
                body = json.dumps({"sender": sender, "text": text}, ensure_ascii=False)
                response = await client.post(
                    "/api/playground/messages",
                    data=body.encode(),
                    headers={"Content-Type": "application/json"},
                )
                assert response.status == 201
                posted.append(text)
        while not set(posted) <= set(seen):  # the reading browser got every message
            await asyncio.sleep(0.05)
    assert await watching(client) == 1  # the silent one was dropped
    await reading.close()
    reader_task.cancel()
    silent.close()

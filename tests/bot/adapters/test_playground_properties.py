"""Property-based: whatever a client sends the playground — any body, header or WebSocket
frame — it gets a 201 or a 4xx with a reason, never a 5xx, and the group keeps working.

Examples per `make test`: 80 request bodies, 40 Origin/Content-Type pairs, 30 digest weeks,
30 sequences of WebSocket frames."""

from __future__ import annotations

import json
import string
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import WSMsgType
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import create_app
from bot.settings import Settings

SHARED = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=10,
)  # fmt: skip
MESSAGES = st.fixed_dictionaries(
    {"sender": st.text(max_size=50), "text": st.text(max_size=60)},
    optional={"extra": JSON},
)
BODIES = (
    st.binary(max_size=200)
    | JSON.map(lambda v: json.dumps(v).encode())
    | MESSAGES.map(lambda v: json.dumps(v, ensure_ascii=False).encode())
)


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[TestClient[Any, Any]]:
    app = create_app(Settings(), db_path=tmp_path / "jianfu.db")
    async with TestClient(TestServer(app, host="127.0.0.1", port=0)) as client:
        yield client


@settings(SHARED, max_examples=80)
@given(body=BODIES)
async def test_any_body_is_stored_or_refused_with_a_reason(
    client: TestClient[Any, Any], body: bytes
) -> None:
    response = await client.post(
        "/api/playground/messages", data=body, headers={"Content-Type": "application/json"}
    )
    answer = await response.json()
    assert response.status in (201, 400), answer
    if response.status == 201:
        sent = json.loads(body)
        assert answer["text"] == sent["text"] and answer["sender"] == sent["sender"].strip()
    else:
        assert answer["error"]


HEADER = st.text(alphabet=string.printable.strip() + " ", max_size=40)


@settings(SHARED, max_examples=40)
@given(origin=st.none() | HEADER, content_type=HEADER)
async def test_any_origin_and_content_type_is_stored_or_refused(
    client: TestClient[Any, Any], origin: str | None, content_type: str
) -> None:
    headers = {"Content-Type": content_type}
    if origin is not None:
        headers["Origin"] = origin
    body = json.dumps({"sender": "李娜", "text": "收到"}, ensure_ascii=False).encode()
    response = await client.post("/api/playground/messages", data=body, headers=headers)
    assert response.status in (201, 403, 415)
    own = str(client.make_url("/")).rstrip("/")
    if response.status == 201:
        assert origin in (None, own) and content_type.split(";")[0].strip().lower() == (
            "application/json"
        )


@settings(SHARED, max_examples=30)
@given(week=st.text(max_size=20), lang=st.none() | st.text(max_size=8))
async def test_any_digest_week_is_a_digest_or_a_400(
    client: TestClient[Any, Any], week: str, lang: str | None
) -> None:
    params = {"week": week, **({"lang": lang} if lang is not None else {})}
    response = await client.get("/api/playground/digest", params=params)
    assert response.status in (200, 400)
    assert (await response.json())["error" if response.status == 400 else "text"]


FRAMES = st.lists(st.text(max_size=100) | st.binary(max_size=100), min_size=1, max_size=5)


@settings(SHARED, max_examples=30)
@given(frames=FRAMES)
async def test_any_websocket_frames_are_ignored_and_events_still_arrive(
    client: TestClient[Any, Any], frames: list[str | bytes]
) -> None:
    ws = await client.ws_connect("/api/playground/ws")
    try:
        for frame in frames:
            if isinstance(frame, str):
                await ws.send_str(frame)
            else:
                await ws.send_bytes(frame)
        response = await client.post(
            "/api/playground/messages", json={"sender": "张伟", "text": "收到"}
        )
        assert response.status == 201
        posted = (await response.json())["id"]
        while True:
            event = await ws.receive(timeout=10)
            assert event.type == WSMsgType.TEXT, event
            data = json.loads(event.data)
            if data["type"] == "message" and data["message"]["id"] == posted:
                break
    finally:
        await ws.close()

"""The playground adapter: request bodies → Message, and its HTTP API against a real server."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.adapters.playground import (
    MAX_BODY,
    MAX_TEXT,
    BadRequest,
    PlaygroundAdapter,
    TranscriptEntry,
    mentioned,
    parse_post,
    to_message,
)
from bot.app import StorePlaygroundLog, create_app
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread

NOW = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)


def body(**fields: object) -> bytes:
    return json.dumps(fields, ensure_ascii=False).encode()


def test_a_good_body_gives_sender_and_text() -> None:
    assert parse_post(body(sender=" 李娜 ", text="收到")) == ("李娜", "收到")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"not json", "not JSON"),
        (b"\xff\xfe", "not JSON"),
        (b"[1, 2]", "JSON object"),
        (body(sender="李娜"), "text must be"),
        (body(sender="李娜", text=""), "text must be"),
        (body(sender="李娜", text="   "), "text must be"),
        (body(sender="李娜", text=5), "text must be"),
        (body(text="收到"), "sender must be"),
        (body(sender=7, text="收到"), "sender must be"),
        (body(sender="李 娜", text="收到"), "one word"),
        (body(sender="x" * 41, text="收到"), "one word"),
        (body(sender="李娜", text="a" * (MAX_TEXT + 1)), "longer than"),
        (body(sender="李娜", text="收到", admin=True), "unknown field(s): admin"),
        (b'{"sender": "\\ud800", "text": "hi"}', "sender is not valid Unicode: a lone surrogate"),
        (b'{"sender": "x", "text": "hi \\udc00"}', r"text is not valid Unicode: .* \\udc00 at"),
    ],
)
def test_bad_bodies_are_refused_with_a_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(BadRequest, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_post(raw)


def test_the_longest_text_is_accepted() -> None:
    assert parse_post(body(sender="李娜", text="a" * MAX_TEXT))[1] == "a" * MAX_TEXT


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("/jianfu exempt @李娜", ("李娜",)),
        ("@李娜收到 @张伟 @李娜", ("李娜", "张伟")),
        ("@路人甲 你好", ("路人甲",)),
        ("没有提到谁", ()),
    ],
)
def test_mentions_are_member_names(text: str, ids: tuple[str, ...]) -> None:
    assert mentioned(text) == ids


def test_an_entry_becomes_a_normalized_message() -> None:
    when = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    owner = to_message(TranscriptEntry(7, "playground", "王主任", "/jf exempt @张伟", when))
    assert (owner.id, owner.group_id, owner.sender_id, owner.sender_name) == (
        "pg-7",
        "playground",
        "王主任",
        "王主任",
    )
    assert owner.is_admin is True and owner.platform == "playground" and owner.time == when
    assert owner.mentions == ("张伟",) and owner.raw is not None
    member = to_message(TranscriptEntry(8, "playground", "李娜", "收到", when))
    assert member.is_admin is False


# -- the HTTP API against a real server on loopback -------------------------------------------


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[TestClient[Any, Any]]:
    app = create_app(Settings(), db_path=tmp_path / "jianfu.db", clock=lambda: NOW)
    async with TestClient(TestServer(app, host="127.0.0.1", port=0)) as client:
        yield client


async def post_raw(client: TestClient[Any, Any], data: bytes) -> tuple[int, dict[str, Any]]:
    resp = await client.post(
        "/api/playground/messages", data=data, headers={"Content-Type": "application/json"}
    )
    return resp.status, await resp.json()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"{", "not JSON"),
        (b'"text"', "JSON object"),
        (body(sender="李娜", text=""), "text must be"),
        (body(sender="李娜", text="收到", time="2025-01-01T00:00:00Z"), "unknown field"),
        (body(sender="李娜", text="长" * (MAX_TEXT + 1)), "longer than"),
        (b'{"sender": "x", "text": "' + b"a" * (MAX_BODY + 10) + b'"}', "larger than"),
        (b'{"sender": "\\ud800", "text": "hi"}', "sender is not valid Unicode"),
        (b'{"sender": "x", "text": "\\ud800"}', "text is not valid Unicode"),
        (b"[" * 5000, "body is not JSON: nested too deeply"),
        (b'{"sender": "x", "text": "y", "n": ' + b"9" * 5000 + b"}", "body is not JSON: Exceeds"),
    ],
)
async def test_a_bad_body_gets_400_with_a_reason(
    client: TestClient[Any, Any], data: bytes, reason: str
) -> None:
    status, answer = await post_raw(client, data)
    assert status == 400 and reason in answer["error"]
    assert await (await client.get("/api/playground/messages")).json() == []


async def test_a_post_is_stored_and_listed(client: TestClient[Any, Any]) -> None:
    status, entry = await post_raw(client, body(sender="张伟", text="大家好"))
    assert status == 201
    assert entry == {
        "id": 1,
        "sender": "张伟",
        "text": "大家好",
        "time": NOW.isoformat(),
        "bot": False,
    }
    listed = await (await client.get("/api/playground/messages")).json()
    assert listed == [entry]


async def test_members_name_the_owner(client: TestClient[Any, Any]) -> None:
    members = await (await client.get("/api/playground/members")).json()
    assert [m["name"] for m in members if m["admin"]] == ["王主任"]
    assert len(members) >= 5 and all(set(m) == {"id", "name", "admin"} for m in members)


async def test_the_page_and_its_assets_are_served(client: TestClient[Any, Any]) -> None:
    page = await client.get("/")
    html = await page.text()
    assert page.status == 200 and "/static/playground.js" in html and 'lang="zh-CN"' in html
    for asset, kind in (("playground.js", "javascript"), ("playground.css", "css")):
        resp = await client.get(f"/static/{asset}")
        assert resp.status == 200 and kind in resp.headers["Content-Type"]
    links = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert links and all(link.startswith("/static/") or link == "/favicon.ico" for link in links), (
        "no CDN, no build"
    )
    icon = await client.get("/favicon.ico")
    assert icon.status == 200 and icon.headers["Content-Type"] == "image/svg+xml"


async def test_the_websocket_pushes_messages_replies_and_incidents(
    client: TestClient[Any, Any],
) -> None:
    async with client.ws_connect("/api/playground/ws") as ws:
        await post_raw(client, body(sender="王主任", text="明天开会，各位收到请回复"))
        events = [await ws.receive_json(timeout=5) for _ in range(3)]
    assert [e["type"] for e in events] == ["message", "message", "incidents"]
    assert events[0]["message"]["sender"] == "王主任" and not events[0]["message"]["bot"]
    assert events[1]["message"]["bot"] and "收到" in events[1]["message"]["text"]
    [incident] = events[2]["incidents"]
    assert incident["kind"] == "ack_request" and incident["reminded"] is True


async def test_a_stopped_playground_refuses_posts(tmp_path: Path) -> None:
    store = StoreThread(lambda: Store(tmp_path / "x.db"), Store.close)
    adapter = PlaygroundAdapter(StorePlaygroundLog(store), lambda: NOW)
    app = web.Application()
    adapter.setup_routes(app)
    await store.open()
    try:
        async with TestClient(TestServer(app, host="127.0.0.1", port=0)) as client:
            status, answer = await post_raw(client, body(sender="李娜", text="收到"))
            assert status == 503 and "not running" in answer["error"]
            assert not adapter.status().connected
    finally:
        await store.close()

"""DingTalk end to end: the app `jianfu run` builds (settings → platform adapters → runtime →
store), served on loopback; signed callbacks with the documented payload in, replies out to a
fake `sessionWebhook`, incidents in the incidents table; an admin named in the config manages
a group from the 1:1 robot chat, answered through that chat's own session webhook."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from fake_dingtalk import (
    SESSION_PATH,
    FakeOapi,
    FakeStreamGateway,
    callback_frame,
    dingtalk_sign,
    documented_payload,
    host_of,
    post_callback,
)

from bot.adapters.dingtalk import CALLBACK_PATH
from bot.app import create_app, platform_adapters
from bot.settings import load_settings
from bot.store import Store
from handlers.texts import text
from tests.conftest import jianfu_run, start_on_loopback

APP_SECRET = "e2e-app-secret-9d"
NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai: no quiet hours
NOW_MS = int(NOW.timestamp() * 1000)
ADMIN = "user123"  # the documented payload's sender, named an admin in the config


@dataclass
class Served:
    url: str
    http: aiohttp.ClientSession
    oapi: FakeOapi
    db: Path

    async def callback(self, payload: dict[str, Any]) -> int:
        return await post_callback(self.http, self.url + CALLBACK_PATH, payload, APP_SECRET)


@pytest.fixture
async def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Served]:
    monkeypatch.chdir(tmp_path)  # no ./jianfu.toml
    oapi = await FakeOapi().start()
    db = tmp_path / "jianfu.db"
    env = {"DINGTALK_CLIENT_SECRET": APP_SECRET, "DINGTALK_SESSION_HOSTS": host_of(oapi.base)}
    settings = load_settings(None, env, {"db": str(db)})
    settings = replace(settings, admins=(ADMIN,))
    app = create_app(settings, adapters=platform_adapters(settings), clock=lambda: NOW)
    runner, base_url = await start_on_loopback(app)
    try:
        async with aiohttp.ClientSession() as http:
            url = base_url
            yield Served(url, http, oapi, db)
    finally:
        await runner.cleanup()
        await oapi.close()


def message(base: str, msg_id: str, text: str, **changes: Any) -> dict[str, Any]:
    return documented_payload(
        base, msgId=msg_id, text={"content": " " + text}, createAt=NOW_MS, **changes
    )


async def test_help_is_answered_in_the_group_and_says_what_the_robot_cannot_see(
    served: Served,
) -> None:
    assert await served.callback(message(served.oapi.base, "m-help", "/jianfu help")) == 200
    await served.oapi.wait_posts(served.oapi.session_posts, 1)
    body = served.oapi.session_posts[0].body
    assert body["msgtype"] == "text"
    assert "/jianfu help" in body["text"]["content"]
    assert "只收得到 @ 它的消息" in body["text"]["content"]
    async with served.http.get(served.url + "/healthz") as response:
        health = await response.json()
    assert [a["name"] for a in health["adapters"]] == ["dingtalk"]  # no playground
    assert health["adapters"][0]["connected"] is True


async def test_a_confirm_demand_is_recorded_and_reminded_about(served: Served) -> None:
    demand = "各位同事：明天上午九点开安全生产会议，收到请回复"
    assert await served.callback(message(served.oapi.base, "m-demand", demand)) == 200
    assert await served.callback(message(served.oapi.base, "m-demand", demand)) == 200  # retry
    await served.oapi.wait_posts(served.oapi.session_posts, 1)
    reminder = served.oapi.session_posts[0].body["text"]["content"]
    assert "无需回复“收到”" in reminder
    # marked reminded once the reminder's POST was answered, a moment after it arrived
    await until(served.db, lambda store: any(i.reminded for i in store.incidents("cid-xxx")))
    store = Store(served.db)
    try:
        incidents = store.incidents("cid-xxx")
    finally:
        store.close()
    assert [(i.id, i.platform, i.trigger_sender, i.reminded) for i in incidents] == [
        ("cid-xxx/ack_request/m-demand", "dingtalk", "user123", True)
    ]
    assert incidents[0].demand_by == "杨xx"
    assert len(served.oapi.session_posts) == 1  # DingTalk's retry was not handled again


def direct(base: str, msg_id: str, text_: str, sender: str = ADMIN) -> dict[str, Any]:
    """A 1:1 chat with the robot; its session webhook is the chat's own."""
    return message(
        base, msg_id, text_, conversationType="1", conversationId=f"cid-direct-{sender}",
        senderStaffId=sender, isAdmin=True, atUsers=[],
        sessionWebhook=f"{base}{SESSION_PATH}?session=direct-{sender}",
    )  # fmt: skip


async def test_a_configured_admin_pauses_a_group_from_the_one_to_one_chat(served: Served) -> None:
    oapi, posts = served.oapi, served.oapi.session_posts
    assert await served.callback(message(oapi.base, "m-hi", "你好")) == 200  # the group is known
    assert await served.callback(direct(oapi.base, "m-p1", "/jf in 机器人测试 pause")) == 200
    await oapi.wait_posts(posts, 1)
    assert posts[0].query == {"session": "direct-user123"}  # the 1:1 chat, not the group
    assert posts[0].body["text"]["content"] == text("cmd.paused")
    refused = direct(oapi.base, "m-p2", "/jf in 机器人测试 resume", sender="user456")
    assert await served.callback(refused) == 200  # DingTalk says isAdmin: not enough privately
    await oapi.wait_posts(posts, 2)
    assert posts[1].query == {"session": "direct-user456"}
    assert posts[1].body["text"]["content"] == text("private.refused")
    demand = "各位同事：明天上午九点开安全生产会议，收到请回复"
    assert await served.callback(message(oapi.base, "m-demand", demand)) == 200
    await until(served.db, lambda store: len(store.incidents("cid-xxx")) == 1)
    assert len(posts) == 2  # paused: no reminder in the group
    assert await served.callback(direct(oapi.base, "m-p3", "/jf in cid-xxx status")) == 200
    await oapi.wait_posts(posts, 3)
    assert posts[2].query == {"session": "direct-user123"}
    assert text("state.paused") in posts[2].body["text"]["content"]
    await until(served.db, lambda store: len(store.audit_log("cid-xxx")) == 3)
    store = Store(served.db)
    try:
        assert [i.reminded for i in store.incidents("cid-xxx")] == [False]
        audit = [(r["actor_id"], r["result"]) for r in store.audit_log("cid-xxx")]
    finally:
        store.close()
    assert sorted(audit) == [(ADMIN, "ok"), (ADMIN, "ok"), ("user456", "refused")]


async def until(db: Path, check: Callable[[Store], bool], timeout: float = 10) -> None:
    """Wait until `check` holds for the bot's database (DingTalk handles callbacks in tasks)."""
    async with asyncio.timeout(timeout):
        while True:
            store = Store(db)
            try:
                if check(store):
                    return
            finally:
                store.close()
            await asyncio.sleep(0.02)


async def test_a_bad_signature_leaves_no_incident(served: Served) -> None:
    payload = message(served.oapi.base, "m-forged", "收到请回复")
    stamp = str(int(time.time() * 1000))
    headers = {"timestamp": stamp, "sign": dingtalk_sign(stamp, "forged")}
    async with served.http.post(served.url + CALLBACK_PATH, json=payload, headers=headers) as r:
        assert r.status == 401
    # a real message afterwards is handled: the forged one never was
    assert await served.callback(message(served.oapi.base, "m-help", "/jianfu help")) == 200
    await served.oapi.wait_posts(served.oapi.session_posts, 1)
    store = Store(served.db)
    try:
        assert store.incidents("cid-xxx") == []
    finally:
        store.close()


async def test_jianfu_run_serves_the_callback_route_when_the_app_secret_is_set(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIANFU_", "DINGTALK_"))}
    env["DINGTALK_CLIENT_SECRET"] = APP_SECRET
    async with jianfu_run(tmp_path, env) as (url, _), aiohttp.ClientSession() as http:
        async with http.post(url + CALLBACK_PATH, json={}) as response:
            assert response.status == 401
            assert await response.json() == {"error": "missing timestamp or sign header"}
        async with http.get(url + "/healthz") as response:
            adapters = (await response.json())["adapters"]
    assert [a["name"] for a in adapters] == ["dingtalk"]


async def test_stream_mode_through_the_app_answers_and_acks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    gateway = FakeStreamGateway(client_id="ding-id", client_secret=APP_SECRET).start()
    oapi = await FakeOapi().start()
    gateway.frames.append(
        callback_frame(message(oapi.base, "m-stream", "/jianfu help"), message_id="f-1")
    )
    env = {
        "DINGTALK_CLIENT_SECRET": APP_SECRET,
        "DINGTALK_CLIENT_ID": "ding-id",
        "DINGTALK_MODE": "stream",
        "DINGTALK_OPENAPI_ENDPOINT": gateway.base,
        "DINGTALK_SESSION_HOSTS": host_of(oapi.base),
    }
    monkeypatch.setenv("DINGTALK_OPENAPI_ENDPOINT", gateway.base)  # read by the SDK on import
    settings = load_settings(None, env, {"db": str(tmp_path / "j.db")})
    app = create_app(settings, adapters=platform_adapters(settings), clock=lambda: NOW)
    runner = web.AppRunner(app)
    await runner.setup()
    try:
        ack = await asyncio.to_thread(gateway.next_received, 15)
        assert (ack["code"], ack["headers"]["messageId"]) == (200, "f-1")
        await oapi.wait_posts(oapi.session_posts, 1)
        assert "只收得到 @ 它的消息" in oapi.session_posts[0].body["text"]["content"]
    finally:
        await runner.cleanup()
        await oapi.close()
        gateway.stop()

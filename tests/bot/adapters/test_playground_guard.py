"""Who may use the playground: same-origin writes and WebSocket, a loopback Host, and off
loopback an access token (cookie from `/?token=…`, or a Bearer header)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.adapters.playground.guard import PlaygroundExposed, access_token, is_loopback
from bot.app import create_app
from bot.settings import Settings

TOKEN = "0123456789abcdef-token"
PAUSE = json.dumps({"sender": "王主任", "text": "/jf pause"}, ensure_ascii=False)


async def serve(tmp_path: Path, **settings: Any) -> TestClient[Any, Any]:
    app = create_app(Settings(**settings), db_path=tmp_path / "jianfu.db")
    client: TestClient[Any, Any] = TestClient(TestServer(app, host="127.0.0.1", port=0))
    await client.start_server()
    return client


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[TestClient[Any, Any]]:
    client = await serve(tmp_path)
    yield client
    await client.close()


async def transcript(client: TestClient[Any, Any], **headers: str) -> list[Any]:
    response = await client.get("/api/playground/messages", headers=headers)
    assert response.status == 200
    return list(await response.json())


@pytest.mark.parametrize(
    ("headers", "status", "reason"),
    [
        ({"Content-Type": "text/plain"}, 415, "Content-Type must be application/json"),
        # malformed parameters: the email package's parser raised on these (a 500 before)
        ({"Content-Type": ";0*"}, 415, "Content-Type must be application/json"),
        ({"Content-Type": "text/plain;@x;Y*"}, 415, "Content-Type must be application/json"),
        (
            {"Content-Type": "text/plain", "Origin": "http://evil.example"},
            403,
            "cross-origin request refused (Origin 'http://evil.example')",
        ),
        (
            {"Content-Type": "application/json", "Origin": "null"},
            403,
            "cross-origin request refused (Origin 'null')",
        ),
        (
            {"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"},
            403,
            "cross-origin request refused (Sec-Fetch-Site: cross-site)",
        ),
        (
            {"Content-Type": "application/json", "Host": "evil.example"},  # DNS rebinding
            403,
            "the playground answers only to a loopback Host (127.0.0.1, localhost)",
        ),
    ],
)
async def test_writes_from_elsewhere_are_refused(
    client: TestClient[Any, Any], headers: dict[str, str], status: int, reason: str
) -> None:
    response = await client.post("/api/playground/messages", data=PAUSE, headers=headers)
    assert (response.status, await response.json()) == (status, {"error": reason})
    assert await transcript(client) == []


async def test_same_origin_writes_pass(client: TestClient[Any, Any]) -> None:
    origin = str(client.make_url("/")).rstrip("/")
    headers = {
        "Content-Type": "application/json",
        "Origin": origin,
        "Sec-Fetch-Site": "same-origin",
    }
    response = await client.post("/api/playground/messages", data=PAUSE, headers=headers)
    assert response.status == 201
    assert next(e["text"] for e in await transcript(client)) == "/jf pause"


async def test_a_websocket_from_another_origin_is_refused(client: TestClient[Any, Any]) -> None:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/api/playground/ws", origin="http://evil.example")
    assert refused.value.status == 403
    origin = str(client.make_url("/")).rstrip("/")
    ws = await client.ws_connect("/api/playground/ws", origin=origin)
    await ws.close()


def test_loopback_names() -> None:
    for host in ("127.0.0.1", "127.3.4.5", "::1", "[::1]", "localhost", "app.localhost"):
        assert is_loopback(host), host
    for host in ("0.0.0.0", "", "::", "192.168.1.9", "example.com", "localhost.evil.example"):
        assert not is_loopback(host), host


def test_off_loopback_the_playground_needs_a_token() -> None:
    assert access_token("127.0.0.1", "") == ""
    assert access_token("0.0.0.0", f" {TOKEN} ") == TOKEN
    with pytest.raises(PlaygroundExposed, match="set JIANFU_PLAYGROUND_TOKEN"):
        access_token("0.0.0.0", "")
    with pytest.raises(PlaygroundExposed, match="at least 16 characters"):
        access_token("127.0.0.1", "short")


def test_jianfu_run_on_all_interfaces_refuses_to_start_without_a_token(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIANFU_", "DINGTALK_"))}
    command = [sys.executable, "-m", "bot.cli", "run", "--host", "0.0.0.0", "--port", "0"]
    done = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2, done.stdout
    assert "--host 0.0.0.0 serves the playground beyond this machine" in done.stderr
    assert "JIANFU_PLAYGROUND_TOKEN" in done.stderr


async def test_with_a_token_every_playground_route_needs_it(tmp_path: Path) -> None:
    client = await serve(tmp_path, host="0.0.0.0", env={"JIANFU_PLAYGROUND_TOKEN": TOKEN})
    try:
        for path in ("/", "/api/playground/messages", "/api/playground/members"):
            response = await client.get(path)
            assert response.status == 401, path
        response = await client.post(
            "/api/playground/messages", json={"sender": "李娜", "text": "x"}
        )
        assert response.status == 401
        assert (await client.get("/?token=wrong-token-000000")).status == 401
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        assert await transcript(client, **bearer) == []
        assert (await client.get("/healthz")).status == 200  # not the playground's
        # the browser: /?token=… gives a strict cookie and a clean address
        found = await client.get(f"/?token={TOKEN}", allow_redirects=False)
        assert (found.status, found.headers["Location"]) == (303, "/")
        cookie = found.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        page = await client.get("/")
        assert page.status == 200 and "<html" in (await page.text()).lower()
        response = await client.post(
            "/api/playground/messages", json={"sender": "李娜", "text": "1"}
        )
        assert response.status == 201
    finally:
        await client.close()


# -- a page on another origin, in a real browser ----------------------------------------------

EVIL_PAGE = """<!doctype html><meta charset="utf-8"><title>evil</title><script>
const target = %s;
window.results = {};
fetch(target + "/api/playground/messages", {
  method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"},
  body: JSON.stringify({sender: "王主任", text: "/jf pause"}),
}).then(() => { window.results.fetch = "sent"; }, () => { window.results.fetch = "failed"; });
const socket = new WebSocket(target.replace("http", "ws") + "/api/playground/ws");
socket.onopen = () => { window.results.ws = "open"; };
socket.onerror = () => { window.results.ws = "refused"; };
</script>"""


@pytest.fixture
async def evil_site() -> AsyncIterator[tuple[web.Application, list[str]]]:
    pages: list[str] = []

    async def serve_page(request: web.Request) -> web.Response:
        return web.Response(text=pages[0], content_type="text/html")

    app = web.Application()
    app.router.add_get("/", serve_page)
    yield app, pages


async def test_a_cross_origin_page_cannot_pause_the_group_or_listen(
    tmp_path: Path, evil_site: tuple[web.Application, list[str]]
) -> None:
    from playwright.async_api import async_playwright

    from tests.web.browser import ARGS, CHROMIUM

    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    client = await serve(tmp_path)
    app, pages = evil_site
    evil = TestServer(app, host="127.0.0.1", port=0)
    await evil.start_server()
    try:
        target = str(client.make_url("/")).rstrip("/")
        pages.append(EVIL_PAGE % json.dumps(target))
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                page = await browser.new_page()
                await page.goto(str(evil.make_url("/")))
                await page.wait_for_function("window.results.fetch && window.results.ws")
                results = await page.evaluate("window.results")
            finally:
                await browser.close()
        assert results == {"fetch": "sent", "ws": "refused"}  # no-cors: the page never knows
        assert await transcript(client) == []  # nothing posted, the group is not paused
        paused = await client.post(
            "/api/playground/messages", json={"sender": "李娜", "text": "收到"}
        )
        assert paused.status == 201
    finally:
        await evil.close()
        await client.close()


def test_check_config_says_what_run_would_refuse(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIANFU_", "DINGTALK_"))}
    command = [sys.executable, "-m", "bot.cli", "check-config"]
    exposed = {**env, "JIANFU_HOST": "0.0.0.0"}
    done = subprocess.run(command, cwd=tmp_path, env=exposed, capture_output=True, text=True)
    assert done.returncode == 2 and "set JIANFU_PLAYGROUND_TOKEN" in done.stderr
    locked = {**exposed, "JIANFU_PLAYGROUND_TOKEN": TOKEN}
    done = subprocess.run(command, cwd=tmp_path, env=locked, capture_output=True, text=True)
    assert done.returncode == 0 and "access token required" in done.stdout
    assert TOKEN not in done.stdout + done.stderr

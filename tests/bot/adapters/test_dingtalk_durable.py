"""Nothing DingTalk considers delivered is lost while another process holds the database's
write lock (a `jianfu scan --db` import into the live file): a callback the store could not
record is answered 503, so DingTalk delivers it again, and 200 only once it is recorded.
The app `jianfu run` builds, served on loopback; the lock is a second SQLite connection's
`BEGIN IMMEDIATE`."""

from __future__ import annotations

import asyncio
import itertools
import json
import sqlite3
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from fake_dingtalk import FakeOapi, dingtalk_sign, documented_payload

from bot.adapters.dingtalk import CALLBACK_PATH, DingTalkAdapter, DingTalkSettings
from bot.app import create_app
from bot.settings import Settings
from tests.conftest import start_on_loopback, write_lock

APP_SECRET = "durable-app-secret"
MESSAGES = 10


_STAMPS = itertools.count(int(time.time() * 1000))  # a (timestamp, sign) pair is used once


async def answer(http: aiohttp.ClientSession, url: str, payload: dict[str, Any]) -> tuple[int, str]:
    """A signed callback's status and the reason its JSON body gives ("" when none)."""
    stamp = str(next(_STAMPS))
    headers = {"timestamp": stamp, "sign": dingtalk_sign(stamp, APP_SECRET)}
    body = json.dumps(payload, ensure_ascii=False).encode()
    async with http.post(url + CALLBACK_PATH, data=body, headers=headers) as resp:
        data = await resp.json(content_type=None)
        reason = data.get("error", "") if isinstance(data, dict) else ""
        return resp.status, str(reason)


async def callback(http: aiohttp.ClientSession, url: str, payload: dict[str, Any]) -> int:
    return (await answer(http, url, payload))[0]


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[tuple[str, Path, FakeOapi]]:
    oapi = await FakeOapi().start()
    db = tmp_path / "jianfu.db"
    settings = DingTalkSettings(client_secret=APP_SECRET, handle_bound=0.3)
    app = create_app(Settings(), db_path=db, adapters=[DingTalkAdapter(settings)], busy_timeout=0.1)
    runner, base_url = await start_on_loopback(app)
    try:
        yield base_url, db, oapi
    finally:
        await runner.cleanup()
        await oapi.close()


def demand(base: str, n: int) -> dict[str, Any]:
    text = f" 第{n}号通知：明天上午九点开会，收到请回复"
    return documented_payload(base, msgId=f"m-{n}", text={"content": text})


def recorded(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id FROM incidents WHERE kind = 'ack_request' ORDER BY id")
        return [row[0] for row in rows]


async def test_no_acknowledged_message_is_lost_while_another_writer_holds_the_lock(
    served: tuple[str, Path, FakeOapi],
) -> None:
    url, db, oapi = served
    acknowledged: set[int] = set()
    async with aiohttp.ClientSession() as http:
        with write_lock(db):
            statuses = await asyncio.gather(
                *(callback(http, url, demand(oapi.base, n)) for n in range(MESSAGES))
            )
            acknowledged |= {n for n, status in enumerate(statuses) if status == 200}
            assert set(statuses) == {503}  # nothing could be recorded: nothing acknowledged
        for _ in range(20):  # DingTalk delivers what was not acknowledged again
            pending = [n for n in range(MESSAGES) if n not in acknowledged]
            if not pending:
                break
            statuses = await asyncio.gather(
                *(callback(http, url, demand(oapi.base, n)) for n in pending)
            )
            acknowledged |= {
                n for n, status in zip(pending, statuses, strict=True) if status == 200
            }
            await asyncio.sleep(0.1)
    assert acknowledged == set(range(MESSAGES))
    assert recorded(db) == sorted(f"cid-xxx/ack_request/m-{n}" for n in range(MESSAGES))
    with sqlite3.connect(db) as conn:
        handled = conn.execute("SELECT count(*) FROM handled_messages").fetchone()[0]
    assert handled == MESSAGES  # each one handled once


async def test_the_playground_answers_503_while_the_database_is_locked(tmp_path: Path) -> None:
    db = tmp_path / "jianfu.db"
    app = create_app(Settings(), db_path=db, busy_timeout=0.1)
    runner, base_url = await start_on_loopback(app)
    url = f"{base_url}/api/playground/messages"
    body = {"sender": "王主任", "text": "明天开会，收到请回复"}
    try:
        async with aiohttp.ClientSession() as http:
            with write_lock(db):
                async with http.post(url, json=body) as resp:
                    assert resp.status == 503
                    assert "post it again" in (await resp.json())["error"]
            async with http.post(url, json=body) as resp:
                assert resp.status == 201
    finally:
        await runner.cleanup()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM incidents").fetchone() == (1,)

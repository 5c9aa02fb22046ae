"""Back-pressure on Feishu: while `max_pending` events are being handled (the store fell behind:
here another process holds the write lock), a new event is answered 503 "busy" at once — not
queued — and nothing of it is kept, so Feishu's redelivery is recorded exactly once. The app
`jianfu run` builds, on loopback, events encrypted and signed as Feishu sends them; the lock is
a second SQLite connection's `BEGIN IMMEDIATE`."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import aiohttp
from fake_feishu import (
    APP_ID,
    APP_SECRET,
    ENCRYPT_KEY,
    VERIFICATION_TOKEN,
    FakeFeishuApi,
    encrypted,
    event_body,
    signed_headers,
)

from bot.adapters.feishu import EVENTS_PATH, FeishuAdapter, FeishuSettings
from bot.app import create_app
from bot.settings import Settings
from tests.conftest import scrape, start_on_loopback, write_lock


async def answer(http: aiohttp.ClientSession, url: str, body: dict[str, Any]) -> tuple[int, str]:
    """An event's status and the reason its JSON answer gives ("" when none)."""
    raw = encrypted(body)
    async with http.post(url + EVENTS_PATH, data=raw, headers=signed_headers(raw)) as resp:
        data = await resp.json(content_type=None)
        reason = data.get("error", "") if isinstance(data, dict) else ""
        return resp.status, str(reason)


async def redeliver(http: aiohttp.ClientSession, url: str, body: dict[str, Any]) -> int:
    """Feishu's redelivery, compressed: the event again while it is answered 503."""
    for _ in range(50):
        status, _ = await answer(http, url, body)
        if status != 503:
            return status
        await asyncio.sleep(0.1)
    return 503


def demand(n: int) -> dict[str, Any]:
    text = f"第{n}号通知：明天上午九点开会，收到请回复"
    return event_body(text, sender="ou_owner", event_id=f"ev-{n}", message_id=f"om_{n}")


def recorded(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id FROM incidents WHERE kind = 'ack_request' ORDER BY id")
        return [row[0] for row in rows]


async def test_an_event_past_max_pending_gets_503_busy_at_once_and_counts_once_later(
    tmp_path: Path,
) -> None:
    api = await FakeFeishuApi().start()
    db = tmp_path / "jianfu.db"
    settings = FeishuSettings(
        app_id=APP_ID,
        app_secret=APP_SECRET,
        verification_token=VERIFICATION_TOKEN,
        encrypt_key=ENCRYPT_KEY,
        api_base=api.base,
        handle_bound=0.2,
        max_pending=1,
    )
    adapter = FeishuAdapter(settings)
    app = create_app(Settings(), db_path=db, adapters=[adapter], busy_timeout=3.0)
    runner, url = await start_on_loopback(app)
    try:
        async with aiohttp.ClientSession() as http:
            with write_lock(db):
                # Not recorded within handle_bound: answered 503, but still being handled.
                status, reason = await answer(http, url, demand(1))
                assert status == 503 and not reason.startswith("busy")
                # Shed at once, before decrypting — not queued behind the first:
                status, reason = await answer(http, url, demand(2))
                assert (status, reason.split(":")[0]) == (503, "busy")
                assert adapter.received == 1  # nothing of the shed event was kept
                samples, _ = await scrape(http, url)  # what operators see of it
                assert samples[("jianfu_shed_total", (("adapter", "feishu"),))] == 1
            # The lock is gone: Feishu delivers each again until it gets a 200 (a 503 "busy"
            # while the first one's handling finishes is answered again, as Feishu does).
            assert await redeliver(http, url, demand(1)) == 200
            assert await redeliver(http, url, demand(2)) == 200
            assert await redeliver(http, url, demand(2)) == 200  # a repeat
        assert len(recorded(db)) == 2  # each once
        assert adapter.received == 2
    finally:
        await runner.cleanup()
        await api.close()

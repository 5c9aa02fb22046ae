"""Back-pressure: while `max_pending` callbacks are being handled (the store fell behind: here
another process holds the write lock), a new callback is answered 503 at once — not queued —
and nothing of it is kept, so DingTalk's redelivery is recorded exactly once. The app `jianfu
run` builds, on loopback; the lock is a second SQLite connection's `BEGIN IMMEDIATE`."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import aiohttp
from fake_dingtalk import FakeOapi
from test_dingtalk_durable import APP_SECRET, answer, callback, demand, recorded

from bot.adapters.dingtalk import DingTalkAdapter, DingTalkSettings
from bot.app import create_app
from bot.settings import Settings
from tests.conftest import scrape, start_on_loopback, write_lock


async def redeliver(http: aiohttp.ClientSession, url: str, payload: dict[str, Any]) -> int:
    """DingTalk's redelivery, compressed: the callback again while it is answered 503."""
    for _ in range(50):
        status = await callback(http, url, payload)
        if status != 503:
            return status
        await asyncio.sleep(0.1)
    return 503


async def test_a_callback_past_max_pending_gets_503_at_once_and_counts_once_later(
    tmp_path: Path,
) -> None:
    oapi = await FakeOapi().start()
    db = tmp_path / "jianfu.db"
    settings = DingTalkSettings(client_secret=APP_SECRET, handle_bound=0.2, max_pending=1)
    adapter = DingTalkAdapter(settings)
    app = create_app(Settings(), db_path=db, adapters=[adapter], busy_timeout=3.0)
    runner, url = await start_on_loopback(app)
    try:
        async with aiohttp.ClientSession() as http:
            with write_lock(db):
                first = asyncio.create_task(callback(http, url, demand(oapi.base, 1)))
                assert await first == 503  # not recorded within handle_bound: still pending
                # Shed at once, before parsing — not queued behind the first to time out:
                status, reason = await answer(http, url, demand(oapi.base, 2))
                assert (status, reason.split(":")[0]) == (503, "busy")
                samples, _ = await scrape(http, url)  # what operators see of it
                assert samples[("jianfu_shed_total", (("adapter", "dingtalk"),))] == 1
            # The lock is gone: DingTalk delivers each again until it gets a 200 (a 503 "busy"
            # while the first one's handling finishes is answered again, as the platform does).
            assert await redeliver(http, url, demand(oapi.base, 1)) == 200
            assert await redeliver(http, url, demand(oapi.base, 2)) == 200
            assert await redeliver(http, url, demand(oapi.base, 2)) == 200  # a repeat
        assert len(recorded(db)) == 2  # each once
    finally:
        await runner.cleanup()
        await oapi.close()

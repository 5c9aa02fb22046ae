"""The playground's weekly digest: its JSON and chart routes, and the scheduled post arriving
in the transcript — against the real app on loopback, with a clock the test moves."""

from __future__ import annotations

import asyncio
import struct
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.settings import Settings
from tests.conftest import FrozenClock

SH = ZoneInfo("Asia/Shanghai")
WEDNESDAY = datetime(2025, 2, 12, 10, 0, tzinfo=SH)  # 2025-W07
NEXT_MONDAY = datetime(2025, 2, 17, 9, 0, tzinfo=SH)  # W08, 09:00: W07's digest is due
NOTICE = "各位同事：明天上午9点在三楼会议室开安全生产会议，请准时参加。"
MEMBERS = ("李娜", "张伟", "刘洋", "陈静", "赵磊")


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[tuple[TestClient[Any, Any], FrozenClock]]:
    clock = FrozenClock(WEDNESDAY)
    app = create_app(Settings(), db_path=tmp_path / "j.db", clock=clock, digest_every=0.02)
    async with TestClient(TestServer(app, host="127.0.0.1", port=0)) as client:
        yield client, clock


async def post(client: TestClient[Any, Any], sender: str, text: str) -> None:
    resp = await client.post("/api/playground/messages", json={"sender": sender, "text": text})
    assert resp.status == 201, await resp.text()


async def pile_up(client: TestClient[Any, Any], clock: FrozenClock) -> None:
    await post(client, "王主任", NOTICE)
    for n, member in enumerate(MEMBERS):
        clock.now = WEDNESDAY + timedelta(minutes=n + 1)
        await post(client, member, "收到")
    clock.now = WEDNESDAY + timedelta(hours=1)
    await post(client, "王主任", "今天下班前请大家把工位整理好，拍照发群里。")


async def test_the_digest_route_gives_text_markdown_and_the_chart_url(
    client: tuple[TestClient[Any, Any], FrozenClock],
) -> None:
    http, clock = client
    await pile_up(http, clock)
    resp = await http.get("/api/playground/digest", params={"week": "this"})
    assert resp.status == 200
    body = await resp.json()
    assert body["week"] == "2025-W07" and body["group"] == "playground"
    assert body["chart"] == "/api/playground/digest/chart.png?week=2025-W07"
    text = body["text"]
    assert text.startswith("【减负周报】演示工作群 · 2025-W07")
    assert "· 收到刷屏 1（上周 0，+1）" in text
    assert "刷屏中的“收到”共 5 条；按群成员 6 人计，带来 30 次消息提醒。" in text
    assert "要求回复确认 0 次，要求截图留痕 1 次。" in text
    assert body["markdown"].startswith("### 【减负周报】演示工作群 · 2025-W07")
    resp = await http.get("/api/playground/digest", params={"week": "2025-W07", "lang": "en"})
    assert (await resp.json())["text"].startswith("[jianfu weekly] 演示工作群 · 2025-W07")


@pytest.mark.parametrize(
    ("path", "params", "reason"),
    [
        ("/api/playground/digest", {"week": "2025-W53"}, "2025 has no week 53"),
        ("/api/playground/digest", {"week": "soon"}, "bad week 'soon'"),
        ("/api/playground/digest", {"lang": "fr"}, "lang must be zh-CN or en"),
        ("/api/playground/digest/chart.png", {"week": "W7"}, "bad week 'W7'"),
        ("/api/playground/digest", {"week": "0001-W01"}, "the year must be from 2000 to 2100"),
        ("/api/playground/digest/chart.png", {"week": "9999-W52"}, "the year must be from 2000"),
        ("/api/playground/digest/chart.png", {"week": "2000-W01x"}, "bad week '2000-W01x'"),
    ],
)
async def test_bad_weeks_get_400_with_a_reason(
    client: tuple[TestClient[Any, Any], FrozenClock], path: str, params: dict[str, str], reason: str
) -> None:
    http, _ = client
    resp = await http.get(path, params=params)
    assert resp.status == 400 and reason in (await resp.json())["error"]


async def test_the_chart_route_serves_a_png(
    client: tuple[TestClient[Any, Any], FrozenClock],
) -> None:
    http, clock = client
    await pile_up(http, clock)
    resp = await http.get("/api/playground/digest/chart.png", params={"week": "this"})
    data = await resp.read()
    assert resp.status == 200 and resp.content_type == "image/png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (720, 400)


async def test_the_scheduled_digest_arrives_in_the_transcript_once(
    client: tuple[TestClient[Any, Any], FrozenClock],
) -> None:
    http, clock = client
    await pile_up(http, clock)
    clock.now = NEXT_MONDAY
    digests: list[dict[str, Any]] = []
    for _ in range(300):
        transcript = await (await http.get("/api/playground/messages")).json()
        digests = [m for m in transcript if m["bot"] and m["text"].startswith("【减负周报】")]
        if digests:
            break
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.2)  # several more passes of the scheduler
    transcript = await (await http.get("/api/playground/messages")).json()
    digests = [m for m in transcript if m["bot"] and m["text"].startswith("【减负周报】")]
    assert len(digests) == 1
    assert digests[0]["text"].startswith("【减负周报】演示工作群 · 2025-W07（02-10 至 02-16）")

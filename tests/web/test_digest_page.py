"""The playground's weekly digest panel in a real headless Chromium (Debian's).

Eight weeks of history are seeded in the store; the page shows this week's digest, which
follows the group live (a demand and a pile-up), then last week's with its chart. Set
JIANFU_DIGEST_SCREENSHOT=docs/digest.png to save the README's screenshot.
"""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.app import create_app
from bot.settings import Settings
from bot.store import Store
from policies.events import Incident, IncidentKind
from tests.web.browser import needs_chromium
from tests.web.conftest import serve

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=SH)  # Wednesday of 2026-W48
NOTICES = (
    "关于开展冬季消防安全大检查的通知，请各科室周五前完成自查",
    "明天上午9点在三楼会议室召开安全生产工作会议",
    "请各村于本周内上报秸秆禁烧巡查台账",
    "下周一起执行新的考勤制度，请相互转告",
)
# weeks before W48 → (pile-ups as (members, acks), reply demands, proof demands)
HISTORY: dict[int, tuple[list[tuple[int, int]], int, int]] = {
    7: ([(18, 21), (12, 12), (9, 10)], 4, 3),
    6: ([(20, 24), (15, 16)], 5, 2),
    5: ([(16, 17), (11, 11), (8, 8)], 3, 3),
    4: ([(14, 15), (10, 10)], 4, 1),
    3: ([(12, 13), (7, 7)], 2, 2),
    2: ([(13, 14)], 3, 1),
    1: ([(11, 12), (6, 6)], 1, 1),
}

pytestmark = needs_chromium


def seed(path: Path) -> None:
    store = Store(path)
    store.touch_group("playground", "playground", "演示工作群", NOW - timedelta(weeks=9))
    for back, (piles, asks, proofs) in HISTORY.items():
        monday = (NOW - timedelta(weeks=back, days=NOW.weekday())).replace(hour=9)
        found: list[tuple[IncidentKind, int, int, str]] = [
            ("stack", members, acks, NOTICES[n % len(NOTICES)])
            for n, (members, acks) in enumerate(piles)
        ]
        found += [("ack_request", 1, 1, "收到请回复")] * asks
        found += [("proof_request", 1, 1, "请拍照发群里")] * proofs
        for n, (kind, members, acks, trigger) in enumerate(found):
            at = monday + timedelta(days=n % 5, hours=n)
            incident = Incident(
                f"playground/{kind}/h{back}-{n}", "playground", kind, at, at, members, acks, trigger
            )
            store.upsert_incident(incident, "playground", reminded=n % 2 == 0)
    store.close()


@pytest.fixture
async def base_url(tmp_path: Path) -> AsyncIterator[str]:
    seed(tmp_path / "jianfu.db")
    started = time.monotonic()

    def clock() -> datetime:
        return NOW + timedelta(seconds=time.monotonic() - started)

    app = create_app(Settings(), db_path=tmp_path / "jianfu.db", clock=clock)
    async with serve(app) as url:
        yield url


async def chart_loaded(page: Any) -> None:
    await page.wait_for_function(
        "() => { const img = document.querySelector('#digest-chart');"
        " return img.complete && img.naturalWidth === 720 && img.naturalHeight === 400; }"
    )


async def test_the_digest_panel_follows_the_group_and_shows_last_week(page: Any) -> None:
    from playwright.async_api import expect

    digest = page.locator("#digest-text")
    await expect(digest).to_have_text(
        "【减负周报】演示工作群 · 本周（2026-W48）：没有记录到形式主义事件（前一周 4 起）。"
    )
    await chart_loaded(page)

    await page.locator("[data-member='王主任']").click()
    await page.fill("#text", "各位同事：周五下午三点在三楼会议室开会，请准时参加。收到请回复！")
    await page.click("#send")
    await page.click("#pileup")  # the five other members reply 收到
    await expect(page.locator(".incident[data-kind=stack]")).to_have_count(15)  # 14 seeded
    await expect(digest).to_contain_text("· 收到刷屏 1（上周 2，-1）")
    await expect(digest).to_contain_text("· 要求回复收到 1（上周 1，持平）")
    await expect(digest).to_contain_text("按群成员 6 人计，带来 30 次消息提醒")

    await page.click("[data-week=last]")
    await expect(page.locator("[data-week=last]")).to_have_attribute("aria-pressed", "true")
    await expect(page.locator("#digest")).to_have_attribute("data-week", "2026-W47")
    await expect(digest).to_contain_text("【减负周报】演示工作群 · 2026-W47（11-16 至 11-22）")
    await expect(digest).to_contain_text("刷屏中的“收到”共 18 条；按群成员 6 人计，带来 108 次")
    last, before = (len(HISTORY[b][0]) + HISTORY[b][1] + HISTORY[b][2] for b in (1, 2))
    await expect(digest).to_contain_text(f"事件 {last} 起（上周 {before} 起）")
    await expect(digest).to_contain_text(
        f"结论：比上周少 {round((before - last) * 100 / before)}%。"
    )
    await chart_loaded(page)
    src = await page.locator("#digest-chart").get_attribute("src")
    assert src.startswith("/api/playground/digest/chart.png?week=2026-W47")

    shot = os.environ.get("JIANFU_DIGEST_SCREENSHOT")
    if shot:
        await page.screenshot(path=shot)

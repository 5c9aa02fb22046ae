"""A silent notice in the playground page, in a real headless Chromium against a real server.

The owner posts `/jianfu notice … 截止 17:30`; the notice appears with a confirm button; four
members press it (the button turns to 已确认, the count grows live); nobody writes 收到 in the
group; the owner's private chat shows the roster naming the one who has not; at the due time
that member's private chat shows the nudge, and the others' stay empty.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import create_app
from bot.settings import Settings
from tests.conftest import FrozenClock
from tests.web.browser import needs_chromium
from tests.web.conftest import serve

pytestmark = needs_chromium

CLOCK = FrozenClock()  # Monday 10:00 in Shanghai; the test moves it past the due time


@pytest.fixture
async def base_url(tmp_path: Path) -> AsyncIterator[str]:
    CLOCK.now = FrozenClock().now
    app = create_app(Settings(), db_path=tmp_path / "jianfu.db", clock=CLOCK, nudge_every=0.1)
    async with serve(app) as url:
        yield url


async def speak_as(page: Any, member: str) -> None:
    from playwright.async_api import expect

    button = page.locator(f"[data-member='{member}']")
    await button.click()
    await expect(button).to_have_attribute("aria-pressed", "true")


async def send(page: Any, message: str) -> None:
    await page.fill("#text", message)
    await page.click("#send")
    await page.wait_for_function("document.querySelector('#text').value === ''")


async def test_members_confirm_a_notice_with_the_button_and_the_silent_one_is_nudged(
    page: Any,
) -> None:
    from playwright.async_api import expect

    await speak_as(page, "王主任")
    await send(page, "/jianfu notice 周五下午三点消防演练，请各科室安排好人员。 截止 17:30")
    notice = page.locator(".entry.bot[data-notice='1']")
    await expect(notice.locator(".bubble")).to_contain_text("【通知 #1 · 无需回复】")
    await expect(notice.locator(".notice-count")).to_have_text("已确认 0/5 confirmed")
    await expect(notice.locator("button.confirm")).to_have_count(0)  # the poster confirms nothing
    await expect(page.locator("#inbox li")).to_contain_text(["通知 #1 已发布"])

    for member in ("李娜", "张伟", "刘洋", "陈静"):
        await speak_as(page, member)
        button = notice.locator("button.confirm")
        await expect(button).to_have_text("确认已读 Confirm")
        await button.click()
        await expect(button).to_have_text("已确认 Confirmed")
        await expect(button).to_be_disabled()
    await expect(notice.locator(".notice-count")).to_have_text("已确认 4/5 confirmed")

    await speak_as(page, "王主任")
    await send(page, "/jianfu notice status")
    roster = page.locator("#inbox li").last
    await expect(roster).to_contain_text("已确认 4/5 人")
    await expect(roster).to_contain_text("未确认：赵磊")
    members = page.locator(".entry[data-bot=false]")
    await expect(members).to_have_count(2)  # the owner's two commands: no 收到 from anyone
    await expect(page.locator(".entry[data-sender='王主任']")).to_have_count(2)

    await speak_as(page, "赵磊")
    await expect(page.locator("#no-inbox")).to_be_visible()
    CLOCK.advance(hours=8)  # 18:00: past due; the app's nudge job runs every 0.1 s
    await expect(page.locator("#inbox li")).to_have_count(1)
    await expect(page.locator("#inbox li")).to_contain_text(
        "提醒：通知 #1（截止 17:30）你还没有确认。"
    )
    await speak_as(page, "李娜")
    await expect(page.locator("#no-inbox")).to_be_visible()
    await expect(page.locator(".entry.bot")).to_have_count(1)  # nothing new in the group
    await expect(page.locator("#error")).to_be_hidden()

"""The playground page in a real headless Chromium (Debian's), against a real server.

Switch member, post a demand and a pile-up, see the reminders arrive over the WebSocket and
the incidents in the panel. Set JIANFU_SCREENSHOT=docs/playground.png to save the README's
screenshot of the final page.
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import create_app
from bot.settings import Settings
from handlers.texts import text
from tests.web.browser import needs_chromium
from tests.web.conftest import serve

pytestmark = needs_chromium


@pytest.fixture
async def base_url(tmp_path: Path) -> AsyncIterator[str]:
    app = create_app(Settings(), db_path=tmp_path / "jianfu.db")
    async with serve(app) as url:
        yield url


async def send(page: Any, message: str) -> None:
    await page.fill("#text", message)
    await page.click("#send")
    await page.wait_for_function("document.querySelector('#text').value === ''")


async def test_demand_and_pile_up_show_reminders_and_incidents(page: Any) -> None:
    from playwright.async_api import expect

    owner = page.locator("[data-member='王主任']")
    await owner.click()
    await expect(owner).to_have_attribute("aria-pressed", "true")
    await expect(page.locator("#as")).to_contain_text("王主任")

    await send(page, "/jianfu set cooldown_minutes 0")  # a command reply, live
    bot = page.locator(".entry.bot .bubble")
    await expect(bot).to_have_count(1)

    await send(page, "各位同事：周五下午三点在三楼会议室开会，请准时参加。收到请回复！")
    await expect(bot.last).to_have_text(text("ack_request"))
    await expect(page.locator(".incident[data-kind=ack_request]")).to_have_count(1)
    await expect(page.locator(".entry.me")).to_have_count(2)  # the owner's own lines

    await page.click("#pileup")  # every other member replies 收到
    await expect(bot.last).to_have_text(text("stack", members=5))
    stack = page.locator(".incident[data-kind=stack]")
    await expect(stack).to_have_count(1)
    await expect(stack).to_contain_text("5 人")
    await expect(page.locator(".entry[data-bot=false]")).to_have_count(7)

    await page.locator("[data-member='李娜']").click()
    await send(page, "/jianfu pause")  # a member's command: no reply in the group
    await expect(page.locator(".entry[data-bot=false]")).to_have_count(8)
    await expect(bot).to_have_count(3)
    await expect(page.locator("#error")).to_be_hidden()

    shot = os.environ.get("JIANFU_SCREENSHOT")
    if shot:
        await page.screenshot(path=shot)


async def test_a_bad_post_shows_an_error(page: Any) -> None:
    from playwright.async_api import expect

    await page.evaluate("document.querySelector('#text').removeAttribute('maxlength')")
    await page.fill("#text", "长" * 4001)  # past the page's own limit: the server refuses
    await page.click("#send")
    await expect(page.locator("#error")).to_contain_text("4000")
    await expect(page.locator(".entry")).to_have_count(0)


README = Path(__file__).resolve().parents[2] / "README.md"


def readme_demo_steps() -> list[list[str]]:
    """The buttons each step of the README's playground demo clicks, in order (its **bold**
    labels), one list per numbered step."""
    section = README.read_text(encoding="utf-8").split("A first demo", 1)[1]
    steps = section.split("\n\n", 2)[1]  # the numbered list after the intro line
    return [
        re.findall(r"\*\*(.+?)\*\*", step) for step in re.split(r"^\d+\. ", steps, flags=re.M)[1:]
    ]


async def test_the_readme_demo_as_written_shows_both_reminders(page: Any) -> None:
    """A newcomer on a fresh database follows the README's steps, clicking exactly the
    buttons it names, and sees the demand's reminder and then the pile-up's."""
    from playwright.async_api import expect

    first, second, *_ = readme_demo_steps()
    clicks = first + second
    assert clicks == ["王主任", "通知 + 收到请回复", "发送 Send", "大家都回复“收到”"]
    bot = page.locator(".entry.bot .bubble")
    for label in clicks:
        await page.locator("button", has_text=label).first.click()
        if label == "发送 Send":
            await expect(bot).to_have_count(1)
    await expect(bot).to_have_count(2)
    await expect(bot.first).to_have_text(text("ack_request"))
    await expect(bot.last).to_have_text(text("stack", members=5))
    for kind in ("ack_request", "stack"):
        card = page.locator(f".incident[data-kind={kind}]")
        await expect(card).to_contain_text("已提醒")
    shot = os.environ.get("JIANFU_SCREENSHOT")
    if shot:
        await page.screenshot(path=shot)


async def test_the_readme_silent_notice_step_as_written_posts_a_notice_to_confirm(
    page: Any,
) -> None:
    """The demo's third step: the owner sends the silent-notice sample; another member
    confirms with the button under it; the group gets no 收到 and the owner's roster counts it."""
    from playwright.async_api import expect

    clicks = readme_demo_steps()[2]
    assert clicks == ["王主任", "免回复通知 Silent notice", "发送 Send", "确认已读 Confirm"]
    *post, confirm = clicks
    for label in post:
        await page.locator("button", has_text=label).first.click()
    notice = page.locator(".entry.bot[data-notice='1']")
    await expect(notice.locator(".bubble")).to_contain_text("无需回复")
    await page.locator("[data-member='李娜']").click()
    await notice.locator("button", has_text=confirm).click()
    await expect(notice.locator(".notice-count")).to_have_text("已确认 1/5 confirmed")
    await page.locator("[data-member='王主任']").click()
    await page.fill("#text", "/jianfu notice status")
    await page.click("#send")
    await expect(page.locator("#inbox li").last).to_contain_text("已确认 1/5 人")
    await expect(page.locator(".entry[data-bot=false]")).to_have_count(2)  # the owner's two


async def test_a_held_reminder_says_why_on_its_card(page: Any) -> None:
    from playwright.async_api import expect

    await page.locator("[data-member='王主任']").click()
    await send(page, "/jianfu pause")
    await send(page, "下午三点开会，收到请回复")
    held = page.locator(".incident[data-kind=ack_request] .held")
    await expect(held).to_have_attribute("data-held", "paused")
    await expect(held).to_contain_text("未提醒：已暂停提醒")
    await expect(page.locator(".entry.bot .bubble")).to_have_count(1)  # only the pause reply


async def test_loading_the_page_asks_for_nothing_that_is_missing(page: Any) -> None:
    """Every request of a page load answers (the browser's /favicon.ico was a 404)."""
    answered: list[tuple[int, str]] = []
    page.on("response", lambda response: answered.append((response.status, response.url)))
    await page.reload()
    await page.wait_for_selector("body[data-ready=true]")
    icon = await page.request.get(page.url + "favicon.ico")
    assert icon.status == 200 and icon.headers["content-type"] == "image/svg+xml"
    assert answered and all(status < 400 for status, _ in answered), answered

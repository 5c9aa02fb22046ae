"""Shared by the page tests: Debian's headless Chromium driven by Playwright.

Each test module provides a `base_url` fixture (a real server on loopback); `page` opens it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.web.browser import ARGS, CHROMIUM


@pytest.fixture
async def page(base_url: str) -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright, expect

    expect.set_options(timeout=15_000)  # two shared cores: give the page time
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            context = await browser.new_context(
                viewport={"width": 1280, "height": 860}, locale="zh-CN"
            )
            page = await context.new_page()
            await page.goto(base_url)
            await page.wait_for_selector("body[data-ready=true]")
            await page.wait_for_selector("#connection.online")
            yield page
        finally:
            await browser.close()

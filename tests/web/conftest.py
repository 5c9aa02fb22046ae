"""Shared by the page tests: Debian's headless Chromium driven by Playwright.

Each test module provides a `base_url` fixture (a real server on loopback: `serve(app)`);
`page` opens it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from tests.web.browser import ARGS, CHROMIUM


@asynccontextmanager
async def serve(app: web.Application) -> AsyncIterator[str]:
    """`app` on a free port of 127.0.0.1; yields its base URL."""
    server = TestServer(app, host="127.0.0.1", port=0)
    await server.start_server()
    try:
        yield str(server.make_url("/"))
    finally:
        await server.close()


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

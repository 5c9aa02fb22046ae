"""A command whose worker was killed after claiming it (on SQLite and PostgreSQL): DingTalk's
next delivery of it — a reset connection is no answer, so DingTalk delivers it again — is
asked to come back while the claim is fresh (503), then answered and audited once by the
worker that gets it; a worker killed while answering is never answered for again, and the
operator sees it in `/metrics`.

Worker A's death is the state a SIGKILL leaves in the database: its claim transaction
committed (the message marked handled, the claim row), nothing after it. A is a `Store` on the
same database running the same claim the runtime runs. The worker that gets the redelivery is
the app `jianfu run` builds, on loopback, with DingTalk's signed callbacks and a fake
oapi.dingtalk.com for the replies."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest
from fake_dingtalk import (
    FakeOapi,
    documented_payload,
    host_of,
    post_callback,
)

from bot.adapters.dingtalk import CALLBACK_PATH, DingTalkAdapter, DingTalkSettings
from bot.app import create_app
from bot.handled import COMMAND_STALE
from bot.settings import Settings
from bot.store import Store
from handlers.texts import text
from tests.conftest import FrozenClock, scrape, start_on_loopback

SECRET = "claims-app-secret"
GROUP = "cid-xxx"  # the documented payload's conversationId
T0 = datetime.now(UTC).replace(microsecond=0)


def pause(base: str) -> dict[str, Any]:
    """An admin's `/jf pause` in the group (DingTalk says isAdmin), message m-cmd."""
    return documented_payload(base, msgId="m-cmd", text={"content": " /jf pause"})


async def deliver(http: aiohttp.ClientSession, url: str, payload: dict[str, Any]) -> int:
    return await post_callback(http, url + CALLBACK_PATH, payload, SECRET)


def killed_worker(target: str, *, answering: bool = False) -> None:
    """Worker A claimed the command at T0 and was killed (while answering, if `answering`)."""
    a = Store(target)
    try:
        claim = a.claim_command("dingtalk", GROUP, "m-cmd", T0, "worker-a:1", COMMAND_STALE)
        assert claim == "run"
        if answering:
            a.command_answering("dingtalk", GROUP, "m-cmd")
    finally:
        a.close()


def rows(target: str, sql: str) -> list[dict[str, Any]]:
    db = Store(target)
    try:
        return list(db.db.query(sql))
    finally:
        db.close()


@asynccontextmanager
async def worker(target: str, oapi: FakeOapi, clock: FrozenClock) -> AsyncIterator[str]:
    """Another `jianfu run` on the database: its base URL while it runs."""
    settings = DingTalkSettings(client_secret=SECRET, session_hosts=(host_of(oapi.base),))
    app = create_app(Settings(), db_path=target, adapters=[DingTalkAdapter(settings)], clock=clock)
    runner, url = await start_on_loopback(app)
    try:
        yield url
    finally:
        await runner.cleanup()


@pytest.fixture
async def oapi() -> AsyncIterator[FakeOapi]:
    fake = await FakeOapi().start()
    yield fake
    await fake.close()


async def test_a_command_claimed_by_a_killed_worker_is_answered_once_by_another(
    store_target: str, oapi: FakeOapi
) -> None:
    killed_worker(store_target)
    clock = FrozenClock(T0 + timedelta(seconds=30))
    async with aiohttp.ClientSession() as http:
        async with worker(store_target, oapi, clock) as b:
            # A moment after A's claim A may still be answering: deliver it again later.
            assert await deliver(http, b, pause(oapi.base)) == 503
            assert oapi.session_posts == []
            clock.advance(minutes=3)  # past COMMAND_STALE: A never began answering
            assert await deliver(http, b, pause(oapi.base)) == 200
            await oapi.wait_posts(oapi.session_posts, 1)
        async with worker(store_target, oapi, clock) as c:  # a third worker, or B restarted
            assert await deliver(http, c, pause(oapi.base)) == 200  # done: not again
    replies = [p.body["text"]["content"] for p in oapi.session_posts]
    assert replies == [text("cmd.paused")], "answered exactly once"
    audit = rows(store_target, "SELECT command, result FROM audit_log")
    assert [(r["command"], r["result"]) for r in audit] == [("/jf pause", "ok")]
    [claim] = rows(store_target, "SELECT status, attempts, claimed_by FROM command_claims")
    assert (claim["status"], claim["attempts"]) == ("done", 2)
    assert claim["claimed_by"] != "worker-a:1"
    [settings] = rows(store_target, "SELECT json FROM group_settings")
    assert json.loads(str(settings["json"]))["paused"] is True


async def test_a_command_whose_worker_was_killed_while_answering_is_shown_not_repeated(
    store_target: str, oapi: FakeOapi, caplog: pytest.LogCaptureFixture
) -> None:
    killed_worker(store_target, answering=True)
    clock = FrozenClock(T0 + COMMAND_STALE * 3)
    caplog.set_level(logging.WARNING, logger="bot.unfinished")
    async with aiohttp.ClientSession() as http, worker(store_target, oapi, clock) as b:
        assert await deliver(http, b, pause(oapi.base)) == 200  # maybe answered: not again
        samples, _ = await scrape(http, b)
    assert oapi.session_posts == []
    assert rows(store_target, "SELECT id FROM audit_log") == []
    assert samples[("jianfu_commands_unfinished", ())] == 1
    [line] = [r.getMessage() for r in caplog.records if r.name == "bot.unfinished"]
    assert "m-cmd" in line and "worker-a:1" in line and "answering" in line
    assert "/jf pause" not in line  # ids, never the text

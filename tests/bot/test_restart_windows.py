"""A pile-up that spans a restart is one pile-up: the detector's windows are kept in the store
(`detector_state`) and read back with the group's next message, so the bot finds the same
incidents, and reminds once, with and without a restart in the middle — clean shutdown
(the app's cleanup, as on SIGTERM) or SIGKILL."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.settings import Settings
from tests.bot.test_crash_durability import bot, free_port
from tests.conftest import FrozenClock

NOTICE = "各位同事：周五下午三点在三楼会议室召开安全生产专题会议，请各科室负责人准时参加。"
MEMBERS = ["李娜", "张伟", "刘洋", "陈静", "赵磊", "王主任"]


@asynccontextmanager
async def playground(db: Path, clock: FrozenClock) -> AsyncIterator[TestClient[Any, Any]]:
    app = create_app(Settings(), db_path=db, clock=clock)
    async with TestClient(TestServer(app, host="127.0.0.1", port=0)) as client:
        yield client


async def say(client: TestClient[Any, Any], clock: FrozenClock, sender: str, text: str) -> None:
    clock.now += timedelta(seconds=30)
    resp = await client.post("/api/playground/messages", json={"sender": sender, "text": text})
    assert resp.status == 201, await resp.text()


def script(acks: int) -> list[tuple[str, str]]:
    """A notice, then `acks` 收到 from the members in turn (names repeat past six)."""
    return [("王主任", NOTICE)] + [
        (MEMBERS[k % 5] + str(k // 5 or ""), "收到") for k in range(acks)
    ]


def outcome(db: Path) -> tuple[list[tuple[Any, ...]], int]:
    """The incidents (kind, members, messages) and how many reminders were posted."""
    with sqlite3.connect(db) as conn:
        incidents = conn.execute(
            'SELECT kind, members, messages FROM incidents ORDER BY "start", id'
        ).fetchall()
        reminders = conn.execute("SELECT count(*) FROM bot_posts WHERE reason = 'reminder'")
        return incidents, reminders.fetchone()[0]


async def run(db: Path, lines: list[tuple[str, str]], restart_at: int | None) -> None:
    clock = FrozenClock()
    halves = [lines] if restart_at is None else [lines[:restart_at], lines[restart_at:]]
    for half in halves:  # each half in its own app: the first is shut down in between
        async with playground(db, clock) as client:
            for sender, text in half:
                await say(client, clock, sender, text)


@pytest.mark.parametrize(("acks", "restart_at"), [(6, 4), (12, 7)])  # 3 + 3, 6 + 6
async def test_a_pile_up_spanning_a_restart_gives_the_same_incidents(
    tmp_path: Path, acks: int, restart_at: int
) -> None:
    lines = script(acks)
    await run(tmp_path / "straight.db", lines, None)
    await run(tmp_path / "restarted.db", lines, restart_at)
    expected = outcome(tmp_path / "straight.db")
    assert expected == ([("stack", acks, acks)], 1)
    assert outcome(tmp_path / "restarted.db") == expected


@pytest.mark.skipif(sys.platform == "win32", reason="signals are POSIX")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL])
async def test_jianfu_run_keeps_a_pile_up_across_a_signal(tmp_path: Path, stop: int) -> None:
    db, port = tmp_path / "jianfu.db", free_port()
    url = f"http://127.0.0.1:{port}/api/playground/messages"
    lines = script(6)
    for half in (lines[:4], lines[4:]):  # notice + 3 acks, the signal, 3 acks
        with bot(db, port) as proc:
            async with aiohttp.ClientSession() as http:
                for sender, text in half:
                    async with http.post(url, json={"sender": sender, "text": text}) as resp:
                        assert resp.status == 201
            os.kill(proc.pid, stop)
            await asyncio.to_thread(proc.wait, 10)
    incidents, reminders = outcome(db)
    assert (incidents, reminders) == ([("stack", 6, 6)], 1)

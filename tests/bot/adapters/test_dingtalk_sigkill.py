"""SIGKILL `jianfu run` right after it answered a DingTalk callback 200, with group commit on:
every message it acknowledged is in the store (marked handled, its incident recorded).

Many signed callbacks are in flight at once (so messages commit in batches: the test reads
`/metrics` to see batches of more than one), and the process is killed the moment the
`KILL_AFTER`-th 200 arrives — batches are being committed and answered at that instant.
The database is then read as it was left on disk.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sqlite3
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from fake_dingtalk import FakeOapi, dingtalk_sign, documented_payload

from bot.adapters.dingtalk import CALLBACK_PATH
from tests.conftest import jianfu_run

SECRET = "sigkill-app-secret"
GROUPS = 40
PER_GROUP = 6  # a demand, then 5 members answering 收到
KILL_AFTER = 120
CONCURRENCY = 64


def payloads(base: str) -> list[dict[str, object]]:
    """Round-robin over the groups: each group's demand first, then its acks."""
    out = []
    for turn in range(PER_GROUP):
        for group in range(GROUPS):
            text = f" 第{group}号通知：明天九点开会，收到请回复" if turn == 0 else " 收到"
            sender = f"u{group}-{turn}"
            out.append(
                documented_payload(
                    base,
                    conversationId=f"cid-{group}",
                    msgId=f"g{group}-{turn}",
                    senderStaffId=sender,
                    senderId=sender,
                    senderNick=f"同事{turn}",
                    text={"content": text},
                )
            )
    return out


async def commits(http: aiohttp.ClientSession, url: str) -> tuple[float, float]:
    """(transactions, messages in them) from the group commit's counters."""
    async with http.get(url + "/metrics") as resp:
        page = await resp.text()

    def value(name: str) -> float:
        found = re.search(rf"^{name} (\S+)$", page, re.MULTILINE)
        return float(found[1]) if found else 0.0

    return value("jianfu_commits_total"), value("jianfu_committed_messages_total")


async def send_until_killed(
    url: str, base: str, process: asyncio.subprocess.Process
) -> tuple[list[str], tuple[float, float]]:
    """Send every callback, CONCURRENCY at a time; SIGKILL after KILL_AFTER answers 200.
    The msgIds answered 200, and the group commit's counters read just before the kill."""
    acked: list[str] = []
    queue = list(reversed(payloads(base)))
    seen = (0.0, 0.0)
    stamp = int(time.time() * 1000)
    killed: list[bool] = []

    async def worker(http: aiohttp.ClientSession) -> None:
        nonlocal stamp, seen
        while queue and process.returncode is None:
            payload = queue.pop()
            stamp += 1
            headers = {"timestamp": str(stamp), "sign": dingtalk_sign(str(stamp), SECRET)}
            body = json.dumps(payload, ensure_ascii=False).encode()
            try:
                async with http.post(url + CALLBACK_PATH, data=body, headers=headers) as resp:
                    await resp.read()
                    if resp.status != 200:
                        continue
            except aiohttp.ClientError:
                return  # the bot is gone
            acked.append(str(payload["msgId"]))
            if len(acked) == KILL_AFTER - CONCURRENCY:
                seen = await commits(http, url)
            if len(acked) >= KILL_AFTER and not killed:
                killed.append(True)  # once: a second kill may find the process reaped
                os.kill(process.pid, signal.SIGKILL)

    async with aiohttp.ClientSession() as http:
        await asyncio.gather(*(worker(http) for _ in range(CONCURRENCY)))
    return acked, seen


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
async def test_every_callback_answered_200_is_in_the_store_after_a_sigkill(
    tmp_path: Path,
) -> None:
    oapi = await FakeOapi().start()
    host = oapi.base.removeprefix("http://")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIANFU_", "DINGTALK_"))}
    env |= {"DINGTALK_CLIENT_SECRET": SECRET, "DINGTALK_SESSION_HOSTS": host}
    try:
        async with jianfu_run(tmp_path, env) as (url, process):
            acked, (batches, messages) = await send_until_killed(url, oapi.base, process)
            assert await process.wait() == -signal.SIGKILL
    finally:
        await oapi.close()

    assert KILL_AFTER <= len(acked) < GROUPS * PER_GROUP, f"not mid-run: {len(acked)} acked"
    assert messages > batches > 0, f"no batch held more than one: {batches=} {messages=}"
    with sqlite3.connect(tmp_path / "j.db") as conn:
        handled = {row[0] for row in conn.execute("SELECT message_id FROM handled_messages")}
        demands = {row[0] for row in conn.execute("SELECT id FROM incidents")}
    assert set(acked) <= handled, sorted(set(acked) - handled)
    for msg_id in acked:
        if msg_id.endswith("-0"):  # a demand: its ack_request incident
            group = msg_id.split("-")[0].removeprefix("g")
            assert f"cid-{group}/ack_request/{msg_id}" in demands, msg_id

"""SIGKILL `jianfu run` in the middle of a burst: every acknowledged incident survives.

The playground answers a POST only after the runtime has handled the message, so an incident
that message made is committed before the 201. We kill the process while requests are still in
flight, restart it on the same database and look for every acknowledged incident.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
import pytest

DEMANDS = 12  # demands, each its own ack_request incident
PILE_UP = 8  # members who reply 收到 (the default pile-up threshold is 5)
KILL_AFTER = 14  # acknowledged posts before the kill
CONCURRENCY = 3


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def bot(db: Path, port: int) -> Iterator[subprocess.Popen[str]]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for key in ("JIANFU_CONFIG", "JIANFU_HOST", "JIANFU_PORT", "JIANFU_DB"):
        env.pop(key, None)
    command = [sys.executable, "-m", "bot.cli", "run", "--port", str(port), "--db", str(db)]
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # the URL line, printed once the server listens
        assert f"http://127.0.0.1:{port}/" in line, line
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


def burst() -> list[dict[str, str]]:
    """A pile-up, then demands, each text unique so its incident can be found.

    The pile-up comes first: a demand is a new notice, and acks after it answer it (they would
    not pile up with the acks before it).
    """
    posts = [{"sender": f"同事{i}", "text": "收到"} for i in range(PILE_UP)]
    posts += [
        {"sender": "王主任", "text": f"第{i}号通知：明天交材料，收到请回复"} for i in range(DEMANDS)
    ]
    return posts


async def post_until_killed(base: str, proc: subprocess.Popen[str]) -> list[dict[str, str]]:
    """Post the burst; SIGKILL the bot after KILL_AFTER acknowledgements. Returns the acked."""
    acked: list[dict[str, str]] = []
    queue: asyncio.Queue[dict[str, str]] = asyncio.Queue()
    for item in burst():
        queue.put_nowait(item)

    async def worker(session: aiohttp.ClientSession) -> None:
        while not queue.empty():
            item = queue.get_nowait()
            try:
                async with session.post(f"{base}/api/playground/messages", json=item) as resp:
                    if resp.status == 201:
                        acked.append(item)
            except aiohttp.ClientError:
                return  # the bot is gone
            if len(acked) >= KILL_AFTER and proc.poll() is None:
                proc.send_signal(signal.SIGKILL)

    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(worker(session) for _ in range(CONCURRENCY)))
    return acked


def incidents(db: Path) -> list[dict[str, object]]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute("select * from incidents")]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
async def test_acknowledged_incidents_survive_sigkill(tmp_path: Path) -> None:
    db, port = tmp_path / "jianfu.db", free_port()
    with bot(db, port) as proc:
        acked = await post_until_killed(f"http://127.0.0.1:{port}", proc)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    assert KILL_AFTER <= len(acked) < len(burst()), "the kill did not land mid-burst"

    with bot(db, port):  # restart on the same database: it opens cleanly
        async with aiohttp.ClientSession() as session:
            url = f"http://127.0.0.1:{port}/api/playground/incidents"
            async with session.get(url) as resp:
                served = await resp.json()
    stored = incidents(db)
    triggers = {str(row["trigger"]) for row in stored if row["kind"] == "ack_request"}
    for item in acked:
        if item["sender"] == "王主任":
            notice = item["text"].split("：")[0]  # 第N号通知
            assert any(notice in t for t in triggers), f"lost: {item['text']}"
    if sum(1 for item in acked if item["text"] == "收到") >= 5:
        stacks = [row for row in stored if row["kind"] == "stack"]
        assert stacks and max(int(str(row["members"])) for row in stacks) >= 5
    assert len(served) == len(stored) and json.dumps(served)

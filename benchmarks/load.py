"""Load: signed DingTalk callbacks and playground posts at a fixed rate, from a second process.

    python benchmarks/load.py                         # `make load`: 100 msg/s for 15 s
    python benchmarks/load.py --rate 300 --seconds 10

Starts `jianfu run --playground` (DingTalk callback mode, a fresh database in a temporary
directory, replies to a local fake `sessionWebhook`), then sends, open-loop on a fixed schedule:

- DingTalk: groups of 6 signed callbacks in the documented payload — a demand (收到请回复)
  and 5 members answering 收到 — each group in order, many groups at once. Each group should
  leave exactly one `ack_request` and one `stack` incident (5 members, 5 messages) and at most
  one reminder (the cooldown holds the second).
- Playground: every 4th message is a numbered demand posted to `/api/playground/messages`;
  each should leave one `ack_request` incident.

A demand text the classifier does not call a demand (its model may veto one numbered text)
is expected to leave none and is counted apart: this measures durability, not the classifier.

A callback answered non-2xx (503: not recorded yet) or not answered is sent again, as DingTalk
does, until a 200 or `--give-up` seconds; the run stops by itself after `--seconds` of sending
(and the retries). Then the bot is stopped (SIGTERM) and the database read: it prints the
sustained rate, latency p50/p99, errors, and how many expected incidents were found, lost or
duplicated. Exit status 1 when any were lost or duplicated.

`benchmarks/chaos.py` runs the same DingTalk traffic while killing the bot.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import hmac
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from policies.classify import classify

SECRET = "load-test-app-secret"
GROUP_SIZE = 6  # a demand and 5 acks
ACKERS = ("李娜", "张伟", "刘洋", "陈静", "赵磊")
PLAYGROUND_EVERY = 4  # every 4th message goes to the playground


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- the bot -------------------------------------------------------------------------------


class Bot:
    """`jianfu run --playground` with DingTalk callbacks on; restartable on the same db."""

    def __init__(self, workdir: Path, port: int, session_host: str) -> None:
        self.workdir, self.port, self.db = workdir, port, workdir / "jianfu.db"
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.env = {
            k: v for k, v in os.environ.items() if not k.startswith(("JIANFU_", "DINGTALK_"))
        }
        self.env |= {"DINGTALK_CLIENT_SECRET": SECRET, "DINGTALK_SESSION_HOSTS": session_host}
        self.starts = 0

    def start(self) -> None:
        command = [sys.executable, "-m", "bot.cli", "run", "--playground"]
        command += ["--port", str(self.port), "--db", str(self.db)]
        log = (self.workdir / "bot.log").open("ab")
        self.proc = subprocess.Popen(
            command, cwd=self.workdir, env=self.env, stdout=subprocess.PIPE, stderr=log
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().decode()  # printed once the server listens
        if self.url not in line:
            raise RuntimeError(f"jianfu run did not start: {line!r} (see {self.workdir}/bot.log)")
        self.starts += 1

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


class Webhook:
    """The fake `sessionWebhook`: answers like DingTalk and counts posts per conversation."""

    def __init__(self) -> None:
        self.posts: Counter[str] = Counter()
        self.runner: web.AppRunner | None = None
        self.base = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/robot/sendBySession", self._post)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        port = free_port()
        await web.TCPSite(self.runner, "127.0.0.1", port).start()
        self.base = f"http://127.0.0.1:{port}"

    async def _post(self, request: web.Request) -> web.Response:
        self.posts[request.query.get("session", "")] += 1
        return web.json_response({"errcode": 0, "errmsg": "ok"})

    async def close(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()


# --- the traffic ---------------------------------------------------------------------------


class Stamps:
    """Strictly increasing millisecond timestamps: a (timestamp, sign) pair is never reused."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> str:
        self.last = max(int(time.time() * 1000), self.last + 1)
        return str(self.last)


def sign(timestamp: str) -> str:
    digest = hmac.new(SECRET.encode(), f"{timestamp}\n{SECRET}".encode(), hashlib.sha256)
    return base64.b64encode(digest.digest()).decode()


def callback(webhook: str, group: str, msg_id: str, sender: str, text: str) -> dict[str, Any]:
    """The documented robot callback payload for one message that @s the robot."""
    now = int(time.time() * 1000)
    return {
        "conversationId": group,
        "atUsers": [{"dingtalkId": "robot"}],
        "chatbotCorpId": "ding-load",
        "chatbotUserId": "robot",
        "msgId": msg_id,
        "senderNick": sender,
        "isAdmin": False,
        "senderStaffId": f"staff-{sender}",
        "sessionWebhookExpiredTime": now + 90 * 60 * 1000,
        "createAt": now,
        "senderCorpId": "ding-load",
        "conversationType": "2",
        "senderId": f"id-{sender}",
        "conversationTitle": f"压测群{group}",
        "isInAtList": True,
        "sessionWebhook": f"{webhook}/robot/sendBySession?session={group}",
        "text": {"content": f" {text}"},
        "msgtype": "text",
    }


def group_messages(run: str, n: int) -> list[tuple[str, str, str]]:
    """Group n's messages: (msgId, sender, text)."""
    demand = ("王主任", f"第{n}号通知：明天上午九点开安全会议，收到请回复")
    lines = [demand, *((name, "收到") for name in ACKERS)]
    return [(f"{run}-{n}-{k}", sender, text) for k, (sender, text) in enumerate(lines)]


@dataclass
class Tally:
    """What the load generator saw."""

    latencies: list[float] = field(default_factory=list)  # seconds, acknowledged requests
    acknowledged: set[str] = field(default_factory=set)  # DingTalk msgIds answered 200
    playground: set[int] = field(default_factory=set)  # playground demands answered 201
    retried: int = 0  # answers that asked for a redelivery (503) or did not come
    errors: Counter[str] = field(default_factory=Counter)  # never acknowledged, by reason
    first: float = 0.0
    last: float = 0.0

    def ok(self, started: float) -> None:
        now = time.perf_counter()
        self.latencies.append(now - started)
        self.last = max(self.last, now)


class Load:
    """Sends the traffic on a fixed schedule; retries what was not acknowledged."""

    def __init__(
        self,
        url: Callable[[], str],
        webhook: str,
        rate: float,
        seconds: float,
        playground: bool = True,
        give_up: float = 60.0,
    ) -> None:
        self.url, self.webhook, self.rate, self.seconds = url, webhook, rate, seconds
        self.playground, self.give_up = playground, give_up
        self.run = f"r{int(time.time())}"
        self.tally = Tally()
        self.stamps = Stamps()
        total = int(rate * seconds)
        share = PLAYGROUND_EVERY if playground else 0
        self.playground_posts = total // share if share else 0
        self.groups = (total - self.playground_posts) // GROUP_SIZE

    async def go(self) -> Tally:
        limits = aiohttp.TCPConnector(limit=256)
        timeout = aiohttp.ClientTimeout(total=15)
        async with aiohttp.ClientSession(connector=limits, timeout=timeout) as http:
            self.tally.first = start = time.perf_counter()
            period = self.seconds / max(1, self.groups * GROUP_SIZE)  # both streams span it
            tasks = [
                asyncio.create_task(
                    self._group(
                        http, n, [start + (n * GROUP_SIZE + k) * period for k in range(GROUP_SIZE)]
                    )
                )
                for n in range(self.groups)
            ]
            period_pg = self.seconds / max(1, self.playground_posts)
            tasks += [
                asyncio.create_task(self._playground(http, k, start + k * period_pg))
                for k in range(self.playground_posts)
            ]
            await asyncio.gather(*tasks)
        return self.tally

    async def _group(self, http: aiohttp.ClientSession, n: int, times: list[float]) -> None:
        group = f"cid-{self.run}-{n}"
        for (msg_id, sender, text), due in zip(group_messages(self.run, n), times, strict=True):
            await _until(due)
            payload = callback(self.webhook, group, msg_id, sender, text)
            if await self._deliver(http, payload):
                self.tally.acknowledged.add(msg_id)
            else:
                return  # DingTalk gave up: the rest of the group is not sent

    async def _deliver(self, http: aiohttp.ClientSession, payload: dict[str, Any]) -> bool:
        body = json.dumps(payload, ensure_ascii=False).encode()
        deadline = time.perf_counter() + self.give_up
        reason = ""
        while time.perf_counter() < deadline:
            stamp = self.stamps.next()
            headers = {"timestamp": stamp, "sign": sign(stamp), "Content-Type": "application/json"}
            started = time.perf_counter()
            try:
                async with http.post(
                    self.url() + "/dingtalk/callback", data=body, headers=headers
                ) as r:
                    await r.read()
                    if r.status == 200:
                        self.tally.ok(started)
                        return True
                    reason = f"HTTP {r.status}"
                    if r.status < 500:
                        break  # refused: a retry would be refused too
            except (aiohttp.ClientError, TimeoutError) as exc:
                reason = type(exc).__name__
            self.tally.retried += 1
            await asyncio.sleep(0.2)
        self.tally.errors[reason] += 1
        return False

    async def _playground(self, http: aiohttp.ClientSession, k: int, due: float) -> None:
        await _until(due)
        item = {"sender": "王主任", "text": playground_text(k)}
        started = time.perf_counter()
        try:
            async with http.post(self.url() + "/api/playground/messages", json=item) as r:
                await r.read()
                if r.status == 201:
                    self.tally.ok(started)
                    self.tally.playground.add(k)
                    return
                reason = f"HTTP {r.status}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            reason = type(exc).__name__
        self.tally.errors[f"playground {reason}"] += 1


def playground_text(k: int) -> str:
    return f"P{k}号通知：周五前交材料，收到请回复"


async def _until(due: float) -> None:
    delay = due - time.perf_counter()
    if delay > 0:
        await asyncio.sleep(delay)


# --- the verdict ---------------------------------------------------------------------------


def demands(text: str) -> bool:
    """Whether the classifier calls `text` a reply demand (the load expects an incident only
    then: this measures durability, not the classifier)."""
    found = classify(text)
    return "ack_request" in (found.label, *found.also)


@dataclass
class Verdict:
    expected: int  # incidents the acknowledged messages should have left
    found: int
    lost: list[str]
    duplicated: list[str]
    reminders_twice: int = 0  # groups reminded more than once
    not_demands: int = 0  # demands the classifier calls something else (no incident expected)


def verdict(db: Path, load: Load, webhook: Webhook) -> Verdict:
    """Every acknowledged message's incident, exactly once, with exact counts."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, group_id, kind, members, messages, trigger FROM incidents")
        incidents = rows.fetchall()
    by_group: dict[str, list[tuple[Any, ...]]] = {}
    for row in incidents:
        by_group.setdefault(row[1], []).append(row)
    result = Verdict(0, 0, [], [])
    acks_count = classify("收到").label == "ack"
    for n in range(load.groups):
        group = f"cid-{load.run}-{n}"
        _check_group(
            result, group, group_messages(load.run, n), by_group.get(group, []), load, acks_count
        )
    _check_playground(result, by_group.get("playground", []), load)
    result.reminders_twice = sum(1 for count in webhook.posts.values() if count > 1)
    return result


def _expect(result: Verdict, what: str, seen: int) -> None:
    """One incident expected: found once, lost, or duplicated."""
    result.expected += 1
    result.found += seen >= 1
    if not seen:
        result.lost.append(what)


def _check_group(
    result: Verdict,
    group: str,
    lines: list[tuple[str, str, str]],
    rows: list[tuple[Any, ...]],
    load: Load,
    acks_count: bool,
) -> None:
    """A DingTalk group: its demand (when the classifier calls it one) and its pile-up."""
    acked = load.tally.acknowledged
    ids = [m for m, _, _ in lines]
    found_demands = [r for r in rows if r[2] == "ack_request"]
    stacks = [r for r in rows if r[2] == "stack"]
    if ids[0] in acked and not demands(lines[0][2]):
        result.not_demands += 1
    elif ids[0] in acked:
        _expect(result, f"{group}: ack_request", len(found_demands))
    if len(found_demands) > 1:
        result.duplicated.append(f"{group}: {len(found_demands)} ack_request")
    if acks_count and all(m in acked for m in ids[1:]):
        _expect(result, f"{group}: stack", len(stacks))
    if len(stacks) > 1 or any(r[3] > 5 or r[4] > 5 for r in stacks):
        result.duplicated.append(f"{group}: stacks {[(r[3], r[4]) for r in stacks]}")


def _check_playground(result: Verdict, rows: list[tuple[Any, ...]], load: Load) -> None:
    """The playground's demands, each found once by its 'P<k>号通知' trigger."""
    counts = Counter(str(r[5]).split("：")[0] for r in rows if r[2] == "ack_request")
    for k in load.tally.playground:
        if not demands(playground_text(k)):
            result.not_demands += 1
            continue
        seen = counts.get(f"P{k}号通知", 0)
        _expect(result, f"playground: P{k}", seen)
        if seen > 1:
            result.duplicated.append(f"playground: P{k} ×{seen}")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(title: str, load: Load, result: Verdict, extra: str = "") -> None:
    tally = load.tally
    sent = load.groups * GROUP_SIZE + load.playground_posts
    done = len(tally.acknowledged) + len(tally.playground)
    elapsed = max(tally.last - tally.first, 1e-9)
    print(f"== {title}")
    print(
        f"messages: {sent} sent, {done} acknowledged in {elapsed:.1f} s: {done / elapsed:.0f} msg/s"
    )
    print(
        f"latency: p50 {percentile(tally.latencies, 0.5) * 1000:.1f} ms, "
        f"p99 {percentile(tally.latencies, 0.99) * 1000:.1f} ms"
    )
    errors = ", ".join(f"{k} ×{v}" for k, v in tally.errors.items()) or "none"
    print(f"errors: {errors}; redeliveries asked or needed: {tally.retried}")
    if extra:
        print(extra)
    print(
        f"incidents: {result.expected} expected, {result.found} found, "
        f"{len(result.lost)} lost, {len(result.duplicated)} duplicated; "
        f"groups reminded twice: {result.reminders_twice}"
    )
    if result.not_demands:
        print(f"  ({result.not_demands} demand texts the classifier calls other: none expected)")
    for line in (result.lost + result.duplicated)[:10]:
        print(f"  {line}")


def failed(result: Verdict) -> bool:
    return bool(result.lost or result.duplicated or result.reminders_twice)


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rate", type=float, default=100.0, help="messages per second")
    parser.add_argument("--seconds", type=float, default=15.0, help="seconds of sending")
    parser.add_argument("--give-up", type=float, default=30.0, help="seconds of redelivery")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    webhook = Webhook()
    await webhook.start()
    tmp = Path(tempfile.mkdtemp(prefix="jianfu-load-"))
    try:
        bot = Bot(tmp, free_port(), webhook.base.removeprefix("http://"))
        bot.start()
        load = Load(lambda: bot.url, webhook.base, args.rate, args.seconds, give_up=args.give_up)
        try:
            await load.go()
        finally:
            bot.stop()
            await webhook.close()
        result = verdict(bot.db, load, webhook)
        report(f"load: {args.rate:.0f} msg/s for {args.seconds:.0f} s", load, result)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed(result) else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

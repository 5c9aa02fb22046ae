"""Live path: open-loop signed DingTalk callbacks against jianfu and a bare app, one run.

    python benchmarks/live.py                                # 500, 1000, 2000 msg/s, 5 s each
    python benchmarks/live.py --rates 1000,2000 --seconds 3  # `make bench` (short)

Starts two servers on loopback, each in its own process:

- jianfu: `jianfu run --playground` with DingTalk callbacks on, a fresh database, reminders
  posted to a local fake `sessionWebhook` (`load.Bot`, `load.Webhook`);
- the bare app: aiohttp answering the same callback path, checking the same signature (HMAC of
  the timestamp header, the timestamp within the hour) and inserting one SQLite row (WAL,
  synchronous=NORMAL, committed) per callback before its 200.

First it times one callback right after jianfu started (the first message, one that needs
jieba's word boundaries). Then, for each rate, it sends, open loop (each request at its scheduled time, whatever came back),
the documented callback payload to 100 groups round-robin, each group a repeating pile-up: a
demand (…收到请回复) then 5 members answering 收到. It sends to the bare app first, then to
jianfu (new groups each rate). Latency runs from a request's scheduled time to its answer
(queueing in the client counts: no coordinated omission); the p99 is printed over the
whole phase and over the requests due after its first second (new groups, new connections). CPU is the server process's user +
system time over the phase (/proc/<pid>/stat), divided by the messages answered 200; switches
are its threads' context switches over the phase (/proc/<pid>/task/*/status) per message
answered — steadier than CPU on a shared machine, and what a hand-off between threads costs.

Nothing is retried: a non-200 (jianfu's 503 "not recorded, deliver again") or a timeout is
counted as not answered. The run stops by itself: at most `--seconds` of sending per phase
plus `--timeout` for the last answers.
"""

from __future__ import annotations

import argparse
import asyncio
import hmac
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from aiohttp import web
from load import ACKERS, Bot, Stamps, Webhook, callback, free_port, percentile, sign

GROUPS = 100
# The p99 is also printed over the requests due after the phase's first second: the phase
# begins with new groups (each read from the store once) and the client opening its
# connections, which both servers pay; the rest is the steady state of the same run.
SETTLE = 1.0
CYCLE = 6  # a demand and 5 acks


# --- the bare app (run in its own process: `live.py --bare PORT DB`) ----------------------


def bare_app(db: Path) -> web.Application:
    """The least a callback receiver does: check the signature, store the message, answer."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE IF NOT EXISTS messages (id TEXT PRIMARY KEY, gid TEXT, text TEXT)")

    async def receive(request: web.Request) -> web.Response:
        stamp, given = request.headers.get("timestamp", ""), request.headers.get("sign", "")
        if not stamp.isdigit() or abs(time.time() * 1000 - int(stamp)) > 3_600_000:
            return web.json_response({"error": "bad timestamp"}, status=401)
        if not hmac.compare_digest(sign(stamp), given):
            return web.json_response({"error": "bad sign"}, status=401)
        body = await request.json()
        conn.execute(
            "INSERT OR IGNORE INTO messages VALUES (?, ?, ?)",
            (body["msgId"], body["conversationId"], body["text"]["content"]),
        )
        return web.Response(status=200)

    app = web.Application()
    app.router.add_post("/dingtalk/callback", receive)
    return app


def run_bare(port: int, db: Path) -> None:
    async def serve() -> None:
        runner = web.AppRunner(bare_app(db), access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        print(f"listening on http://127.0.0.1:{port}", flush=True)
        await asyncio.Event().wait()

    asyncio.run(serve())


class Bare:
    def __init__(self, workdir: Path, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"
        command = [sys.executable, __file__, "--bare", str(port), str(workdir / "bare.db")]
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE)
        assert self.proc.stdout is not None
        if self.url not in self.proc.stdout.readline().decode():
            raise RuntimeError("the bare app did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


# --- the load ------------------------------------------------------------------------------


def context_switches(pid: int) -> int:
    """Context switches of all the process's threads so far (voluntary and not): a thread
    handing work to another and waiting for it shows here, whatever else the machine runs."""
    total = 0
    for status in Path(f"/proc/{pid}/task").glob("*/status"):
        try:
            lines = status.read_text().splitlines()
        except OSError:  # the thread ended meanwhile
            continue
        total += sum(int(line.split()[1]) for line in lines if "ctxt_switches" in line)
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Phase:
    name: str
    rate: float
    sent: int = 0
    latencies: list[float] = field(default_factory=list)
    settled: list[float] = field(default_factory=list)  # of requests due after `SETTLE` s
    failures: Counter[str] = field(default_factory=Counter)
    elapsed: float = 0.0
    cpu: float = 0.0
    switches: int = 0

    @property
    def answered(self) -> int:
        return len(self.latencies)

    @property
    def achieved(self) -> float:
        return self.answered / max(self.elapsed, 1e-9)

    @property
    def cpu_us(self) -> float:
        return self.cpu / max(self.answered, 1) * 1e6

    def line(self) -> str:
        failures = ", ".join(f"{k} ×{v}" for k, v in sorted(self.failures.items())) or "none"
        return (
            f"{self.name:<6} offered {self.rate:>5.0f}: achieved {self.achieved:>6.0f} msg/s, "
            f"p50 {percentile(self.latencies, 0.5) * 1000:>7.1f} ms, "
            f"p99 {percentile(self.latencies, 0.99) * 1000:>8.1f} ms "
            f"(after {SETTLE:.0f} s: {percentile(self.settled, 0.99) * 1000:.1f} ms), "
            f"CPU {self.cpu_us:>5.0f} µs/msg, "
            f"{self.switches / max(self.answered, 1):.2f} switches/msg; not answered: {failures}"
        )


async def send(
    url: str, pid: int, phase: Phase, run: str, webhook: str, seconds: float, timeout: float
) -> Phase:
    """Open loop: message i at start + i / rate, round-robin over the groups."""
    total = int(phase.rate * seconds)
    stamps = Stamps()
    connector = aiohttp.TCPConnector(limit=1024)
    async with aiohttp.ClientSession(
        connector=connector, timeout=aiohttp.ClientTimeout(total=timeout)
    ) as http:

        async def one(i: int, due: float) -> None:
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            group, turn = i % GROUPS, i // GROUPS
            sender, text = (
                ("王主任", f"第{turn}号通知：明天上午九点开安全会议，收到请回复")
                if turn % CYCLE == 0
                else (ACKERS[turn % CYCLE - 1], "收到")
            )
            gid = f"cid-{run}-{group}"
            payload = callback(webhook, gid, f"{run}-{i}", sender, text)
            stamp = stamps.next()
            headers = {"timestamp": stamp, "sign": sign(stamp), "Content-Type": "application/json"}
            body = json.dumps(payload, ensure_ascii=False).encode()
            try:
                async with http.post(url + "/dingtalk/callback", data=body, headers=headers) as r:
                    await r.read()
                    if r.status == 200:
                        phase.latencies.append(time.perf_counter() - due)
                        if due - start >= SETTLE:
                            phase.settled.append(phase.latencies[-1])
                    else:
                        phase.failures[f"HTTP {r.status}"] += 1
            except (aiohttp.ClientError, TimeoutError) as exc:
                phase.failures[type(exc).__name__] += 1

        cpu0, switches0 = cpu_seconds(pid), context_switches(pid)
        start = time.perf_counter() + 0.05
        phase.sent = total
        await asyncio.gather(*(one(i, start + i / phase.rate) for i in range(total)))
        phase.elapsed = time.perf_counter() - start
        phase.cpu = cpu_seconds(pid) - cpu0
        phase.switches = context_switches(pid) - switches0
    return phase


async def first_message(url: str, webhook: str) -> float:
    """Seconds to answer the first callback after start, one that needs word boundaries."""
    payload = callback(webhook, "cid-first", "first-1", "王主任", "收到的请回复一下，明天开会")
    stamp = Stamps().next()
    headers = {"timestamp": stamp, "sign": sign(stamp), "Content-Type": "application/json"}
    body = json.dumps(payload, ensure_ascii=False).encode()
    async with aiohttp.ClientSession() as http:
        started = time.perf_counter()
        async with http.post(url + "/dingtalk/callback", data=body, headers=headers) as r:
            await r.read()
            assert r.status == 200, r.status
        return time.perf_counter() - started


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rates", default="500,1000,2000", help="offered msg/s, comma-separated")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds of sending per phase")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds to wait per answer")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    rates = [float(r) for r in args.rates.split(",")]
    webhook = Webhook()
    await webhook.start()
    tmp = Path(tempfile.mkdtemp(prefix="jianfu-live-"))
    bot = Bot(tmp, free_port(), webhook.base.removeprefix("http://"))
    bare: Bare | None = None
    try:
        bare = Bare(tmp, free_port())
        bot.start()
        assert bot.proc is not None
        first = await first_message(bot.url, webhook.base)
        print(
            f"first message after start (needs jieba: 收到的…): answered in {first * 1000:.1f} ms"
        )
        print(f"live path: {GROUPS} groups, pile-ups, {args.seconds:.0f} s per phase, open loop")
        for rate in rates:
            run = f"r{int(rate)}"
            base = await send(
                bare.url,
                bare.proc.pid,
                Phase("bare", rate),
                run + "b",
                webhook.base,
                args.seconds,
                args.timeout,
            )
            print(base.line(), flush=True)
            ours = await send(
                bot.url,
                bot.proc.pid,
                Phase("jianfu", rate),
                run + "j",
                webhook.base,
                args.seconds,
                args.timeout,
            )
            print(ours.line(), flush=True)
            print(
                f"       ratio jianfu/bare at {rate:.0f}: throughput "
                f"{ours.achieved / max(base.achieved, 1e-9):.2f}, CPU/msg "
                f"{ours.cpu_us / max(base.cpu_us, 1e-9):.1f}×",
                flush=True,
            )
    finally:
        bot.stop()
        if bare is not None:
            bare.stop()
        await webhook.close()
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--bare":
        run_bare(int(sys.argv[2]), Path(sys.argv[3]))
    else:
        sys.exit(asyncio.run(main()))

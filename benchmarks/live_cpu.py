"""Live path, counted rather than timed: instructions and context switches per message.

    python benchmarks/live_cpu.py                     # this tree: switches and CPU per message
    python benchmarks/live_cpu.py --callgrind         # + instructions per message (valgrind)
    python benchmarks/live_cpu.py --callgrind --tree main=/tmp/main --tree branch=.

`benchmarks/live.py` times the live path; on a shared machine its CPU per message moves with
whatever else runs. This driver counts what does not: the instructions the server process
executes per message (`valgrind --tool=callgrind`, counted between a warm-up and the end of
the measured messages with `callgrind_control -z` / `-d`: all threads, and the event loop's
thread alone) and its threads' context switches per message (/proc/<pid>/task/*/status;
measured in a run without valgrind, which runs one thread at a time). The CPU time per message of that run is printed too, for what it
is worth on a shared machine.

Each `--tree NAME=PATH` (default: this checkout) is a source tree of jianfu (e.g. `git
archive main | tar -x -C /tmp/main`): its `jianfu run --playground` is started with DingTalk
callbacks on, a fresh database and PYTHONPATH=PATH, using this interpreter's packages, on
loopback. The traffic is benchmarks/live.py's: signed callbacks in the documented payload to
100 groups round-robin, each a repeating pile-up (a demand, then 5 members answering 收到),
`--warmup` messages first (not counted), then `--messages` counted ones, sent closed loop by
`--concurrency` senders (a fixed number in flight: the same batches whatever the machine's
load). A callback answered non-200 is counted and sent again (DingTalk delivers it again).
The run stops by itself; loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from live import CYCLE, GROUPS, context_switches, cpu_seconds
from load import ACKERS, Bot, Stamps, Webhook, callback, free_port, sign

ROOT = Path(__file__).resolve().parent.parent
RETRIES = 5  # sends of one callback at most (a 503 is delivered again)
JSON = "application/json"


class Server(Bot):
    """`jianfu run --playground` from a given source tree, perhaps under callgrind."""

    def __init__(
        self, workdir: Path, session_host: str, tree: Path, callgrind: bool, profile: Path | None
    ) -> None:
        super().__init__(workdir, free_port(), session_host)
        self.env["PYTHONPATH"] = str(tree)
        out = f"--callgrind-out-file={workdir / 'callgrind.out'}"
        valgrind = ["valgrind", "--tool=callgrind", "--separate-threads=yes", out]
        self.prefix = valgrind if callgrind else []
        self.profile = [__file__, "--serve-profiled", str(profile)] if profile else ["-m"]

    def start(self) -> None:
        command = [*self.prefix, sys.executable, *self.profile, "bot.cli", "run"]
        command += ["--playground"]
        command += ["--port", str(self.port), "--db", str(self.db)]
        log = (self.workdir / "bot.log").open("ab")
        self.proc = subprocess.Popen(
            command, cwd=self.workdir, env=self.env, stdout=subprocess.PIPE, stderr=log
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().decode()
        if self.url not in line:
            raise RuntimeError(f"jianfu run did not start: {line!r} (see {self.workdir}/bot.log)")

    def control(self, option: str) -> None:
        """`callgrind_control -z` (zero the counts) or `-d` (dump them)."""
        assert self.proc is not None
        subprocess.run(
            ["callgrind_control", option, str(self.proc.pid)],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def instructions(self) -> tuple[int, int]:
        """Instructions counted since the zeroing, from the dump: the event loop's thread's
        (the main thread, the first file) and all threads'."""
        dumps = sorted(self.workdir.glob("callgrind.out.1-*"))  # one file per thread
        counts = [int(_summary(path.read_text(errors="replace"), path)) for path in dumps]
        if not counts:
            raise RuntimeError(f"no callgrind dump in {self.workdir}")
        return counts[0], sum(counts)


def _summary(text: str, path: Path) -> str:
    found = re.search(r"^summary: (\d+)", text, re.M)
    if found is None:
        raise RuntimeError(f"no total in {path}")
    return found.group(1)


@dataclass
class Tally:
    """What one sending phase saw: callbacks answered 200, other answers by status."""

    answered: int = 0
    refused: Counter[str] = field(default_factory=Counter)


def message(i: int, webhook: str) -> bytes:
    """Callback i of the mix: group i % 100, its turn i // 100 in a demand + 5 acks cycle."""
    group, turn = i % GROUPS, i // GROUPS
    sender, text = (
        ("王主任", f"第{turn}号通知：明天上午九点开安全会议，收到请回复")
        if turn % CYCLE == 0
        else (ACKERS[turn % CYCLE - 1], "收到")
    )
    payload = callback(webhook, f"cid-{group}", f"msg-{i}", sender, text)
    return json.dumps(payload, ensure_ascii=False).encode()


async def send(
    url: str, webhook: str, stamps: Stamps, first: int, count: int, concurrency: int
) -> Tally:
    """Callbacks first .. first+count-1, `concurrency` in flight, each until answered 200
    (`stamps`: the server's timestamps so far — a signed timestamp is accepted once)."""
    tally = Tally()
    todo = iter(range(first, first + count))
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as http:

        async def sender() -> None:
            for i in todo:
                body = message(i, webhook)
                for _ in range(RETRIES):
                    stamp = stamps.next()
                    headers = {"timestamp": stamp, "sign": sign(stamp), "Content-Type": JSON}
                    async with http.post(
                        url + "/dingtalk/callback", data=body, headers=headers
                    ) as r:
                        await r.read()
                    if r.status == 200:
                        tally.answered += 1
                        break
                    tally.refused[f"HTTP {r.status}"] += 1

        await asyncio.gather(*(sender() for _ in range(concurrency)))
    return tally


@dataclass
class Result:
    """One tree's counts over the measured messages."""

    name: str
    callgrind: bool
    messages: int
    instructions: int = 0  # all threads
    loop_instructions: int = 0  # the event loop's thread
    switches: int = 0
    cpu: float = 0.0
    refused: Counter[str] = field(default_factory=Counter)

    def line(self) -> str:
        per = max(self.messages, 1)
        refused = ", ".join(f"{k} ×{v}" for k, v in sorted(self.refused.items())) or "none"
        if self.callgrind:
            measured = (
                f"{self.instructions / per:>11,.0f} instructions/msg "
                f"(the loop's thread {self.loop_instructions / per:>11,.0f})"
            )
        else:
            measured = (
                f"{self.switches / per:5.2f} switches/msg, CPU {self.cpu / per * 1e6:5.0f} µs/msg"
            )
        return f"{self.name:<10} {self.messages} msgs: {measured}; answered non-200: {refused}"


async def measure(name: str, tree: Path, args: argparse.Namespace, callgrind: bool) -> Result:
    webhook = Webhook()
    await webhook.start()
    tmp = Path(tempfile.mkdtemp(prefix="jianfu-live-cpu-"))
    profile = args.profile.with_suffix(f".{name}.prof") if args.profile else None
    server = Server(tmp, webhook.base.removeprefix("http://"), tree, callgrind, profile)
    result = Result(name, callgrind, args.messages)
    try:
        server.start()
        assert server.proc is not None
        pid = server.proc.pid
        stamps = Stamps()
        warm = await send(server.url, webhook.base, stamps, 0, args.warmup, args.concurrency)
        result.refused.update(f"warm-up {k}" for k in warm.refused.elements())
        if callgrind:
            server.control("-z")
        cpu0, switches0 = cpu_seconds(pid), context_switches(pid)
        tally = await send(
            server.url, webhook.base, stamps, args.warmup, args.messages, args.concurrency
        )
        result.cpu = cpu_seconds(pid) - cpu0
        result.switches = context_switches(pid) - switches0
        if callgrind:
            server.control("-d")
            result.loop_instructions, result.instructions = server.instructions()
        result.refused.update(tally.refused)
    finally:
        server.stop()
        await webhook.close()
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return result


def tree(text: str) -> tuple[str, Path]:
    name, _, path = text.rpartition("=")
    return name or Path(path).name, Path(path).resolve()


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--tree", action="append", type=tree, help="NAME=PATH of a jianfu source tree (repeat)"
    )
    parser.add_argument("--messages", type=int, default=1200, help="messages counted")
    parser.add_argument("--warmup", type=int, default=600, help="messages sent first, not counted")
    parser.add_argument("--concurrency", type=int, default=8, help="callbacks in flight")
    parser.add_argument("--callgrind", action="store_true", help="also count instructions")
    parser.add_argument(
        "--profile",
        type=Path,
        help="run each server under cProfile (its loop's thread), stats to PROFILE.<tree>.prof",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directories")
    args = parser.parse_args(argv)
    trees = args.tree or [("this", ROOT)]
    if args.callgrind and not shutil.which("valgrind"):
        parser.error("--callgrind needs valgrind (apt-get install valgrind)")
    print(
        f"live path counted: {GROUPS} groups, pile-ups, {args.warmup} warm-up + "
        f"{args.messages} messages, {args.concurrency} in flight, closed loop",
        flush=True,
    )
    modes = [False, True] if args.callgrind else [False]
    for callgrind in modes:
        for name, path in trees:
            started = time.perf_counter()
            result = await measure(name, path, args, callgrind)
            took = time.perf_counter() - started
            print(f"{result.line()} ({took:.0f} s)", flush=True)
    return 0


def serve_profiled(out: str, module: str, argv: list[str]) -> None:
    """`python -m module argv` under cProfile counting the CPU time of the thread it runs on
    (the event loop's), not wall time: a thread that loses the GIL or the CPU meanwhile is
    not charged for it. Stats to `out` when the server stops."""
    import cProfile
    import runpy

    sys.path[0] = os.environ.get("PYTHONPATH", sys.path[0])  # the tree's, not benchmarks/
    sys.argv = [module, *argv]
    profiler = cProfile.Profile(time.thread_time)
    try:
        profiler.runcall(runpy.run_module, module, run_name="__main__", alter_sys=True)
    except SystemExit:
        pass
    finally:
        profiler.dump_stats(out)


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[1] == "--serve-profiled":
        serve_profiled(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        os.environ.pop("PYTHONPATH", None)  # each server gets its tree's
        sys.exit(asyncio.run(main()))

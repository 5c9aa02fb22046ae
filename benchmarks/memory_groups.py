"""Memory: 20,000 groups seen once each, then idle — what the runtime holds, and after expiry.

    python benchmarks/memory_groups.py [--groups 20000]

One `Runtime` on a temporary SQLite file (the real store thread), a do-nothing adapter, one
message in each of `--groups` groups, then the clock moves past `IDLE_AFTER` and the expiry job
runs (as it does every minute in `jianfu run`). Prints the Python heap the process holds
(tracemalloc) and its RSS at each step, and the groups held in memory; then a second wave of
as many new groups, to show that the memory freed is reused (CPython keeps freed pages in its
RSS; the heap is what the runtime holds).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import tempfile
import tracemalloc
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.adapters.base import Adapter, MessageSink
from bot.runtime import IDLE_AFTER, Runtime
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from policies.events import Message

START = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)


class Quiet(Adapter):
    name = "chat"

    async def start(self, sink: MessageSink) -> None:
        pass

    async def stop(self) -> None:
        pass

    async def send(
        self, group_id: str, text: str, mentions: Sequence[str] = (), *, markdown: bool = False
    ) -> None:
        pass


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def heap_mb() -> float:
    gc.collect()
    return tracemalloc.get_traced_memory()[0] / 2**20 if tracemalloc.is_tracing() else 0.0


async def main(groups: int, heap: bool) -> None:
    if heap:
        tracemalloc.start()
    with tempfile.TemporaryDirectory() as tmp:
        store = StoreThread(lambda: Store(Path(tmp) / "j.db"), Store.close)
        await store.open()
        clock = Clock()
        runtime = Runtime(Settings(), store, {"chat": Quiet()}, clock)
        base = heap_mb()
        print(f"start:                 heap {base:6.1f} MB, RSS {rss_mb():6.1f} MB")
        for wave in (1, 2):  # the second wave: new groups, after the first left memory
            for n in range(groups):
                text = "各位同事：今天下午的例会改到三楼会议室，请相互转告。"
                gid, at = f"group-{wave}-{n}", clock.now
                msg = Message(f"m{wave}-{n}", gid, f"u{n}", text, at, platform="chat")
                await runtime.handle(msg)
            seen = heap_mb()
            print(
                f"wave {wave}: {groups} groups: heap {seen:6.1f} MB, RSS {rss_mb():6.1f} MB, "
                f"{runtime.groups_in_memory} groups in memory "
                f"({(seen - base) * 2**20 / groups / 1024:.1f} KiB each)"
            )
            clock.now += IDLE_AFTER + timedelta(minutes=1)
            await runtime.expire()
            after = heap_mb()
            print(
                f"wave {wave}: after expiry:  heap {after:6.1f} MB, RSS {rss_mb():6.1f} MB, "
                f"{runtime.groups_in_memory} groups in memory"
            )
        await store.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--groups", type=int, default=20_000)
    parser.add_argument("--rss-only", action="store_true", help="no tracemalloc (it costs RSS)")
    args = parser.parse_args()
    asyncio.run(main(args.groups, not args.rss_only))

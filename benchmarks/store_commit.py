"""The group commit's transaction while the event loop's thread runs Python: the GIL hand-off.

    python benchmarks/store_commit.py [--batches 50] [--writes 20]

`Store.commit_messages` of `--writes` messages (each with its detector state), `--batches`
times on a temporary SQLite file, three ways in one run: alone; while another thread runs
Python (as the loop does under load) at the interpreter's default switch interval (5 ms); and
the same at `bot.store.thread.SWITCH_INTERVAL`, which `jianfu run` sets. SQLite lets go of the
GIL for every statement, and taking it back waits out the switch interval. Prints p50 and max
per commit and the ratios to "alone".
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from bot.store import MessageWrite, Store
from bot.store.thread import SWITCH_INTERVAL

NOW = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)


def commits(store: Store, run: str, batches: int, writes: int, busy: bool) -> list[float]:
    """Seconds per commit, sorted; with another thread running Python meanwhile when `busy`."""
    stop = [False]

    def spin() -> None:  # pure bytecode: it never lets go of the GIL by itself
        n = 0
        while not stop[0]:
            n += 1

    other = threading.Thread(target=spin)
    if busy:
        other.start()
    took = []
    try:
        for b in range(batches):
            batch = [
                MessageWrite(f"g{i}", "dingtalk", f"{run}-{b}-{i}", NOW, {"acks": [i] * 5}, True)
                for i in range(writes)
            ]
            started = time.perf_counter()
            store.commit_messages(batch)
            took.append(time.perf_counter() - started)
    finally:
        stop[0] = True
        if busy:
            other.join()
    return sorted(took)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--batches", type=int, default=50)
    parser.add_argument("--writes", type=int, default=20)
    args = parser.parse_args()
    default = sys.getswitchinterval()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "j.db")
        alone = commits(store, "alone", args.batches, args.writes, busy=False)
        print(f"commit of {args.writes} messages, {args.batches} times:")
        base = alone[len(alone) // 2]
        print(
            f"  alone:                       p50 {base * 1000:6.1f} ms, max {alone[-1] * 1000:6.1f} ms"
        )
        for name, interval in (("default", default), ("jianfu's", SWITCH_INTERVAL)):
            sys.setswitchinterval(interval)
            took = commits(store, name, args.batches, args.writes, busy=True)
            p50 = took[len(took) // 2]
            print(
                f"  loop busy, {name:>8} {interval * 1000:.1f} ms: p50 {p50 * 1000:6.1f} ms, "
                f"max {took[-1] * 1000:6.1f} ms ({p50 / base:.1f}× alone)"
            )
        sys.setswitchinterval(default)
        store.close()


if __name__ == "__main__":
    main()

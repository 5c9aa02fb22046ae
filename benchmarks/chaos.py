"""Chaos: SIGKILL the bot at random moments under load, restart it, and count what survived.

    python benchmarks/chaos.py                        # `make chaos`: 100 msg/s for 30 s
    python benchmarks/chaos.py --seed 7 --seconds 20 --rate 200

The DingTalk traffic of `benchmarks/load.py` (groups of a demand and 5 收到, each group in
order, signed callbacks, redelivered until answered 200 — as DingTalk does) runs while the
bot is killed with SIGKILL every 1.5–4 s (random, `--seed`) and started again on the same
database. Pile-ups are cut by the kills half-way. At the end it prints how many messages were
acknowledged and how many of those the database records as handled (all of them, or it
fails), and the incidents: every
acknowledged demand must have its `ack_request`, every group whose 5 acks were acknowledged
exactly one `stack` of 5 members and 5 messages, and no group may be reminded twice.
Exit status 1 when anything was lost or duplicated.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from load import Bot, Load, Webhook, failed, free_port, report, verdict


async def chaos(bot: Bot, done: asyncio.Event, rng: random.Random, kills: list[float]) -> None:
    """Kill and restart the bot at random moments until the load is done."""
    loop = asyncio.get_running_loop()
    while not done.is_set():
        try:
            await asyncio.wait_for(done.wait(), rng.uniform(1.5, 4.0))
            return
        except TimeoutError:
            pass
        bot.kill()
        kills.append(loop.time())
        await asyncio.sleep(rng.uniform(0.0, 0.3))
        await asyncio.to_thread(bot.start)


def handled(db: Path, ids: set[str]) -> int:
    """How many of these msgIds the database records as handled (-1: a database from before
    `handled_messages`, when comparing with an older jianfu)."""
    sql = "SELECT message_id FROM handled_messages WHERE platform = 'dingtalk'"
    with sqlite3.connect(db) as conn:
        try:
            return len(ids & {row[0] for row in conn.execute(sql)})
        except sqlite3.OperationalError:
            return -1


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rate", type=float, default=100.0, help="messages per second")
    parser.add_argument("--seconds", type=float, default=30.0, help="seconds of sending")
    parser.add_argument("--seed", type=int, default=None, help="random seed for the kills")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(10**6)
    rng = random.Random(seed)
    webhook = Webhook()
    await webhook.start()
    tmp = Path(tempfile.mkdtemp(prefix="jianfu-chaos-"))
    kills: list[float] = []
    try:
        bot = Bot(tmp, free_port(), webhook.base.removeprefix("http://"))
        bot.start()
        load = Load(lambda: bot.url, webhook.base, args.rate, args.seconds, playground=False)
        done = asyncio.Event()
        killer = asyncio.create_task(chaos(bot, done, rng, kills))
        try:
            await load.go()
        finally:
            done.set()
            await killer
            bot.stop()
            await webhook.close()
        result = verdict(bot.db, load, webhook)
        acked = load.tally.acknowledged
        recorded = handled(bot.db, acked)
        extra = (
            f"chaos: {len(kills)} SIGKILLs (seed {seed}), {bot.starts} starts; "
            f"acknowledged {len(acked)} messages, {recorded} recorded as handled"
        )
        report(f"chaos: {args.rate:.0f} msg/s for {args.seconds:.0f} s", load, result, extra)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    unrecorded = recorded >= 0 and recorded != len(acked)  # acknowledged but not handled
    return 1 if failed(result) or unrecorded or not kills else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

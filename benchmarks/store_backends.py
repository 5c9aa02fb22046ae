"""Incidents written per second: SQLite vs PostgreSQL, same machine, same run.

    python benchmarks/store_backends.py [--seconds 3] [--pg postgresql://postgres@127.0.0.1/postgres]

Each backend gets the live bot's write for a message that opens an incident:
`Store.commit_messages` of one message — the incident (INSERT … ON CONFLICT), the message marked handled and
the group's detector state, in one transaction — from one process (as the store thread of one
`jianfu run`), for `--seconds` each. SQLite writes a file in a temporary directory (WAL,
synchronous=NORMAL, as `jianfu run`); PostgreSQL a database created for the run and dropped
after (the server's own durability settings: fsync at each commit by default). Then the
same with two writer processes on PostgreSQL, each its own Store and pool and groups: two
workers; and one writer with `synchronous_commit=off`, PostgreSQL's durability closest to
SQLite's NORMAL (a crash of the machine may lose the last commits; a killed bot loses none).

Prints incidents/s for each and the ratio PostgreSQL / SQLite. Bounded: stops by itself after
about 3 × `--seconds`.
"""

from __future__ import annotations

import argparse
import os
import secrets
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
from psycopg import sql

from bot.store import MessageWrite, Store
from policies.events import Incident

START = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)
STATE = {"acks": [["2025-03-03T02:00:00+00:00", "u1", "m1"]], "open": None}


def write_for(store: Store, seconds: float, worker: str) -> int:
    """New incidents written in `seconds`, one `commit_messages` of one message each."""
    written = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        at = START + timedelta(seconds=written)
        group = f"{worker}-g{written % 50}"  # each worker its own groups (bot accounts)
        incident = Incident(
            id=f"{group}/stack/{worker}-m{written}", group_id=group, kind="stack", start=at,
            end=at, members=5, messages=5, trigger="明天九点开会，收到请回复", trigger_sender="u1",
        )  # fmt: skip
        message = f"{worker}-m{written}"
        write = MessageWrite(group, "bench", message, at, STATE, True, [(incident, "王主任", None)])
        store.commit_messages([write])
        written += 1
    return written


def worker(target: str, seconds: float, name: str) -> int:
    """One writer process: its own Store (and pool), written for `seconds`."""
    store = Store(target)
    try:
        return write_for(store, seconds, name)
    finally:
        store.close()


def rate(targets: list[str], seconds: float) -> float:
    """Incidents/s of one writer process per target (all running at once)."""
    with ProcessPoolExecutor(len(targets)) as pool:
        runs = [pool.submit(worker, t, seconds, f"w{i}") for i, t in enumerate(targets)]
        return sum(run.result() for run in runs) / seconds


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def with_options(url: str, options: str) -> str:
    return urlunsplit(urlsplit(url)._replace(query=f"options={quote(options)}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    default_pg = os.environ.get("JIANFU_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--pg", default=default_pg, help="a server where we may CREATE DATABASE")
    args = parser.parse_args()
    name = f"jianfu_bench_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(args.pg, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            with tempfile.TemporaryDirectory() as tmp:
                sqlite = rate([str(Path(tmp) / "bench.db")], args.seconds)
            url = with_database(args.pg, name)
            postgres = rate([url], args.seconds)
            two = rate([url, url], args.seconds)
            relaxed = rate([with_options(url, "-csynchronous_commit=off")], args.seconds)
        finally:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
    print(f"SQLite (WAL, one writer)             {sqlite:8.0f} incidents/s")
    print(f"PostgreSQL (one writer)              {postgres:8.0f} incidents/s")
    print(f"PostgreSQL (two workers at once)     {two:8.0f} incidents/s")
    print(f"PostgreSQL (synchronous_commit=off)  {relaxed:8.0f} incidents/s")
    print(f"ratio PostgreSQL / SQLite: {postgres / sqlite:.2f} (one writer), "
          f"{two / sqlite:.2f} (two workers)")  # fmt: skip


if __name__ == "__main__":
    main()

"""Fixtures every test directory shares: a store, a frozen clock, a fake chat, message().

- `store`: a `Store`, once on SQLite (in memory) and once on PostgreSQL (a schema of its own in
  this run's database, `tests.postgres`); closed after the test.
- `store_target`: where a test opens its own stores: a SQLite file in `tmp_path`, then a
  fresh PostgreSQL URL (the same two backends).
- `clock`: a `FrozenClock` at `START` (Monday 2025-03-03 10:00 in Shanghai); `advance(**delta)`.
- `store_thread`: a `StoreThread` over a real SQLite file in `tmp_path`, opened and closed.
- `open_store_thread(path)`: the same for a given file (two runtimes on one file, restarts).
- `fake_chat`: `tests.bot.fakechat.FakeChat`, a platform adapter that keeps what the bot posts.
- `message(n, text, ...)`: a group message `m<n>` from `u<n>`, `n` minutes after `START`.
- `write(tmp_path, name, content)`: a file for a command to read.
- `jianfu_run(cwd, environ)`: `jianfu run` as a real process on a free port.
- `start_on_loopback(app)`: an aiohttp app on a free loopback port (fake servers, served bots).
- `write_lock(db)`: another process's writer holding the database's write lock.
- `scrape(http, url)`: a served app's `GET /metrics`, parsed by prometheus-client's parser.
"""

from __future__ import annotations

import asyncio
import re
import signal
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from prometheus_client.parser import text_string_to_metric_families

from bot.store import Store
from bot.store.thread import StoreThread
from policies.events import Message
from tests.bot.fakechat import FakeChat
from tests.postgres import pg_database, pg_url

__all__ = ["pg_database", "pg_url"]  # fixtures: PostgreSQL for the tests (tests/postgres.py)

START = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai


class FrozenClock:
    """Now is whatever the test says; `advance` moves it. The runtime's and app's `clock`."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def message(
    n: int,
    text: str,
    group_id: str = "g1",
    *,
    minute: float | None = None,
    platform: str = "fakechat",
    **fields: object,
) -> Message:
    """Message `m<n>` from `u<n>` in `group_id` at `START + minute` (default: `n` minutes)."""
    at = START + timedelta(minutes=n if minute is None else minute)
    return Message(
        id=f"m{n}", group_id=group_id, sender_id=f"u{n}", text=text, time=at,
        platform=platform, **fields,  # type: ignore[arg-type]
    )  # fmt: skip


OpenStoreThread = Callable[..., AbstractAsyncContextManager[StoreThread[Store]]]


@asynccontextmanager
async def _open_store_thread(path: Path, **options: float) -> AsyncIterator[StoreThread[Store]]:
    thread: StoreThread[Store] = StoreThread(lambda: Store(path, **options), Store.close)
    await thread.open()
    try:
        yield thread
    finally:
        await thread.close()


@pytest.fixture
def open_store_thread() -> OpenStoreThread:
    return _open_store_thread


@pytest.fixture
async def store_thread(tmp_path: Path) -> AsyncIterator[StoreThread[Store]]:
    async with _open_store_thread(tmp_path / "j.db") as thread:
        yield thread


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "j.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def two_stores(store_target: str) -> Iterator[tuple[Store, Store]]:
    """Two stores on one database, as two workers (each backend)."""
    first, second = Store(store_target), Store(store_target)
    yield first, second
    first.close()
    second.close()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    target = ":memory:" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    db = Store(target)
    yield db
    db.close()


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def fake_chat() -> FakeChat:
    return FakeChat()


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    """Write a file under `tmp_path` (text as UTF-8); its path as a string."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


@asynccontextmanager
async def jianfu_run(
    cwd: Path, environ: dict[str, str], *args: str, db: str | None = "j.db"
) -> AsyncIterator[tuple[str, asyncio.subprocess.Process]]:
    """`python -m bot.cli run --port 0 --db DB ARGS` in `cwd` with exactly `environ` (db=None:
    no --db, the database is environ's JIANFU_DB); yields its base URL (from its first line)
    and the process; stopped with SIGTERM, which must end it with status 0 — unless the test
    SIGKILLed it (its exit is the test's to check)."""
    store = ("--db", db) if db else ()
    command = [sys.executable, "-m", "bot.cli", "run", "--port", "0", *store, *args]
    process = await asyncio.create_subprocess_exec(
        *command, cwd=cwd, env=environ, stdout=asyncio.subprocess.PIPE
    )
    try:
        assert process.stdout is not None
        # a hang guard, not a speed check: warm-up takes ~1 s, but a loaded CI machine (seen: load
        # 15 on 2 cores) stretched it past 30 s
        async with asyncio.timeout(120):
            line = (await process.stdout.readline()).decode()
        url = re.search(r"http://127\.0\.0\.1:\d+", line)
        assert url is not None, line
        yield url[0], process
    finally:
        if process.returncode != -signal.SIGKILL:
            if process.returncode is None:
                process.terminate()
            async with asyncio.timeout(60):
                assert await process.wait() == 0


def fresh_python(script: str, env: dict[str, str] | None = None, timeout: float = 60) -> list[str]:
    """`script` run by a new Python process in the repository (nothing imported yet but what
    the script imports); its stdout lines. It must exit 0 (its stderr is the failure shown)."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


async def start_on_loopback(app: web.Application) -> tuple[web.AppRunner, str]:
    """`app` served on a free port of 127.0.0.1: its runner (`cleanup()` stops it) and base URL.
    The fake platform servers and the served bots of the adapter tests start this way."""
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}"


@contextmanager
def write_lock(db: Path) -> Iterator[None]:
    """Another process's writer: holds the database's write lock until the block ends."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


async def scrape(http: aiohttp.ClientSession, url: str) -> tuple[Samples, str]:
    """`GET {url}/metrics`: every sample by (name, sorted labels), and the page's text."""
    async with http.get(url + "/metrics") as resp:
        assert resp.status == 200
        body = await resp.text()
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(body)
        for s in family.samples
    }
    return samples, body

"""The application factory: resources pair up, the store stays off the loop, /healthz, CLI."""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import GC_THRESHOLDS, READY, STORE, create_app
from bot.cli import CliError, main
from bot.cli.run import describe, status_command
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreClosed
from policies.events import Incident

NOW = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)


def served(tmp_path: Path, **kwargs: Any) -> TestClient[Any, Any]:
    app = create_app(Settings(), db_path=tmp_path / "jianfu.db", clock=lambda: NOW, **kwargs)
    return TestClient(TestServer(app, host="127.0.0.1", port=0))


async def test_healthz_reports_adapters_and_database(tmp_path: Path) -> None:
    async with served(tmp_path) as client:
        resp = await client.get("/healthz")
        report = await resp.json()
    assert resp.status == 200 and report["ok"] is True
    assert report["db"] == {"ok": True, "detail": str(tmp_path / "jianfu.db")}
    assert [(a["name"], a["connected"]) for a in report["adapters"]] == [("playground", True)]


async def test_livez_answers_while_readyz_says_the_database_is_gone(tmp_path: Path) -> None:
    async with served(tmp_path) as client:
        ready = await client.get("/readyz")
        assert (ready.status, await ready.json()) == (200, {"ready": True})
        await client.app[STORE].close()  # the database is gone
        ready = await client.get("/readyz")
        assert ready.status == 503
        assert (await ready.json())["why"].startswith("database: StoreClosed")
        live = await client.get("/livez")
        assert (live.status, await live.json()) == (200, {"ok": True})
        app = client.app
    assert not app[READY].is_set()  # shut down: not ready any more


async def test_what_start_up_made_is_out_of_the_collectors_sight(tmp_path: Path) -> None:
    gc.unfreeze()
    thresholds = gc.get_threshold()
    try:
        async with served(tmp_path):
            assert gc.get_freeze_count() == 0  # not asked
            assert gc.get_threshold() == thresholds
        async with served(tmp_path, freeze_heap=True):
            assert gc.get_freeze_count() > 10_000  # jieba, the classifier, the modules
            assert gc.get_threshold() == GC_THRESHOLDS  # young collections far rarer
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


async def test_the_store_runs_on_one_thread_that_is_not_the_loop(tmp_path: Path) -> None:
    async with served(tmp_path) as client:
        store = client.app[STORE]
        threads = {await store.call(threading.get_ident) for _ in range(5)}
    assert len(threads) == 1 and threading.get_ident() not in threads


async def test_tear_down_closes_the_store_and_stops_the_jobs(tmp_path: Path) -> None:
    client = served(tmp_path, expire_every=0.01)
    async with client:
        app = client.app
        await asyncio.sleep(0.05)  # the expiry job has run a few times
        jobs = [t for t in asyncio.all_tasks() if "every" in repr(t.get_coro())]
        assert len(jobs) == 4  # unfinished commands, expiry, retention purge, notice nudges
    assert all(job.done() for job in jobs)
    with pytest.raises(StoreClosed):
        await app[STORE].call(lambda: None)


async def test_the_transcript_survives_a_restart(tmp_path: Path) -> None:
    async with served(tmp_path) as client:
        resp = await client.post(
            "/api/playground/messages",
            json={"sender": "王主任", "text": "明天开会，各位收到请回复"},
        )
        assert resp.status == 201
    async with served(tmp_path) as client:
        transcript = await (await client.get("/api/playground/messages")).json()
        incidents = await (await client.get("/api/playground/incidents")).json()
    assert [(e["sender"], e["bot"]) for e in transcript] == [("王主任", False), ("jianfu", True)]
    assert [i["kind"] for i in incidents] == ["ack_request"]


async def test_retention_is_enforced_at_start_up(tmp_path: Path) -> None:
    old = NOW - timedelta(days=200)
    store = Store(tmp_path / "jianfu.db")
    incident = Incident("g/ack_request/m1", "g", "ack_request", old, old, 1, 1, "收到请回复")
    store.upsert_incident(incident, "playground")
    store.close()
    async with served(tmp_path) as client:
        await asyncio.sleep(0.05)  # the purge job runs once at start-up
        store_thread = client.app[STORE]
        left = await store_thread.call(store_thread.store.incidents, "g", 5)
    assert left == []


async def test_jianfu_status_asks_healthz(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async with served(tmp_path) as client:
        url = str(client.make_url("/"))
        code = await asyncio.to_thread(status_command, argparse.Namespace(url=url))
    out = capsys.readouterr().out
    assert code == 0 and "jianfu: ok" in out and "playground: connected" in out


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("localhost:8080", "http://localhost:8080/healthz"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/healthz"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/healthz"),
        ("http://127.0.0.1:8080/healthz", "http://127.0.0.1:8080/healthz"),
        ("https://bot.example/jianfu/healthz/", "https://bot.example/jianfu/healthz"),
        ("https://bot.example/jianfu", "https://bot.example/jianfu/healthz"),
    ],
)
def test_status_url_accepts_host_port_and_full_urls(typed: str, asked: str) -> None:
    from bot.cli.run import health_url

    assert health_url(typed) == asked


async def test_jianfu_status_with_host_port_or_the_healthz_url(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async with served(tmp_path) as client:
        base = str(client.make_url("/"))
        for url in (base.removeprefix("http://"), base + "healthz"):
            code = await asyncio.to_thread(status_command, argparse.Namespace(url=url))
            assert code == 0 and "jianfu: ok" in capsys.readouterr().out


def test_status_url_with_another_scheme_is_a_one_line_error() -> None:
    with pytest.raises(CliError, match="expected host:port"):
        status_command(argparse.Namespace(url="ftp://x:21"))


async def test_jianfu_status_without_a_bot_is_a_one_line_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"  # bound, not listening
        with pytest.raises(CliError, match="no jianfu answering"):
            await asyncio.to_thread(status_command, argparse.Namespace(url=url))


def test_describe_an_unhealthy_report() -> None:
    report = {
        "ok": False,
        "db": {"ok": True, "detail": "jianfu.db"},
        "adapters": [{"name": "wechaty", "connected": False, "detail": "login lost"}],
    }
    assert describe(report).splitlines() == [
        "jianfu: NOT OK",
        "  database: ok jianfu.db",
        "  wechaty: disconnected login lost",
    ]


def test_a_bad_port_stops_jianfu_run(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--port", "http"]) == 2
    assert "port" in capsys.readouterr().err


async def test_a_port_in_use_is_a_one_line_error(tmp_path: Path) -> None:
    from bot.cli.run import serve

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        app = create_app(Settings(), db_path=tmp_path / "jianfu.db")
        with pytest.raises(CliError, match="cannot listen"):
            await serve(app, "127.0.0.1", sock.getsockname()[1])


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_shuts_down_cleanly(tmp_path: Path, signum: int) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIANFU_")}
    db = tmp_path / "jianfu.db"
    command = [sys.executable, "-m", "bot.cli", "run", "--port", "0", "--db", str(db)]
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        assert proc.stdout is not None
        assert "http://127.0.0.1:" in proc.stdout.readline()
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert "shutting down" in out and "Traceback" not in err
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0


def test_the_playground_group_reminds_without_cooldown_other_groups_keep_theirs(
    tmp_path: Path,
) -> None:
    from bot.app import SETTINGS
    from handlers.group_settings import GroupSettings

    settings = Settings(group_defaults=GroupSettings(cooldown_minutes=45, daily_cap=3))
    app = create_app(settings, db_path=tmp_path / "jianfu.db")
    playground = app[SETTINGS].group_settings("playground")
    assert (playground.cooldown_minutes, playground.daily_cap) == (0, 3)
    assert app[SETTINGS].group_settings("ops").cooldown_minutes == 45

    own = GroupSettings(cooldown_minutes=10)  # the config's [groups."playground"] wins
    app = create_app(replace(settings, groups={"playground": own}), db_path=tmp_path / "j2.db")
    assert app[SETTINGS].group_settings("playground").cooldown_minutes == 10

"""One pipeline: `jianfu scan --db` with a group's saved settings finds the same incidents as
the live runtime fed the same messages (both go through `bot.pipeline.Pipeline` with each
group's effective settings from `bot.groups`)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.runtime import Runtime
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from handlers.group_settings import GroupSettings
from policies.events import Message
from tests.bot.fakechat import FakeChat
from tests.conftest import FrozenClock, message

SAVED = GroupSettings(stack_members=3, stack_window_minutes=10, chain_participants=3)
CHAIN = "#接龙\n已学习《安全手册》\n\n1. 张伟"

# "g" has saved settings (3 members make a pile-up, a 10-minute window); "h" has none (5).
MESSAGES: tuple[Message, ...] = (
    message(1, "各位同事：周五前提交季度总结", "g"),
    message(2, "收到", "g"),
    message(3, "收到", "g"),
    message(4, "收到！", "g"),
    message(5, "收到", "h"),
    message(6, "收到", "h"),
    message(7, "收到", "h"),
    message(8, "收到", "h"),
    message(30, "收到", "g"),  # 26 minutes later: outside g's window, inside h's default
    message(31, "收到", "g"),
    message(32, "收到", "g"),
    message(40, "明天上午的会议材料请大家在群里回复收到", "g"),
    message(50, CHAIN, "g"),
    message(51, CHAIN + "\n2. 李娜", "g"),
    message(52, CHAIN + "\n2. 李娜\n3. 王芳", "g"),
)


def rows(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        sql = """SELECT id, kind, start, "end", members, messages, "trigger" FROM incidents
                 ORDER BY id"""
        return conn.execute(sql).fetchall()


def with_saved_settings(db: Path) -> None:
    store = Store(db)
    store.save_group_settings("g", SAVED, GroupSettings())
    store.close()


async def live(db: Path) -> list[tuple[Any, ...]]:
    clock = FrozenClock()
    thread: StoreThread[Store] = StoreThread(lambda: Store(db), Store.close)
    await thread.open()
    try:
        runtime = Runtime(Settings(), thread, {"fakechat": FakeChat()}, clock)
        for msg in MESSAGES:
            clock.now = msg.time
            assert await runtime.handle(msg)
    finally:
        await thread.close()
    return rows(db)


def scan(tmp_path: Path, db: Path | None, capsys: pytest.CaptureFixture[str]) -> list[str]:
    export = tmp_path / "export.jsonl"
    lines = [
        {"id": m.id, "group": m.group_id, "sender": m.sender_id, "text": m.text,
         "time": m.time.isoformat()}
        for m in MESSAGES
    ]  # fmt: skip
    export.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    args = ["scan", str(export)] + (["--db", str(db)] if db else [])
    assert main(args) == 0
    return [json.loads(line)["group"] + "/" + json.loads(line)["kind"]
            for line in capsys.readouterr().out.splitlines()]  # fmt: skip


@pytest.fixture(autouse=True)
def no_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JIANFU_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)  # no ./jianfu.toml


async def test_scan_with_saved_settings_finds_what_the_live_runtime_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    live_db, scan_db = tmp_path / "live.db", tmp_path / "scan.db"
    with_saved_settings(live_db)
    with_saved_settings(scan_db)
    found_live = await live(live_db)
    scan(tmp_path, scan_db, capsys)
    assert rows(scan_db) == found_live
    kinds = sorted(row[1] for row in found_live)
    assert kinds == ["ack_request", "chain", "stack", "stack"]  # g's two small pile-ups


async def test_the_saved_settings_are_what_differs_from_a_default_scan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    defaults = scan(tmp_path, None, capsys)  # 5 members, 30 minutes: g's acks are one pile-up
    with_saved_settings(tmp_path / "scan.db")
    saved = scan(tmp_path, tmp_path / "scan.db", capsys)
    assert defaults.count("g/stack") == 1
    assert saved.count("g/stack") == 2
    assert "g/chain" in saved and "g/chain" not in defaults

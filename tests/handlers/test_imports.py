"""handlers/ decide and never act: no bot, web, database or network imports, no clock reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_purity import imported_modules

HANDLERS = Path(__file__).resolve().parents[2] / "handlers"
FORBIDDEN = {
    "bot", "aiohttp", "sqlite3", "sqlite_utils", "socket", "ssl", "asyncio", "grpclib",
    "requests", "urllib", "http", "subprocess", "threading", "wechaty_grpc", "dingtalk_stream",
}  # fmt: skip


@pytest.mark.parametrize("path", sorted(HANDLERS.rglob("*.py")), ids=lambda p: p.name)
def test_handler_module_imports_nothing_that_acts(path: Path) -> None:
    bad = imported_modules(path) & FORBIDDEN
    assert not bad, f"{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize("path", sorted(HANDLERS.rglob("*.py")), ids=lambda p: p.name)
def test_handler_module_never_reads_the_clock(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert ".now(" not in source and "utcnow(" not in source and "time.time(" not in source

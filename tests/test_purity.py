"""policies/ is pure: no I/O, network, database, asyncio, or imports of bot/handlers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

POLICIES = Path(__file__).resolve().parent.parent / "policies"
FORBIDDEN = {
    "asyncio",
    "aiohttp",
    "sqlite3",
    "sqlite_utils",
    "socket",
    "ssl",
    "grpclib",
    "grpc",
    "requests",
    "urllib",
    "http",
    "subprocess",
    "os",
    "io",
    "pathlib",
    "shutil",
    "tempfile",
    "time",
    "threading",
    "multiprocessing",
    "selectors",
    "logging",
    "bot",
    "handlers",
    "wechaty_grpc",
    "dingtalk_stream",
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted(POLICIES.rglob("*.py")), ids=lambda p: p.name)
def test_policy_module_imports_nothing_impure(path: Path) -> None:
    bad = imported_modules(path) & FORBIDDEN
    assert not bad, f"{path.name} imports {sorted(bad)}"


def test_checker_catches_an_impure_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import asyncio\nfrom sqlite_utils import Database\n", encoding="utf-8")
    assert imported_modules(sample) & FORBIDDEN == {"asyncio", "sqlite_utils"}


def test_datetime_now_is_never_called() -> None:
    for path in POLICIES.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert ".now(" not in text and "utcnow(" not in text, f"{path.name} reads the clock"

"""The Makefile: `make run` installs the bot's runtime dependencies only, `make test` the test
tooling too. Read with `make -n` (prints the commands, runs none) against an empty venv path."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def planned(target: str, tmp_path: Path) -> str:
    venv = tmp_path / "venv"  # does not exist: make plans the whole install
    done = subprocess.run(
        ["make", "-n", "-C", str(ROOT), target, f"VENV={venv}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@needs_make
def test_make_run_installs_no_test_tooling(tmp_path: Path) -> None:
    plan = planned("run", tmp_path)
    installs = [line for line in plan.splitlines() if "pip install" in line and "-e" in line]
    assert installs and all("[test]" not in line for line in installs), plan
    assert "jianfu run" in plan


@needs_make
def test_make_test_installs_the_test_tooling(tmp_path: Path) -> None:
    plan = planned("test", tmp_path)
    assert "-e '.[test]'" in plan and "ruff check" in plan and "pytest" in plan

"""bot.ops.generated: the generators' shared write / --check."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ops.generated import write_or_check


def test_check_fails_on_a_stale_or_missing_file_and_writing_makes_it_current(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "weights.py"
    assert write_or_check(target, "A = 1\n", check=True, remedy="make model") == 1  # missing
    assert "weights.py is stale: run `make model`" in capsys.readouterr().err
    assert write_or_check(target, "A = 1\n", check=False, remedy="make model") == 0
    assert target.read_text(encoding="utf-8") == "A = 1\n"
    assert write_or_check(target, "A = 1\n", check=True, remedy="make model") == 0
    assert "up to date" in capsys.readouterr().out
    assert write_or_check(target, "A = 2\n", check=True, remedy="make model") == 1  # stale
    assert target.read_text(encoding="utf-8") == "A = 1\n"  # a check writes nothing

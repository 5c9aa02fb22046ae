"""`jianfu run`: a database path that cannot be used stops it with one line, before serving."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("nowhere/x.db", "no such directory {dir}/nowhere"),
        ("notes.md", "file is not a database"),
        (".", "it is a directory"),
    ],
)
def test_an_unusable_database_is_a_one_line_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    reason: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./jianfu.toml
    monkeypatch.delenv("JIANFU_CONFIG", raising=False)
    (tmp_path / "notes.md").write_text("# notes\n", encoding="utf-8")
    path = tmp_path / name
    assert main(["run", "--port", "0", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"jianfu: error: cannot open database {path}: {reason.format(dir=tmp_path)}\n"
    assert (tmp_path / "notes.md").read_text("utf-8") == "# notes\n"

"""The generated references match the code, and the operator guide covers the whole database."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import build_parser
from bot.ops import docs_gen
from bot.ops.environment import all_env_vars
from bot.settings import Settings
from bot.store import Store
from handlers.commands import COMMAND_NAMES
from handlers.group_settings import GroupSettings

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def test_checked_in_references_are_current() -> None:
    stale = [str(path.relative_to(ROOT)) for path in docs_gen.stale()]
    assert not stale, f"{stale} differ from the code: run `python -m bot.ops.docs_gen` and commit"


def test_configuration_reference_has_every_key_and_variable() -> None:
    text = (DOCS / "configuration.md").read_text("utf-8")
    nested = {"group_defaults", "groups", "platforms", "source", "env"}
    for field in dataclasses.fields(Settings):
        if field.name not in nested:
            assert f"| `{field.name}` |" in text
    for field in dataclasses.fields(GroupSettings):
        assert f"| `{field.name}` |" in text
    for var in all_env_vars():
        assert f"| `{var.name}` |" in text
    assert "| `DINGTALK_CLIENT_SECRET` | dingtalk | yes |" in text
    assert "| `retention_days` | integer | `180` | incidents, audit rows and posts" in text


def test_command_reference_has_every_command_and_subcommand() -> None:
    text = (DOCS / "commands.md").read_text("utf-8")
    for name in COMMAND_NAMES:
        assert f"| `{name}` |" in text
    assert "| `help` | everyone |" in text and "| `forget` | admins |" in text
    subcommands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in subcommands:
        assert f"### `jianfu {name}`" in text
    assert "usage: jianfu check-config" in text


@dataclass(frozen=True)
class Sample:
    plain: int = 1  # a plain comment
    hashed: str = "#not-a-comment"  # the real comment
    long: tuple[str, ...] = ()  # a comment that goes on
    #                             on the next line
    bare: bool = False  # last


@dataclass(frozen=True)
class Undocumented:
    silent: int = 0


def test_field_comments_are_read_from_the_source() -> None:
    comments = docs_gen.field_comments(Sample)
    assert comments["plain"] == ("int", "a plain comment")
    assert comments["hashed"] == ("str", "the real comment")
    assert comments["long"] == ("tuple[str, ...]", "a comment that goes on on the next line")
    docs = {doc.name: doc for doc in docs_gen.field_docs(Sample)}
    assert docs["hashed"].default == '"#not-a-comment"'
    assert docs["long"].type == "list of strings" and docs["long"].default == "[]"
    assert docs["bare"].type == "boolean" and docs["bare"].default == "false"


def test_a_field_without_a_comment_stops_the_generator() -> None:
    with pytest.raises(ValueError, match=r"Undocumented\.silent has no comment"):
        docs_gen.field_docs(Undocumented)


def test_check_mode_reports_a_stale_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(docs_gen, "DOCS", tmp_path)
    assert docs_gen.main([]) == 0
    assert docs_gen.main(["--check"]) == 0
    page = tmp_path / "configuration.md"
    page.write_text(page.read_text("utf-8").replace("`180`", "`90`"), encoding="utf-8")
    capsys.readouterr()
    assert docs_gen.main(["--check"]) == 1
    assert "configuration.md is out of date" in capsys.readouterr().out


def test_operations_guide_documents_every_table_and_column() -> None:
    text = (DOCS / "operations.md").read_text("utf-8")
    store = Store(":memory:")
    try:
        for table in store.db.table_names():
            assert f"`{table}`" in text, f"operations.md does not document the table {table}"
            section = text.split(f"### `{table}`", 1)
            assert len(section) == 2, f"operations.md has no section for {table}"
            body = section[1].split("\n### ", 1)[0]
            for column in store.db.table(table).columns_dict:
                assert f"`{column}`" in body, f"operations.md: {table}.{column} is undocumented"
    finally:
        store.close()

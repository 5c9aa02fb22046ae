"""The store's SQLite file, opened from the command line (`jianfu run`, `scan --db`, `digest`).

A path that cannot hold jianfu's database — a missing directory, a directory, a file that is
not SQLite, a read-only place — becomes one `DatabaseUnavailable`, `cannot open database PATH:
reason`, instead of a sqlite3 traceback (the CLI prints it as one line, exit 2).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.store import Store


class DatabaseUnavailable(Exception):
    """The database file cannot be opened or written; the message names it and says why."""


def open_store(path: Path, *, must_exist: bool = False) -> Store:
    """The store in `path` (created when missing, unless `must_exist`)."""
    if must_exist and not path.is_file() and not path.is_dir():
        raise DatabaseUnavailable(
            f"{path}: no such database (fill one with `jianfu scan FILE --db {path}`)"
        )
    with database_errors(path, "open"):
        return Store(path)


def check_store(path: Path) -> None:
    """Open (creating it if needed, migrating it) and close the store: it is usable."""
    open_store(path).close()


@contextmanager
def database_errors(path: Path, doing: str = "use") -> Iterator[None]:
    """Turn a sqlite3 error inside the block into `DatabaseUnavailable` naming `path`."""
    try:
        yield
    except sqlite3.Error as exc:
        raise DatabaseUnavailable(f"cannot {doing} database {path}: {_reason(path, exc)}") from None


def _reason(path: Path, exc: Exception) -> str:
    if path.is_dir():
        return "it is a directory"
    if not path.parent.is_dir():
        return f"no such directory {path.parent}"
    return str(exc)

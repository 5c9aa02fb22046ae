"""The store's database, opened from the command line (`jianfu run`, `scan --db`, `digest`,
`migrate`, `copy`): a SQLite file, or a PostgreSQL URL.

A target that cannot hold jianfu's database — a missing directory, a directory, a file that is
not SQLite, a read-only place, a PostgreSQL server that refuses or is not there — becomes one
`DatabaseUnavailable`, `cannot open database TARGET: reason`, instead of a driver traceback
(the CLI prints it as one line, exit 2). A URL is shown without its password.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.store import Store
from bot.store.pg import POOL_SIZE, DatabaseError, display_url, is_postgres_url


class DatabaseUnavailable(Exception):
    """The database cannot be opened or written; the message names it and says why."""


def open_store(
    target: str | Path, *, must_exist: bool = False, pool_size: int = POOL_SIZE
) -> Store:
    """The store at `target`, a file (created when missing, unless `must_exist`) or a URL."""
    path = Path(target)
    if not is_postgres_url(target) and must_exist and not path.is_file() and not path.is_dir():
        raise DatabaseUnavailable(
            f"{path}: no such database (fill one with `jianfu scan FILE --db {path}`)"
        )
    with database_errors(target, "open"):
        return Store(target, pool_size=pool_size)


def check_store(target: str | Path) -> None:
    """Open (creating it if needed, migrating it) and close the store: it is usable."""
    open_store(target).close()


@contextmanager
def database_errors(target: str | Path, doing: str = "use") -> Iterator[None]:
    """Turn a database error inside the block into `DatabaseUnavailable` naming `target`."""
    if is_postgres_url(target):
        with _postgres_errors(str(target), doing):
            yield
        return
    path = Path(target)
    try:
        yield
    except sqlite3.Error as exc:
        raise DatabaseUnavailable(f"cannot {doing} database {path}: {_reason(path, exc)}") from None


@contextmanager
def _postgres_errors(url: str, doing: str) -> Iterator[None]:
    try:
        yield
    except DatabaseError as exc:
        raise DatabaseUnavailable(f"cannot {doing} database {display_url(url)}: {exc}") from None


def _reason(path: Path, exc: Exception) -> str:
    if path.is_dir():
        return "it is a directory"
    if not path.parent.is_dir():
        return f"no such directory {path.parent}"
    return str(exc)

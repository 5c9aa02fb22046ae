"""Moving a log from one database to another (`jianfu copy`): SQLite → PostgreSQL when an
organisation outgrows one machine, or back.

Every table but `migrations` is copied row by row with its ids, in one transaction per table
(both stores are migrated to the same schema first, by opening them). The destination must be
empty: ids copied into a log that already has rows could collide. On PostgreSQL the identity
counters are moved past the copied ids, so the next row gets a fresh one.
"""

from __future__ import annotations

from typing import Any

from bot.store import Store
from bot.store.pg import PgDatabase

BATCH = 1000  # rows read and written at a time


class CopyRefused(Exception):
    """The copy would mix two logs (the destination has rows); the message says which."""


def copy_log(source: Store, destination: Store) -> dict[str, int]:
    """Copy every row of `source` into the empty `destination`; rows copied per table."""
    tables = [t for t in sorted(source.db.table_names()) if t != "migrations"]
    full = [t for t in tables if _has_rows(destination, t)]
    if full:
        raise CopyRefused(f"the destination already has rows in {', '.join(full)}")
    return {table: _copy_table(source, destination, table) for table in tables}


def _has_rows(store: Store, table: str) -> bool:
    return store.db.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is not None


def _copy_table(source: Store, destination: Store, table: str) -> int:
    copied = 0
    rows = source.db.query(f'SELECT * FROM "{table}"')
    with destination.db.atomic():
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                copied += _insert(destination, table, batch)
                batch = []
        copied += _insert(destination, table, batch)
        if isinstance(destination.db, PgDatabase) and "id" in destination.db.columns(table):
            _advance_identity(destination.db, table)
    return copied


def _insert(store: Store, table: str, rows: list[dict[str, Any]]) -> int:
    if not rows:
        return 0
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
    values = [[row[c] for c in columns] for row in rows]
    if isinstance(store.db, PgDatabase):
        store.db.executemany(sql, values)
    else:
        store.db.conn.executemany(sql, values)
    return len(rows)


def _advance_identity(db: PgDatabase, table: str) -> None:
    """The identity column's next value past the copied ids (no-op without one)."""
    sequence = db.execute("SELECT pg_get_serial_sequence(?, 'id')", [table]).fetchone()
    if sequence and sequence[0]:
        db.execute(
            f'SELECT setval(?, (SELECT coalesce(max(id), 0) + 1 FROM "{table}"), false)',
            [sequence[0]],
        )

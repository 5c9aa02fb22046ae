"""`jianfu copy --from SOURCE --to DESTINATION`: move an incident log between databases —
typically an existing SQLite file to a new PostgreSQL database when several bot accounts are
to share one log. Both are migrated first; the destination must be empty. Stop the bot that
writes to SOURCE first: rows it writes during the copy would not be copied.

    jianfu copy --from sqlite:///var/lib/jianfu/jianfu.db --to postgresql://jianfu@db/jianfu
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.cli import CliError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "copy", help="copy the whole log to another database (SQLite → PostgreSQL)"
    )
    parser.add_argument(
        "--from", dest="source", required=True, help="SQLite file, sqlite:///PATH or URL"
    )
    parser.add_argument(
        "--to", dest="destination", required=True, help="postgresql:// URL (or a SQLite file)"
    )
    parser.set_defaults(func=copy_command)


def copy_command(args: argparse.Namespace) -> int:
    from bot.settings import database_target
    from bot.store.copy import CopyRefused, copy_log
    from bot.store.file import database_errors, open_store
    from bot.store.pg import display_target

    try:
        source, destination = database_target(args.source), database_target(args.destination)
    except ValueError as exc:
        raise CliError(f"--from/--to: {exc}") from None
    if source == destination:
        raise CliError("--from and --to are the same database")
    old = open_store(source, must_exist=True, pool_size=1)
    new = open_store(destination, pool_size=1)
    try:
        with database_errors(destination, "write to"):
            copied = copy_log(old, new)
    except CopyRefused as exc:
        raise CliError(f"{display_target(destination)}: {exc}; copy into a new database") from None
    finally:
        old.close()
        new.close()
    for table, rows in copied.items():
        sys.stdout.write(f"{table}: {rows}\n")
    total = sum(copied.values())
    where = f"{display_target(source)} → {display_target(destination)}"
    sys.stdout.write(f"copied {total} rows of {len(copied)} tables, {where}\n")
    return 0

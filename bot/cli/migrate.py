"""`jianfu migrate --db TARGET`: create or upgrade the schema of a database (SQLite file or
PostgreSQL URL) without starting the bot — before the first `jianfu run` of several workers,
or after an upgrade. `jianfu run` migrates at start too; this does it alone.
"""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "migrate", help="create or upgrade the database's schema (SQLite or PostgreSQL)"
    )
    parser.add_argument(
        "--db",
        help="SQLite file, sqlite:///PATH or postgresql:// URL (env JIANFU_DB; [store] url; "
        "./jianfu.db)",
    )
    parser.add_argument("--config", help="jianfu.toml path (env JIANFU_CONFIG; ./jianfu.toml)")
    parser.set_defaults(func=migrate_command)


def migrate_command(args: argparse.Namespace) -> int:
    from bot.settings import load_settings
    from bot.store.file import open_store
    from bot.store.pg import display_target

    settings = load_settings(args.config, cli={"db": args.db})
    store = open_store(settings.db, pool_size=1)
    ran, total = store.migrated, len(store.db.table_names())
    store.close()
    where = display_target(settings.db)
    if ran:
        print(f"{where}: ran {len(ran)} migration(s): {', '.join(ran)} ({total} tables)")
    else:
        print(f"{where}: up to date ({total} tables)")
    return 0

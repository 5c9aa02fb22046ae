"""`jianfu digest`: print a group's weekly digest, or all groups ranked by burden.

    jianfu digest [--db PATH] --group G [--week last|this|YYYY-Www] [--format text|markdown]
                  [--lang zh-CN|en] [--chart out.png]
    jianfu digest [--db PATH] --all [--week …] [--format …] [--lang …]

The database is found as `jianfu run` finds it: --db, else JIANFU_DB, else `db` in the
config (--config, JIANFU_CONFIG or ./jianfu.toml), else ./jianfu.db.

A thin layer: the store is read by `bot.digest.compose`, the text written by `handlers.digest`, the
picture drawn by `bot.digest.chart`. Works on a database the bot filled, or one `jianfu scan FILE
--db PATH` filled from exported history. Weeks are read in each group's time zone (its
settings: the config's, with the admins' changes saved in the database).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli import CliError

if TYPE_CHECKING:  # imported lazily at run time: `jianfu --help` stays fast
    from bot.settings import Settings
    from bot.store import Store
    from handlers.digest import IsoWeek
    from handlers.group_settings import GroupSettings

LANGS = ("zh-CN", "en")


def register(sub: Any) -> None:
    p = sub.add_parser("digest", help="print a group's weekly digest (or all groups by burden)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--group", metavar="G", help="the group id (as in the incidents table)")
    which.add_argument("--all", action="store_true", help="every group, heaviest burden first")
    p.add_argument(
        "--db",
        help="SQLite file or postgresql:// URL (env JIANFU_DB; db or [store] url in jianfu.toml; "
        "./jianfu.db)",
    )
    p.add_argument("--week", default="last", help="last (default), this or YYYY-Www")
    p.add_argument("--format", choices=("text", "markdown"), default="text")
    p.add_argument("--lang", choices=LANGS, help="default: the group's language")
    p.add_argument("--chart", metavar="PNG", help="also draw the last 8 weeks as a bar chart")
    p.add_argument("--config", default=os.environ.get("JIANFU_CONFIG"), help="jianfu.toml path")
    p.set_defaults(func=cmd_digest)


def cmd_digest(args: argparse.Namespace, now: datetime | None = None) -> int:
    from bot.settings import load_settings
    from bot.store.file import database_errors, open_store

    if args.all and args.chart:
        raise CliError("--chart draws one group: use it with --group")
    settings = load_settings(Path(args.config) if args.config else None, cli={"db": args.db})
    store = open_store(settings.db, must_exist=True, pool_size=1)
    try:
        moment = now or datetime.now(UTC)
        with database_errors(settings.db, "read"):
            if args.all:
                sys.stdout.write(rollup(store, settings, args, moment) + "\n")
            else:
                one_group(store, settings, args, moment)
    finally:
        store.close()
    return 0


def group_settings(store: Store, settings: Settings, group_id: str) -> GroupSettings:
    from bot.groups import effective_settings

    return effective_settings(settings, store, group_id)


def week_of(spec: str, now: datetime, group: GroupSettings) -> IsoWeek:
    from handlers.digest import BadWeek, resolve_week

    try:
        return resolve_week(spec, now, group.zone)
    except BadWeek as exc:
        raise CliError(f"--week: {exc}") from None


def one_group(store: Store, settings: Settings, args: argparse.Namespace, now: datetime) -> None:
    from bot.digest.compose import compose

    known = store.incident_group_ids()
    if args.group not in known:
        shown = ", ".join(known[:10]) + (" …" if len(known) > 10 else "") or "none yet"
        from bot.store.pg import display_target

        where = display_target(settings.db)
        raise CliError(f"--group {args.group!r}: not in {where} (groups: {shown})")
    group = group_settings(store, settings, args.group)
    week = week_of(args.week, now, group)
    message = compose(store, args.group, week, group, args.lang)
    sys.stdout.write((message.markdown if args.format == "markdown" else message.text) + "\n")
    if args.chart:
        write_chart(store, args.group, week, group, Path(args.chart))


def write_chart(
    store: Store, group_id: str, week: IsoWeek, group: GroupSettings, out: Path
) -> None:
    from bot.digest.compose import CHART_WEEKS, chart_png

    try:
        out.write_bytes(chart_png(store, group_id, week, group))
    except OSError as exc:
        raise CliError(f"--chart {out}: {exc.strerror or exc}") from None
    sys.stderr.write(f"chart: {out} ({week.shifted(1 - CHART_WEEKS)} to {week})\n")


def rollup(store: Store, settings: Settings, args: argparse.Namespace, now: datetime) -> str:
    """Every group's digest for the week (one week for all: "last" in the default zone),
    heaviest burden first."""
    from bot.digest.compose import compose
    from handlers.digest import render_rollup

    digests = []
    week = week_of(args.week, now, settings.group_defaults)
    for gid in store.incident_group_ids():
        group = group_settings(store, settings, gid)
        digests.append(compose(store, gid, week, group).digest)
    lang = args.lang or settings.language
    return render_rollup(digests, week, lang, markdown=args.format == "markdown")

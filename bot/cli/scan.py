"""`jianfu scan`: find incidents in exported chat history, through the live bot's pipeline
(`bot.history.audit`); `--db` also records them (`bot.history.importer`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from datetime import timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli import CliError
from bot.cli.common import TZ_HELP, print_json, user_errors, zone_arg
from bot.history.exports import (
    Located,
    ReadNotes,
    in_group_order,
    read_messages,
)

if TYPE_CHECKING:
    from bot.history.audit import ScanTally
    from policies.detect import DetectorOptions
    from policies.events import Incident


def register(sub: Any) -> None:
    p = sub.add_parser("scan", help="find incidents in exported chat history")
    p.add_argument("files", nargs="+", metavar="FILE", help="JSONL or CSV export (- = stdin)")
    p.add_argument("--summary", action="store_true", help="a per-group table instead of JSONL")
    p.add_argument("--tz", help=TZ_HELP)
    # The thresholds default to None: "not given". Given, they apply to every group; not
    # given, each group's own (with --db: the config's and the admins' saved settings).
    p.add_argument("--stack-members", type=int, metavar="N", help="default 5 (2–1000)")
    p.add_argument("--stack-window", type=float, metavar="MIN", help="default 30 (up to 1440)")
    p.add_argument("--chain-participants", type=int, metavar="N", help="default 5 (2–1000)")
    p.add_argument("--db", metavar="PATH", help="also record the incidents in this database")
    p.add_argument(
        "--skip-bad",
        type=int,
        default=0,
        metavar="N",
        help="skip up to N bad lines (listed on stderr) instead of stopping at the first",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="split the groups over N worker processes: the same incidents in the same order, "
        "faster only with N free CPU cores (default 1: on the shared 2-core machine it was "
        "measured on, 2 were no faster and took ~15%% more CPU)",
    )
    p.set_defaults(func=cmd_scan)


def _records(paths: Sequence[str], tz: tzinfo | None, tally: ScanTally) -> Iterator[Located]:
    groups: set[str] = set()
    tally.groups = groups
    for path in paths:
        for record in read_messages(path, tz, tally.notes):
            tally.messages += 1
            groups.add(record.message.group_id)
            yield record


def _options(args: argparse.Namespace) -> DetectorOptions | None:
    """The thresholds the flags give (the defaults for those not given); None when no flag
    is given."""
    from handlers.group_settings import INT_RANGES
    from policies.detect import DetectorOptions

    given = (args.stack_members, args.stack_window, args.chain_participants)
    if all(value is None for value in given):
        return None
    defaults = DetectorOptions()
    members = defaults.stack_members if args.stack_members is None else args.stack_members
    participants = args.chain_participants
    participants = defaults.chain_participants if participants is None else participants
    window = args.stack_window
    window = defaults.stack_window.total_seconds() / 60 if window is None else window
    for flag, key, value in (
        ("--stack-members", "stack_members", members),
        ("--chain-participants", "chain_participants", participants),
    ):
        low, high = INT_RANGES[key]
        if not low <= value <= high:
            raise CliError(f"{flag} must be from {low} to {high}, got {value}")
    longest = INT_RANGES["stack_window_minutes"][1]
    if not 0 < window <= longest:  # also refuses nan
        raise CliError(f"--stack-window must be more than 0 and at most {longest} minutes")
    return DetectorOptions(
        stack_members=members,
        stack_window=timedelta(minutes=window),
        chain_participants=participants,
    )


@user_errors
def cmd_scan(args: argparse.Namespace) -> int:
    from bot.history.audit import ScanTally, incident_json, print_summary, report_notes
    from bot.history.workers import ScanWorkerError

    options = _options(args)  # None: each group's own
    if args.skip_bad < 0:
        raise CliError(f"--skip-bad must be 0 or more, got {args.skip_bad}")
    if args.jobs < 1:
        raise CliError(f"--jobs must be 1 or more, got {args.jobs}")
    tally = ScanTally(notes=ReadNotes(skip_bad=args.skip_bad))
    records = _records(args.files, zone_arg(args.tz), tally)
    try:
        incidents = _detect(args, records, options)
    except ScanWorkerError as exc:
        raise CliError(str(exc)) from None
    report_notes(tally.notes, sys.stderr)
    if args.summary:
        print_summary(incidents, tally, sys.stdout)
    else:
        for incident in incidents:
            print_json(incident_json(incident), sys.stdout)
    return 0


def _detect(
    args: argparse.Namespace, records: Iterator[Located], options: DetectorOptions | None
) -> list[Incident]:
    """The incidents of `records` (`bot.history.audit.detect`); with --db, recorded too."""
    from bot.history.audit import detect
    from policies.detect import DetectorOptions

    if args.db:
        # lazily, and only with --db: the store is heavy and noting names costs every message
        from bot.history.importer import SeenGroups, record_history, saved_options
        from bot.store.file import check_store
        from bot.store.pg import display_target, is_postgres_url

        db = args.db if is_postgres_url(args.db) else Path(args.db)
        check_store(db)  # before reading: a year of history, then "cannot open"?
        seen = SeenGroups()
        saved = options or saved_options(db)
        incidents = detect(in_group_order(seen.watch(records)), saved, args.jobs)
        done = record_history(incidents, seen, db)
        sys.stderr.write(
            f"recorded {done.incidents} incidents of {done.groups} groups in {display_target(db)} "
            f"({done.new} new)\n"
        )
        return incidents
    return detect(in_group_order(records), options or DetectorOptions(), args.jobs)

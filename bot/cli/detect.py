"""`jianfu classify | scan | eval | eval-conversations`: the offline audit commands.

A thin layer: `bot.history.exports` reads the files, `policies` decides, this module prints.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta, tzinfo
from functools import wraps
from pathlib import Path
from typing import Any, TextIO

from bot.cli import CliError
from bot.history.exports import (
    ExportError,
    Located,
    ReadNotes,
    in_group_order,
    read_messages,
    read_texts,
    zone,
)
from bot.message_cap import MAX_MESSAGE_CHARS
from bot.pipeline import OptionsFor, Pipeline, scan
from handlers.group_settings import INT_RANGES
from policies.classify import classify
from policies.detect import Detector, DetectorOptions
from policies.events import INCIDENT_KINDS, Incident
from policies.explain import explain

Command = Callable[[argparse.Namespace], int]


TZ_HELP = (
    "time zone of times without a UTC offset, in every format (jianfu JSONL/CSV and the "
    "WeChatMsg, PyWxDump, chatlog exports); default Asia/Shanghai"
)


def register(sub: Any) -> None:
    p = sub.add_parser("classify", help="label each message of a JSONL file")
    p.add_argument("file", nargs="?", default="-", help="JSONL with a 'text' per line (- = stdin)")
    p.add_argument(
        "--explain", action="store_true", help="print every check, fired or not, under each message"
    )
    p.set_defaults(func=cmd_classify)

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
    p.set_defaults(func=cmd_scan)


def user_errors(command: Command) -> Command:
    """Turn input errors into one-line `CliError`s."""

    @wraps(command)
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except ExportError as exc:
            raise CliError(str(exc)) from None

    return run


def _zone(name: str | None) -> tzinfo | None:
    try:
        return zone(name) if name else None
    except ValueError as exc:
        raise CliError(str(exc)) from None


def _print_json(obj: dict[str, Any], out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- classify


@user_errors
def cmd_classify(args: argparse.Namespace) -> int:
    for _line, obj, text in read_texts(args.file):
        found = classify(text)
        row = {**obj, "label": found.label, "reasons": list(found.reasons)}
        if found.also:
            row["also"] = list(found.also)  # other demands in the same message
        _print_json(row, sys.stdout)
        if args.explain:
            for cue in explain(text):
                mark = "✔" if cue.fired else "·"
                detail = f": {cue.detail}" if cue.detail else ""
                sys.stdout.write(f"  {mark} {cue.name}{detail}\n")
    return 0


# ---------------------------------------------------------------- scan


@dataclass(slots=True)
class ScanTally:
    """What a scan read, for the summary."""

    messages: int = 0
    groups: set[str] | None = None
    notes: ReadNotes | None = None  # bad lines skipped, messages cut to MAX_MESSAGE_CHARS


def detect(records: Iterable[Located], options: DetectorOptions | OptionsFor) -> list[Incident]:
    """Feed messages in order through the live bot's `Pipeline` (`options`: for every group,
    or each group's); the last report of each incident, sorted (`bot.pipeline.scan`)."""
    options_for = options if callable(options) else (lambda _gid: options)
    pipeline = Pipeline(options_for, Detector())
    return scan((record.message for record in records), pipeline)


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


def incident_json(incident: Incident) -> dict[str, Any]:
    return {
        "group": incident.group_id,
        "kind": incident.kind,
        "start": incident.start.isoformat(),
        "end": incident.end.isoformat(),
        "members": incident.members,
        "messages": incident.messages,
        "trigger": incident.trigger,
    }


@user_errors
def cmd_scan(args: argparse.Namespace) -> int:
    options = _options(args)  # None: each group's own
    if args.skip_bad < 0:
        raise CliError(f"--skip-bad must be 0 or more, got {args.skip_bad}")
    tally = ScanTally(notes=ReadNotes(skip_bad=args.skip_bad))
    records = _records(args.files, _zone(args.tz), tally)
    if args.db:
        # lazily, and only with --db: the store is heavy and noting names costs every message
        from bot.history.importer import SeenGroups, record_history, saved_options
        from bot.store.file import check_store

        check_store(Path(args.db))  # before reading: a year of history, then "cannot open"?
        seen = SeenGroups()
        saved = options or saved_options(Path(args.db))
        incidents = detect(in_group_order(seen.watch(records)), saved)
        done = record_history(incidents, seen, Path(args.db))
        sys.stderr.write(
            f"recorded {done.incidents} incidents of {done.groups} groups in {args.db} "
            f"({done.new} new)\n"
        )
    else:
        incidents = detect(in_group_order(records), options or DetectorOptions())
    report_notes(tally.notes, sys.stderr)
    if args.summary:
        print_summary(incidents, tally, sys.stdout)
    else:
        for incident in incidents:
            _print_json(incident_json(incident), sys.stdout)
    return 0


def report_notes(notes: ReadNotes | None, out: TextIO, shown: int = 20) -> None:
    """What the read let pass: each skipped line (the first `shown`) and the count of
    messages cut to MAX_MESSAGE_CHARS for detection."""
    if notes is None:
        return
    if notes.skipped:
        out.write(f"skipped {len(notes.skipped)} bad lines (--skip-bad {notes.skip_bad}):\n")
        out.writelines(f"  {error}\n" for error in notes.skipped[:shown])
        if len(notes.skipped) > shown:
            out.write(f"  … and {len(notes.skipped) - shown} more\n")
    if notes.truncated:
        out.write(
            f"{notes.truncated} messages longer than {MAX_MESSAGE_CHARS} characters were cut "
            f"to {MAX_MESSAGE_CHARS} for detection\n"
        )


def width(text: str) -> int:
    """Terminal columns of `text` (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, columns: int) -> str:
    """`text` cut (with …) and padded to exactly `columns` terminal columns."""
    used = width(text)
    if used <= columns:
        return text + " " * (columns - used)
    out, used = [], 0
    for ch in text:
        if used + width(ch) > columns - 1:
            break
        out.append(ch)
        used += width(ch)
    return "".join(out) + "…" + " " * (columns - used - 1)


def print_summary(incidents: Sequence[Incident], tally: ScanTally, out: TextIO) -> None:
    by_group: dict[str, list[Incident]] = {}
    for incident in incidents:
        by_group.setdefault(incident.group_id, []).append(incident)
    groups = len(tally.groups or ())
    out.write(
        f"{tally.messages} messages in {groups} groups: {len(incidents)} incidents "
        f"in {len(by_group)} groups\n"
    )
    notes = tally.notes
    if notes is not None and (notes.skipped or notes.truncated):
        out.write(
            f"{len(notes.skipped)} bad lines skipped, {notes.truncated} messages cut to "
            f"{MAX_MESSAGE_CHARS} characters\n"
        )
    if not by_group:
        return
    name_cols = min(32, max(width("group"), *(width(g) for g in by_group)))
    header = fit("group", name_cols) + "".join(f"{k:>15}" for k in INCIDENT_KINDS)
    out.write(f"\n{header}  biggest pile-up\n")
    totals: Counter[str] = Counter()
    for group, found in by_group.items():
        counts = Counter(i.kind for i in found)
        totals.update(counts)
        cells = "".join(f"{counts[k]:>15}" for k in INCIDENT_KINDS)
        out.write(f"{fit(group, name_cols)}{cells}  {_biggest(found)}\n")
    cells = "".join(f"{totals[k]:>15}" for k in INCIDENT_KINDS)
    out.write(f"{fit('total', name_cols)}{cells}\n")


def _biggest(incidents: Sequence[Incident]) -> str:
    piles = [i for i in incidents if i.kind in ("stack", "chain")]
    if not piles:
        return "-"
    top = max(piles, key=lambda i: (i.members, i.messages, -i.start.timestamp()))
    when = top.start.strftime("%Y-%m-%d %H:%M")
    return f"{top.kind} of {top.members} members / {top.messages} messages at {when}"

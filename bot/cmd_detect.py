"""`jianfu classify | scan | eval | eval-conversations`: the offline audit commands.

A thin layer: `bot.exports` reads the files, `policies` decides, this module prints.
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
from bot.exports import (
    Conversation,
    ExportError,
    Located,
    in_group_order,
    read_conversations,
    read_labelled,
    read_messages,
    read_texts,
    zone,
)
from handlers.group_settings import INT_RANGES
from policies.classify import classify
from policies.detect import Detector, DetectorOptions
from policies.events import INCIDENT_KINDS, LABELS, Incident, Label

PRECISION_GATES: tuple[tuple[Label, float], ...] = (("ack_request", 0.97), ("proof_request", 0.97))
MACRO_F1_GATE = 0.95

Command = Callable[[argparse.Namespace], int]


def register(sub: Any) -> None:
    p = sub.add_parser("classify", help="label each message of a JSONL file")
    p.add_argument("file", nargs="?", default="-", help="JSONL with a 'text' per line (- = stdin)")
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser("scan", help="find incidents in exported chat history")
    p.add_argument("files", nargs="+", metavar="FILE", help="JSONL or CSV export (- = stdin)")
    p.add_argument("--summary", action="store_true", help="a per-group table instead of JSONL")
    p.add_argument("--tz", help="time zone of times without offset (default Asia/Shanghai)")
    p.add_argument("--stack-members", type=int, default=5, metavar="N", help="default 5 (2–1000)")
    p.add_argument(
        "--stack-window", type=float, default=30, metavar="MIN", help="default 30 (up to 1440)"
    )
    p.add_argument(
        "--chain-participants", type=int, default=5, metavar="N", help="default 5 (2–1000)"
    )
    p.add_argument("--db", metavar="PATH", help="also record the incidents in this database")
    p.set_defaults(func=cmd_scan)

    p = sub.add_parser("eval", help="score the classifier on a labelled JSONL corpus")
    p.add_argument("file", help="JSONL with 'text' and 'label' per line")
    p.add_argument("--errors", action="store_true", help="also list every misclassified message")
    p.add_argument("--strict", action="store_true", help="exit 1 when a quality gate fails")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("eval-conversations", help="check scan against expected incidents")
    p.add_argument("file", help="dev-conversations JSONL (name, group, messages, expect)")
    p.add_argument("--tz", help="time zone of times without offset")
    p.set_defaults(func=cmd_eval_conversations)


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
        _print_json({**obj, "label": found.label, "reasons": list(found.reasons)}, sys.stdout)
    return 0


# ---------------------------------------------------------------- scan


@dataclass(slots=True)
class ScanTally:
    """What a scan read, for the summary."""

    messages: int = 0
    groups: set[str] | None = None


def detect(records: Iterable[Located], options: DetectorOptions) -> list[Incident]:
    """Feed messages in order to one `Detector`; the last report of each incident, sorted.

    `expire()` is not called: an export is sorted only within each group, so no global clock
    can tell that another group went quiet. Each group's windows are pruned as it is fed, and
    `close_all()` settles everything at the end.
    """
    detector = Detector(options)
    latest: dict[str, Incident] = {}
    for record in records:
        for incident in detector.feed(record.message).incidents:
            latest[incident.id] = incident
    for incident in detector.close_all():
        latest[incident.id] = incident
    return sorted(latest.values(), key=lambda i: (i.group_id, i.start, i.kind, i.id))


def _records(paths: Sequence[str], tz: tzinfo | None, tally: ScanTally) -> Iterator[Located]:
    groups: set[str] = set()
    tally.groups = groups
    for path in paths:
        for record in read_messages(path, tz):
            tally.messages += 1
            groups.add(record.message.group_id)
            yield record


def _options(args: argparse.Namespace) -> DetectorOptions:
    for flag, key in (
        ("--stack-members", "stack_members"),
        ("--chain-participants", "chain_participants"),
    ):
        low, high = INT_RANGES[key]
        if not low <= getattr(args, key) <= high:
            raise CliError(f"{flag} must be from {low} to {high}, got {getattr(args, key)}")
    longest = INT_RANGES["stack_window_minutes"][1]
    if not 0 < args.stack_window <= longest:  # also refuses nan
        raise CliError(f"--stack-window must be more than 0 and at most {longest} minutes")
    return DetectorOptions(
        stack_members=args.stack_members,
        stack_window=timedelta(minutes=args.stack_window),
        chain_participants=args.chain_participants,
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
    options = _options(args)
    tally = ScanTally()
    records = _records(args.files, _zone(args.tz), tally)
    if args.db:
        # lazily, and only with --db: the store is heavy and noting names costs every message
        from bot.history_import import SeenGroups, record_history
        from bot.store_file import check_store

        check_store(Path(args.db))  # before reading: a year of history, then "cannot open"?
        seen = SeenGroups()
        incidents = detect(in_group_order(seen.watch(records)), options)
        done = record_history(incidents, seen, Path(args.db))
        sys.stderr.write(
            f"recorded {done.incidents} incidents of {done.groups} groups in {args.db} "
            f"({done.new} new)\n"
        )
    else:
        incidents = detect(in_group_order(records), options)
    if args.summary:
        print_summary(incidents, tally, sys.stdout)
    else:
        for incident in incidents:
            _print_json(incident_json(incident), sys.stdout)
    return 0


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


# ---------------------------------------------------------------- eval


@dataclass(frozen=True, slots=True)
class LabelScore:
    label: Label
    precision: float
    recall: float
    f1: float
    support: int  # gold messages with this label


@dataclass(frozen=True, slots=True)
class Scores:
    per_label: tuple[LabelScore, ...]
    macro_f1: float  # mean F1 over the labels present in gold or predictions
    accuracy: float
    confusion: Counter[tuple[Label, Label]]  # (gold, predicted) → count
    total: int


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def score(pairs: Iterable[tuple[Label, Label]]) -> Scores:
    """Precision, recall, F1 per label, macro-F1 and the confusion of (gold, predicted) pairs."""
    confusion: Counter[tuple[Label, Label]] = Counter(pairs)
    total = sum(confusion.values())
    per_label = []
    for label in LABELS:
        hit = confusion[label, label]
        gold = sum(n for (g, _), n in confusion.items() if g == label)
        said = sum(n for (_, p), n in confusion.items() if p == label)
        if not gold and not said:
            continue
        precision, recall = _ratio(hit, said), _ratio(hit, gold)
        f1 = _ratio(2 * hit, gold + said)
        per_label.append(LabelScore(label, precision, recall, f1, gold))
    macro = sum(s.f1 for s in per_label) / len(per_label) if per_label else 0.0
    correct = sum(confusion[label, label] for label in LABELS)
    return Scores(tuple(per_label), macro, _ratio(correct, total), confusion, total)


def gate_verdicts(scores: Scores) -> list[tuple[str, float, float, bool]]:
    """(name, value, threshold, passed) for each quality gate."""
    precision = {s.label: s.precision for s in scores.per_label}
    gates = [
        (f"{label} precision", precision.get(label, 0.0), threshold)
        for label, threshold in PRECISION_GATES
    ]
    gates.append(("macro-F1", scores.macro_f1, MACRO_F1_GATE))
    return [(name, value, limit, value >= limit) for name, value, limit in gates]


def print_scores(scores: Scores, out: TextIO) -> None:
    out.write(f"{'label':<15}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}\n")
    for s in scores.per_label:
        out.write(
            f"{s.label:<15}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>10.3f}{s.support:>10}\n"
        )
    out.write(
        f"\nmacro-F1 {scores.macro_f1:.3f}  accuracy {scores.accuracy:.3f}  "
        f"({scores.total} messages)\n"
    )
    out.write("\nconfusion (rows: gold label, columns: predicted)\n")
    out.write(f"{'':<15}" + "".join(f"{label:>15}" for label in LABELS) + "\n")
    for gold in LABELS:
        cells = "".join(f"{scores.confusion[gold, said]:>15}" for said in LABELS)
        out.write(f"{gold:<15}{cells}\n")


@user_errors
def cmd_eval(args: argparse.Namespace) -> int:
    pairs: list[tuple[Label, Label]] = []
    misses: list[str] = []
    for line, text, gold in read_labelled(args.file):
        found = classify(text)
        pairs.append((gold, found.label))
        if found.label != gold:
            reasons = ",".join(found.reasons) or "-"
            misses.append(f"line {line}: {gold} → {found.label} [{reasons}] {text!r}")
    scores = score(pairs)
    print_scores(scores, sys.stdout)
    if args.errors:
        sys.stdout.write(f"\nmisclassified: {len(misses)}\n")
        sys.stdout.writelines(f"  {miss}\n" for miss in misses)
    verdicts = gate_verdicts(scores)
    parts = [
        f"{name} {value:.3f} {'≥' if ok else '<'} {limit} {'PASS' if ok else 'FAIL'}"
        for name, value, limit, ok in verdicts
    ]
    sys.stdout.write("\ngates: " + "; ".join(parts) + "\n")
    return 1 if args.strict and not all(ok for *_, ok in verdicts) else 0


# ---------------------------------------------------------------- eval-conversations


def conversation_counts(incidents: Iterable[Incident]) -> Counter[str]:
    return Counter(incident.kind for incident in incidents)


def mismatches(conversation: Conversation, counts: Counter[str]) -> list[str]:
    """What differs between a conversation's `expect` and the incidents found."""
    expect = conversation.expect
    wrong = []
    for kind, wanted in (("stack", expect.stack), ("chain", expect.chain)):
        if wanted != (counts[kind] > 0):
            wrong.append(f"{kind} expected {'yes' if wanted else 'no'}, found {counts[kind]}")
    for kind, number in (
        ("ack_request", expect.ack_request),
        ("proof_request", expect.proof_request),
    ):
        if counts[kind] != number:
            wrong.append(f"{kind} expected {number}, found {counts[kind]}")
    return wrong


@user_errors
def cmd_eval_conversations(args: argparse.Namespace) -> int:
    options = DetectorOptions()
    passed = failed = 0
    for conversation in read_conversations(args.file, _zone(args.tz)):
        records = (
            Located(args.file, conversation.line, message) for message in conversation.messages
        )
        incidents = detect(in_group_order(records), options)
        counts = conversation_counts(incidents)
        wrong = mismatches(conversation, counts)
        found = " ".join(f"{k}={counts[k]}" for k in INCIDENT_KINDS)
        sys.stdout.write(f"{'FAIL' if wrong else 'PASS'}  {fit(conversation.name, 34)} {found}\n")
        for problem in wrong:
            sys.stdout.write(f"      - {problem}\n")
        failed += bool(wrong)
        passed += not wrong
    sys.stdout.write(f"conversations: {passed} passed, {failed} failed\n")
    return 1 if failed else 0

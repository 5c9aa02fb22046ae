"""`jianfu eval | eval-noise | eval-conversations`: how well the detectors do on labelled text.

A thin layer: `bot.history.exports` reads the files, `bot.evaluation` scores, this module prints.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from bot.cli import CliError
from bot.cli.common import TZ_HELP, user_errors, zone_arg
from bot.evaluation import VARIANTS, Scores, gate_verdicts, label_all, noise_flags, score
from bot.history.audit import detect, fit
from bot.history.exports import (
    Conversation,
    Located,
    in_group_order,
    read_conversations,
    read_labelled,
)
from policies.classify import classify
from policies.detect import DetectorOptions
from policies.events import INCIDENT_KINDS, LABELS, Incident, Label


def register(sub: Any) -> None:
    p = sub.add_parser("eval", help="score the classifier on labelled JSONL corpora")
    p.add_argument("files", nargs="+", metavar="FILE", help="JSONL with 'text' and 'label'")
    p.add_argument("--errors", action="store_true", help="also list every misclassified message")
    p.add_argument("--strict", action="store_true", help="exit 1 when a quality gate fails")
    p.add_argument(
        "--variants",
        action="store_true",
        help="also score each set as people type it (Traditional, signed, 1。, @mention, twice)",
    )
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("eval-noise", help="false alarms on plain-text files of non-work Chinese")
    p.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text, one message per line")
    p.add_argument("--examples", type=int, default=0, metavar="N", help="show N flagged lines")
    p.set_defaults(func=cmd_eval_noise)

    p = sub.add_parser("eval-conversations", help="check scan against expected incidents")
    p.add_argument("files", nargs="+", metavar="FILE", help="conversations JSONL")
    p.add_argument("--strict", action="store_true", help="exit 1 when a conversation fails")
    p.add_argument("--tz", help=TZ_HELP)
    p.set_defaults(func=cmd_eval_conversations)


# ---------------------------------------------------------------- eval


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


def _summary(name: str, scores: Scores) -> str:
    return (
        f"{fit(name, 34)} {scores.total:>5}  macro-F1 {scores.macro_f1:.3f}  "
        f"ack_request P {scores.precision('ack_request'):.3f}  "
        f"proof_request P {scores.precision('proof_request'):.3f}"
    )


def _gates_line(scores: Scores) -> tuple[str, bool]:
    verdicts = gate_verdicts(scores)
    parts = [
        f"{name} {value:.3f} {'≥' if ok else '<'} {limit} {'PASS' if ok else 'FAIL'}"
        for name, value, limit, ok in verdicts
    ]
    return "gates: " + "; ".join(parts), all(ok for *_, ok in verdicts)


@user_errors
def cmd_eval(args: argparse.Namespace) -> int:
    sets = [(name, list(read_labelled(name))) for name in args.files]
    passed = True
    if len(sets) == 1:
        name, rows = sets[0]
        scores = score(label_all((text, gold) for _, text, gold in rows))
        print_scores(scores, sys.stdout)
        if args.errors:
            _print_errors(rows, sys.stdout)
        line, passed = _gates_line(scores)
        sys.stdout.write(f"\n{line}\n")
    else:
        for name, rows in sets:
            scores = score(label_all((text, gold) for _, text, gold in rows))
            line, ok = _gates_line(scores)
            passed = passed and ok
            sys.stdout.write(_summary(name, scores) + ("" if ok else "  (gate FAIL)") + "\n")
            if args.errors:
                _print_errors(rows, sys.stdout)
    if args.variants:
        _print_variants(sets, sys.stdout)
    return 1 if args.strict and not passed else 0


Rows = list[tuple[int, str, Label]]  # (line, text, gold label)


def _print_errors(rows: Rows, out: TextIO) -> None:
    found = [(line, gold, classify(text), text) for line, text, gold in rows]
    wrong = [row for row in found if row[2].label != row[1]]
    out.write(f"\nmisclassified: {len(wrong)}\n")
    for line, gold, got, text in wrong:
        reasons = ",".join(got.reasons) or "-"
        out.write(f"  line {line}: {gold} → {got.label} [{reasons}] {text!r}\n")


def _print_variants(sets: list[tuple[str, Rows]], out: TextIO) -> None:
    """Macro-F1 of every set under every way of typing it, and the worst of each set."""
    out.write("\nas people type it (macro-F1):\n")
    out.write(f"{'':<34}" + "".join(f"{name:>14}" for name, _ in VARIANTS) + f"{'worst':>10}\n")
    for path, rows in sets:
        values = [
            score(label_all((variant(text, gold), gold) for _, text, gold in rows)).macro_f1
            for _, variant in VARIANTS
        ]
        cells = "".join(f"{value:>14.3f}" for value in values)
        out.write(f"{fit(path, 34)}{cells}{min(values):>10.3f}\n")


# ---------------------------------------------------------------- eval-noise


@user_errors
def cmd_eval_noise(args: argparse.Namespace) -> int:
    total: Counter[Label] = Counter()
    lines = 0
    for name in args.files:
        try:
            result = noise_flags(Path(name), keep=args.examples)
        except FileNotFoundError:
            raise CliError(f"{name}: no such file") from None
        except UnicodeDecodeError as exc:
            raise CliError(f"{name}: not UTF-8 text ({exc.reason})") from None
        lines += result.lines
        total.update(result.flagged)
        flags = " ".join(f"{label}={result.flagged[label]}" for label in sorted(result.flagged))
        sys.stdout.write(
            f"{fit(result.name, 34)} {result.lines:>6} lines  false flags "
            f"{sum(result.flagged.values()):>3} ({100 * result.rate:.3f} %)  {flags}\n"
        )
        for number, label, text in result.examples:
            sys.stdout.write(f"    line {number}: {label} {text[:60]!r}\n")
    flagged = sum(total.values())
    per_label = ", ".join(f"{label} {total[label]}" for label in LABELS if total[label])
    rate = 100 * flagged / lines if lines else 0.0
    sys.stdout.write(
        f"noise: {lines} lines, {flagged} false flags ({rate:.3f} %)"
        + (f": {per_label}" if per_label else "")
        + "\n"
    )
    return 0


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
    for path in args.files:
        for conversation in read_conversations(path, zone_arg(args.tz)):
            records = (
                Located(path, conversation.line, message) for message in conversation.messages
            )
            incidents = detect(in_group_order(records), options)
            counts = conversation_counts(incidents)
            wrong = mismatches(conversation, counts)
            found = " ".join(f"{k}={counts[k]}" for k in INCIDENT_KINDS)
            sys.stdout.write(
                f"{'FAIL' if wrong else 'PASS'}  {fit(conversation.name, 34)} {found}\n"
            )
            for problem in wrong:
                sys.stdout.write(f"      - {problem}\n")
            failed += bool(wrong)
            passed += not wrong
    sys.stdout.write(f"conversations: {passed} passed, {failed} failed\n")
    return 1 if args.strict and failed else 0

"""`jianfu eval`: score the classifier on labelled JSONL corpora (quality gates, variants)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, TextIO

from bot.cli.common import user_errors
from bot.history.exports import (
    read_labelled,
)
from policies.events import LABELS, Label

if TYPE_CHECKING:
    from bot.evaluation import Scores


def register(sub: Any) -> None:
    p = sub.add_parser("eval", help="score the classifier on labelled JSONL corpora")
    p.add_argument("files", nargs="+", metavar="FILE", help="JSONL with 'text' and 'label'")
    p.add_argument("--errors", action="store_true", help="also list every misclassified message")
    p.add_argument("--strict", action="store_true", help="exit 1 when a quality gate fails")
    p.add_argument(
        "--variants",
        action="store_true",
        help="also score each set as people type it (Traditional, signed, 1。, @mention, twice …)",
    )
    p.set_defaults(func=cmd_eval)


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
    from bot.history.audit import fit

    return (
        f"{fit(name, 34)} {scores.total:>5}  macro-F1 {scores.macro_f1:.3f}  "
        f"ack_request P {scores.precision('ack_request'):.3f}  "
        f"proof_request P {scores.precision('proof_request'):.3f}  "
        f"other→demand {scores.accused}"
    )


def _gates_line(scores: Scores) -> tuple[str, bool]:
    from bot.evaluation import gate_verdicts

    verdicts = gate_verdicts(scores)
    parts = [
        f"{name} {value:.3f} {'≥' if ok else '<'} {limit} {'PASS' if ok else 'FAIL'}"
        for name, value, limit, ok in verdicts
    ]
    return "gates: " + "; ".join(parts), all(ok for *_, ok in verdicts)


@user_errors
def cmd_eval(args: argparse.Namespace) -> int:
    from bot.evaluation import label_all, reminded, score

    sets = [(name, list(read_labelled(name))) for name in args.files]
    passed = True
    if len(sets) == 1:
        name, rows = sets[0]
        scores = score(label_all((text, gold) for _, text, gold in rows))
        print_scores(scores, sys.stdout)
        if args.errors:
            _print_errors(rows, sys.stdout)
        line, passed = _gates_line(scores)
        sys.stdout.write(f"\n{line}\n{reminded((t, g) for _, t, g in rows).line()}\n")
    else:
        for name, rows in sets:
            scores = score(label_all((text, gold) for _, text, gold in rows))
            line, ok = _gates_line(scores)
            passed = passed and ok
            sys.stdout.write(_summary(name, scores) + ("" if ok else "  (gate FAIL)") + "\n")
            sys.stdout.write(f"{'':<35}{reminded((t, g) for _, t, g in rows).line()}\n")
            if args.errors:
                _print_errors(rows, sys.stdout)
    if args.variants:
        _print_variants(sets, sys.stdout)
    return 1 if args.strict and not passed else 0


Rows = list[tuple[int, str, Label]]  # (line, text, gold label)


def _print_errors(rows: Rows, out: TextIO) -> None:
    from policies.classify import classify

    found = [(line, gold, classify(text), text) for line, text, gold in rows]
    wrong = [row for row in found if row[2].label != row[1]]
    out.write(f"\nmisclassified: {len(wrong)}\n")
    for line, gold, got, text in wrong:
        reasons = ",".join(got.reasons) or "-"
        out.write(f"  line {line}: {gold} → {got.label} [{reasons}] {text!r}\n")


def _print_variants(sets: list[tuple[str, Rows]], out: TextIO) -> None:
    """Macro-F1 of every set under every way of typing it, five ways to a table, and the worst
    of each set over all of them (in the last table)."""
    from bot.evaluation import VARIANTS, label_all, score
    from bot.history.audit import fit

    values = {
        path: [
            score(label_all((variant(text, gold), gold) for _, text, gold in rows)).macro_f1
            for _, variant in VARIANTS
        ]
        for path, rows in sets
    }
    out.write("\nas people type it (macro-F1):\n")
    for start in range(0, len(VARIANTS), _PER_TABLE):
        names = [name for name, _ in VARIANTS[start : start + _PER_TABLE]]
        last = start + _PER_TABLE >= len(VARIANTS)
        out.write(f"{'':<34}" + "".join(f"{name:>14}" for name in names))
        out.write(f"{'worst':>10}\n" if last else "\n")
        for path, _ in sets:
            cells = "".join(f"{v:>14.3f}" for v in values[path][start : start + _PER_TABLE])
            worst = f"{min(values[path]):>10.3f}" if last else ""
            out.write(f"{fit(path, 34)}{cells}{worst}\n")


_PER_TABLE = 5  # variants side by side in one table

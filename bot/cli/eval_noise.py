"""`jianfu eval-noise`: false alarms on plain-text files of non-work Chinese."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from bot.cli import CliError
from bot.cli.common import user_errors
from policies.events import LABELS, Label


def register(sub: Any) -> None:
    p = sub.add_parser("eval-noise", help="false alarms on plain-text files of non-work Chinese")
    p.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text, one message per line")
    p.add_argument("--examples", type=int, default=0, metavar="N", help="show N flagged lines")
    p.set_defaults(func=cmd_eval_noise)


@user_errors
def cmd_eval_noise(args: argparse.Namespace) -> int:
    from bot.evaluation import noise_flags
    from bot.history.audit import fit

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

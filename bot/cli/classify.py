"""`jianfu classify`: label each message of a JSONL file (`--explain`: every check)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.cli.common import print_json, user_errors
from bot.history.exports import (
    read_texts,
)


def register(sub: Any) -> None:
    p = sub.add_parser("classify", help="label each message of a JSONL file")
    p.add_argument("file", nargs="?", default="-", help="JSONL with a 'text' per line (- = stdin)")
    p.add_argument(
        "--explain", action="store_true", help="print every check, fired or not, under each message"
    )
    p.set_defaults(func=cmd_classify)


@user_errors
def cmd_classify(args: argparse.Namespace) -> int:
    from policies.classify import classify
    from policies.explain import explain

    for _line, obj, text in read_texts(args.file):
        found = classify(text)
        row = {**obj, "label": found.label, "reasons": list(found.reasons)}
        if found.label in ("ack_request", "proof_request"):
            row["sure"] = found.sure
        if found.also:
            row["also"] = list(found.also)  # other demands in the same message
        print_json(row, sys.stdout)
        if args.explain:
            for cue in explain(text):
                mark = "✔" if cue.fired else "·"
                detail = f": {cue.detail}" if cue.detail else ""
                sys.stdout.write(f"  {mark} {cue.name}{detail}\n")
    return 0

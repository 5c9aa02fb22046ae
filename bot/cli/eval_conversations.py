"""`jianfu eval-conversations`: check scan against the incidents each conversation expects."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from typing import Any

from bot.cli.common import TZ_HELP, user_errors, zone_arg
from bot.history.exports import (
    Conversation,
    Located,
    in_group_order,
    read_conversations,
)
from policies.events import INCIDENT_KINDS, Incident


def register(sub: Any) -> None:
    p = sub.add_parser("eval-conversations", help="check scan against expected incidents")
    p.add_argument("files", nargs="+", metavar="FILE", help="conversations JSONL")
    p.add_argument("--strict", action="store_true", help="exit 1 when a conversation fails")
    p.add_argument("--tz", help=TZ_HELP)
    p.set_defaults(func=cmd_eval_conversations)


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
    from bot.history.audit import detect, fit
    from policies.detect import DetectorOptions

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

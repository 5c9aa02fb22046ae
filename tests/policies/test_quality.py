"""Quality gates on the project's own labelled sets (written independently of the rules).

The probe sets were written from LABELS.md alone, by people who had not seen the rules;
the gates are the product's: macro-F1 ≥ 0.95 and precision ≥ 0.97 for the two demand labels
(a false accusation in front of a whole group is worse than a miss).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from policies.classify import classify
from policies.detect import Detector
from policies.events import LABELS, Incident, Message

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def scores(rows: list[dict[str, str]]) -> dict[str, tuple[float, float, float]]:
    pairs = [(row["label"], classify(row["text"]).label) for row in rows]
    result = {}
    for label in LABELS:
        tp = sum(1 for g, p in pairs if g == p == label)
        predicted = sum(1 for _, p in pairs if p == label)
        gold = sum(1 for g, _ in pairs if g == label)
        precision = tp / predicted if predicted else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[label] = (precision, recall, f1)
    return result


def load(name: str) -> list[dict[str, str]]:
    path = FIXTURES / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


SETS = [f"probe{n}_messages.jsonl" for n in ("", "2", "3", "4", "5", "6", "7")]


@pytest.mark.parametrize("name", SETS)
def test_probe_set_is_balanced_enough_to_mean_something(name: str) -> None:
    counts = Counter(row["label"] for row in load(name))
    assert set(counts) == set(LABELS) and min(counts.values()) >= 25


@pytest.mark.parametrize("name", SETS)
def test_quality_gates_on_the_probe_set(name: str) -> None:
    result = scores(load(name))
    macro = sum(f1 for _, _, f1 in result.values()) / len(result)
    assert macro >= 0.95, result
    assert result["ack_request"][0] >= 0.97, result["ack_request"]
    assert result["proof_request"][0] >= 0.97, result["proof_request"]


@pytest.mark.parametrize(
    "conversation",
    [c for n in ("", "2", "3", "4") for c in load(f"probe{n}_conversations.jsonl")],
    ids=lambda c: str(c["name"]),
)
def test_probe_conversations_meet_their_expectations(conversation: dict) -> None:  # type: ignore[type-arg]
    detector = Detector()
    last: dict[str, Incident] = {}
    for index, row in enumerate(conversation["messages"]):
        msg = Message(
            id=str(index),
            group_id=conversation["group"],
            sender_id=row["sender"],
            text=row["text"],
            time=datetime.fromisoformat(row["t"]),
        )
        last.update((i.id, i) for i in detector.feed(msg).incidents)
    last.update((i.id, i) for i in detector.close_all())
    kinds = [i.kind for i in last.values()]
    expect = conversation["expect"]
    assert ("stack" in kinds) is expect["stack"]
    assert ("chain" in kinds) is expect["chain"]
    assert kinds.count("ack_request") == expect["ack_request"]
    assert kinds.count("proof_request") == expect["proof_request"]

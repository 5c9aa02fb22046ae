"""No detector rule exists for one line: every regex alternative that alone decides a label
occurs in more than one line of all our corpora (labelled sets and the non-work text)."""

from __future__ import annotations

import re

import pytest

from policies import ack, sure
from tests.policies.rule_evidence import branches, corpus_lines, noise_lines, one_line_rules


def test_no_alternative_is_there_for_one_line_only() -> None:
    found = one_line_rules(corpus_lines(), noise_lines())
    assert not found, "\n".join(
        f"{a.module}.{a.name}: {a.source!r} ← {line!r}" for a, line in found
    )


def test_the_guard_catches_a_rule_written_for_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    kinds = list(ack._TOKEN_KINDS)
    kind, confirm = kinds[1]
    kinds[1] = (kind, re.compile(confirm.pattern.replace("(?:[收受]", "(?:宿命通|[收受]", 1)))
    monkeypatch.setattr(ack, "_TOKEN_KINDS", tuple(kinds))
    found = one_line_rules(["宿命通", "收到", "今天开会"], [])
    assert [(a.name, a.source, line) for a, line in found] == [
        ("_TOKEN_KINDS[1]", "宿命通", "宿命通")
    ]


def test_the_guard_catches_a_sure_frame_written_for_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`sure` changes no label: a frame that alone makes one line's demand sure is caught too."""
    frames = list(sure._FRAMES)
    name, obliged = frames[3]
    assert name == "obliged"
    # its guard, if compile_lead gave it one, must let 宿 through too
    widened = obliged.pattern.replace("务必|", "宿命通|务必|", 1).replace("(?=[", "(?=[宿", 1)
    frames[3] = (name, re.compile(widened))
    monkeypatch.setattr(sure, "_FRAMES", tuple(frames))
    found = one_line_rules(["收到请回复，宿命通", "收到请回复", "今天开会"], [])
    assert [(a.module, a.name, a.source, line) for a, line in found] == [
        ("policies.sure", "_FRAMES[3]", "宿命通", "收到请回复，宿命通")
    ]


def test_branches_split_every_alternation_but_not_classes_or_escapes() -> None:
    source = r"a|(?:b|c\|)[x|y]|(?<!d)e"
    spans = sorted(source[s:e] for s, e in branches(source))
    assert spans == sorted(["a", r"(?:b|c\|)[x|y]", "(?<!d)e", "b", r"c\|"])

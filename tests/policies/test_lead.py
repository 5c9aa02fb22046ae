"""The first-character guard of `policies.lead` changes no match, only where the engine looks."""

from __future__ import annotations

import re

import pytest

from policies import guards, proof, reply
from policies.lead import compile_lead
from tests.policies.rule_evidence import corpus_lines, patterns

_GUARDED = re.compile(r"\(\?=\[((?:\\.|[^\]\\])*)\]\)\(\?:(.*)\)", re.DOTALL)

TRICKY = [
    r"(?<![我你])(还没|没有?|未)(回复|回)",  # a lookbehind first
    r"\breply\b.{0,20}\bin the group|回复",  # \b first
    r"(请|要)?回复",  # an optional group first: its body or what follows
    r"[截拍]照|(?:发)?定位",
    r"a*",  # may match nothing: no guard
    r".{0,3}收到",  # any character first: no guard
    r"(\d+|[一二])\s?点前|请于",  # a digit first: the guard holds \d, any script's digits
    r"^\s*(拍|录)一|务必",  # a space first, maybe none: the guard holds \s and what follows
]
TEXTS = [
    "你还没回复",
    "他没有回",
    "大家还没回复的请尽快",
    "please reply in the group",
    "要回复收到",
    "回复",
    "拍照定位发群",
    "",
    "ab收到",
    "请在9点前、١٢ 点前或二点前交",
    "  拍一张，务必\n\t录一段",
]


@pytest.mark.parametrize("pattern", TRICKY)
def test_guarded_pattern_finds_the_same_matches(pattern: str) -> None:
    plain, guarded = re.compile(pattern), compile_lead(pattern)
    for text in TEXTS:
        assert [m.span() for m in guarded.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]


def test_patterns_that_may_start_anywhere_get_no_guard() -> None:
    assert compile_lead(r"a*").pattern == "a*"
    assert compile_lead(r".{0,3}收到").pattern == ".{0,3}收到"
    assert compile_lead(r"(?<!x)(还没|未)回").pattern.startswith("(?=[")
    assert compile_lead(r"(\w)不\1|吗").pattern == r"(\w)不\1|吗"  # \w lets nearly all through


def test_digits_and_spaces_bound_the_guard_as_categories() -> None:
    assert compile_lead(r"(\d+|十)点前|请于").pattern.startswith(r"(?=[\d")
    assert compile_lead(r"\s?(拍|录)一|务必").pattern.startswith(r"(?=[\s")


def test_patterns_the_engine_skips_ahead_on_by_itself_get_no_guard() -> None:
    # literals only, one class first, a literal prefix: the compiled pattern keeps the set of
    # first characters itself, and a guard would only slow the search down
    for pattern in ("截|录屏|录像", "[截拍]照", "原则上", "(?:回复|回覆)[:：]"):
        assert compile_lead(pattern).pattern == pattern
    # one alternative starting with a class: the engine keeps no set, the guard does
    assert compile_lead(r"[截拍]照|定位").pattern.startswith("(?=[")


def test_every_detector_pattern_matches_as_before_on_the_corpora() -> None:
    lines = corpus_lines()
    guarded = 0
    for module in (reply, proof, guards):
        for name, pattern in patterns(module):
            found = _GUARDED.fullmatch(pattern.pattern)
            if found is None:
                continue
            guarded += 1
            plain = re.compile(found.group(2), pattern.flags)
            for line in lines:
                spans = [m.span() for m in pattern.finditer(line)]
                assert spans == [m.span() for m in plain.finditer(line)], (name, line)
    assert guarded >= 30

"""No detector rule exists for one line: every piece of a rule — an alternative (in a lookaround
too), a member of a character class, a word of a word list — that alone decides a label decides
more than one line of all our corpora (labelled sets and the non-work text).

The pieces that decide exactly one line today are listed in `one_line_pieces.tsv`, each to be
dropped, generalised or given real evidence: a new one fails, and so does a listed one that no
longer decides one line (take it off the list)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import model_build
from policies import ack, guards, proof, reply, sure
from tests.policies import rule_evidence
from tests.policies.rule_evidence import (
    HELD_OUT,
    ROOT,
    Alternative,
    branches,
    corpus_lines,
    noise_lines,
    one_line_rules,
    open_sets,
)

KNOWN = Path(__file__).with_name("one_line_pieces.tsv")


def _key(a: Alternative) -> str:
    return "\t".join((a.module, a.name, a.kind, a.source))


def known() -> set[str]:
    rows = KNOWN.read_text(encoding="utf-8").splitlines()
    return {"\t".join(row.split("\t")[:4]) for row in rows if row and not row.startswith("#")}


def _planted(
    lines: list[str], plant: object, piece: str, other: list[str] | None = None
) -> list[tuple[str, str, str, str]]:
    """What the guard finds of `piece` once `plant` (a callable) has planted it, and not
    before (in a test's few lines, other pieces decide one line too)."""
    before = {(_key(a), line) for a, line in one_line_rules(lines, other or [])}
    assert callable(plant)
    plant()
    return [
        (a.name, a.kind, a.source, line)
        for a, line in one_line_rules(lines, other or [])
        if (_key(a), line) not in before and a.source == piece
    ]


def test_no_piece_is_there_for_one_line_only() -> None:
    found = one_line_rules(corpus_lines(), noise_lines())
    keys = {_key(a): line for a, line in found}
    new = sorted(set(keys) - known())
    assert not new, "decide one line only:\n" + "\n".join(f"{k}\t← {keys[k]!r}" for k in new)
    gone = sorted(known() - set(keys))
    assert not gone, f"no longer decide one line; take them off {KNOWN.name}:\n" + "\n".join(gone)


def test_held_out_sets_are_never_read() -> None:
    names = [path.name for path in open_sets()]
    assert "real_messages.jsonl" in names and "probe8_messages.jsonl" in names
    assert not [n for n in names if re.match(r"heldout[0-9]|probe9", n)]
    for name in (
        "heldout2_messages.jsonl",
        "heldout5_messages.jsonl",
        "heldout6_messages.jsonl",
        "heldout7_messages.jsonl",
        "heldout8_messages.jsonl",
        "heldout9_messages.jsonl",
        "heldout10_messages.jsonl",
        "heldout11_messages.jsonl",
        "heldout2_conversations.jsonl",
    ):
        assert HELD_OUT.match(name)
    for name in ("probe9_messages.jsonl", "probe10_messages.jsonl", *model_build.HELD_OUT):
        assert HELD_OUT.match(name)
    assert not HELD_OUT.match("probe8_messages.jsonl")
    held = sorted((ROOT / "corpora" / "real").glob("heldout[0-9]*_messages.jsonl"))
    assert held and not set(held) & set(open_sets())


def test_the_guard_catches_a_rule_written_for_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    kinds = list(ack._TOKEN_KINDS)
    kind, confirm = kinds[1]
    planted = confirm.pattern.replace("(?:", "(?:宿命通|", 1)  # the first alternation
    assert planted != confirm.pattern
    kinds[1] = (kind, re.compile(planted))
    found = _planted(
        ["宿命通", "收到", "今天开会"],
        lambda: monkeypatch.setattr(ack, "_TOKEN_KINDS", tuple(kinds)),
        "宿命通",
    )
    assert found == [("_TOKEN_KINDS[1]", "branch", "宿命通", "宿命通")]


def test_the_guard_catches_a_common_word_that_decides_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """让我 is in many lines and once after a 1 (在的话扣个1让我看到大家呀): the lines it is in are
    not the lines it decides. The old guard looked only at words in exactly one line. (The line
    named the group since s30-replyp: with 让我看到你 its 你 reads as one listener.)"""
    planted = re.compile(reply._ACK_REQUEST[0][-1].pattern.replace("|以便))", "|以便|让我))", 1))
    assert planted.pattern != reply._ACK_REQUEST[0][-1].pattern

    def plant() -> None:
        for attr in ("_ACK_REQUEST", "_SHAPES"):  # one pattern, two tables
            rows = list(getattr(reply, attr))
            rows[0] = (*rows[0][:-1], planted)
            monkeypatch.setattr(reply, attr, tuple(rows))

    lines = ["在的话扣个1让我看到大家呀", "让我看看", "请让我知道", "收到请回复"]
    assert _planted(lines, plant, "让我", ["让我想想"]) == [
        ("_ACK_REQUEST[0]", "branch in lookahead", "让我", "在的话扣个1让我看到大家呀")
    ]


def test_the_guard_catches_a_word_in_a_lookahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """An alternative of a positive lookahead: removing it narrows the match."""
    # three characters: a test heading may name in two what it tests (测试程序，) without the plant
    planted = re.compile(guards._TEST_HEAD.pattern.replace("|$))", "|$|宿命论))", 1))
    found = _planted(
        ["网关测试宿命论，收到请回1", "网关测试，收到请回1", "宿命论"],
        lambda: monkeypatch.setattr(guards, "_TEST_HEAD", planted),
        "宿命论",
    )
    assert found == [("_TEST_HEAD", "branch in lookahead", "宿命论", "网关测试宿命论，收到请回1")]


def test_the_guard_catches_a_word_in_a_negative_lookahead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An alternative of a negative lookahead: removing it widens the match (不用回复宿命通 is
    then a complaint again), and the pattern is changed wherever it is bound."""
    source = guards.NOT_DEMAND.pattern
    planted = re.compile(source.replace("(?:其他|其它|别的)", "(?:其他|其它|别的|宿命)", 1))
    assert planted.pattern != source

    assert guards.NOT_DEMAND is reply.NOT_DEMAND is proof.NOT_DEMAND

    def plant() -> None:
        for module in (guards, reply, proof):
            monkeypatch.setattr(module, "NOT_DEMAND", planted)

    lines = ["请回复收到，不用回复宿命通", "请回复收到，不用回复其他", "宿命通"]
    assert _planted(lines, plant, "宿命") == [
        ("NOT_DEMAND", "branch in negative lookahead", "宿命", "请回复收到，不用回复宿命通")
    ]


def test_the_guard_catches_a_member_of_a_class(monkeypatch: pytest.MonkeyPatch) -> None:
    """A class is a list of words one character long (自[测检] was 自测 or 自检): each member is a
    word of its own."""
    planted = re.compile(guards._TEST_HEAD.pattern.replace("联调", "联[调宿]", 1))
    assert planted.pattern != guards._TEST_HEAD.pattern
    found = _planted(
        ["网关联宿，收到请回1", "网关联调，收到请回1", "联宿"],
        lambda: monkeypatch.setattr(guards, "_TEST_HEAD", planted),
        "宿",
    )
    assert found == [("_TEST_HEAD", "class member", "宿", "网关联宿，收到请回1")]


def test_the_guard_catches_a_word_of_a_word_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """A word looked up in a frozenset at run time (the stickers that mean ok)."""
    found = _planted(
        ["[宿命]", "[强]", "宿命"],
        lambda: monkeypatch.setattr(ack, "ACK_EMOJI", ack.ACK_EMOJI | {"宿命"}),
        "宿命",
    )
    assert found == [("ACK_EMOJI", "word in frozenset", "宿命", "[宿命]")]


def test_the_guard_catches_a_character_of_a_translate_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A character a str.translate table rewrites before the grammar reads it (ack's 噢 → 哦) is
    a word list too: 宿 read as 收 for one line is a rule for that line."""
    table = {**ack._TYPED, ord("宿"): "收"}
    found = _planted(
        ["宿到", "收到", "宿舍"],
        lambda: monkeypatch.setattr(ack, "_TYPED", table),
        "宿",
    )
    assert found == [("_TYPED", "character in translate table", "宿", "宿到")]


def test_the_guard_catches_a_sure_frame_written_for_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`sure` changes no label: a frame that alone makes one line's demand sure is caught too."""
    frames = list(sure._FRAMES)
    k = next(k for k, (name, _) in enumerate(frames) if name == "obliged")
    name, obliged = frames[k]
    # its guard, if compile_lead gave it one, must let 宿 through too
    widened = obliged.pattern.replace("务必|", "宿命通|务必|", 1).replace("(?=[", "(?=[宿", 1)
    frames[k] = (name, re.compile(widened))
    found = _planted(
        ["收到请回复，宿命通", "收到请回复", "今天开会"],
        lambda: monkeypatch.setattr(sure, "_FRAMES", tuple(frames)),
        "宿命通",
    )
    assert found == [(f"_FRAMES[{k}]", "branch", "宿命通", "收到请回复，宿命通")]


def test_branches_split_every_alternation_but_not_classes_or_escapes() -> None:
    source = r"a|(?:b|c\|)[x|y]|(?<!d)e"
    spans = sorted(source[s:e] for s, e in branches(source))
    assert spans == sorted(["a", r"(?:b|c\|)[x|y]", "(?<!d)e", "b", r"c\|"])


def test_the_guard_catches_a_character_of_a_word_constant(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A string of characters a function looks a character up in (ack's 是中行好妥懂收阅, read
    when a piece is one character said over) is a class: 宿 put in it for one line is a rule
    for that line, as 宿 in a [...] of a pattern is."""
    found = _planted(
        ["宿宿宿", "收到", "宿舍"],
        lambda: monkeypatch.setattr(ack, "_SHORT_ALONE", ack._SHORT_ALONE + "宿"),
        "宿",
    )
    assert found == [("_SHORT_ALONE", "character in str", "宿", "宿宿宿")]


def test_word_constants_are_read_as_the_functions_read_them() -> None:
    """Tuples of words, classes of characters, one-word strings and (word, tag) pairs that a
    function reads are word lists too; tags, marks and tables are not."""
    seen = {
        (module.__name__, name): how
        for module in rule_evidence.MODULES
        for name, _, how in rule_evidence.word_constants(module)
    }
    assert seen[("policies.guards", "_THIRD")] == "tuple"
    assert seen[("policies.proof", "_MODALS")] == "class"
    assert seen[("policies.proof", "_NEGATION")] == "word"
    assert seen[("policies.guards", "_MODAL")] == "pair"
    assert ("policies.proof", "_NO_EVENT") not in seen  # tags
    assert ("policies.normalize", "_FINAL_MARK_CHARS") not in seen  # marks
    assert ("policies.signature", "STOP_CHARS") not in seen  # a table


def test_the_guard_reads_the_words_of_a_literal_gate() -> None:
    """A shape is tried only on a text with a word of each of its gate's groups (reply._GATE, one
    pass for them all): a word of a group that alone lets a shape be tried on one line is a rule
    for that line. 回个话 is the one word of must-reply's group in 大家务必回个话 (s34-review: the
    guard did not see the gate, built as a dataclass, at all)."""
    assert [name for name, _ in rule_evidence.literal_gates(reply)] == ["_GATE"]
    k = next(k for k, group in enumerate(reply._GATE.groups) if "回个话" in group)
    found = [
        (a.name, a.kind, a.source, line)
        for a, line in one_line_rules(["大家务必回个话", "今天开会"], [])
        if a.kind == "word of a literal gate"
    ]
    assert found == [(f"_GATE[{k}]", "word of a literal gate", "回个话", "大家务必回个话")]


def test_a_gate_built_again_from_its_groups_is_the_same_gate() -> None:
    """The guard rebuilds the gate without one word (`_LiteralGate.of`): built from its own groups
    it finds the same words with the same bits."""
    again = type(reply._GATE).of(list(reply._GATE.groups))
    assert again.bits == reply._GATE.bits
    assert again.scan.pattern == reply._GATE.scan.pattern

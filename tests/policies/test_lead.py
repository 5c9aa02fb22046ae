"""The first characters `policies.lead` gives a pattern change no match, only where the engine looks."""

from __future__ import annotations

import re

import pytest

from policies import guards, lead, proof, reply
from policies.lead import compile_lead
from tests.policies.rule_evidence import corpus_lines, patterns

TRICKY = [
    r"(?<![我你])(还没|没有?|未)(回复|回)",  # a lookbehind first
    r"\breply\b.{0,20}\bin the group|回复",  # \b first
    r"(请|要)?回复",  # an optional group first: its body or what follows
    r"[截拍]照|(?:发)?定位",
    r"a*",  # may match nothing: no guard
    r".{0,3}收到",  # any character first: no guard
    r"(\d+|[一二])\s?点前|请于",  # a digit first: the guard holds \d, any script's digits
    r"^\s*(拍|录)一|务必",  # a space first, maybe none: the guard holds \s and what follows
    # non-capturing groups first, nested, one alternative a prefix of the next: spread, tried in order
    r"(?:请|请回)(?:回复|复收到)|(?:(?:不|无)(?:需|用)|别)(?:再)?(回)|(?:)截",
    # alternatives with one head, joined (`_group_heads`): one between them that may start with it
    # (a class) keeps them apart; one that cannot lets the later one join the first
    r"回复|[回扣]1|回收到|扣|回(个|一下)|别回|回",
    r"回|(请)?回复|回复收到|(?<!不)回个话|截图(?!发)|截屏|[截x]|截",
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
    "请回复收到，不用再回，无需回，别回截图",
    "回1扣1回个收到回一下别回回",
    "不回个话请回个话，截图发截屏截",
]


@pytest.mark.parametrize("pattern", TRICKY)
def test_guarded_pattern_finds_the_same_matches(pattern: str) -> None:
    plain, guarded = re.compile(pattern), compile_lead(pattern)
    assert guarded.pattern == pattern
    for text in TEXTS:
        assert [(m.span(), m.groups()) for m in guarded.finditer(text)] == [
            (m.span(), m.groups()) for m in plain.finditer(text)
        ]
        for at in range(len(text) + 1):
            found, plain_found = guarded.match(text, at), plain.match(text, at)
            assert (found and found.span()) == (plain_found and plain_found.span())


def _given_starts(pattern: str) -> bool:
    compiled = compile_lead(pattern)
    return any(compiled is found for found in lead.STARTING)


def test_patterns_that_may_start_anywhere_get_no_first_characters() -> None:
    assert not _given_starts(r"a*")
    assert not _given_starts(r".{0,3}收到")
    assert _given_starts(r"(?<!x)(还没|未)回")
    assert not _given_starts(r"(\w)不\1|吗")  # \w lets nearly every character through


def test_digits_and_spaces_bound_the_first_characters_as_categories() -> None:
    assert _given_starts(r"(\d+|十)点前|请于")
    assert _given_starts(r"\s?(拍|录)一|务必")


def test_patterns_the_engine_skips_ahead_on_by_itself_are_compiled_as_they_are() -> None:
    # literals only, one class first, a literal prefix: the engine keeps the set of first
    # characters (or the prefix) itself
    for pattern in ("截|录屏|录像", "[截拍]照", "原则上", "(?:回复|回覆)[:：]"):
        assert not _given_starts(pattern)
    # one alternative starting with a class: the engine keeps no set, lead gives it one
    assert _given_starts(r"[截拍]照|定位")


def test_literal_alternatives_the_engine_skips_to_are_joined_under_their_heads() -> None:
    """`截|录屏|录像` keeps the engine's own set of first characters and is tried as
    `截|录(?:屏|像)`; a pattern the join leaves as it is is compiled as it is."""
    joined = compile_lead("截|录屏|录像")
    assert any(joined is found for found in lead.JOINED)
    assert joined.pattern == "截|录屏|录像"
    assert joined.findall("录像截图录屏") == ["录像", "截", "录屏"]
    assert not any(compile_lead("原则上") is found for found in lead.JOINED)


def test_every_joined_pattern_matches_as_before_on_the_corpora() -> None:
    lines = corpus_lines()
    assert len(lead.JOINED) >= 10
    for pattern in lead.JOINED:
        plain = re.compile(pattern.pattern, pattern.flags)
        assert pattern.groups == plain.groups and pattern.groupindex == plain.groupindex
        for line in lines:
            assert [(m.span(), m.groups()) for m in pattern.finditer(line)] == [
                (m.span(), m.groups()) for m in plain.finditer(line)
            ], (pattern.pattern, line)


def test_every_detector_pattern_matches_as_before_on_the_corpora() -> None:
    lines = corpus_lines()
    given = 0
    for module in (reply, proof, guards):
        for name, pattern in patterns(module):
            if not any(pattern is found for found in lead.STARTING):
                continue
            given += 1
            plain = re.compile(pattern.pattern, pattern.flags)
            kept = pattern.groups == plain.groups  # not a pattern compiled with groups=False
            assert kept or pattern.groups == 0, name
            for line in lines:
                spans = [(m.span(), m.groups()) for m in pattern.finditer(line)]
                assert spans == [
                    (m.span(), m.groups() if kept else ()) for m in plain.finditer(line)
                ], (name, line)
    assert given >= 30


@pytest.mark.parametrize("pattern", [p for p in TRICKY if p not in ("a*", r".{0,3}收到")])
def test_a_pattern_compiled_without_groups_finds_the_same_matches(pattern: str) -> None:
    plain, bare = re.compile(pattern), compile_lead(pattern, groups=False)
    assert bare.pattern == pattern and bare.groups == 0
    for text in TEXTS:
        assert [m.span() for m in bare.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_alternatives_with_one_head_are_joined_in_their_order() -> None:
    """`ab|c|ad` is tried as `a(?:b|d)|c` (the head tested once), `ab|[ac]|ad` as it is: the
    class may match where `ad` would, and the first alternative that matches must stay first."""
    parsed = lead._parser.parse("ab|c|ad|[ac]|ae")
    lead._group_heads(parsed)
    ((op, (_, alternatives)),) = parsed.data
    assert op is lead._c.BRANCH and len(alternatives) == 4  # a(?:b|d), c, [ac], ae
    assert alternatives[0].data[0] == (lead._c.LITERAL, ord("a"))
    assert compile_lead("ab|c|ad|[ac]|ae").findall("aeadab") == ["a", "ad", "ab"]


def test_a_pattern_that_reads_its_groups_keeps_them() -> None:
    with pytest.raises(ValueError):
        compile_lead(r"(?<!x)(请|要)\1", groups=False)  # a back-reference needs its group
    assert compile_lead(r"(请|要)?回复").groups == 1  # by default a group is kept


def test_the_a_not_a_question_is_found_at_its_not() -> None:
    """QUESTION reads 去不去 from its 不 (the verb looked behind): the engine skips to where an
    alternative can start, and a text is a question exactly as before."""
    assert any(guards.QUESTION is found for found in lead.STARTING)
    before = re.compile(r"[?？]|吗|请问|哪(?!怕)|啥|怎么|什么|(\w)不\1(?=\w)|几个意思|能否|有用")
    texts = [
        "你去不去呀",
        "去不去",
        "好不好看",
        "不不不好",
        "a不a",
        "不去不去了",
        "行不行？",
        "今天不来",
    ]
    for text in texts + corpus_lines()[:3000]:
        assert bool(guards.QUESTION.search(text)) == bool(before.search(text)), text

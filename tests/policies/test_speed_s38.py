"""s38-speed: the gates read before a clause is tagged change no answer — each skips the tagger only
where the tagged words could not give what the rule reads (a conjunction opening a phrase, a verb
of shooting opening a clause)."""

from __future__ import annotations

import pytest

from policies import proof
from policies.guards import PHRASE_MARK, span_at
from policies.segment import tag_words, words_at, words_opening, words_tagged
from policies.text import fold
from tests.policies.rule_evidence import corpus_lines


def _with_pictures() -> list[str]:
    """The corpus lines (folded) with a picture and a character of shooting: the only ones either
    rule reads past its first checks."""
    lines = [fold(line) for line in corpus_lines()]
    return [f for f in lines if proof._SHOOT.search(f) and any(proof._mediums(f))]


def test_every_conjunction_is_found_by_its_first_character() -> None:
    conjunctions = words_tagged("c")
    assert "如果" in conjunctions and "若" in conjunctions
    opening = words_opening("c")
    assert {word for words in opening.values() for word in words} == conjunctions
    assert all(word[0] == first for first, words in opening.items() for word in words)


def test_a_phrase_whose_first_word_is_a_conjunction_passes_the_gate() -> None:
    for text in ("如果还是一样", "  若 lark-cli 报无法加载 .ps1", "要是下雨"):
        words = [w for w in tag_words(text) if w[0].strip()]
        assert words[0][1] == "c"
        opening = text.lstrip()
        assert opening.startswith(words_opening("c")[opening[0]])


class _Open:
    """A gate table that lets every phrase through (the rule as it was before its gate)."""

    def get(self, first: str, default: tuple[str, ...]) -> tuple[str, ...]:
        return ("",)


def test_the_contingent_picture_is_judged_as_without_its_gate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert proof._contingent("如果还是一样，请拍照发群里", 7)
    cases = [
        (folded, span_at(folded, medium.start(), PHRASE_MARK)[0])
        for folded in _with_pictures()
        for medium in proof._mediums(folded)
    ]
    gated = [proof._contingent(folded, start) for folded, start in cases]
    monkeypatch.setattr(proof, "words_opening", lambda tag: _Open())
    assert [proof._contingent(folded, start) for folded, start in cases] == gated


def _shot_opens_clause_ungated(folded: str) -> bool:
    """`proof.shot_opens_clause` as written before its gate: every picture's clause tagged."""
    for medium in proof._mediums(folded):
        words = words_at(folded, medium.start())
        if (
            len(words) > 2
            and words[1][0] < medium.start()
            and proof._SHOOT.match(words[0][1])
            and words[0][2].startswith("v")
            and words[1][2] in ("m", "q")
        ):
            return True
    return False


def test_a_counted_shot_opening_its_clause_is_found_as_without_its_gate() -> None:
    assert proof.shot_opens_clause("登杆作业前，拍一张照片发群再上")
    assert not proof.shot_opens_clause("截图发群里")
    for folded in _with_pictures():
        assert proof.shot_opens_clause(folded) == _shot_opens_clause_ungated(folded), folded

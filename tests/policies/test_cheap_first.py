"""The cheap first checks of the speed round change no answer: each skips a search or a reading
only where it cannot find anything (a literal every match holds is absent, a stop character no
part of a signature can hold is present), or reads the same clauses in one search."""

from __future__ import annotations

import random
import re

import pytest

from policies import ack, guards, proof, reply, signature, sure
from policies.guards import GROUP_ADDRESSEE, QUESTION
from policies.lead import first_chars
from policies.segment import word_tags
from policies.text import fold
from tests.policies.rule_evidence import corpus_lines

_CLAUSE = re.compile(r"[^。！!\n？?，,;；]*[。！!\n？?，,;；]?")


def _folded() -> list[str]:
    return [fold(line) for line in corpus_lines()]


def _medium_clause_is_question_clause_by_clause(folded: str) -> bool:
    """`proof._medium_clause_is_question` as written before: every clause searched alone."""
    for clause in _CLAUSE.findall(folded):
        if not (proof._MEDIUM_HINT.search(clause) and proof._MEDIUM_RE.search(clause)):
            continue
        asked = clause
        if "什么" in clause or "啥" in clause or "嘛" in clause:
            asked = proof._EMBEDDED_QUESTION.sub("", clause)
        if QUESTION.search(asked):
            orders, polite = proof._politeness(clause)
            if orders or proof._asked_to_do(clause):
                return False
            return not (polite and GROUP_ADDRESSEE.search(folded))
    return False


def test_the_medium_clauses_are_judged_as_one_by_one() -> None:
    assert proof._medium_clause_is_question("明天去1楼拍照取证?")
    assert not proof._medium_clause_is_question("上岗了没？发个定位来看看")
    texts = _folded()
    for folded in (
        texts + ["拍照了吗？" + t for t in texts[:300]] + [t + "拍照?" for t in texts[:300]]
    ):
        expected = _medium_clause_is_question_clause_by_clause(folded)
        assert proof._medium_clause_is_question(folded) == expected, folded


def test_every_counted_picture_and_every_payment_holds_its_gate_word() -> None:
    assert proof.quota("每人拍3张现场照片") is not None
    assert proof.quota("每人拍三副现场照片") is None  # no 张: nothing counted in sheets
    assert proof.payment_voucher("付款后截图发群里") is not None
    for folded in _folded():
        for counted in proof._PICTURES_COUNTED.finditer(folded):
            assert proof._SHEET in counted.group()
        for paid in proof.PAYMENT.finditer(folded):
            assert any(word in paid.group() for word in proof._PAYMENT_WORDS)


def test_a_reply_signed_before_needs_its_reply() -> None:
    assert reply._signed_before_reply("三组李四确认收到")
    assert reply._signed_before_reply("602室家长扣1")
    # no 确认, no 扣/打/回: no reply of its own to end it
    assert not reply._signed_before_reply("三组李四收到")


def test_a_stop_character_no_part_holds_is_no_signature() -> None:
    unsignable = signature._UNSIGNABLE
    assert unsignable is not None  # the grammar reads as the gate needs
    assert unsignable.search("请大家准时") and not signature.is_signature("请大家准时")
    assert not unsignable.search("三组李四") and signature.is_signature("三组李四")
    assert not unsignable.search("的号a1")  # an id's character before 号 may be any
    full = re.compile(signature._SIGNATURE.pattern)
    rng = random.Random(11)
    alphabet = signature.STOP_CHARS + signature.SURNAMES[:60] + "号科老师班组室妈abc123三-（） "
    samples = [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) for _ in range(20000)
    ]
    for line in corpus_lines()[:4000]:
        at = rng.randrange(len(line))
        samples.append(line[at : at + rng.randint(1, 16)])
    for text in samples:
        if unsignable.search(text):
            assert full.fullmatch(text) is None, text


def _token_at_trying_every_kind(piece: str, position: int) -> tuple[str | None, int]:
    """`ack._token_at`'s patterns as it tried them before: every kind at every position."""
    best: tuple[str | None, int] = (None, position)
    for kind, pattern in ack._TOKEN_KINDS:
        match = pattern.match(piece, position)
        if match and match.end() > best[1]:
            best = (kind, match.end())
    return best


def test_a_token_is_tried_only_by_the_kinds_that_can_start_with_its_character() -> None:
    assert ack._token_at("收到", 0) == ("confirm", 2)
    assert ack._token_at("王芳", 0) == (None, 0)
    assert ack._token_at("收到", 2) == (None, 2)  # at the end: no character, no kind
    for folded in _folded():
        piece = folded[:60]
        for position in range(len(piece)):
            expected = _token_at_trying_every_kind(piece, position)
            assert ack._token_at(piece, position) == expected, (piece, position)


def test_the_token_table_follows_its_kinds_when_they_are_swapped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kinds = list(ack._TOKEN_KINDS)
    kinds[1] = (kinds[1][0], re.compile(kinds[1][1].pattern.replace("(?:", "(?:宿命通|", 1)))
    assert ack._token_at("宿命通", 0) == (None, 0)
    monkeypatch.setattr(ack, "_TOKEN_KINDS", tuple(kinds))
    assert ack._token_at("宿命通", 0) == ("confirm", 3)


def test_the_written_gates_hold_every_first_character_of_their_patterns() -> None:
    """The characters a message is checked for before a pattern is searched: every match of the
    pattern starts with one of them, so a message with none has no match."""
    for compiled, gate in (
        (reply.REPLY_REPORT, "我已"),  # reports_reply's
        (guards._QUOTE, '“"「『‘'),  # neutralize_quotes'
        (guards._TEST_HEAD, "测联冒"),  # machine_talk's
        (guards._TEST_MESSAGE, "测联冒"),
    ):
        starts = first_chars(compiled)
        assert starts is not None and starts <= frozenset(gate), compiled.pattern
        assert compiled.search("") is None  # no empty match a text without them could hold
    assert reply.reports_reply("收到请回复") is None
    assert reply.reports_reply("我已回复了") is not None
    assert guards.neutralize_quotes("请回复收到") == "请回复收到"


def test_first_chars_knows_only_what_a_match_must_start_with() -> None:
    assert first_chars(re.compile("收到|已阅")) == frozenset("收已")
    assert first_chars(re.compile(r"(?<!没)(?:收|看)?到")) == frozenset("收看到")
    assert first_chars(re.compile(r"\w+")) is None
    assert first_chars(re.compile(r"\d+|收")) is None  # a category: not characters
    assert first_chars(re.compile("ok", re.IGNORECASE)) is None


def test_the_signature_grammar_matches_as_without_its_first_character_guards() -> None:
    """The look-ahead in front of each word table (`signature._starts`) only spares the engine
    the words that cannot start where it is: the grammar without them matches the same."""
    bare = signature._SIGNATURE.pattern
    for table in (signature.TITLES, signature.UNIT_WORDS, signature.KIN, signature.DEPARTMENTS):
        bare = bare.replace(signature._starts(table), "")
    bare = bare.replace(signature._starts(signature._LONG_UNIT_WORDS), "")
    assert "(?=[\\U" not in bare
    unguarded = re.compile(bare)
    texts = _folded()
    random.Random(7).shuffle(texts)
    for folded in texts[:3000]:
        for start in range(0, len(folded), 3):
            for length in (1, 2, 3, 5, 8, 12, 16):
                piece = folded[start : start + length]
                for method in ("match", "fullmatch"):
                    found = getattr(signature._SIGNATURE, method)(piece)
                    expected = getattr(unguarded, method)(piece)
                    assert (found and found.span()) == (expected and expected.span()), piece


def _verb_then_count_looking_every_word_up(after: str) -> bool:
    """`sure._verb_then_count` as written before: every word looked up."""
    tags = word_tags()
    for verb_end in range(1, len(after)):
        if tags.get(after[:verb_end], "").startswith("v"):
            rest = after[verb_end:]
            if any(tags.get(rest[:end], "").startswith("m") for end in range(1, len(rest) + 1)):
                return True
    return False


def test_a_verb_and_its_count_are_looked_up_only_where_a_numeral_can_start() -> None:
    assert sure._verb_then_count("拍一张")
    assert not sure._verb_then_count("位同事们")
    for folded in _folded():
        for at in range(len(folded)):
            window = folded[at : at + 5]
            assert sure._verb_then_count(window) == _verb_then_count_looking_every_word_up(window)

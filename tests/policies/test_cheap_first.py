"""The cheap first checks of the speed round change no answer: each skips a search or a reading
only where it cannot find anything (a literal every match holds is absent, a stop character no
part of a signature can hold is present), or reads the same clauses in one search."""

from __future__ import annotations

import random
import re

from policies import proof, reply, signature
from policies.guards import GROUP_ADDRESSEE, QUESTION
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

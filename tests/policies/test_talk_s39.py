"""Talk *about* replying read as a reply demand (s39-talk): the reply joined by the copula 是 to what
it is — a model answer named after 做法是 / 最基本的是, or the reply weighed as the subject of 是 —
and the demands beside it that keep their label.

The real lines the rule was chosen from are in corpora/real/lookalike_messages.jsonl (their sources in
corpora/real/SOURCES.md, s39-talk batch); the lines below were written for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.narration import narrated
from policies.normalize import normalize


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        # the reply as the complement of 是: the right way, the least one should do, named
        ("老王正确的做法是，回复：收到，稍后私信领导说明情况。", "是回复"),
        ("最稳妥的是回复“收到”，再补一句完成时间。", "是回复"),
        ("比较得体的方式是回复“好的，马上处理”。", "是回复"),
        # the reply as the subject of 是: the reply weighed
        ("平时及时回复 “收到” 是一种职业素养。", "回复 “收到” 是"),
        ("在群里回复“收到”是对发通知的人的基本尊重，这是大多数人的看法。", "回复“收到”是"),
    ],
)
def test_a_reply_joined_by_the_copula_to_what_it_is_is_told(text: str, mark: str) -> None:
    assert narrated(normalize(text).folded) == mark
    assert classify(text).label == "other"


@pytest.mark.parametrize(
    "text",
    [
        # the readers addressed, or asked, before the reply in its sentence
        "大家要做的是回复收到",
        "各位，回复“收到”是最基本的要求",
        "唯一的要求是回复收到",  # 要求 asks
        "本次通知的要求是：看到后回复“收到”",
        # the phrase of the reply asks (必须) — read before the marks
        "回复收到是必须的",
        # 是 heading the answer is an assent, no copula with a subject
        "是，回复收到",
        "是的，收到请回复",
        # 是 inside another word (还是, 就是, 是否) is no copula
        "收到通知后是否回复收到？请大家务必回复",
        # the plain demands around the etiquette columns
        "各位收到请回复",
        "请大家看到通知后回复“收到”",
        "以上事项请各位知悉，收到请回复",
    ],
)
def test_an_asked_reply_beside_a_copula_stays_a_demand(text: str) -> None:
    assert classify(text).label == "ack_request"

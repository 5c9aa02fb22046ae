"""Talk *about* replying read as a reply demand (s39-talk): the demands beside a copula 是 that keep
their label. (The branch's rule — the reply joined by 是 to what it is, told — was not merged: each
of its two directions rested on one real line; these pin the side it must keep when it comes.)

The real lines are in corpora/real/lookalike_messages.jsonl (their sources in
corpora/real/SOURCES.md, s39-talk batch); the lines below were written for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify


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

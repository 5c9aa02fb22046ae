"""The classes behind five of ack's and reply's one-line pieces (issue 11, pieces round s29),
each on both sides of its boundary, in invented forms no corpus holds.

A pledge after a receipt is read by its structure (`ack._vows`: what commits — 会, 将, 按 and what
it goes by, 按计划 glued or not — then one verb), not by a list of work verbs: 推进 is no longer
listed. A vow asked (会推进吗) promises nothing.

A short message the ack grammar reads whole is the reply itself, not a demand — unless it names
the group it speaks to (大家确认收到: the readers told what to post).

An obligation conceded after a contrast (很想…，但必须回复; 脑子断线但必须回复) is the speaker's
own, told — unless the sentence asks or addresses the readers, or gives them a leave first
(可以不评论，但必须回复: a rule's two halves).

Two confirmations offered with 或 (或者, 还是) are one read receipt, the choice read on the two
sides of the conjunction a choice is found by (`reply.OPTIONS`): 回复1或者收到 asks, 回复1或2 offers.
"""

from __future__ import annotations

import pytest

from policies.ack import replies_itself
from policies.classify import classify

CASES = {
    "ack": [
        # a receipt, then a vow read by its words' parts of speech
        "收到，按此推进", "好的，会尽快推进", "明白，我们按计划推进",
        # the reply itself, said by the one who received it
        "确认已收到，会认真落实", "确认已收到，谢谢",
    ],
    "ack_request": [
        # the group named: told what to post
        "大家确认已收到", "老师们确认收到",
        # a leave, then the obligation: both for the readers
        "可以不发言，但必须回复", "不用发表意见，但必须回复收到",
        # two confirmations offered as one
        "收到请回复1或者收到", "看到请回复收到还是1",
    ],
    "other": [
        # a vow asked, or a plan with no confirmation
        "收到，会推进吗", "按这个推进",
        # an obligation conceded: the speaker's own state or wish
        "好想关机，但必须回复", "手机快没电了，但还得回复",
        # a choice between two answers
        "收到请回复1或2", "回复同意或不同意",
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "label"), [(text, label) for label, texts in CASES.items() for text in texts]
)
def test_class_boundary(text: str, label: str) -> None:
    assert classify(text).label == label, classify(text)


@pytest.mark.parametrize(
    ("text", "itself"),
    [
        ("确认收到", True),
        ("收到，会尽快处理", True),
        ("大家确认收到", False),
        ("pls reply 收到", False),
    ],
)
def test_reply_itself(text: str, itself: bool) -> None:
    assert replies_itself(text) is itself

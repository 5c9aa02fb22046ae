"""The classes behind reply's one-line pieces (issue 11, pieces round s28), each on both sides of
its boundary, in forms no corpus holds.

都 quantifies whoever is to reply: a short head naming them (你们都, 各组都) or the group a 请
asks, and orders; after a long head (不管是谁发的消息都…) it tells a habit, and in the perfective
(都回复了) or asked (都回复一下吗) it orders nothing.

After the reading condition, 扣1 is what only shows reading, as 回复 is (看到扣1呀, 收到后扣个1);
asked, it orders nothing, and a 1 that counts (扣1分) is no reply.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack_request": [
        # 都 after a short head, or with nothing before it but the clause's start
        "你们都回复一下", "各组都回一下，谢谢",
        # 扣1 after the reading condition
        "大家看到扣1呀", "收到后扣个1，谢谢",
    ],
    "other": [
        # 都 after a long head, told in the perfective, or asked
        "不管是谁发的消息都回复一下", "三个组都回复了", "他们都回复一下吗",
        # asked, or a 1 that counts (a point deducted)
        "看到了扣1吗", "收到扣1分的通知了吗",
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "label"), [(text, label) for label, texts in CASES.items() for text in texts]
)
def test_class_boundary(text: str, label: str) -> None:
    assert classify(text).label == label

"""The classes behind ack's one-line pieces (issue 11, ack-pieces round), each on both sides of
its boundary, in forms no corpus holds.

A receipt confirmed is the reply itself whichever side 确认 stands on and with 已 before it
(收到，已确认); asked for, it is a demand (请确认已收到). A text of Latin words only, none an
English ack's, is read by the Chinese grammar only when it is as short as a name (okk, 1 tom):
a sentence (okk but which file is it) is not five names. A task in hand is said with 在
(已经在办理了, 正在跟进中), which leaves 已 + a verb to the done-it formula; arriving is 到 or 到达,
one shape — and "I" arriving at once, with no modal, is told to one person. After 收到的 /
看到的 in a demand, a noun that takes 们 names the people asked (只有人才带“们”), a noun before a
verb may be a thing fronted (看到的消息回复一下), and 把 makes it the object; a verb that ends its
clause right after 的 is what they are to do (看到的打卡).
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        # a receipt confirmed: 确认 before or after it, with or without 已
        "已收到，已确认", "确认已读", "确认收到了",
        # Latin only, no English ack word: short as a name
        "okk", "1 tom", "okok mary",
        # a task in hand, with 在; arriving pledged, 到达 as 到
        "好的，已经在办理了", "收到，已在跟进中", "收到，一定准时到达", "好的，会准时到达的",
        # "I" telling the receipt in the perfect, then promising with a modal
        "我们已经收到，会尽快落实", "我已经收到了，将按时参加",
    ],
    "ack_request": [
        # the same confirmation asked for
        "请确认已收到", "收到后请确认",
        # those who received it, named with 们 (glued to the noun or not)
        "收到的邻居们请回复", "收到的街坊们扣1",
        # what those who saw it are to do: a verb ending its clause after 的
        "看到的打卡，谢谢大家",
    ],
    "other": [
        # Latin only, no English ack word: a sentence, not a name
        "okk but which file is it", "1 but not today yet", "okok but it broke again",
        # 在 before what is no task (on the way, in a meeting); "I" arriving, no modal
        "已经在路上了", "收到，正在开会", "我马上到达",
        # a thing after 收到的 / 看到的: fronted before the verb, or made the object by 把
        "看到的消息回复一下", "请把看到的号码回复给我",
        # a noun jieba tags a verb, with the demand after it: not a verb ending its clause
        "收到的点心请回复一下",
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "label"), [(text, label) for label, texts in CASES.items() for text in texts]
)
def test_class_boundary(text: str, label: str) -> None:
    assert classify(text).label == label

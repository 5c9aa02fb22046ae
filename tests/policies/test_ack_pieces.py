"""The classes behind ack's one-line pieces (issue 11, ack-pieces round), each on both sides of
its boundary, in forms no corpus holds.

A receipt confirmed is the reply itself whichever side 确认 stands on and with 已 before it
(收到，已确认); asked for, it is a demand (请确认已收到). A text of Latin words only, none an
English ack's, is read by the Chinese grammar only when it is as short as a name (okk, 1 tom):
a sentence (okk but which file is it) is not five names.
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
    ],
    "ack_request": [
        # the same confirmation asked for
        "请确认已收到", "收到后请确认",
    ],
    "other": [
        # Latin only, no English ack word: a sentence, not a name
        "okk but which file is it", "1 but not today yet", "okok but it broke again",
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "label"), [(text, label) for label, texts in CASES.items() for text in texts]
)
def test_class_boundary(text: str, label: str) -> None:
    assert classify(text).label == label

"""A reply signed before it, with no mark between (issue 11, the signed-first variant): the
reply itself after a marked signature is no demand (三组李四确认收到), and a marked name glued
before the "you" it greets or whose message it received is no part of the name (三组李四您好).
The sentences are made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        # the reply itself (收到，已确认; 确认收到) after a unit, title or number and a name
        "三组李四收到，已确认", "财务科张伟确认收到", "二班王老师确认收到",
        # a name glued before 您好, or before 您的邮件
        "三组李四您好，收到", "财务科张伟您的邮件已收到，谢谢", "602室家长你好，邮件已收到",
    ],
    "ack_request": [
        # a bare name may be the one asked to confirm; asked with 请
        "张伟确认收到", "请三组李四确认收到", "三组李四请确认收到",
    ],
    "other": [
        # a greeting alone, or before a question
        "三组李四您好", "三组李四您好，请问几点开会",
    ],
}  # fmt: skip
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_signed_first_boundary(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)

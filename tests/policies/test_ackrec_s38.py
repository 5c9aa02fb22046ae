"""s38-ackrec: the classes of real acks the grammar did not read — both sides of each boundary.

- 感恩, the thanks Taiwan and Malaysia type after a receipt, one more word of `ack._THANKS`
  (收到了，感恩 🙏; 已收到，感恩您的来信). Alone it thanks and confirms nothing, as 谢谢 alone does;
  感恩节 (the holiday) and 感恩的心 run on past the grammar.

Lines marked "corpus" are real lines of the open sets (recall, look-alike, probes); the others
are made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        "收到了，感恩",  # corpus
        "收到了，感恩 🙏",  # corpus
        "已收到，感恩您的来信 🙏",  # corpus
        "收到，感恩",
        "已阅，感恩老师的付出",
    ],
    "other": [
        "感恩",  # thanks alone confirm nothing
        "感恩老师",
        "感恩节快乐",
        "收到感恩节礼物了",
        "感恩的心",
    ],
}


@pytest.mark.parametrize(
    ("label", "text"), [(label, text) for label, texts in CASES.items() for text in texts]
)
def test_s38_ack_classes(label: str, text: str) -> None:
    assert classify(text).label == label, text


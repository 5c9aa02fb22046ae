"""s34-pieces: one-line pieces taken off — both sides of each boundary.

- `ack._DONE`'s 更新: a receipt, then the done report of the update (收到，已更新。) is an ack; the
  update with its object (已更新您的需求信息) or with a request (已更新请查收) says more.

Lines marked "corpus" are real lines of the recall or look-alike sets; the others are made up for
these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        "收到，已更新。",  # corpus
        "收到，已更新",  # corpus
        "收到，这就安排。",  # corpus
    ],
    "other": [
        "收到，已更新您的需求信息",
        "已更新请查收",
    ],
}


@pytest.mark.parametrize(
    ("text", "label"), [(t, label) for label, texts in CASES.items() for t in texts]
)
def test_label(text: str, label: str) -> None:
    assert classify(text).label == label

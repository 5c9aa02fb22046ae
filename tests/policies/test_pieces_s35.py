"""s35-pieces: a piece dropped whose one line was wrong to decide, both sides.

proof's _WORK_PRODUCT no longer lists 原图: the original file asked of activity photos is their
standard as evidence; a document's or a design's picture is still the work (设计稿, 发票)."""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "other": [
        # the picture is the work product
        "请把设计稿原图发群里",
        "发票原图发我一下",
        "把原图发我",
    ],
    "proof_request": [
        "活动照片不少于10张(需原图)",  # the real line (recall set)
        "活动照片不少于10张",
    ],
}


@pytest.mark.parametrize(
    ("text", "label"), [(text, label) for label, texts in CASES.items() for text in texts]
)
def test_label(text: str, label: str) -> None:
    assert classify(text).label == label, classify(text).reasons

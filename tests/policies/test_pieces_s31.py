"""s31-pieces: one-line pieces read by structure. The sentences are made up for these tests.

A count of one read by its value, not by its spelling (proof._value): a minimum of one picture
is an upload's check, no quota, however the one is written; any other count still owes pictures.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "other": [
        "必须上传本人图片，至少上传一张照片",
        "必须上传本人图片，至少上传1张照片",
        "必须上传本人图片，至少上传１张照片",  # a full-width digit
    ],
    "proof_request": [
        "必须上传本人图片，至少上传2张照片",
        "必须上传本人图片，至少上传十张照片",
        "每人至少上传一张照片",  # each member's one is still a quota
    ],
}
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_count_of_one_by_value(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)


# A manner adverbial before the reply's verb read by the particle's tag (uv, the words the
# dictionary tags so: narration._MANNER): how it was done, an event told — not in a phrase that
# asks, and not 原地 (a noun the tagger keeps whole).
MANNER = {
    "other": ["群里的家长齐刷刷地回复收到", "同事们一个接一个地截图发群里"],
    "ack_request": ["请大家认真地回复收到"],
    "proof_request": ["请在原地拍照发群里"],
}
MANNER_TABLE = [(label, text) for label, texts in MANNER.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), MANNER_TABLE, ids=[t[:20] for _, t in MANNER_TABLE])
def test_manner_by_tag(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)

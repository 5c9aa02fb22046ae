"""s34-pieces: one-line pieces taken off — both sides of each boundary.

- `proof._ACTIVITY` names acts, not the place they are done at: 现场 alone (增强现场真实性, an app's
  feature) proves no activity; 到达现场后 reads by 到达, 现场照 by the picture's own branch.
- `ack._DONE`'s 更新: a receipt, then the done report of the update (收到，已更新。) is an ack; the
  update with its object (已更新您的需求信息) or with a request (已更新请查收) says more.

Lines marked "corpus" are real lines of the recall or look-alike sets; the others are made up for
these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "proof_request": [
        "到达现场后请拍照发群里",
        "请各村到达现场后拍照上传",
        "巡查时请把现场照片发到群里",
        "请把现场照发群里",
    ],
    "ack": [
        "收到，已更新。",  # corpus
        "收到，已更新",  # corpus
        "收到，这就安排。",  # corpus
    ],
    "other": [
        "同时允许上传图片、视频、语音等多种媒体素材,增强现场真实性。",  # corpus
        "支持上传图片，增强现场真实性",
        "收到，已更新您的需求信息",
        "已更新请查收",
    ],
}


@pytest.mark.parametrize(
    ("text", "label"), [(t, label) for label, texts in CASES.items() for t in texts]
)
def test_label(text: str, label: str) -> None:
    assert classify(text).label == label

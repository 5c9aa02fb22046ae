"""Proof precision (s34-proofprec, issue 11): a spec's field of purpose set aside, pinned on both
sides. Every sentence is written for these tests; none is a corpus line.

- a label ending in 目的 and a colon (项目目的：, 使用目的:) heading the picture's sentence says what a
  program, a project or a permission is for — a feature described, not an order — when nothing in
  the rest of that sentence orders (请, 要, 每 …) or speaks to the readers (大家, 各位 …);
- a purpose in a sentence of its own, or a purpose followed by an order in its sentence, leaves
  the order read: a notice may open with its purpose and then ask for the pictures.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.normalize import normalize
from policies.proof import purpose_labelled

# The picture in a spec's field of purpose: what the thing is for (each read as a demand without
# the rule: an activity, then the upload).
FIELDS = [
    "使用目的：在巡检功能中调用相机拍照上传设备照片",
    "设计目的:签到后上传定位和现场照片",
    "功能目的：学习完截图上传，后台统计时长",
]
# A purpose stated, then the order: the pictures are asked.
ORDERS = [
    "活动目的：增强安全意识。\n要求：活动结束后请拍照发群里",
    "本次巡查目的：排查隐患，巡查后请拍照发群里",
    "巡查目的：排查隐患，各村巡查后拍照发群里",
    "学习目的：提高认识，每人学习完截图发群",
]


@pytest.mark.parametrize("text", FIELDS)
def test_a_purpose_field_describes(text: str) -> None:
    assert purpose_labelled(normalize(text).folded)
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", ORDERS)
def test_a_purpose_then_an_order_asks(text: str) -> None:
    assert not purpose_labelled(normalize(text).folded)
    assert classify(text).label == "proof_request"


def test_the_same_upload_without_the_label_is_read_as_before() -> None:
    # the label is what sets the field aside: the bare step is what it was
    field = "使用目的：在巡检功能中调用相机拍照上传设备照片"
    bare = "在巡检功能中调用相机拍照上传设备照片"
    assert classify(field).label == "other"
    assert purpose_labelled(normalize(bare).folded) is False
    assert classify(bare).label == "proof_request"

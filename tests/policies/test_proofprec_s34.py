"""Proof precision (s34-proofprec, issue 11): a spec's field of purpose and a force named set aside,
each pinned on both sides. Every sentence is written for these tests; none is a corpus line.

- a label ending in 目的 and a colon (项目目的：, 使用目的:) heading the picture's sentence says what a
  program, a project or a permission is for — a feature described, not an order — when nothing in
  the rest of that sentence orders (请, 要, 每 …) or speaks to the readers (大家, 各位 …);
- a purpose in a sentence of its own, or a purpose followed by an order in its sentence, leaves
  the order read: a notice may open with its purpose and then ask for the pictures;
- 强制 inside the picture's phrase, with its agent or circumstance before it (不会强制…发照片, 非必要
  时强制要求…上传, 上面强制要求我们…): a rule against the compulsion, a reassurance or a complaint
  speaks of it; 强制 heading its phrase may be the order itself (强制要求每人…), and a force in a
  phrase of its own (活动不强制，参加的请拍照发群) leaves the order read.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain
from policies.normalize import normalize
from policies.proof import forced, purpose_labelled

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


# A force named, the picture in its phrase: a compulsion spoken of (a rule against it, a
# reassurance, a complaint) — each read as a demand without the rule.
FORCED = [
    "这次活动不会强制每位家长都拍照发群",
    "非必要时强制要求基层上传工作照片",
    "上面强制要求我们每天拍照发群",
]
# The force heading its phrase (the order itself), in a phrase of its own, or none: read.
NOT_FORCED = [
    "强制要求每人每天发定位到群里",
    "活动不强制，参加的请拍照发群",
    "强制报名，报名后请拍照发群里",
    "这次活动每位家长都拍照发群",
]


@pytest.mark.parametrize("text", FORCED)
def test_a_picture_forced_is_spoken_of(text: str) -> None:
    assert forced(normalize(text).folded)
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", NOT_FORCED)
def test_an_order_beside_a_force_is_read(text: str) -> None:
    assert not forced(normalize(text).folded)
    assert classify(text).label == "proof_request"


def test_explain_names_the_purpose_label_and_the_force() -> None:
    spec = {cue.name: cue for cue in explain("项目目的：用户拍照上传美食照片，AI 辅助识别菜品")}
    assert spec["guard:purpose"].fired and spec["label"].detail == "other"
    forced = {cue.name: cue for cue in explain("这些活动不会强制每个家长都发照片")}
    assert forced["guard:forced"].fired and forced["label"].detail == "other"
    order = {cue.name: cue for cue in explain("巡查后请大家拍照发群里")}
    assert not order["guard:purpose"].fired and not order["guard:forced"].fired
    assert order["label"].detail == "proof_request"

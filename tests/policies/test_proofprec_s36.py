"""Proof precision (s36-proofprec, issue 11): classes of real look-alike set aside by structure, each
pinned on both sides. Every sentence is written for these tests; none is a corpus line.

- a tool's next step: a bare picture uploaded (上传照片) right after 然后, in a message that names and
  addresses no group — material handed to a program, not shot after the step; a shot after the step
  (然后截图发我) or a group asked keeps the order;
- a screen's record kept: every picture a screenshot with a word of keeping right after it (截图留痕,
  截图存档), sent to no one and asked of no reader; a screenshot sent or asked of readers stays;
- a check-in tipped: a verb of remembering right before the check-in's shot (记得拍照打卡), with no
  order, duty, group or thing finished (完); 每天, 上岗, 大家, 发群, 完成后 keep the check-in, and said
  with a particle of chat (记得拍照打卡哦) it is `reminds_one`'s;
- a workflow moving on: after the picture, in its sentence, a move into the next stage (进入下一阶段);
  a picture with no next stage after it stays;
- one reader's own picture shown: 你的…截图 in a message that orders nothing and names no group;
  请 or 你们 keeps the order;
- a form's field for a check-in picture (请上传打卡照片) is a prompt, as 现场照片 and 完成截图 are; a
  rule on those without one, the readers, a duty or a clause of time before the upload (上岗后请上传
  现场照片, which the prompt reading let through before) keep it a trace.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain
from policies.normalize import normalize
from policies.proof import (
    form_prompt,
    kept_screenshot,
    moves_on,
    stepped_upload,
    tipped_check_in,
    yours_shown,
)

STEPS = [
    "打开相册，然后上传照片",
    "先登录账号，然后上传图片并填写说明",
    "请在右侧选择模板，然后上传照片开始生成",
]
STEPS_ORDERED = [
    "请大家先完成学习，然后上传照片",
    "巡查完毕，然后拍照上传",
    "先关注公众号，然后截图发我",
    "选好相册，然后上传照片到群里",
]

KEPT = [
    "每条用例都截图留痕",
    "执行脚本后截图存档",
    "测试时每一步截图留存",
]
KEPT_ASKED = [
    "请各位截图留痕",
    "学习完截图留痕后发群里",
    "大家每次学习都截图留存",
]

TIPS = [
    "到了山顶记得拍照打卡",
    "路过古镇时别忘了拍照打卡",
]
CHECK_INS = [
    "每天记得拍照打卡",
    "大家记得拍照打卡",
    "上岗后记得拍照打卡",
    "记得拍照打卡发群",
    "今天的任务完成后记得拍照打卡",
]

NEXT = [
    "检查完成后上传照片进入下一步骤",
    "签收后拍照上传，再进入下一环节",
]
NOT_NEXT = [
    "检查完成后上传照片，下一次检查前补齐",
    "学习完截图上传，然后进入下周的学习",
]

YOURS = [
    "把你的运动步数截图发出来看看",
    "把你的学习时长截图发出来比一比",
]
YOURS_ORDERED = [
    "请把你的学习截图发一下",
    "把你们的步数截图发群里",
    "请你把学习时长截图发出来",
]

FIELDS = [
    "请上传打卡照片",
    "点击上传打卡照片",
]
FIELDS_ORDERED = [
    "请上传打卡照片，没照片的算缺勤",
    "大家今天请上传打卡照片",
    "上岗后请上传打卡照片",
    "到岗后请上传现场照片",
]


@pytest.mark.parametrize("text", STEPS)
def test_a_tools_next_step_is_no_demand(text: str) -> None:
    assert stepped_upload(normalize(text).folded)
    assert classify(text).label == "other"
    assert any(c.name == "guard:tool-step" and c.fired for c in explain(text))


@pytest.mark.parametrize("text", STEPS_ORDERED)
def test_a_step_shot_or_asked_of_a_group_stays(text: str) -> None:
    assert not stepped_upload(normalize(text).folded)
    assert classify(text).label == "proof_request"


@pytest.mark.parametrize("text", KEPT)
def test_a_screens_record_kept_is_no_demand(text: str) -> None:
    assert kept_screenshot(normalize(text).folded)
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", KEPT_ASKED)
def test_a_screenshot_asked_or_sent_stays(text: str) -> None:
    assert not kept_screenshot(normalize(text).folded)
    assert classify(text).label == "proof_request"


@pytest.mark.parametrize("text", TIPS)
def test_a_check_in_tipped_is_no_demand(text: str) -> None:
    assert tipped_check_in(normalize(text).folded)
    assert classify(text).label == "other"


def test_a_chatty_tip_is_the_reminders() -> None:
    text = "到了山顶记得拍照打卡哦"
    assert not tipped_check_in(normalize(text).folded)
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", CHECK_INS)
def test_a_check_in_ordered_stays(text: str) -> None:
    assert not tipped_check_in(normalize(text).folded)
    assert classify(text).label == "proof_request"


@pytest.mark.parametrize("text", NEXT)
def test_a_workflow_moving_on_is_no_demand(text: str) -> None:
    assert moves_on(normalize(text).folded)
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", NOT_NEXT)
def test_a_picture_with_no_next_stage_stays(text: str) -> None:
    assert not moves_on(normalize(text).folded)
    assert classify(text).label == "proof_request"


@pytest.mark.parametrize("text", YOURS)
def test_ones_own_picture_shown_is_no_demand(text: str) -> None:
    assert yours_shown(normalize(text).folded)
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", YOURS_ORDERED)
def test_a_picture_ordered_stays(text: str) -> None:
    assert not yours_shown(normalize(text).folded)
    assert classify(text).label == "proof_request"


@pytest.mark.parametrize("text", FIELDS)
def test_a_check_in_pictures_field_is_a_prompt(text: str) -> None:
    assert form_prompt(normalize(text).folded) is not None
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", FIELDS_ORDERED)
def test_a_check_in_picture_asked_of_people_stays(text: str) -> None:
    assert form_prompt(normalize(text).folded) is None
    assert classify(text).label == "proof_request"

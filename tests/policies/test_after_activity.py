"""The after-activity round (s31-afteract, issue 11): a picture after a thing done, read as a trace,
set aside when the message shows it is no trace — the picture read as the work itself (graded,
recognised), the upload a step of a workflow (waiting for someone's check), or the upload one
feature of a list — on both sides of each boundary. Every sentence is written for these tests;
none is a corpus line.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.proof import awaits_check, listed_upload

# The picture read as the work: a verb of grading or recognising after it, a word of its own.
GRADED = [
    "练习册写完后拍照上传，老师统一批改",
    "口算题做完后拍照发我，我来批改",
    "晚饭吃完后拍照上传，系统识别菜品并评分",
    "试卷做完后拍照上传，等老师批阅",
]
# The same picture of a thing done, nothing reading it as a work: a trace asked.
NOT_GRADED = [
    "跑步打卡后截图上传",
    "口算题做完后拍照发我",
    "学习完截图上传，我来统计",
    "巡查完拍照发群里",
    "自动识别功能上线后，大家学习完截图上传",  # 自动识别 cut as one noun: a feature's name
]


@pytest.mark.parametrize("text", GRADED)
def test_a_picture_read_as_the_work_is_no_trace(text: str) -> None:
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", NOT_GRADED)
def test_a_picture_of_a_thing_done_nobody_grades_stays_a_trace(text: str) -> None:
    assert classify(text).label == "proof_request"


def test_a_duty_outside_the_graded_clause_still_proves() -> None:
    # the duty named in a clause of its own, before the picture's: its trace, graded or not
    assert classify("今天巡查完毕。巡查后拍照上传，系统识别隐患").label == "proof_request"


# A step of a workflow: after the upload, the verb of waiting 待 and a verb — someone's check.
WORKFLOW_STEPS = [
    "安装完成后上传照片，待客户确认",
    "维修完成后上传照片，待管理员审核",
    "送货完成后上传照片，进入待验收环节",
]
# The same upload with no wait after it, or the waiting not after the picture.
NOT_WORKFLOW = [
    "安装完成后上传照片",
    "等待通知，巡查完拍照上传",
    "巡查完拍照上传，有问题及时处理",
]


@pytest.mark.parametrize("text", WORKFLOW_STEPS)
def test_an_upload_that_waits_for_a_check_is_a_workflow_step(text: str) -> None:
    assert awaits_check(text)
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", NOT_WORKFLOW)
def test_an_upload_with_no_wait_after_it_is_no_workflow_step(text: str) -> None:
    assert not awaits_check(text)
    assert classify(text).label == "proof_request"


def test_waiting_is_a_verb_not_a_word_holding_its_character() -> None:
    assert not awaits_check("巡查完拍照上传，有待加强")  # 有待: a verb phrase, no check awaited
    assert not awaits_check("巡查完拍照上传，大家辛苦，待遇另议")  # 待遇: a noun
    assert not awaits_check("巡查完拍照上传，期待大家配合")  # 期待: hope, no check


# The upload one item of a list of features: a list mark or a conjunction right after it, or
# right before the picture's phrase when the item before it is an act; in a message that orders
# nothing and addresses no one.
LISTED = [
    "系统含巡查记录、现场照片上传、问题登记",
    "支持定位打卡、现场照片上传和整改跟踪",
    "后台支持数据导出和现场照片上传",
]
# The picture an object listed with a noun, or the list ordered, or the readers addressed.
NOT_LISTED = [
    "会议结束后签到表和现场照片上传至工作群",  # two nouns, objects of one upload
    "巡查完请完成定位、现场照片上传和问题登记",  # the list ordered
    "各位网格员：巡查后现场照片上传、问题登记",  # the readers addressed
]


@pytest.mark.parametrize("text", LISTED)
def test_an_upload_listed_among_features_is_no_order(text: str) -> None:
    assert listed_upload(text)
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", NOT_LISTED)
def test_an_upload_ordered_or_joined_to_nouns_stays_a_trace(text: str) -> None:
    assert not listed_upload(text)
    assert classify(text).label == "proof_request"

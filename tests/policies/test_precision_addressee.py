"""The precision round (s28, issue 11): a demand's shape said to no group — a form's prompt to its
one user, a mail's body, a program's or a model's instruction — on both sides of each boundary.
Every sentence is written for these tests; none is a corpus line.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.listener import reply_alone
from policies.proof import form_prompt
from policies.reply import READ_CONDITION

# A form's prompt: the picture named only by its kind (现场, 完成 + the medium), uploaded,
# to no one and no group, by no day, nothing done named.
FORM_PROMPTS = [
    "请上传现场照片后提交",
    "上传完成截图",
    "请先上传完成截图",
    "请上传现场图片再保存",
]
# The same picture made a trace: a thing done named, the readers, a send, a group, a day.
TRACES = [
    "整改完请上传现场照片",
    "入户走访后请上传现场照片",
    "各位网格员请上传现场照片",
    "同事们请上传打卡照片",
    "打卡照片发给组长",
    "现场照片上传到工作群",
    "今天请上传现场照片",
    "周五前提交完成截图",
    "请上传服务打卡截图，没截图的不算时长",
]
# Not a form's prompt either way: a picture named by what was done with it, told (SENT_REPORT's).
TOLD_UPLOADS = [
    "已上传现场照片",
    "这里保存居民上传的现场照片",
]


@pytest.mark.parametrize("text", FORM_PROMPTS)
def test_a_forms_prompt_is_no_demand(text: str) -> None:
    assert form_prompt(text) is not None
    assert classify(text).label == "other", classify(text)


@pytest.mark.parametrize("text", TOLD_UPLOADS)
def test_an_upload_told_is_no_forms_prompt(text: str) -> None:
    assert form_prompt(text) is None
    assert classify(text).label == "other", classify(text)


@pytest.mark.parametrize("text", TRACES)
def test_the_same_picture_as_a_trace_is_demanded(text: str) -> None:
    assert form_prompt(text) is None
    assert classify(text).label == "proof_request", classify(text)


# The reply as all a lone listener is asked (只需回复, 回复…即可, 直接回复), nothing given to read, no
# day or time set, no group spoken to: a program's check, a model's instruction.
REPLY_ALONE = [
    "只需回复“收到”，别的不用说",
    "连接正常的话回复“1”即可",
    "第三部分结束，直接回复收到",
    "仅需回复收到",
]
# The same words in a notice: something to read first, a day or time, readers or the group.
NOTICES = [
    "停水通知看到后只需回复“收到”",
    "周四下午两点开会，回复“收到”即可",
    "明天起调整作息，回复1即可",
    "各位同事请确认，直接回复1",
    "同学们只需回复“收到”",
    "请在群里回复OK即可",
]


@pytest.mark.parametrize("text", REPLY_ALONE)
def test_the_reply_alone_is_no_demand(text: str) -> None:
    assert reply_alone(text, READ_CONDITION) is not None
    assert classify(text).label == "other", classify(text)


@pytest.mark.parametrize("text", NOTICES)
def test_a_notice_asking_the_reply_demands_it(text: str) -> None:
    assert reply_alone(text, READ_CONDITION) is None
    assert classify(text).label == "ack_request", classify(text)

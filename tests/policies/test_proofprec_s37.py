"""The proof-precision round of stop 37 (s37-proofprec, issue 11): a picture sent that is no trace
handed to the work group — sent to a family's own group, asked of the speaker (an order told as
received), or uploaded as a workflow's step awaiting a check (等待 read as 待, neither said to the
group) — on both sides of each boundary. Every sentence is written for these tests; none is a
corpus line.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.proof import asked_of_speaker

# A family's own group as the goal (家庭群, 家族群, 家人群): pictures shared with kin.
FAMILY = [
    "拍下来发家庭群",
    "年夜饭拍照发家族群",
    "自拍一张发家人群，报个平安",
]
# The work's groups, the parents' group among them (家长群 is the class's): a trace asked.
WORK_GROUP = [
    "今天活动照片发家长群",
    "巡查完拍照发工作群",
    "年夜饭值班人员拍照发家族群和工作群",  # the work's group named too
    "学习完截图发到班级群",
    "请转发至各自家庭群，并截图反馈",  # the post spread to the family groups, its screenshot the trace
    "转发到家族群后截图反馈",
    "请大家拍照发家庭群",  # the readers asked
]


@pytest.mark.parametrize("text", FAMILY)
def test_a_picture_sent_to_a_family_group_is_no_trace(text: str) -> None:
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", WORK_GROUP)
def test_a_picture_sent_to_the_work_group_stays_a_trace(text: str) -> None:
    assert classify(text).label == "proof_request"


# Asked of the speaker: someone made me post the picture — an order told as received.
ASKED_OF_ME = [
    "改完以后客户让我截图发到群里，结果图片发不出去",
    "昨天组长先让我跑一遍流程，跑完后截图发群里，后来就没下文了",
    "老板让我把巡查照片发到群里，我还没来得及发",
]
# 让我们 (let us), a relay (通知, 转告), a reader asked or addressed: the order given to the readers.
GIVEN = [
    "让我们巡查完拍照发群里",
    "领导让我通知一下，明天巡查完拍照发群里",
    "老师让我转告：今晚前拍照发班级群",
    "领导让我跟大家说，巡查完拍照发群里",
    "主任让我统计，请各位巡查完拍照发群里",
]


@pytest.mark.parametrize("text", ASKED_OF_ME)
def test_a_picture_asked_of_the_speaker_is_told(text: str) -> None:
    assert asked_of_speaker(text)
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", GIVEN)
def test_a_picture_passed_on_or_asked_of_the_readers_is_given(text: str) -> None:
    assert not asked_of_speaker(text)
    assert classify(text).label == "proof_request"


# A workflow's step: the picture uploaded, then 等待 (as 待) and a verb — the check it waits for.
AWAITS = [
    "维修完成后上传照片，等待业主验收",
    "送达后拍照上传，等待买家确认收货",
    "安装完成后上传照片，等待平台审核",
]
# No verb after 等待, or a reader asked or the group addressed: the trace is asked (with 待 too).
AWAITS_ASKED = [
    "巡查后拍照上传，耐心等待",
    "请大家巡查后拍照上传，等待审核",
    "各位网格员巡查后拍照上传，等待审核",
    "请大家巡查后拍照上传，待审核",
    "各位网格员巡查后拍照上传，待审核",
]


@pytest.mark.parametrize("text", AWAITS)
def test_a_picture_awaiting_a_check_is_a_step(text: str) -> None:
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", AWAITS_ASKED)
def test_a_picture_awaiting_a_check_asked_of_the_group_stays_a_trace(text: str) -> None:
    assert classify(text).label == "proof_request"

"""A confirmation's shape that asks for none (s31-replyp, issue 11): the confirmation told done by
the adverb of the perfect (已确认收到), the confirmation or the reply as the time of a next step
(确认收到后…, 回复确认后…), the group sign-in feature named (群签到), and a decision as the
reply's whole condition (确认请回复「确认」) — on both sides of each boundary. Every sentence is
written for these tests; none is a corpus line. (And a name before 会: a third person acting, no
pledge — the ack read under the check-in a confirmation told done no longer hides.)
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.narration import done_before, time_of_next

# The confirmation done, told by 已 / 已经 right before its verb: a state, a log, a receipt's notice.
DONE = [
    "仓库已确认收到这批货",
    "财务已经确认收到这笔转账",
    "对方已确认收到，停止重发",
    "该订单已確認收到款項",
]
# 已 after the verb is on what was received: still asked.
ASKED_DONE = [
    "请各位确认已收到本通知",
    "请大家接龙确认已收到通知",
    "各班主任请在群里确认一下都已收到",
]


@pytest.mark.parametrize("text", DONE)
def test_a_confirmation_told_done_is_no_demand(text: str) -> None:
    assert classify(text).label == "other", classify(text)


@pytest.mark.parametrize("text", ASKED_DONE)
def test_a_confirmation_of_what_was_received_is_asked(text: str) -> None:
    assert classify(text).label == "ack_request", classify(text)


def test_done_before_reads_the_adverb_in_the_verbs_phrase() -> None:
    assert done_before("买家已确认收到", 3) == "已"
    assert done_before("买家已经确认收到", 4) == "已经"
    assert done_before("已经很晚了，请确认收到", 8) is None  # another phrase's 已经


# The confirmation or the reply as the time of what follows: a procedure, a program, a task list.
NEXT_STEP = [
    "客户确认收到后，系统自动结单",
    "确认收到后把表格转给组长",
    "服务端回复确认后，客户端才发送下一包",
    "管理员回复确认之后工单才会关闭",
    "对方确认收到以后再付尾款",
]
# The same time clause in a phrase that orders or speaks to the readers: both steps asked.
ORDERED_STEP = [
    "请大家回复收到后再离开会场",
    "请各位确认收到后再下载附件",
    "各位老师确认收到后，再转发到班级群",
]


@pytest.mark.parametrize("text", NEXT_STEP)
def test_a_confirmation_as_the_time_of_a_next_step_is_no_demand(text: str) -> None:
    assert classify(text).label == "other", classify(text)


@pytest.mark.parametrize("text", ORDERED_STEP)
def test_an_ordered_confirmation_before_a_next_step_is_asked(text: str) -> None:
    assert classify(text).label == "ack_request", classify(text)


def test_time_of_next_reads_the_after_and_the_order_before() -> None:
    text = "用户回复确认后执行"
    assert time_of_next(text, 2, 6) == "回复确认后"
    assert time_of_next("请用户回复确认后执行", 3, 7) is None  # 请 before it in its phrase
    assert time_of_next("用户回复确认，然后执行", 2, 6) is None  # no 后 after it


# The group sign-in feature (群签到: a noun compound, nothing between 群 and 签到 — a bot's command
# or ranking) is no check-in; a check-in is done in the group (群里, 群内, 群中 before it).
FEATURE = [
    "机器人支持群签到和积分查询",
    "本群签到排行榜已更新",
    "每天早上八点自动群签到",
]
IN_THE_GROUP = [
    "请大家在群里签到",
    "新同事请在群内报到",
    "请各位在群中报个到",
]


@pytest.mark.parametrize("text", FEATURE)
def test_the_group_sign_in_feature_is_no_check_in(text: str) -> None:
    assert classify(text).label == "other", classify(text)


@pytest.mark.parametrize("text", IN_THE_GROUP)
def test_a_check_in_in_the_group_is_demanded(text: str) -> None:
    assert classify(text).label == "ack_request", classify(text)


# A decision as the reply's whole condition (确认, 如确认 heading the reply's phrase): yes to an
# operation, a dispatcher's job, a bot's action — not a read receipt.
DECISION = [
    "即将清空回收站，确认请回复「确认」",
    "本操作不可撤销。确认请回复 y",
    "将改签到周五的航班，如确认请回复1",
]
# A receipt's condition names the reading: 确认收到, 阅读后确认, 看到 — still a demand.
RECEIPT = [
    "确认收到请回复1",
    "大家阅读后确认请回复1",
    "看到通知的请回复确认",
]


@pytest.mark.parametrize("text", DECISION)
def test_a_decision_to_go_ahead_is_no_read_receipt(text: str) -> None:
    assert classify(text).label == "other", classify(text)


@pytest.mark.parametrize("text", RECEIPT)
def test_a_confirmation_of_reading_is_demanded(text: str) -> None:
    assert classify(text).label == "ack_request", classify(text)


# A receipt told done: the perfect 已 before the reading verb, its phrase ending right after it — the
# speaker's statement, then a third party's act; a condition on the readers picks them out (的) or is
# asked (请确认已收到).
RECEIPT_TOLD = [
    "报名表已收到，工作人员会电话确认",
    "材料已经收到，老师正在审核回复",
    "申请已收到，客服会核实后回复",
]
RECEIPT_ASKED = [
    "已收到通知的请回复1",
    "各位已收到的，请回复确认",
    "文件已收到的同事请回复1",
]


@pytest.mark.parametrize("text", RECEIPT_TOLD)
def test_a_receipt_told_done_is_no_reading_condition(text: str) -> None:
    assert classify(text).label == "other", classify(text)


@pytest.mark.parametrize("text", RECEIPT_ASKED)
def test_the_readers_picked_out_by_their_receipt_are_asked(text: str) -> None:
    assert classify(text).label == "ack_request", classify(text)


# A name or a role right before the modal of the future (会, 将) is the subject of what will be done:
# a third person acting, told (a bot's status, a colleague's errand) — not a signer's pledge. The
# signer signs the receipt, and the pledge after it has "I" as its unsaid subject.
THIRD_PERSON_WILL = [
    "收到，老师会尽快处理",
    "已收到，王经理会尽快跟进",
    "收到，客服将尽快处理",
]
SIGNED_PLEDGE = [
    "收到，会尽快处理",
    "李四收到，会准时参加",
    "王老师收到，会按时提交",
    "收到，我会尽快处理",
]


@pytest.mark.parametrize("text", THIRD_PERSON_WILL)
def test_a_third_person_who_will_act_is_no_pledge(text: str) -> None:
    assert classify(text).label == "other", classify(text)


@pytest.mark.parametrize("text", SIGNED_PLEDGE)
def test_a_signed_receipt_with_a_pledge_is_an_ack(text: str) -> None:
    assert classify(text).label == "ack", classify(text)

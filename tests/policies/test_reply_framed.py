"""Replies framed as no read receipt (notices round, issue 11): the token replied does something to
an automated system (a command: 回复“确认”完成预约), the reply is offered with its alternative (可回复…，
也可直接忽略), a manual says what a product role may reply, or two replies each follow their own
condition (a menu: 确认请回复1，修改请回复新的…), or the reply is the speaker's own, promised (我会尽快
回复). Each on both sides of its boundary, with forms in
no corpus (written for these tests): a reading condition before the reply, an order (请) beside a
manual's option, an offer with no alternative, one conditioned reply only — all stay demands.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

FRAMED = [
    # a command: the operation named right after the token (即可, 以便 between them or not)
    "回复1即可完成续费",
    "请回复“确认”以便办理退款手续",
    "回复“收到”就可以领取优惠券",
    "回复OK开通自动续订",
    # an offer with its alternative
    "可以回复“1”确认，也可直接关闭本页面",
    "可回复“收到”，或者直接忽略本消息",
    # a manual: a product role that may or can reply, a feature that lets it
    "群成员可以回复1确认参会",
    "本插件支持管理员回复“确认”审批",
    # a menu: two replies, each after its own condition
    "确认请回复1，更换请回复新的手机号",
    "保留请回复1；删除请回复要删的编号",
    # a promise: the speaker's own reply to come
    "材料收到了，我会在周五前回复",
    "来函已收悉，我们将尽快回复贵单位",
]

STILL_DEMANDS = [
    # the check-in a reply completes is the receipt itself
    "请在群里回复“收到”完成打卡",
    "各网格员回复1完成签到",
    # a reading condition before the command: the reply shows reading
    "学习完请回复“已学习”完成登记",
    "收到后回复1完成签收",
    # an offer with no alternative is a soft order to the group
    "大家可以回复收到",
    "看到的可以回个1",
    # a manual's option beside an order to the members
    "请在群里回复“收到”；管理员可回复“取消”。",
    # one conditioned reply, or a reading condition in the other
    "收到请回复1，谢谢",
    "收到请回复1，有疑问请回复问题",
    # the purpose is the sender's, not an operation of a system
    "看到的家长请回复“收到”，以便老师统计",
    # the speaker's promise beside an order to the readers; a promise to do something else
    "收到请回复，我会尽快回复大家的问题",
    "看到请回复，我们会统计",
]


@pytest.mark.parametrize("text", FRAMED)
def test_a_framed_reply_is_no_demand(text: str) -> None:
    assert classify(text).label == "other", classify(text)


@pytest.mark.parametrize("text", STILL_DEMANDS)
def test_a_reply_to_the_group_stays_a_demand(text: str) -> None:
    assert classify(text).label == "ack_request", classify(text)

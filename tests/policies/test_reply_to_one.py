"""Reply-to-confirm shapes said to one listener or told of a party (s30-replyp, issue 11): a
reading condition or a confirmation reply (收到后回复, 请回复确认) in a private chat, a prompt, a
tutorial's procedure — on both sides of each boundary. Every sentence is written for these tests;
none is a corpus line.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.listener import said_to_one
from policies.narration import narrated

# One listener by the grammar: the singular 你 as subject or object, or the reply sent back to me.
TO_ONE = [
    "你这边收到后请回复确认",
    "你明早先看一下材料，看完请回复确认",
    "请你收到后回复收到",
    "附件发你了，收到后回复我一下",
    "合同已经寄出，看到回我",
    "老王的文件在共享盘里，看到后回复他一下",
]
# The same shapes said to the readers: 你们, a group named, 你 in a condition on whoever reads, a
# template's field, a wording that opens with 我.
TO_MANY = [
    "你们收到后请回复确认",
    "各位收到后回复我一下",
    "大家看到请回复我",
    "如果你看到这条通知，请回复收到",
    "若你已读完，请回复确认",
    "看到请回复：[你的名字] 已阅",
    "收到请回复，谢谢你",
    "收到请回复确认，我们汇总后再通知你",
    "看到后回复确认，祝你周末愉快",
    "看到的请回复我已阅",
    "收到后回复我们的值班群",
]


@pytest.mark.parametrize("text", TO_ONE)
def test_a_confirmation_said_to_one_listener_is_no_demand(text: str) -> None:
    assert said_to_one(text) is not None
    assert classify(text).label == "other", classify(text)


@pytest.mark.parametrize("text", TO_MANY)
def test_the_same_confirmation_said_to_the_readers_is_demanded(text: str) -> None:
    assert classify(text).label == "ack_request", classify(text)


def test_a_mail_merge_you_is_each_recipient() -> None:
    # {姓名}，你好 goes to many: its 你 is each recipient's, as its 您 is (s28's reading)
    assert classify("{姓名}同学，你好！周五上午9点开班会，收到请回复").label == "ack_request"
    # but a reply sent back to me is one person's, whoever receives the template
    assert classify("{姓名}，草稿在共享盘里，看完请回复我").label == "other"


# A step of a procedure told: a party (a noun, a Latin-letter name) replies after receiving.
PROCEDURES = [
    "客户端先发数据，服务器收到后回复确认，然后关闭连接",
    "主站定时下发指令，终端收到后回复应答，如果超时则重发",
    "调度器把任务发给 Worker，Worker 收到后回复 ack，然后开始执行",
    "先由 A 发起，B 看到后回复，然后进入下一轮",
]
# The same when it is asked: 请, a group, the readers by 们, or a noun in a short order.
ORDERS = [
    "请服务器管理员收到后回复确认，然后关闭工单",
    "网格员收到后回复确认",
    "家长们收到后回复确认，然后签字",
    "大家收到后回复，然后按要求执行",
]


@pytest.mark.parametrize("text", PROCEDURES)
def test_a_procedure_told_of_a_party_is_no_demand(text: str) -> None:
    assert narrated(text.lower()) is not None
    assert classify(text).label == "other", classify(text)


@pytest.mark.parametrize("text", ORDERS)
def test_the_same_reply_asked_is_demanded(text: str) -> None:
    assert classify(text).label == "ack_request", classify(text)

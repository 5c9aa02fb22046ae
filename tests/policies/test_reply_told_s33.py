"""Precision of `ack_request` (s33-replyprec): a reply demand written about, not given. A reply's verb
that modifies the noun ending its phrase — 的 a few characters after it, then a noun — names a kind of
thing or a measure (只会固定回复“收到”的替身进程, 收到消息后回复的概率): no one is asked to reply. A
verb negated there picks out the silent (还没回复收到的同学, a chase's), and a phrase that asks
(请…, 大家…) or goes on to its own verb is read as before.

A message headed by its own test may name in a word what is tested (测试程序。。收到请回复下, 測試連接，
請回覆OK): a channel's or a program's check. A test announced (明天上午进行系统测试), asked (请大家测试一下)
or whose heading goes on (体能测试成绩已出) stays a notice.

The sentences are made up for these tests, beside the two real ones; the real lines are in
corpora/real/lookalike_messages.jsonl (s33-replyprec batch and earlier ones).
"""

from __future__ import annotations

import pytest

from policies.classify import classify

TAKEN = [
    "因此，真正被唤醒的是原会话，而不是一个只会固定回复“收到”的替身进程。",
    "收到消息后回复的概率，100表示必定回复",
    "这是一个自动回复收到的脚本",
    "群里那个只会回复“收到”的机器人",
]

LEFT = [
    # a verb negated: the silent picked out
    "没回复收到的家长",
    "未回复收到的同学",
    "还没回复收到的家长，抓紧时间",
    # the phrase asks or addresses the readers
    "还没回复“收到”的同学请尽快回复",
    "请没有回复收到的同学尽快回复",
    "大家回复“收到”的同时把表格填好",
    "收到请回复“收到”的字样",
    # no 的 after the reply: a demand
    "看到通知的家长回复收到",
]


TESTS = [
    "测试程序。。收到请回复下",
    "測試連接，請回覆OK",
    "接口测试，收到请回复",
    "测试完成。请回复确认，我再继续。",
]

ANNOUNCED = [
    "明天上午进行系统测试，收到请回复",
    "体能测试成绩已出，收到请回复",
    "期末测试成绩已发到群里，收到请回复",
    "各位家长，本周五进行数学测试，收到请回复",
    "请大家测试一下，收到请回复",
]


@pytest.mark.parametrize("text", TESTS)
def test_a_message_headed_by_its_own_test_is_no_demand(text: str) -> None:
    assert classify(text).label == "other", classify(text).reasons


@pytest.mark.parametrize("text", ANNOUNCED)
def test_a_test_announced_or_asked_stays_a_demand(text: str) -> None:
    assert classify(text).label == "ack_request", classify(text).reasons


@pytest.mark.parametrize("text", TAKEN)
def test_a_reply_naming_a_kind_of_thing_is_no_demand(text: str) -> None:
    assert classify(text).label == "other", classify(text).reasons


@pytest.mark.parametrize("text", LEFT)
def test_a_reply_asked_or_a_chase_stays_a_demand(text: str) -> None:
    assert classify(text).label == "ack_request", classify(text).reasons

"""One-line pieces of `policies.guards` taken off (issue 11, s32-piecesg): each line a piece alone
set aside is now one of two or more — by real text of the piece's class (a channel's test message
headed 测试 and a dash, an error message screenshotted for help) or by the slot the piece stood for
(the reply as a program's command: 回复 … 以 + a predicate, in the reply's own phrase, read off the
tagger instead of a list of nine verbs). The sentences are made up for these tests, beside the real
lines of corpora/real/lookalike_messages.jsonl (s32-piecesg batch 1).
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "other": [
        # a channel's or a program's test message, headed 测试 and a dash
        "{target} inbox测试 - 收到请回",
        "链路测试 - 收到请回复1",
        # an error message screenshotted for whoever fixes it
        "把这个提示截图发我",
        "安装没有完成，请把这个窗口中的提示截图发给 Codex。",
        # the reply as the command that does something: 以 (p) and a predicate in the reply's phrase
        "请回复“确认”以修改订单。",
        "回复“确认”以同意并继续查询，回复“取消”以终止。",
        "请在群内回复 确认 以完成操作",
        "回复TD以退订",
        "回复1以订阅",
    ],
    "ack_request": [
        # a test announced is an event, not the message's own heading
        "系统测试完成后，收到请回复",
        "明天上午进行系统测试，收到请回复",
        # a notice's purpose: a phrase of its own, or a word of its own (以便, 以示)
        "请回复收到，以确保信息传达到每位医护人员",
        "请回复收到以便统计",
        "收到请回复以示知晓",
        # 以下 names what to reply with
        "请回复以下内容：收到",
        # the group addressed: a notice, whatever the purpose
        "各位请回复1以确认收到",
        "请大家回复“收到”以确认",
    ],
    "proof_request": [
        # no problem named: the picture proves the round
        "巡查完成后拍照发群里",
        "请各网格员巡查后拍照发群里",
    ],
}


@pytest.mark.parametrize(
    ("text", "label"), [(text, label) for label, texts in CASES.items() for text in texts]
)
def test_label(text: str, label: str) -> None:
    assert classify(text).label == label, classify(text).reasons

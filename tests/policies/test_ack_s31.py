"""Acks the grammar missed (issue 11, s31-ackr): a receipt with the hour it is for said back
(收到，明早八点到), a task in hand or begun (了解，正在执行; 收到，开始处理),
thanks for one act of the one thanked (谢谢老师的解答), 知晓 as 知悉's twin — and the tail's act
made tighter: a verb of one character read by its tag alone is no formula act (好的，马上睡).
The sentences are made up for these tests; the real lines are in
corpora/real/recall_messages.jsonl and lookalike_messages.jsonl (s31-ackr batches).
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        # a tail beside a receipt (坚决 is urgency's too)
        "收到，坚决拥护",
        # a one-character act of the done-it family keeps its reading
        "收到，马上看", "收到，马上办",
        # the hour said back with the day, alone, with arriving, a pledge or a deadline
        "收到，明早八点到", "收到，明天上午九点到", "收到，明早十点", "收到，今晚前交",
        "收到，明天下午会准时到", "好的，收到，今天下午会准时到", "收到，明早六点会按计划执行",
        "收到，今晚十点准时参加",
        # thanks for one act of the one thanked, beside a receipt or an assent
        "收到，谢谢老师的解答", "收到，感谢同步", "好的，谢谢班长提醒", "收到！谢谢王姐分享",
        "已阅，感谢领导快速响应",
        # 知晓, as 知悉
        "知晓", "确认知晓", "已知晓",
        # a task in hand, in the progressive
        "了解，正在执行", "收到，处理中", "收到，正在落实中",
        # the act begun
        "收到，开始落实", "明白，开始部署", "收到，开始",
    ],
    "other": [
        # a one-character act by its tag is the speaker's own
        "好的，马上睡", "收到，马上吃", "收到，马上跑", "我知道了，马上玩",
        # a tail alone tells one's plan; an object that is not the notice is a task
        "马上睡觉", "马上出发", "收到，一定遵守交通规则",
        # a day alone, a past day, an object or a person after the time, a count
        "收到，明天", "收到，昨天八点到", "收到，明早十点前发您邮箱", "收到，我下午三点前把表发你",
        "收到，明天3个人", "收到,明天就去看",
        # a thing thanked for, thanks to "you", an act with an object
        "收到，谢谢老板的红包", "收到，感谢您的回复", "收到，谢谢老师把表发我",
        # 知晓 asked or denied
        "无人知晓", "知晓了吗？",
        # the progressive of any other verb tells a state
        "收到，正在开会", "收到，正在休息", "好的，正在下载中", "收到，正在处理您的订单",
        # begun: a suggestion, a question, an object, alone
        "好的，开始吧", "收到，开始了吗", "收到，开始发货", "清楚了，开始第一个番茄钟", "开始处理",
    ],
}  # fmt: skip
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_s31_boundary(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)

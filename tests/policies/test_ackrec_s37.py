"""s37-ackrec: the classes of real acks the grammar did not read — both sides of each boundary.

- 开工, the work begun, beside 开始 and 动手 (`ack._BEGIN`): alone after a confirmation (收到，开工。;
  明白，开工。) or after urgency (收到，马上开工). What comes after it — a time (开工前), a question,
  an object — keeps it out, as 开工 alone (no confirmation) is no ack.
- 到时见, "see you then", a farewell beside a receipt as 明天见 is (收到，到時見。). Beside an assent
  (好的，到时见) it answers one person's plan, as 好的，明天见 does: not read.
- 届时, "at the time set", an adverb of a pledge (收到，届时参加; 确认收到，届时准时参加). A reminder
  promised to one person (收到，届时会提醒您), a question, or 届时准时参加 told in a notice (请查收，
  届时准时参加; 请关注……，届时准时参加线上答题) stays out.
- 任务, the task handed down, named as what was received (收到任务。开始。; 收到任务，立即执行), as the
  message is (已收到您的邮件). A state or content beside it (设备已收到任务，等待执行结果; 收到任务，正在
  确认目标) or a task of its own (收到新任务) stays out.

Lines marked "corpus" are real lines of the open sets (recall, real, look-alike, probes, noise);
the others are made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        "收到，开工。",  # corpus
        "明白，开工。",  # corpus
        "了解。开工。",  # corpus
        "收到，马上开工",  # corpus
        "好的，立即开工！",
        "三组李四收到，马上开工",
        "收到，到時見。",  # corpus
        "收到，多謝你。到時見！",  # corpus
        "收到，到时见～",
        "收到，届时参加。",  # corpus
        "确认收到，届时准时参加。",  # corpus (main: ack_request)
        "已阅，届时准时参会",
        "收到，届时准时出席[抱拳]",
        "收到任务。开始。",  # corpus
        "收到任务，立即执行...",  # corpus
        "💼 收到任务，交给我吧！",  # corpus
        "任务收到，保证完成",
    ],
    "other": [
        "收到，开工前有 3 件事想跟你确认一下",  # corpus: a time and a plan
        "开工",  # no confirmation
        "明天开工吗",
        "收到，开工仪式几点开始？",  # a question
        "收到，开工建设新厂房",  # an object
        "好的，到时见",  # an assent to one person's plan
        "可以，到时见！",  # corpus
        "到时见",  # a farewell alone
        "收到，届时会提醒您。",  # corpus: what will be done for one person
        "请关注赛事详情页的赛程公告，届时准时参加线上答题。",  # corpus: an order
        "确认邮件已发到你的邮箱，请查收，届时准时参加。",  # corpus: told
        "收到，届时参加吗？",  # asked
        "收到，届时再说",  # put off, no pledge
        "请大家届时准时参加",  # an order
        "收到，届时参加培训，地点在哪",  # a question after the pledge
        "设备已收到任务，等待执行结果",  # corpus: a state
        "我已经收到任务，并连接到本地 Claude Code 执行链路。",  # corpus: content
        "✅ 已收到任务，开始执行（/cancel 可取消）。",  # corpus: an instruction beside it
        "收到任务，正在确认目标。",  # corpus: what it is doing now
        "收到任务了吗",  # asked
        "收到新任务",  # a task of its own
    ],
}


@pytest.mark.parametrize(
    ("label", "text"), [(label, text) for label, texts in CASES.items() for text in texts]
)
def test_s37_ack_classes(label: str, text: str) -> None:
    assert classify(text).label == label, text

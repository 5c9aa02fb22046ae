"""Precision of `ack_request` (s32-replyp): the confirmation and reading-condition wordings met in
shops, payment admins, protocols, forms and promises, where no work group is asked to show it read a
notice. Each class is read by its structure:

- what was received is goods or money, right after 收到 (请确认已收到货物, 请确认收到货款后发货,
  已经收到货请点击确认) — a delivery or a payment, not a notice read;
- the confirmation is in writing (请书面确认收到): a letter's or a form's acknowledgement;
- the confirmation heads a noun (确认已收到的消息, 回复确认收到的消息): a protocol's messages;
- the confirmation with what it confirms is the time of a next step (逐条回复确认方向后进入…);
- the confirmation of reading has its own subject and nothing asks (领用人确认已收到上述耗材,
  协调者确认收到交接通知, 我们会在 72 小时内确认收到): who confirms, stated.

The sentences are made up for these tests, beside a few real ones; the real lines are in
corpora/real/lookalike_messages.jsonl (s32-replyp batches).
"""

from __future__ import annotations

import pytest

from policies.classify import classify

TAKEN = [
    # goods or money received
    "请确认已收到货物，确认收货后将无法撤销",
    "货到付款订单，请确认已收到款项。",
    "请确认收到货款后再操作发货；",
    "已经收到货请点击确认！确认收货  订单就变成交易已完成了",
    "此操作无法撤销 请确认收到货款后确认!",
    "买家已付款，请确认已收到款项后再发货",
    # in writing
    "请书面确认收到，并告知处理人、处理方案和预计回复时间。谢谢。",
    "请于三日内书面确认收到本函",
    # the confirmation heads a noun
    "如果使用UDP，那么应用程序则需要提供必要的握手，例如实时确认已收到的消息。",
    "只需要让Leader所在的broker1这个节点回复确认收到的消息就可以了",
    "服务端确认已收到的数据包会从队列中删除",
    # the confirmation and what it confirms, then the next step
    "请用户重点审阅第 8 节 OPEN QUESTIONS，逐条回复确认方向后进入架构阶段。",
    "当 AI 回复确认收到工具定义后，初始化完成。",
    "客户回复确认方案后开始排期",
    # who confirms, stated
    "领用人确认已收到上述耗材，认同公司耗材仅作为工作用途使用。",
    "协调者确认收到交接通知",
    "我们会在 72 小时内确认收到，并在合理时间内沟通修复时间表。",
    "签收人确认已收到上述物品",
]

LEFT = [
    # a notice's receipt confirmed: goods named nowhere
    "请大家确认已收到此通知",
    "@全体成员 请确认收到本条消息",
    "请确认已收到",
    "各位家长确认已收到此通知",
    "请各班组在群内报到，确认已收到此通知",
    # an adverb before the confirmation is its manner, no subject
    "统一确认收到",
    # a confirmation asked, not in writing
    "请各单位确认收到，并告知联系人。",
    # 的 + those who confirmed, or a chase: people picked out, no noun
    "确认收到的请回复1",
    "还没回复收到的抓紧回一下，领导在看",
    "请1栋2单元还没回复收到的业主回复一下",
    # both steps asked
    "请大家回复确认收到后再离开",
    "请确认收到后开始工作",
]


@pytest.mark.parametrize("text", TAKEN)
def test_the_confirmation_of_something_else_is_no_demand(text: str) -> None:
    assert classify(text).label == "other", classify(text).reasons


@pytest.mark.parametrize("text", LEFT)
def test_the_confirmation_of_a_notice_stays_a_demand(text: str) -> None:
    assert classify(text).label == "ack_request", classify(text).reasons

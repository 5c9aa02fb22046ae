"""Check-in precision (s39-checkin, issue 11): two classes of look-alike set aside by structure,
each pinned on both sides with invented lines (the real ones are in corpora/real/lookalike_messages.jsonl,
s39-checkin batch, and the older look-alikes of `demand:check-in` and `proof:check-in`).

- a check-in in the group not asked (`reply._check_in_asked`): 群里报到, 群内签到, 报个到 decide only
  with an order (请, 麻烦 …), a need (需要) or the group addressed (大家, 各位 …) in the sentence up
  to the check-in; unasked it names a bot's or an app's sign-in, tells a habit or the speaker's own;
- (a confirmation of a thing received, 确认已收到 + an object naming no notice, was the branch's
  second class; not merged — its pieces decided one line each — so the receipts below only pin
  that a confirmed receipt stays a demand);
- 可以 a phrase before the shot (`guards.PREDICTED`): what one may do, an offer, unless the message
  asks or addresses the group.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CHECK_INS_ASKED = [  # invented: asked or addressed before the check-in — demands
    "请各位在群里报个到",
    "新入职的同事请在群里报到一下",
    "大家在群里签个到",
    "麻烦各班组长群内报到",
    "@所有人 请在群里签到",
]
CHECK_INS_NAMED = [  # invented: a bot's sign-in named, a plan told, the speaker's own
    "群内签到可领积分",
    "群里签到、抽奖与排行榜",
    "以后机器人开工时都会来群里报到",
    "我先在群里报个到",
]


@pytest.mark.parametrize("text", CHECK_INS_ASKED)
def test_a_check_in_asked_stays_a_demand(text: str) -> None:
    verdict = classify(text)
    assert verdict.label == "ack_request", verdict
    assert "demand:check-in" in verdict.reasons


@pytest.mark.parametrize("text", CHECK_INS_NAMED)
def test_a_check_in_named_or_told_is_no_demand(text: str) -> None:
    assert classify(text).label == "other"


RECEIPTS = [  # invented: nothing, a next act, this notice, a notice named, an order after it
    "请各位确认收到。",
    "请大家确认收到并按时执行",
    "请各单位确认已收到本通知",
    "请各村确认已收到此文件",
    "请各网格确认收到防汛通知",
    "确认收到请回复1",
]


@pytest.mark.parametrize("text", RECEIPTS)
def test_a_receipt_confirmed_stays_a_demand(text: str) -> None:
    assert classify(text).label == "ack_request", classify(text)


OFFERS = [  # invented: 可以 a phrase before the shot, no one asked
    "游客可以在观景台的石碑前面进行拍照打卡",
    "忘带工牌的时候可以使用手机端小程序进行拍照打卡",
]
ORDERS = [  # invented: the same with an order or the group addressed
    "请大家可以在观景台的石碑前面进行拍照打卡并发群",
    "各位网格员可以使用手机端小程序进行拍照打卡，务必发到群里",
]


@pytest.mark.parametrize("text", OFFERS)
def test_may_a_phrase_before_the_shot_is_an_offer(text: str) -> None:
    assert classify(text).label == "other", classify(text)


@pytest.mark.parametrize("text", ORDERS)
def test_may_with_an_order_stays_a_demand(text: str) -> None:
    assert classify(text).label == "proof_request", classify(text)

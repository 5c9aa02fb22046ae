"""s36-replyprec: precision of the reply demand (ack_request), tested on both sides.

- money received: the word the tagger cuts right after the reading verb a compound headed by 金
  (定金, 押金, 保证金, 年终奖金: `reply._money_after`) — not any character before 金 (黄金周, 金秋,
  金老师 keep the reading condition);
- a question answered: a reading condition opening the sentence right after a question that does
  not repeat its verb nor asks who, in a message naming no group (`reply._question_answered`);
- a dialog's button: the confirmation met again after it, in a later phrase, with no reply verb
  before it (`reply._button_confirms`: 确认后订单将标记为已完成, 是否确认?).

Tried and left: a confirmation of receipt as the time (后) of a next step that asks no reply
(请确认收到后开始工作, 请确认已收到客户转账后再充值: look-alikes 1659, 1717, 2231) — the bare one is
what test_reply_precision_s32 pins as both steps asked, and what is confirmed before the 后 (客户转账)
stands on one real line; any message received then 后 and the reply (收到消息后回复确认: 1745, 1750,
1752, 1753) and a sign-in naming no one (请在群里签到: 800, 802, 804) freed their lines but left a
piece of another rule deciding one line (narration._OF 的, WHOLE_GROUP 内/所有: the one-line guard).
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.reply import READING, _after_reading
from policies.text import fold

# -- money received: a noun headed by 金, as the tagger cuts it ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "请确认已收到定金",
        "收到订金。",
        "收到定金等",
        "请确认已收到保证金",
        "请确认已收到押金，再办理退房",
    ],
)
def test_a_money_noun_headed_by_jin_is_no_reading(text: str) -> None:
    assert READING.search(fold(text)) is None
    assert classify(text).label == "other"


@pytest.mark.parametrize(
    "text",
    ["收到黄金周值班安排的请回复", "收到金秋运动会通知的请回复", "看到金老师通知的请回复1"],
)
def test_jin_inside_another_word_or_alone_keeps_the_reading(text: str) -> None:
    folded = fold(text)
    assert READING.search(folded) is not None
    assert next(_after_reading(folded), None) is not None
    assert classify(text).label == "ack_request"


# -- a question asked, then "看到请回复": the answer is what is waited for -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "请问新学期的校服和课本什么时候发放？看到请回复一下，谢谢。",  # look-alike 2105
        "人呢？收到回复一下。",  # look-alike 2131
    ],
)
def test_a_reply_after_a_question_it_answers_is_no_demand(text: str) -> None:
    assert classify(text).label == "other"


@pytest.mark.parametrize(
    "text",
    [
        "大家看到了吗？看到回1",  # the question asks the reading (its verb repeated)
        "都看见没？看见了回个1，中不中",
        "还有谁没看到？看到的回1",
        "怎么还有人不回？看到消息的都回复一下",  # asks who: the members chased
        "明天几点集合？各位看到请回复",  # the group named
    ],
)
def test_a_question_about_the_reading_or_the_group_still_asks(text: str) -> None:
    assert classify(text).label == "ack_request"


# -- a dialog's button: the confirmation met again after it as an act of its own -----------------


@pytest.mark.parametrize(
    "text",
    [
        "请确认已收到商品。确认后订单将标记为已完成。",
        "请确认已收到支付费用, 是否确认?",
    ],  # 2234, 2236
)
def test_a_dialog_whose_button_confirms_is_no_demand(text: str) -> None:
    assert classify(text).label == "other"


@pytest.mark.parametrize(
    "text",
    ["请确认已收到通知，并在群内回复确认", "各位请确认收到此通知，看到后接龙确认"],
)
def test_a_confirmation_posted_after_it_still_asks(text: str) -> None:
    assert classify(text).label == "ack_request"

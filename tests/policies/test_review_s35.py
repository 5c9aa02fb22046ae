"""The last review's leftovers (s35-review); both sides of every boundary. Every sentence is written
for these tests; none is a corpus line.

- Word lists a review had trimmed to the words lines showed, restored as the class they stand for:
  `guards._TEST_MESSAGE` (测试 the attribute of a noun for what a channel carries: 消息, 短信, 彩信,
  邮件, 电邮, 推送, 私信 — not 通知 or 信息, which read as well as a notice about a test) and
  `proof._FIT_FOR` (the verbs of fitness 适合, 适宜, 适于, 宜 and the modal 值得 — not 推荐, advice).
- A share proved by its screenshot sent back is a trace when it is asked of one 您 too
  (`proof.share_proved`, which the one-addressee set-aside yields to).
- Classes an earlier helper left with one real line, each given a second (corpora/real/SOURCES.md,
  s35-review batch): money headed by 金 received (请确认已收到定金: `reply._CONDITION`), a pledged act
  deferred (收到，稍后处理: `ack._PLEDGE`).
"""

from __future__ import annotations

import pytest

from policies import proof
from policies.classify import classify
from policies.guards import _TEST_MESSAGE, machine_talk
from policies.reply import READING
from policies.text import fold

# -- a test message: 测试 and a noun for what a channel carries ----------------------------------

CHANNEL_TESTS = [
    "测试短信已发出，收到请回复",
    "系统将发送测试彩信至您手机，收到请回复1",
    "这是一条测试推送请确认收到后回复",
    "测试电邮将发送至您的邮箱，请确认收到",
    "我的测试私信收到了吗请回复",
]


@pytest.mark.parametrize("text", CHANNEL_TESTS)
def test_a_test_message_of_any_channel_asks_a_machines_reply(text: str) -> None:
    assert machine_talk(fold(text)) is not None
    assert classify(text).label == "other"


@pytest.mark.parametrize(
    "text",
    [
        "关于期末测试通知，收到请回复",  # a notice about a test: the test an event
        "请查收本周五体能测试信息，收到请回复",  # information about a test
        "会议短信已发出，收到请回复",  # a channel's noun, no test
    ],
)
def test_a_notice_about_a_test_or_no_test_is_still_a_demand(text: str) -> None:
    assert machine_talk(fold(text)) is None
    assert classify(text).label == "ack_request"


@pytest.mark.parametrize(
    "noun", ["消息", "訊息", "短信", "簡訊", "彩信", "邮件", "电邮", "推送", "私信"]
)
def test_every_noun_a_channel_carries_makes_a_test_message(noun: str) -> None:
    assert _TEST_MESSAGE.search(fold(f"测试{noun}")) is not None


@pytest.mark.parametrize("noun", ["通知", "信息", "字段", "成绩"])
def test_a_noun_a_test_may_be_the_topic_of_is_not_one(noun: str) -> None:
    assert _TEST_MESSAGE.search(fold(f"测试{noun}")) is None


# -- a judged check-in: every verb of fitness ------------------------------------------------------


@pytest.mark.parametrize(
    ("judged", "asked"),
    [
        ("此处宜拍照打卡", "此处巡查时拍照打卡"),
        ("园内处处适宜拍照打卡", "园内处处巡查后拍照打卡"),
        ("这座桥适于拍照打卡", "这座桥每天拍照打卡"),
        ("老街最宜拍照打卡，风景很美", "老街拍照打卡，请发群里"),
    ],
)
def test_a_check_in_judged_by_any_verb_of_fitness(judged: str, asked: str) -> None:
    assert proof.is_judged(judged)
    assert classify(judged).label == "other"
    assert not proof.is_judged(asked)
    assert classify(asked).label == "proof_request"


@pytest.mark.parametrize(
    "text",
    [
        "推荐大家拍照打卡",  # advice aimed at readers, no judgement of a place
        "此处宜拍照打卡，请大家每天拍照打卡发群里",  # judged, and then ordered
        "宜拍照打卡的同事请发群里",
    ],
)
def test_advice_or_an_order_beside_a_fitness_word_is_no_judgement(text: str) -> None:
    assert not proof.is_judged(text)
    assert classify(text).label == "proof_request"


# -- a share proved by its screenshot sent back, asked of one 您 -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "希望您把海报分享到朋友圈并截图发给我",
        "您好，请转发到朋友圈后截图发给客服",
        "您分享后截图发到活动群即可领取积分",
    ],
)
def test_a_share_proved_to_one_reader_is_a_trace(text: str) -> None:
    assert proof.share_proved(fold(text))
    assert classify(text).label == "proof_request"


@pytest.mark.parametrize(
    "text",
    [
        "亲，关注后截图给我",  # a follow, no share
        "您好，分享到朋友圈并截图即可",  # nothing sent
        "您可以分享到朋友圈，谢谢支持",  # no screenshot
        "您转发失败的话就截图发给我",  # help with a problem
        "您好，请将订单截图发给客服",  # no share
    ],
)
def test_no_share_or_nothing_sent_or_a_problem_to_one_reader_is_no_trace(text: str) -> None:
    assert not proof.share_proved(fold(text))
    assert classify(text).label == "other"


# -- money received: a noun headed by 金 right after the reading condition's verb -------------------


@pytest.mark.parametrize(
    ("money", "notice"),
    [
        ("请房东确认已收到押金，再办理退房", "请房东确认已收到通知，再办理退房"),
        ("请确认已收到租金", "请确认已收到通知"),
        ("请卖家确认已收到订金", "请家长确认已收到通知"),
    ],
)
def test_money_headed_by_jin_is_no_reading(money: str, notice: str) -> None:
    assert READING.search(fold(money)) is None  # the tagger cuts a money noun (reply._money_after)
    assert classify(money).label == "other"
    assert READING.search(fold(notice)) is not None
    assert classify(notice).label == "ack_request"


# -- a pledge deferred: an adverb of later, then an act of the pledge list -------------------------


@pytest.mark.parametrize(
    "text", ["收到，稍后处理", "好的，晚点处理", "收到，回头跟进", "已收到，待会儿落实"]
)
def test_a_pledged_act_deferred_is_an_ack(text: str) -> None:
    assert classify(text).label == "ack"


@pytest.mark.parametrize(
    "text",
    [
        "收到，稍后回复",  # the answer deferred: no act of the list
        "收到，稍后确认交接时间。",  # an act with its own object: task content
        "收到，稍后处理一下这个订单",
    ],
)
def test_an_answer_or_a_task_deferred_is_no_ack(text: str) -> None:
    assert classify(text).label == "other"

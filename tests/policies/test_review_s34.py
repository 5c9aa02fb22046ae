"""The last review's leftovers (s34-review, issue 11), each at the depth it belongs to; both sides
of every boundary. Every sentence is written for these tests; none is a corpus line.

- Goods or money right after the reading condition's verb (收到货, 收到款项) is no reading, in the
  condition itself (`reply.READ_CONDITION`), so every reader sees the same: the reply shapes, the
  members it picks out (`sure`), the lone listener (`listener.reply_alone`).
- Word lists on thin evidence, each read by structure or trimmed to what real lines show:
  `proof._FIT_FOR` (适合, 值得) and `proof._DEGREE` (the closed class of degree adverbs, kept by the lead;
  超 read also as a word of its own, or glued to the
  adjective it grades: 超酷); the receipt button (`reply._SHOW_READ`'s 按…按钮) read by what stands
  between 按 and 按钮 — where it is, and a label that is an ack — instead of eight words of other acts;
  `guards._TEST_MESSAGE`'s nouns (消息, 邮件).
- The one-line guard reads the words of `reply._GATE`'s groups (test_rule_evidence.py).

Left by s34-review, pinned nowhere as right: a judgement by a degree adverb no real line shows
(拍照打卡真的很出片, 拍照打卡特别美) is read as a check-in again — the open sets hold none.
"""

from __future__ import annotations

import pytest

from policies import proof, sure
from policies.classify import classify
from policies.listener import reply_alone
from policies.reply import READ_CONDITION, _receipt_button
from policies.text import fold

# -- goods or money received: no reading, for every reader -----------------------------------------

GOODS = ["收到货请点击确认", "请确认已收到货物", "收到款项后回复1即可", "收到货款的同事请扣1"]
READ = ["收到通知请点击确认", "请确认已收到通知", "收到通知后回复1即可", "收到文件的同事请扣1"]


@pytest.mark.parametrize("text", GOODS)
def test_goods_or_money_received_is_no_reading_condition(text: str) -> None:
    assert READ_CONDITION.search(fold(text)) is None


@pytest.mark.parametrize("text", READ)
def test_a_notice_received_is_one(text: str) -> None:
    assert READ_CONDITION.search(fold(text)) is not None


def test_the_members_picked_out_received_a_notice_not_goods() -> None:
    assert sure._picked_out(fold("收到文件的同事请回复收到")) == "收到文件的"
    assert sure._picked_out(fold("收到货的同事请回复收到")) is None
    assert classify("收到文件的同事请回复收到").sure
    assert not classify("收到货的同事请回复收到").sure


def test_the_lone_listener_sees_no_reading_in_money_received() -> None:
    """只需回复…即可 with nothing given to read is a lone listener's (a shop's, a program's): the
    money received is nothing read, the notice received is."""
    assert reply_alone(fold("收到款项后只需回复1即可"), READ_CONDITION) is not None
    assert reply_alone(fold("收到通知后只需回复1即可"), READ_CONDITION) is None
    assert classify("收到款项后只需回复1即可").label == "other"
    assert classify("收到通知后只需回复1即可").label == "ack_request"


@pytest.mark.parametrize(
    ("goods", "notice"),
    [
        ("已经收到货请点击确认", "已经收到通知请点击确认"),
        ("请确认已收到货物", "请大家确认已收到通知"),
    ],
)
def test_the_reply_shapes_read_it_as_before(goods: str, notice: str) -> None:
    assert classify(goods).label == "other"
    assert classify(notice).label == "ack_request"


# -- a judged check-in: the words real lines show -------------------------------------------------


@pytest.mark.parametrize(
    ("judged", "asked"),
    [
        ("老街值得拍照打卡", "老街巡查时拍照打卡"),
        ("山顶拍照打卡超赞", "山顶拍照打卡超过三次有奖励"),  # 超 a word of its own; 超过 a verb
        ("夜市拍照打卡超酷", "夜市拍照打卡超出三次要登记"),  # 超酷 an adjective; 超出 a verb
        ("湖边拍照打卡很方便", "湖边拍照打卡，请发群里"),
    ],
)
def test_a_check_in_judged_by_the_words_real_lines_show(judged: str, asked: str) -> None:
    assert proof.is_judged(judged)
    assert not proof.is_judged(asked)


def test_every_degree_adverb_judges() -> None:
    # (适宜, trimmed here by s34-review, judges again: s35-review restored the verbs of fitness whole)
    for adverb in ("特别", "非常", "十分", "挺", "太"):
        assert proof.is_judged(f"这里拍照打卡{adverb}好看"), adverb
    assert not proof.is_judged("这里拍照打卡再上传")  # 再: an adverb of sequence, not of degree


# -- the receipt button: where it is, and what it says ------------------------------------------


@pytest.mark.parametrize(
    ("receipt", "other"),
    [
        ("看完请按下方按钮", "看完请按开始按钮"),
        ("看到消息请按下面的「已读」按钮", "看到消息请按下面的「下载」按钮"),
        ("收到通知请按下面的确认按钮", "收到通知请按下面的报名按钮"),
        ("看完请按右下角按钮", "看完请按右下角提交按钮"),
    ],
)
def test_the_receipt_button_is_where_it_is_or_an_ack(receipt: str, other: str) -> None:
    assert classify(receipt).label == "ack_request"
    assert classify(other).label == "other"


@pytest.mark.parametrize(
    ("between", "receipt"),
    [("下方", True), ("下面的「已读」", True), ("", True), ("开始", False), ("领取", False)],
)
def test_what_stands_between_press_and_button(between: str, receipt: bool) -> None:
    assert _receipt_button(between) is receipt


def test_a_button_for_another_act_is_passed_over_and_the_reply_after_it_read() -> None:
    assert classify("看完请按开始按钮，并回复收到").label == "ack_request"


# -- a test message named whole --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("test", "notice"),
    [
        ("测试邮件将发送至收件人地址，请确认收到后再保存", "通知邮件已发送至各位邮箱，请确认收到"),
        ("测试消息将推送至本群，收到请回复", "会议消息已推送至本群，收到请回复"),
    ],
)
def test_a_test_message_asks_a_machines_reply(test: str, notice: str) -> None:
    assert classify(test).label == "other"
    assert classify(notice).label == "ack_request"

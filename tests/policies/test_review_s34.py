"""The last review's leftovers (s34-review, issue 11), each at the depth it belongs to; both sides
of every boundary. Every sentence is written for these tests; none is a corpus line.

- Goods or money right after the reading condition's verb (收到货, 收到款项) is no reading, in the
  condition itself (`reply.READ_CONDITION`), so every reader sees the same: the reply shapes, the
  members it picks out (`sure`), the lone listener (`listener.reply_alone`).
"""

from __future__ import annotations

import pytest

from policies import sure
from policies.classify import classify
from policies.listener import reply_alone
from policies.reply import READ_CONDITION
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
    [("已经收到货请点击确认", "已经收到通知请点击确认"), ("请确认已收到货物", "请大家确认已收到通知")],
)
def test_the_reply_shapes_read_it_as_before(goods: str, notice: str) -> None:
    assert classify(goods).label == "other"
    assert classify(notice).label == "ack_request"

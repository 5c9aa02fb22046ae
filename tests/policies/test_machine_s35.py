"""A machine as the doer or the addressee of the reply, in the reply's clause, makes the reply a
program's, not a demand on a group's members (stop 35, lead: three real look-alikes — a bot's
README option, a bot's event mode, a test message to a bot)."""

from __future__ import annotations

import pytest

from policies.classify import classify


@pytest.mark.parametrize(
    "text",
    [
        "如果希望机器人在群里回复“已记录”，加 `--reply`：",
        "机器人收到消息后回复原会话，不需要配置群号。",
        "机器人收到请回复~",
        "脚本收到指令后回复执行结果",
    ],
)
def test_a_machine_that_replies_is_no_demand(text: str) -> None:
    assert classify(text).label == "other"


@pytest.mark.parametrize(
    "text",
    [
        "请大家在机器人里回复收到",  # a place: 在 before the machine
        "请大家给机器人回复收到",  # the machine is who the members reply to
        "收到请回复，机器人会统计",  # the machine after the reply, in a clause of its own
        "通知：机器人上线了，收到请回复",
    ],
)
def test_members_asked_to_reply_stay_a_demand(text: str) -> None:
    assert classify(text).label == "ack_request"

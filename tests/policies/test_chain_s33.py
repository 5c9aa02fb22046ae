"""The 接龙 list and the notice around it (s33): a list is read by its numbered member entries,
whatever its description says — an agenda with a time and a place, a menu, an instruction to
sign up are the list's head, not a notice. A launch whose numbered slots are still empty has no
member yet: it is the notice, and the reply rules read it.

Real lines behind these shapes: real_messages.jsonl (the Toastmasters agenda with its sign-up, the
lunch menu with items 6–13, the morning-meeting roll call on empty slots 1)–8))."""

from __future__ import annotations

import pytest

from policies.chain import is_chain, parse_chain
from policies.classify import classify

# A description that reads like a notice (time, place, menu, "please sign up"), then members.
NOTICE_HEADED_LISTS = [
    "#接龙\n周三读书分享会，欢迎报名\n\n📆时间：7月8日周三19:30-21:00\n🏠地点：三楼会议室\n\n"
    "参与者请接龙报名：\n\n1. 文耐\n2. 俊杰\n3. 桂竹",
    "#接龙 明天午餐\n\n牛肉面馆\nA：牛肉面\nB：炸酱面\n\n请大家接龙：\n1. 小赵 A\n2. 老孙 B 不要香菜",
]

# The same notices before anyone has signed: numbered slots with nothing in them.
EMPTY_LAUNCHES = [
    "#接龙\n周三读书分享会，欢迎报名\n📆时间：7月8日周三19:30-21:00\n🏠地点：三楼会议室\n\n"
    "参与者请接龙报名：\n1.\n2.\n3.",
    "晨会通知，当班参会接龙：\n1)\n2)\n3)\n4)",
]


@pytest.mark.parametrize("text", NOTICE_HEADED_LISTS)
def test_a_notice_like_description_heads_a_list(text: str) -> None:
    chain = parse_chain(text)
    assert chain is not None and is_chain(text)
    assert all(len(item.text) <= 12 for item in chain.items)  # member entries, not points
    assert classify(text).label == "chain"


@pytest.mark.parametrize("text", EMPTY_LAUNCHES)
def test_empty_slots_are_no_list(text: str) -> None:
    assert parse_chain(text) is None and not is_chain(text)
    assert classify(text).label != "chain"


def test_a_roll_call_on_empty_slots_is_read_by_the_reply_rules() -> None:
    assert classify(EMPTY_LAUNCHES[1]).label == "ack_request"

"""Who a reply demand is said to (s33-one, issue 11): the singular 你 as its phrase's possessor
(你的…) speaks to one listener — a patient's brace, an agent's task — where a group notice names
the readers' own things with 你们的; both sides of the boundary. Every sentence is written for these
tests; none is a corpus line.

What s33-one found and did not change, pinned here so a later round sees why:
- a lone @mention at the head still changes nothing (`bot.evaluation.VARIANTS`' "@mention"): the
  reading of the addressee is the message's own grammar, the mention or not;
- a bare role noun as the subject of the reading condition (机器人收到请回复) was left alone: the
  open sets hold no group demand of that shape, but a class group's 家长收到请回复 would be one, and
  the tagger reads 主播 and 失主 as no noun, so the rule would have answered only the 机器人 lines.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.listener import said_to_one

# 你的 heading a phrase: the one listener's own thing, so the receipt asked is one person's.
TO_ONE = [
    "你的体检报告出来了，看到请回复",
    "你的快递放前台了，收到请回复",
    "@王芳 你的体检报告出来了，看到请回复",  # a lone @mention changes nothing
    "明天上午9点开会，你的发言稿准备好，看到请回复",
]
# The near lines: the plural 你们的, 你的 within a phrase (an object, a template's field), a lone
# @mention before a group demand, a group named beside 你的.
TO_MANY = [
    "你们的表格已收齐，看到请回复",
    "看完请按下面按钮，系统会记录你的回复时间",
    "请回复：[你的名字]+收到",
    "@王芳 收到请回复",
    "请大家看到后回复收到，你的名字写在前面",
]


@pytest.mark.parametrize("text", TO_ONE)
def test_your_thing_at_a_phrase_head_speaks_to_one(text: str) -> None:
    assert said_to_one(text) == "你"
    assert classify(text).label == "other", classify(text)


@pytest.mark.parametrize("text", TO_MANY)
def test_the_same_demand_said_to_many_is_demanded(text: str) -> None:
    assert classify(text).label == "ack_request", classify(text)

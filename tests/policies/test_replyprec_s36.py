"""s36-replyprec: precision of the reply demand (ack_request), tested on both sides.

- money received: the word the tagger cuts right after the reading verb a compound headed by 金
  (定金, 押金, 保证金, 年终奖金: `reply._money_after`) — not any character before 金 (黄金周, 金秋,
  金老师 keep the reading condition).
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.reply import READING, _after_reading
from policies.text import fold

# -- money received: a noun headed by 金, as the tagger cuts it ------------------------------------


@pytest.mark.parametrize(
    "text",
    ["请确认已收到定金", "收到订金。", "收到定金等", "请确认已收到保证金", "请确认已收到押金，再办理退房"],
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

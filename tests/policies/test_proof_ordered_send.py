"""The picture as the topic, a binding order as its comment, then 发 (s31-proofr): "打卡截图请统一
在晚上8点前发". Lines written for these tests, in no corpus (the corpus lines are in the sets): each
pair has the same words on both sides, only the structure differs.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain
from policies.proof import delivered

# (look-alike, demand)
PAIRS = [
    # the bare modal 要 says what has to happen to the picture (told); 请 orders it
    ("巡查照片要在晚上8点前发", "巡查照片请在晚上8点前发"),
    # a phrase mark between: the picture and the send in two clauses, the order on another verb
    ("打卡截图，请统一在晚上8点前发", "打卡截图请统一在晚上8点前发"),
    # no order between the picture and its 发: the picture's send told
    ("学习截图晚上8点前发的", "学习截图务必晚上8点前发"),
]


@pytest.mark.parametrize(("lookalike", "demand"), PAIRS)
def test_the_order_between_the_picture_and_its_send_decides(lookalike: str, demand: str) -> None:
    assert classify(lookalike).label == "other", explain(lookalike)
    assert classify(demand).label == "proof_request", explain(demand)


@pytest.mark.parametrize(
    ("text", "sent"),
    [
        ("定位请按时发", True),
        ("截图请于今晚10点前发", True),
        ("照片要发给画图的模型才能生成主角", False),  # 要: told
        ("截图我晚点发", False),  # no order between
        ("照片请收好，明天发", False),  # the order on another clause
    ],
)
def test_delivered_reads_the_ordered_send(text: str, sent: bool) -> None:
    assert delivered(text) is sent

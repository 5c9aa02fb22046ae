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
    # the speaker's own send told (我); 请 orders it — and so does the modal 要 (s32-piecesp:
    # probe 3's 签到截图+学习截图都要发 is a demand; the bare-modal exception decided it alone, wrongly)
    ("巡查照片我在晚上8点前发", "巡查照片请在晚上8点前发"),
    ("巡查照片我在晚上8点前发", "巡查照片要在晚上8点前发"),
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
        ("照片都要发，缺一不可", True),  # 要 orders (s32-piecesp; probe 3's line)
        ("截图我晚点发", False),  # no order between
        ("照片请收好，明天发", False),  # the order on another clause
    ],
)
def test_delivered_reads_the_ordered_send(text: str, sent: bool) -> None:
    assert delivered(text) is sent

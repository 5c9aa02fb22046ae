"""The activity side of proof demands (LABELS.md: 巡查时拍照发群里, 学习完截图上传): a thing done,
read by its grammar — a verb phrase before 后/时 and the picture later in the same clause — not
by a list of activities. Lines written for these tests, in no corpus.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain

# (look-alike, demand): the same medium and verbs, only the structure differs
AFTER_PAIRS = [
    # the moment (盘点时, 排查后) with an order and the picture later in its clause; 时间 is a
    # time (opening hours), not "when"
    ("门口的营业时间牌拍照发上来", "盘点时请上传货架的陈列照片"),
    ("新店的营业时间表请拍照发过来", "排查后请上传隐患点位的照片"),
    # the picture in another clause: something met on the way, told
    ("送货时遇到一条狗，拍了视频发到群里", "卸货后请用自己的手机重新拍摄车厢并上传"),
]


@pytest.mark.parametrize(("lookalike", "demand"), AFTER_PAIRS)
def test_the_moment_reaches_the_picture_in_its_clause(lookalike: str, demand: str) -> None:
    assert classify(lookalike).label == "other", explain(lookalike)
    assert classify(demand).label == "proof_request", explain(demand)

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


# (look-alike, demand): the shot after a thing done is 拍 and a count or its object (拍几张, 拍张,
# 拍个照, 拍段视频), not a list of counts — and 拍了 tells a shot taken, it orders none
SHOT_PAIRS = [
    ("仓库盘点完拍了几张货架", "仓库盘点完拍几张货架"),
    ("巡检后拍了张配电箱", "巡检后拍张配电箱"),
    ("消杀完拍了段视频", "消杀完拍段视频"),
    # the same shot after an order given for an activity (巡检时请…)
    ("巡检时拍了几张配电箱", "巡检时请拍几张配电箱"),
]


@pytest.mark.parametrize(("lookalike", "demand"), SHOT_PAIRS)
def test_the_shot_is_a_verb_and_its_count(lookalike: str, demand: str) -> None:
    assert classify(lookalike).label == "other", explain(lookalike)
    assert classify(demand).label == "proof_request", explain(demand)


def test_a_post_taken_up_is_read_by_its_after() -> None:
    """上岗 is no activity word of its own (it was there for one session-written line): a picture
    after taking up the post is ordered by the 后 slot; the post's certificate (上岗证) is a
    document, not a trace."""
    lookalike, demand = "新员工的上岗证照片发一下", "保安上岗后拍张照片发群"
    assert classify(lookalike).label == "other", explain(lookalike)
    assert classify(demand).label == "proof_request", explain(demand)

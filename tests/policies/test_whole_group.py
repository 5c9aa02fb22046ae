"""The whole group addressed (`policies.guards.WHOLE_GROUP`) and the partners that shared its
lines, each read by structure — boundary pairs with forms in no corpus."""

from __future__ import annotations

import pytest

from policies import proof
from policies.classify import classify

DEMAND = {"ack_request", "proof_request"}


# (unsure, sure): 各 + any unit, any plural in 们 but a pronoun's, a deadline asked with 请于…前
SURE = [
    ("请回复收到", "请各仓储科回复收到"),  # 各 + any unit
    ("请拍照发群", "请各加油站拍照发群"),
    ("请回复收到", "请各车间2人回复收到"),  # a unit and its count, still each unit
    ("你们看到请回复收到", "保管员们看到请回复收到"),  # a plural noun, not a pronoun
    ("咱们看到请回复收到", "驾驶员们看到请回复收到"),
    ("请回复收到", "请于本月25号前回复收到"),  # the time asked for: 请于…前
]


@pytest.mark.parametrize(("bare", "aimed"), SURE)
def test_the_whole_group_or_a_deadline_makes_the_demand_sure(bare: str, aimed: str) -> None:
    unsure, sure = classify(bare), classify(aimed)
    assert unsure.label in DEMAND and sure.label in DEMAND, (bare, aimed)
    assert (unsure.sure, sure.sure) == (False, True), (bare, aimed)


@pytest.mark.parametrize(
    "text", ["正反两面各拍一张发群", "请各录一段发群", "请把各种单据拍照发群", "他们拍照发群"]
)
def test_each_with_a_count_a_kind_or_a_pronoun_addresses_nobody(text: str) -> None:
    assert not classify(text).sure, text


@pytest.mark.parametrize(
    ("text", "routine"),
    [
        ("请每半小时发一次照片到群里", True),  # 每 + a period
        ("外勤每两个小时发一次定位", True),
        ("每张照片发群前请打码", False),  # 每 + a thing, not a period
    ],
)
def test_a_routine_is_every_period(text: str, routine: bool) -> None:
    assert bool(proof._ROUTINE_PROOF.search(text)) is routine


@pytest.mark.parametrize(
    ("text", "proved"),
    [
        ("巡堤请拍照发群", True),  # a patrol of any object
        ("盘点完后拍照发群", True),  # a task finished
        ("盘点表拍照发群", False),
        ("请把照片发群", False),
    ],
)
def test_an_activity_proved_is_a_patrol_or_a_task_finished(text: str, proved: bool) -> None:
    assert bool(proof.proves_activity(text)) is proved


@pytest.mark.parametrize(
    ("text", "trace"),
    [
        ("证书照片发群，照片要能认出本人", True),  # the picture's required content: 要能 + a verb
        ("证书照片发群，照片要清楚", False),
    ],
)
def test_a_pictures_required_content_is_a_trace(text: str, trace: bool) -> None:
    assert bool(proof._MUST_SHOW.search(text)) is trace

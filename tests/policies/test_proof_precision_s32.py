"""Precision of the check-in cue (s32-proofp): a check-in judged — the object of a verb of fitness
(适合拍照打卡) or the subject of a degree adverb (拍照打卡很方便) — in a message that orders nothing
and names no duty, and a check-in asked whether (是否拍照打卡: a setting, a yes/no question). Both
sides of each boundary; lines written for these tests, in no corpus (the real lines are in
corpora/real/lookalike_messages.jsonl, s32-proofp batch).
"""

from __future__ import annotations

import pytest

from policies import proof
from policies.classify import classify
from policies.explain import explain

# (look-alike, demand)
PAIRS = [
    # the check-in the object of 适合 / 值得, right before its shot: what a place is good for — not
    # once an order (请, 每天) or a duty (巡查) makes it a trace, nor a check-in 适合 does not govern
    ("湖边栈道很安静，适合拍照打卡。", "湖边栈道巡查完，请拍照打卡。"),
    ("这家书店每个角落都适合拍照打卡", "这家书店每天都要拍照打卡"),
    ("老街值得拍照打卡", "巡查老街时拍照打卡"),
    ("天气适合出门，拍照打卡很方便", "天气适合出门，大家记得拍照打卡"),
    # the check-in the subject of a degree adverb (很, 真的, 特别) right after it: judged — not 超过
    # (a verb), nor a judgement in a message that orders (务必) or names a duty (巡河)
    ("山顶拍照打卡很好看", "山顶拍照打卡超过三次有奖励"),
    ("那个咖啡馆拍照打卡真的很出片", "每天拍照打卡很重要，大家务必坚持"),
    ("夜景拍照打卡特别美", "巡河拍照打卡特别重要"),
    # 是否 right before the shot: the check-in asked whether, one choice of a setting — not the
    # check-in ordered, nor 是否 before another word (是否已经: the shot's own clause)
    ("是否拍照打卡", "请拍照打卡"),
    ("请选择是否拍照打卡", "请选择时间拍照打卡"),
]


@pytest.mark.parametrize(("lookalike", "demand"), PAIRS)
def test_judged_and_whether_check_ins_are_no_demand(lookalike: str, demand: str) -> None:
    assert classify(lookalike).label == "other", explain(lookalike)
    assert classify(demand).label == "proof_request", explain(demand)


@pytest.mark.parametrize(
    ("text", "judged"),
    [
        ("适合拍照打卡", True),
        ("拍照打卡很方便", True),
        ("适合拍照打卡，请大家拍照打卡", False),  # one check-in judged, the other ordered
        ("拍照打卡", False),
        ("请在景点拍照打卡，很方便", False),  # 很 opens a clause of its own
    ],
)
def test_is_judged_reads_every_check_in(text: str, judged: bool) -> None:
    assert proof.is_judged(text) is judged

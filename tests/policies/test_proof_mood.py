"""A picture no reader is ordered to take (issue 11, s30-proofp): the mood of the picture's own
clause — banned, suffered, optional, offered, of a thing found — and the keepsake or the looks a
shared picture is chosen for. Lines written for these tests: the look-alike each reading leaves
`other` and the demand beside it that it must not touch.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain
from policies.proof import unordered

# (look-alike, demand): the same medium and destination, only the mood differs
PAIRS = [
    # banned: the ban governs the picture's verb phrase (its owner's 的 inside it) …
    ("禁止将巡查照片发到其他群里", "请将巡查照片发到群里"),
    ("各位注意：严禁把孩子的照片发到家长群", "各位注意：请把巡查照片发到工作群"),
    # … not a clause of its own the ban is in (不能参加的…请拍照), a reminder, a deadline
    ("各位网格员不能随便拍照发群里", "因故不能参加的同志请拍照说明原因发群里"),
    ("各位网格员不能随便拍照发群里", "不要忘记巡查后拍照发群"),
    ("各位网格员不能随便拍照发群里", "不得迟于18点把巡查照片发群里"),
    # … nor a verb holding its own object (禁毒, 勿忘): the ban ends the word (严禁, 禁止, 请勿)
    ("严禁将禁毒宣传活动照片发到其他群", "请各单位将禁毒宣传活动照片发群里"),
    ("切勿把巡查照片发到外部群", "勿忘巡查后拍照发群"),
    # suffered: someone else's shot
    ("大家的聊天内容可能被截图发到别的群里，注意言辞", "聊天记录请截图发到群里"),
    ("各位小心被人拍照发到业主群", "保洁完请拍照发到业主群"),
    # optional: the sentence makes it a choice
    ("饭后大家拍照发群（可选）", "巡查后大家拍照发群（必须）"),
    ("巡查后大家拍个合影发群（选做）", "巡查后大家拍个合影发群"),
    # offered: 可以 on the picture's verb, no order, no day, no duty proved
    ("路上看到的风景大家可以拍照发群里", "各位可以把巡查照片发群里"),
    ("活动的照片大家可以发群里", "活动的照片大家今晚8点前可以发群里"),
    # found: the picture shows a thing found — information for someone to act on
    ("请大家发现问题拍照发群里", "请大家巡查后拍照发群里"),
    ("各位业主发现电梯故障请拍照发到业主群", "各位业主清理楼道杂物后请拍照发到业主群"),
    ("各位网格员巡查时发现隐患拍照发群里", "巡检发现问题要拍照，整改后再拍一张，两张一起发群留档"),
    # a keepsake, pictures chosen for their looks: shared for the pleasure of them
    ("今天的活动照片大家发群里，留个纪念", "今天的活动照片大家发群里，留痕备查"),
    ("大家拍的漂亮的视频发群里", "大家拍的巡查视频发群里"),
    # a group photo proves nothing by itself: ordered to the group, or after a duty, it is a trace
    ("合影发群，最好的社群运营素材", "大家拍个合影发群，最好的社群运营素材"),
    ("合影发群，最好的社群运营素材", "巡查后合影发群"),
]


@pytest.mark.parametrize(("lookalike", "demand"), PAIRS, ids=[s[:12] for s, _ in PAIRS])
def test_the_mood_sets_the_lookalike_aside_and_keeps_the_demand(
    lookalike: str, demand: str
) -> None:
    assert classify(lookalike).label == "other", classify(lookalike)
    assert classify(demand).label == "proof_request", classify(demand)


@pytest.mark.parametrize(
    ("text", "mood"),
    [
        ("不准随意截图或转发群里的聊天记录", "banned"),
        ("聊天内容可能被截图发到别的群里", "suffered"),
        ("活动结束拍一张合影发群（选做）", "optional"),
        ("路上看到的风景可以拍照发群里", "offered"),
        ("发现楼道堆放杂物拍照发群里", "found"),
        ("巡查时拍照发群里", None),
        # one picture ordered is enough: the second is asked, whatever the first
        ("不准随意截图，巡查后拍照发群里", None),
        ("可以拍照发群里，今天下午5点前", None),  # a deadline: 可以 orders softly
        ("发现问题拍照留痕", None),  # the trace named
    ],
)
def test_each_mood_is_read_in_the_pictures_clause(text: str, mood: str | None) -> None:
    assert unordered(text) == mood


def test_explain_names_the_mood() -> None:
    cues = {cue.name: cue for cue in explain("不准随意截图或转发群里的聊天记录")}
    assert cues["guard:unordered"].fired and cues["guard:unordered"].detail == "banned"
    kept = {cue.name: cue for cue in explain("请各位巡查完截图发群里")}["guard:unordered"]
    assert not kept.fired

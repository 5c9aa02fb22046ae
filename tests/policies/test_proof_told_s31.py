"""Precision of the proof cues to-group, trace and check-in (s31-togroup): a trace ordered only by an
order's word in its own phrase or the picture's; a picture told in the perfect — a shot taken
(拍了几张照片), a sending done (照片已发群); a person named at the head, set off by a comma, the one
listener (小李，…); and 有, what a picture must show (照片要有…), read as the verb only where a word
begins (not 真实有效). Both sides of each boundary; lines written for these tests, in no corpus.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain

# (look-alike, demand)
PAIRS = [
    # the trace's order in another phrase governs something else (每个摊位: each stall; 需要核对: a
    # need explained) — in the trace's or the picture's own phrase it orders the shot, and the
    # whole group (各村) laid the duty on is addressed wherever it is named
    ("为每个摊位建立电子档案，把营业执照、拍照留痕与检查记录一一对应", "巡查时请拍照，留痕备查"),
    ("物业需要核对施工进度，所以会拍摄现场照片作为依据。", "施工时要拍摄现场照片，作为验收依据"),
    # 有 of what the picture must show is the verb only where a word begins: not inside 有效, 所有
    ("参赛照片必须真实有效，发现作假取消资格", "作品照片须有作者本人出镜"),
    # one person named at the head, set off by a comma: the one it speaks to — not a time word
    # the name grammar would read (周五), nor the many (各村)
    ("小李，检查完拍照发群里", "周五，检查完拍照发群里"),
    ("刘主任，今天巡查的照片发一下群里", "各村今天巡查的照片发一下群里"),
    # a shot taken (拍了 + its count), a sending done (照片已发群): told — not the bare shot ordered,
    # nor a relative clause (拍了照片的: those who did), nor a phrase that asks (请大家…)
    ("刚检查完，拍了几张照片发群里", "检查完拍几张照片发群里"),
    ("今天的巡查照片已发群", "今天的巡查照片发群"),
    ("消杀现场照片已发群里", "检查完拍了照片的发群里"),
    ("拍了两张巡查照片，已经发群里", "请大家检查完拍了照片发群里"),
]


@pytest.mark.parametrize(("lookalike", "demand"), PAIRS)
def test_told_and_ungoverned_pictures_are_no_demand(lookalike: str, demand: str) -> None:
    assert classify(lookalike).label == "other", explain(lookalike)
    assert classify(demand).label == "proof_request", explain(demand)


# Still demands: a trace normed or addressed, a trailing signature read around
@pytest.mark.parametrize(
    "text",
    [
        "开会的拍个照发上来，要留痕",
        "下午的应急演练各单位拍照报送，作为台账材料",
        "各村巡查照片统一报送，作为台账材料",
        "分享链接到3个以上微信群，截图为证。",
        "巡查照片还没发的抓紧发群里，已发的不用再发",
    ],
)
def test_still_demands(text: str) -> None:
    assert classify(text).label == "proof_request", explain(text)

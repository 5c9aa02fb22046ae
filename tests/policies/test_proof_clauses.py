"""The activity before a shot, read from clause structure (s29-proofrec): a clause of time before
the picture's clause in its sentence (打扫完…后，拍…照发群), a duty and its object cut apart by the
tagger (巡 楼, 盘库), a thing done and the perfective 了 right before the shot (巡查了拍照), the
shot's own object in 照 (拍合照, 拍前后对比照), a trace handed in by every unit, those who have not
sent it (没发的) after the picture's clause, and one's live location sent on an order. Both sides of each boundary;
lines written for these tests, in no corpus.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain

# (look-alike, demand)
PAIRS = [
    # a clause of time before the picture's clause: a thing done, then the shot ordered — not the
    # shot told (拍了) or offered (可附上), nor a caption (拍的照片)
    ("走完那段山路后，拍了照片发到群里", "清洁工打扫完走廊后，拍前后对比照发群。"),
    ("整理完资料后，如有疑问可附上截图", "整理完仓库后，拍一张照片发群里"),
    ("巡查时拍的照片", "巡查完，拍照发群里"),
    ("他巡查了拍照留念", "巡查了拍照"),
    ("我巡查了拍照", "巡查了拍照发群"),
    # a duty whose verb the tagger cut from its object (巡 楼) or glued to it as a noun (盘库)
    ("亲要拍照哦", "巡楼记得拍照"),
    ("发票请拍照", "盘库请拍照发群"),
    # the shot's own object in 照 (合照, 对比照), not the perfective (拍了合照: told)
    ("我们到了目的地，拍了合照发群里", "活动结束后拍合照发群"),
    # 会 the meeting finished (开完会), not the modal
    ("开完会我会拍照发群里", "开完会拍照发群里"),
    # those who have not sent (没发的), the picture named in the clause before: a chase
    ("照片我发了，没发的是他", "各班的巡查照片发一下，没发的抓紧"),
    ("今天的会议纪要发一下，没发的扣分", "各店今天的早会视频发一下，没发的通报"),
    # a trace (留痕, 台账) handed in by every unit
    ("拍照留痕搞到最后，谁都累", "各村巡查照片统一报送，作为台账材料"),
    ("他们的演练照片早就报送了，作为台账材料", "下午的消防演练各单位拍照报送，作为台账材料"),
]


@pytest.mark.parametrize(("lookalike", "demand"), PAIRS)
def test_the_activity_is_read_from_the_clauses(lookalike: str, demand: str) -> None:
    assert classify(lookalike).label == "other", explain(lookalike)
    assert classify(demand).label == "proof_request", explain(demand)


# (look-alike, demand): one's live location sent on an order — not a meet-up's location, a shop's
# address, or a question to one person
LOCATION_PAIRS = [
    ("到了在群里发定位", "上下班请发实时定位，缺一不可"),
    ("大家到了发个定位", "请各巡逻员现在发一下实时位置"),
    ("门店位置发一下", "请各值班员现在发一下实时定位"),
    ("你现在在哪？发个定位", "上班请发实时位置到群里"),
]


@pytest.mark.parametrize(("lookalike", "demand"), LOCATION_PAIRS)
def test_a_location_sent_proves_a_post(lookalike: str, demand: str) -> None:
    assert classify(lookalike).label == "other", explain(lookalike)
    assert classify(demand).label == "proof_request", explain(demand)


# Still not demands: a product review's offer asked as a question, a picture for the readers
@pytest.mark.parametrize(
    "text",
    [
        "收到货拍照给你们看看吧？",
        "旅游时大家玩得开心，拍照发群里",
        "夏天跑外勤时偶遇了一只猫，拍了照片发到群里",
    ],
)
def test_still_not_demands(text: str) -> None:
    assert classify(text).label == "other", explain(text)

"""Pictures owed (s28-proofB): a count of pictures someone owes (a quota), a picture of the
moment now, a picture made up for, a picture after a thing finished. The sentences are written for
these tests (forms in no corpus), both sides of each boundary."""

from __future__ import annotations

import pytest

from policies import proof
from policies.text import fold


@pytest.mark.parametrize(
    ("text", "owed"),
    [
        ("各中队收集夜巡图片2-4张", True),  # each unit, before the picture
        ("夜巡相片（至少4张）", True),  # a minimum inside
        ("夜巡相片各2张", True),
        ("夜巡照片2张上报支队", True),  # handed in after it
        ("夜巡照片2-4张，周四下班前交", True),  # a deadline in its sentence
        ("上报夜巡照片4张", True),
        ("宣传海报1张，展板图片2张", False),  # 海报's 报 is no verb of handing in
        ("店铺相册：门头照片1-3张", False),  # a count nobody owes: a spec
        ("每款商品主图5张", False),  # no picture noun (主图), no head before a picture
        ("各位好", False),
    ],
)
def test_a_quota_is_a_count_someone_owes(text: str, owed: bool) -> None:
    assert (proof.quota(fold(text)) is not None) is owed


@pytest.mark.parametrize(
    ("text", "now"),
    [
        ("各位同事，此刻大家在忙什么？拍张工位照片发上来", True),  # the moment, the group, sent
        ("各位家长，孩子们正在干啥呢？发段视频过来", True),  # the progressive asked
        ("孩子们正在干啥呢？发段视频过来", False),  # no group addressed
        ("各位家长，现在发一下实时位置", False),  # where they are, no picture of what they do
        ("各位，现在的照片都存在相册里", False),  # no picture sent
    ],
)
def test_a_picture_of_the_moment_now(text: str, now: bool) -> None:
    assert proof.right_now(fold(text)) is now


@pytest.mark.parametrize(
    ("text", "chased"),
    [
        ("今晚收口前还可以补交夜巡照片并完成签到", True),  # a duty's picture made up for
        ("请尽快补交夜巡照片", True),  # pressed for
        ("点击补交照片即可上传", False),  # a program's button: no duty, no trace, no hurry
        ("网络断开，暂时无法补传照片", False),
    ],
)
def test_a_picture_made_up_for_is_a_duty_s(text: str, chased: bool) -> None:
    assert proof.chases_proof(fold(text)) is chased


@pytest.mark.parametrize(
    ("text", "proves"),
    [
        ("夜巡完影张相发上嚟", True),  # Cantonese: a shot after a thing finished
        ("开完会后把会场照片发群", True),
        ("最后一张照片发群", False),  # 最后: the last one, not after
        ("会开完了。照片在相册里", False),  # another sentence
    ],
)
def test_a_picture_after_a_thing_finished(text: str, proves: bool) -> None:
    assert proof._proves_something(fold(text)) is proves


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("本周团课学习截图", True),  # a duty's screenshot, named alone
        ("值班签到截图呢", True),
        ("聊天截图", False),  # no duty: a caption
        ("游戏通关截图呢", False),
        ("请大家本周五前把团课学习截图发到群里", False),  # too long to be a name alone
    ],
)
def test_a_trace_named_alone_is_a_duty_s_screenshot(text: str, named: bool) -> None:
    assert proof.named_trace(fold(text)) is named


@pytest.mark.parametrize(
    ("text", "reminder"),
    [
        ("晚饭时间到啦~ 拍张照片打卡哦", True),  # chat, to no member, no order, no duty
        ("千万别忘了给午餐拍个照哟", True),
        ("大家拍照发群里哦", False),  # the group addressed
        ("亲爱的队员们，拍张合影发群里哦", False),  # the members by their plural
        ("巡河完拍照发群里哦", False),  # a duty the picture proves
        ("每天拍照打卡哦", False),  # an order: every day
    ],
)
def test_a_chatty_reminder_needs_no_word_of_memory(text: str, reminder: bool) -> None:
    assert (proof.reminds_one(fold(text)) is not None) is reminder


@pytest.mark.parametrize(
    ("text", "paid"),
    [
        ("退款成功后截图发客服", True),  # a word in 款 is the money
        ("汇款后把截图发我", True),
        ("这款相机的照片发群里", False),  # a kind of goods, no money
        ("同一款截图", False),
    ],
)
def test_the_money_is_a_word_in_kuan_not_a_kind(text: str, paid: bool) -> None:
    assert (proof.payment_voucher(fold(text)) is not None) is paid


@pytest.mark.parametrize(
    ("text", "shared"),
    [
        ("周末聚餐我就不来了，你们多拍点照片发群里", True),  # the speaker not going: to share
        ("这次露营我实在参加不了，祝大家玩得愉快，照片发群里", True),
        ("这周巡河我不去了，大家巡河时拍照发群里", False),  # a duty the picture proves
    ],
)
def test_photos_asked_by_one_not_going_are_shared(text: str, shared: bool) -> None:
    assert proof.is_shared(fold(text)) is shared

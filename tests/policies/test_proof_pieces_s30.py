"""s30: one-line pieces of policies.proof read by structure (invented lines, each reading on both
sides of its boundary)."""

from __future__ import annotations

import pytest

from policies import proof
from policies.classify import classify
from policies.text import fold


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a minimum of one is the picture asked at all: an upload's check, no quota
        ("必须上传本人正面图片，至少上传一张照片", "other"),
        ("请至少上传1张照片", "other"),
        # a minimum of more, or one owed by each member, is a number of pictures owed
        ("至少上传三张现场照片", "proof_request"),
        ("照片至少1-3张，请上传", "proof_request"),
        ("每人至少上传一张照片", "proof_request"),
        ("至少每人一张照片上传", "proof_request"),
    ],
)
def test_a_minimum_of_one_picture_is_no_quota(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the words before the picture's kind are its name, a form field's label
        ("请上传到达现场照片", "other"),
        ("请上传离开现场照片", "other"),
        # the thing done named outside the name, a group, or readers: a trace asked of people
        ("到达现场后请上传现场照片", "proof_request"),
        ("请上传到达现场照片发到群里", "proof_request"),
        ("网格员们请上传到达现场照片", "proof_request"),
        # a duty among the words of the name names its trace
        ("请上传入户走访现场照片", "proof_request"),
        ("请上传整改完成照片", "proof_request"),
    ],
)
def test_the_pictures_whole_name_is_a_form_fields_label(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a word of prohibition whose verb is the shot, or the sending of the picture: a ban
        ("不准随意截图或转发群里的聊天记录", "other"),
        ("不许随意截图转发到其他群", "other"),
        ("严禁私自拍照发群", "other"),
        ("禁止发照片到群里", "other"),
        ("各位禁止发照片到群里", "other"),
        ("严禁随意转发截图", "other"),
        ("不要把照片发群里", "other"),
        # the ban on something else, an order besides it, or the bare 不 of those who do not
        ("巡查照片发群，不准随意转发", "proof_request"),
        ("巡查时必须拍照发群，不得用旧照片", "proof_request"),
        ("别忘了巡查后拍照发群", "proof_request"),
        ("请大家不断拍照发群", "proof_request"),  # 不断 keeps on; the 请 orders
        ("巡查后不拍照发群的扣分", "proof_request"),
        ("巡查时不能只拍照发群，还要填写台账", "proof_request"),  # only the picture banned
    ],
)
def test_a_ban_on_the_picture_is_no_order_to_take_it(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "banned"),
    [
        ("不准随意截图或转发群里的聊天记录", True),
        ("勿拍照发群", True),
        # an idiom or a noun holding a negator orders the act: don't forget it
        ("巡查时别忘了拍照发群", False),
        ("巡查时别忘记拍照发群", False),
        ("别忘了为今天的早餐拍照打卡", False),
        ("巡查时勿忘拍照发群", False),
    ],
)
def test_a_word_of_prohibition_is_a_negator_alone_or_a_verb_or_adverb(
    text: str, banned: bool
) -> None:
    assert (proof.unordered(fold(text)) == "banned") is banned


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # writing and its result, then the paper photographed: the work itself
        ("心得抄完拍照发群", "other"),
        ("表格填好拍照发群", "other"),
        ("请大家把发言稿写满拍照发群", "other"),
        ("写完作业拍照发群", "other"),
        # a form done online shown by a screenshot, two acts (填报), a duty named besides
        ("问卷填完截个图发群里", "proof_request"),
        ("请大家填报后拍照发群", "proof_request"),
        ("学习笔记写完拍照发群", "proof_request"),
    ],
)
def test_what_was_written_photographed_is_the_work(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the pictures earn a counted gain and prove no duty: a promotion's rule, owed by no one
        ("晒单至少上传3张图片，审核通过即可获得1个赠币", "other"),
        ("好评晒图至少3张，审核后获得5个金币", "other"),
        ("上传订单成功页面截图，即可获得2个积分", "other"),
        # a duty proved (an incentive for the trace is still the trace), or a penalty, not a gain
        ("每人上传3张巡查照片，审核通过即可获得2个积分", "proof_request"),
        ("学习后截图发群，可获得2个积分", "proof_request"),
        ("每人上传3张照片，未上传的扣2分", "proof_request"),
        ("每人至少上传3张照片，审核通过即可获得1个积分", "proof_request"),  # a task set them
    ],
)
def test_pictures_paid_for_are_a_promotions_rule(text: str, label: str) -> None:
    assert classify(text).label == label

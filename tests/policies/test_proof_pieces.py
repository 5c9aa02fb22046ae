"""Issue 11's one-line pieces of policies.proof, read by structure instead (written for these
tests, each on both sides of its boundary)."""

from __future__ import annotations

import pytest

from policies import proof
from policies.classify import classify
from policies.text import fold


@pytest.mark.parametrize(
    ("text", "chased"),
    [
        # 补 + a verb of sending or handing in the module reads elsewhere: the picture made up for
        ("请尽快补上传巡查照片", True),
        ("请尽快补报送巡查照片", True),
        ("请尽快补晒巡查照片", True),
        ("没交的请尽快补交学习截图", True),
        # 补 + any other verb (补充, 补拍) sends nothing; the speaker's own; done already
        ("请尽快补充巡查照片的说明", False),
        ("我补传一下巡查照片", False),
        ("已补报巡查照片", False),
    ],
)
def test_a_picture_made_up_for_is_bu_and_a_verb_of_sending(text: str, chased: bool) -> None:
    found = classify(text)
    assert ("proof:chase" in found.reasons) is chased, found


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # someone (a pronoun, the group) taking part by the pictures: 云 + a verb — to share
        ("你们多拍照片发群里，我云爬山", "other"),
        ("你们多拍点照片发群里，让我们也云旅游一下", "other"),
        ("你们多拍照片发群里，大家一起云赏花", "other"),
        # the 云 of a product or a name: nobody takes part by it
        ("巡查完拍照发群里，再上传到政务云", "proof_request"),
        ("请大家把云平台截图发群里", "proof_request"),
    ],
)
def test_taking_part_by_the_pictures_is_sharing(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a trace purpose laid on the group (each unit), no 请 needed
        ("明天的消防演练各单位拍照报送，作为台账材料", "proof_request"),
        ("各村巡河拍照上报，留痕备查", "proof_request"),
        # the same purpose complained about, or the speaker's own: no group it is laid on
        ("拍照留痕搞到最后，活都没人干了", "other"),
    ],
)
def test_a_trace_laid_on_the_group_is_a_demand(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "chased"),
    [
        # 没发的: those who have not sent, the object the clause before's picture
        ("今天的晨会视频发一下，没发的扣分", True),
        ("请把学习截图发群里，没发的抓紧", True),
        # the clause before sends no picture, or the speaker's own
        ("通知发一下，没发的抓紧", False),
        ("截图我发了，我没发的那张明天补", False),
    ],
)
def test_a_picture_owed_by_those_who_have_not_sent_it(text: str, chased: bool) -> None:
    assert ("proof:chase" in classify(text).reasons) is chased


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # politeness alone (an adjective: 麻烦, 劳烦, 辛苦) in a question asks a favour
        ("学完麻烦截图发我？", "other"),
        ("学完劳烦截图发我？", "other"),
        ("学完辛苦截图发我？", "other"),
        # an adverb that binds, or politeness to many, still orders
        ("学完务必截图发我？", "proof_request"),
        ("麻烦大家学习完截图发群里？", "proof_request"),
    ],
)
def test_politeness_in_a_question_asks_a_favour(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "handed_in"),
    [
        # the picture, then far after it its verb of handing in, in one clause: its object,
        # whether 将 puts it first or not
        ("请各村将巡查情况（文字和照片）、群众意见（每村不少于3条）于周五前报送镇政府", True),
        ("各村巡查情况（文字和照片）及群众意见汇总后于周五前报送镇政府", True),
        # a comma between: the verb's object is another clause's
        ("照片先留在手机里，群众意见汇总后于周五前报送镇政府", False),
    ],
)
def test_a_picture_is_the_object_of_a_verb_after_it_in_its_clause(
    text: str, handed_in: bool
) -> None:
    assert proof.delivered(fold(text)) is handed_in


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # the picture named by the duty it proves, right before it or before 的 and it
        ("关注截图发我", True),
        ("你们拜访的照片发上来", True),
        ("巡楼照片发一下", True),
        # a duty elsewhere in the message, not naming the picture; a picture of something else
        ("关注一下，把截图发我", False),
        ("把聊天截图发我", False),
    ],
)
def test_a_picture_named_by_its_duty(text: str, named: bool) -> None:
    assert proof._duty_pictured(fold(text)) is named


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the page of a thing done, with or without the attributive 的: what the picture proves
        ("请大家把报名成功的页面截图发上来", "proof_request"),
        ("请大家把报名成功页面截图发上来", "proof_request"),
        # a page of nothing done, or of a failure (help asked)
        ("请大家把报名的页面截图发上来", "other"),
        ("请大家把登录失败的页面截图发上来", "other"),
    ],
)
def test_the_page_of_a_thing_done(text: str, label: str) -> None:
    assert classify(text).label == label

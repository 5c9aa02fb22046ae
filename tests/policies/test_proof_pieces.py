"""Issue 11's one-line pieces of policies.proof, read by structure instead (written for these
tests, each on both sides of its boundary)."""

from __future__ import annotations

import pytest

from policies.classify import classify


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

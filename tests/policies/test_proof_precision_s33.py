"""Proof precision (s33-proofprec, issue 11): two classes of real look-alike set aside by structure,
each pinned on both sides. Every sentence is written for these tests; none is a corpus line.

- a picture that was posted, the passive's subject (视频被发到群里, 照片被人发到…群里): told — a news
  story, a game's event, a scenario — not a picture the readers owe. The shot that takes the picture
  right before it is the same act (偷拍视频被发到群里). 被 before the picture (被拍照) was read already;
- the product's user heading the phrase of a picture (用户上传…, 开启后，用户必须上传…): an app or a
  setting described in the third person. An order to a work group names its readers, not 用户.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.normalize import normalize
from policies.proof import app_user, unordered

# The picture posted, told: its subject the picture, 被 and a verb of sending after it.
POSTED = [
    "会议现场的照片被发到了业主群",
    "他的截图被人传到工作群里",
    "偷拍视频被发到班级群，引起家长不满",
]
# The same words, asked: the picture the object of the readers' verb, or 被 on something else.
OWED = [
    "会议现场的照片请发到业主群",
    "巡查完把截图传到工作群里",
    "请把被检查的点位拍照发到班级群",
]


@pytest.mark.parametrize("text", POSTED)
def test_a_picture_posted_is_told(text: str) -> None:
    assert unordered(normalize(text).folded) == "suffered"
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", OWED)
def test_a_picture_to_post_is_asked(text: str) -> None:
    assert unordered(normalize(text).folded) is None
    assert classify(text).label == "proof_request"


# The product's user heading a picture's phrase: a spec, product copy.
USERS = [
    "用户拍照上传后，系统自动识别并生成报告",
    "开启后，用户必须上传现场照片才能提交",
    "用户每天拍照上传打卡照片，连续七天可得勋章",
]
# The readers ordered: 用户 not opening the picture's phrase (a verb before it), or not named at all.
READERS = [
    "各位网格员巡查后拍照上传，用户投诉的点位优先",
    "请大家完成后拍照发群里",
    "请将用户投诉的点位整改后拍照发群",
]


@pytest.mark.parametrize("text", USERS)
def test_the_product_user_is_described(text: str) -> None:
    assert app_user(normalize(text).folded) is not None
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", READERS)
def test_the_readers_are_ordered(text: str) -> None:
    assert app_user(normalize(text).folded) is None
    assert classify(text).label == "proof_request"

"""Proof precision (s35-proofprec, issue 11): a class of real look-alike set aside by structure,
pinned on both sides. Every sentence is written for these tests; none is a corpus line.

- the product's user as the doer of a chain of acts: 用户 opening the sentence, the comma-joined
  phrases after it up to the picture's opening with no doer of their own (然后…, 直接…, 点击…) — a
  product's flow told, not a group ordered. A person taking the chain over (请, 大家, 各…, a personal
  pronoun, a noun doer) or the user's phrase a clause of time (用户投诉后，…) keeps the order.

(The branch's second rule — a prompt for a program after the picture, 上传照片并说：— rested on one real
line for each of its two verbs and was not merged: the one-line guard forbids it.)
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.normalize import normalize
from policies.proof import app_user

# The user the doer of every phrase up to the picture: told.
CHAINED = [
    "用户打开小程序，点击识别按钮，然后上传照片到后台，后台会给出结果",
    "用户只需注册账号，再拍照上传，即可领取电子证书",
    "用户先完成问卷，直接截图上传就能参与抽奖",
]
# Someone else ordered, or the user's phrase a time: the order stays.
TAKEN_OVER = [
    "用户投诉后，请大家巡查完拍照发群里",
    "用户反映的点位，各网格员整改后拍照发群",
    "用户投诉后，物业人员巡查完要拍照发群里",
]


@pytest.mark.parametrize("text", CHAINED)
def test_the_user_does_every_act(text: str) -> None:
    assert app_user(normalize(text).folded) is not None
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", TAKEN_OVER)
def test_someone_else_is_ordered(text: str) -> None:
    assert app_user(normalize(text).folded) is None
    assert classify(text).label == "proof_request"

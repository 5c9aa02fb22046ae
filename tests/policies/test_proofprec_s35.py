"""Proof precision (s35-proofprec, issue 11): two classes of real look-alike set aside by structure,
each pinned on both sides. Every sentence is written for these tests; none is a corpus line.

- the product's user as the doer of a chain of acts: 用户 opening the sentence, the comma-joined
  phrases after it up to the picture's opening with no doer of their own (然后…, 直接…, 点击…) — a
  product's flow told, not a group ordered. A person taking the chain over (请, 大家, 各…, a personal
  pronoun, a noun doer) or the user's phrase a clause of time (用户投诉后，…) keeps the order;
- a prompt for a program after the picture: 说 or 输入 right before the colon that opens the words
  to say (上传照片并说：…) — a how-to handing its one reader what to tell a tool. 注明：, 回复： (what a
  picture must show, a reply) are other words.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.normalize import normalize
from policies.proof import app_user, prompt_follows

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


# A prompt for a program follows the picture: a how-to.
PROMPTS = [
    "安装好插件后，上传照片并说：帮我修一下这张图",
    "打开助手，然后上传照片并输入：把背景换成蓝色",
]
# What the picture must show, or a reply, after the colon: the demand stays.
NOT_PROMPTS = [
    "巡查完拍照发群里并注明：姓名和村名",
    "学习完成后截图发群里，并回复：已完成",
    "巡查完拍照发群里，说一下情况",
]


@pytest.mark.parametrize("text", PROMPTS)
def test_a_prompt_for_a_program_follows(text: str) -> None:
    assert prompt_follows(normalize(text).folded)
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", NOT_PROMPTS)
def test_no_prompt_follows(text: str) -> None:
    assert not prompt_follows(normalize(text).folded)
    assert classify(text).label == "proof_request"

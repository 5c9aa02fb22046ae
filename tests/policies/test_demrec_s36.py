"""Demand recall by structure (s36-demrec), pinned on both sides.

- A picture that checks in: a medium right before a verb of checking in — 打卡, and now 签到, the
  sign-in of a roll call (请各位现场拍照签到, 到达现场后，请在现场自拍签到). 签到 is also the name of
  an app's feature, so it checks in only when the group is ordered (请, 要, 各, 你们): 扫码或拍照签到
  in a feature list and a heading (拍照签到 · 演练) stay talk.
- A list of names with no 接龙 tag is no chain: 秋季旅遊報名 / 1.王小明 / 2. 李美花 +1 … (two real
  lines of a LINE 接龙 parser's tests, in the recall set) read alike to a work group's everyday name
  lists — those not done yet, a duty roster, an award list — which are notices (`other`). The lead
  took s36-demrec's chain:roster back out at the merge: it made every one of those a chain.

The first line of each list is a real line of the open sets (corpora/real, tests/fixtures/probe);
the others are written for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CHECKS_IN = [
    "到达现场后，请在现场自拍签到",  # corpora/real/recall_messages.jsonl
    "请各位现场拍照签到",  # tests/fixtures/probe_messages.jsonl
    "明天开会请大家到会议室后拍照签到",
    "各班组今天巡查时拍照签到",
]
FEATURE = [
    "学生任务选择 — 学生页面展示可签到的任务列表，点击任务选择扫码或拍照签到",  # lookalike set
    "拍照签到 · 演练",  # lookalike set
    "使用外勤签到模板,可以通过定位和拍照签到的方式,收集员工真实的外勤工作情况",  # lookalike set
    "系统支持拍照签到和定位签到",
]


@pytest.mark.parametrize("text", CHECKS_IN)
def test_a_picture_that_signs_in_on_an_order_is_a_proof_demand(text: str) -> None:
    verdict = classify(text)
    assert verdict.label == "proof_request"
    assert "proof:check-in" in verdict.reasons


@pytest.mark.parametrize("text", FEATURE)
def test_sign_in_by_photo_named_as_a_feature_is_no_demand(text: str) -> None:
    assert classify(text).label == "other"


NAME_LISTS = [
    "秋季旅遊報名\n1.王小明\n2. 李美花 +1\n3、陳大同（請假）\n４．張三\n- 李四\n王五 帶2人",  # recall
    "以下同志未完成学习：\n1. 张三\n2. 李四\n3. 王五",
    "本周值班安排\n1.王小明 周一\n2.李美花 周二\n3.陈大同 周三",
    "获奖名单\n1、刘洋\n2、陈静\n3、赵磊",
    "今天未打卡人员：\n1. 张伟\n2. 王芳\n3. 李娜\n4. 刘强",
]


@pytest.mark.parametrize("text", NAME_LISTS)
def test_names_listed_under_a_title_with_no_jielong_are_no_chain(text: str) -> None:
    assert classify(text).label == "other"


def test_the_same_names_under_a_jielong_tag_are_a_chain() -> None:
    assert (
        classify("#接龙\n秋季旅遊報名\n1.王小明\n2. 李美花 +1\n3、陳大同（請假）").label == "chain"
    )


def test_a_roster_that_asks_a_reply_stays_a_demand() -> None:
    # the demand is read first: names listed under an order to reply are those it speaks to
    text = "以下同志请回复收到\n1. 张伟\n2. 李娜\n3. 王芳"
    assert classify(text).label == "ack_request"

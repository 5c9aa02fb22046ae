"""Demand recall by structure (s36-demrec), pinned on both sides.

- A picture that checks in: a medium right before a verb of checking in — 打卡, and now 签到, the
  sign-in of a roll call (请各位现场拍照签到, 到达现场后，请在现场自拍签到). 签到 is also the name of
  an app's feature, so it checks in only when the group is ordered (请, 要, 各, 你们): 扫码或拍照签到
  in a feature list and a heading (拍照签到 · 演练) stay talk.
- A 接龙 typed by hand with no tag: a short title line over numbered members' names (秋季旅遊報名 /
  1.王小明 / 2. 李美花 +1 …) is a chain (`chain:roster`); numbered steps, or names numbered inside a
  report whose lines run on as sentences, are not.

The first line of each list is a real line of the open sets (corpora/real, tests/fixtures/probe);
the others are written for these tests.
"""

from __future__ import annotations

import pytest

from policies.chain import is_roster
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


ROSTERS = [
    "秋季旅遊報名\n1.王小明\n2. 李美花 +1\n3、陳大同（請假）\n４．張三\n- 李四\n王五 帶2人",  # recall
    "秋季旅遊\n【第一車】\n1.王小明 0912345678\n2. 李美花 +1\n【第二車】\n3、陳大同（請假）\n4.王媽媽 帶2人",
    "周六羽毛球\n1. 张伟\n2. 李娜 +1\n3. 王芳",
]
NOT_ROSTERS = [
    "1. 记录当日步数\n2. 提交步数截图\n3. 系统自动计算积分",  # recall (a program's steps)
    "周六羽毛球\n1. 张伟\n2. 李娜",  # two items: not yet a list to read without its tag
    "本周排名如下\n1. 马秋香 本月业绩第一，全能指标，继续保持稳定的成交节奏\n2. 汤玉琦\n3. 林沛昕",
    "会议议程\n1. 开场致辞\n2. 年度总结\n3. 自由讨论",
]


@pytest.mark.parametrize("text", ROSTERS)
def test_a_title_over_numbered_names_is_a_chain(text: str) -> None:
    assert is_roster(text)
    assert classify(text).label == "chain"
    assert classify(text).reasons == ("chain:roster",)


@pytest.mark.parametrize("text", NOT_ROSTERS)
def test_numbered_steps_or_a_report_are_no_chain(text: str) -> None:
    assert not is_roster(text)
    assert classify(text).label != "chain"


def test_a_roster_that_asks_a_reply_stays_a_demand() -> None:
    # the demand is read first: names listed under an order to reply are those it speaks to
    text = "以下同志请回复收到\n1. 张伟\n2. 李娜\n3. 王芳"
    assert classify(text).label == "ack_request"

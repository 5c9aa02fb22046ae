"""Proof precision (s38-proofprec, issue 11): two classes of real look-alike set aside by structure,
each pinned on both sides — the real lines first (corpora/real/lookalike_messages.jsonl, s38-proofprec
batch), then near lines written for these tests (marked invented).

- a found thing's picture carried to a claim (`proof.kept_for_claim`): a picture after a clause of
  finding (发现破损), then in its sentence a contact (联系客服, 报警) — a defect's or a danger's
  evidence taken to the party who answers for it, in a message with no duty, no group and no many
  addressed; a duty's round (巡查发现…), a group's picture (…发群里留痕) or the many (各位网格员)
  keep the trace, and so do the nouns 联系人, 联系方式 (no one contacted);
- a check-in as what a thing is used for (`proof.check_in_used_for`): 用于 right before the check-in's
  shot (相机/相册权限：用于拍照打卡) — a camera's, a permission's or a prop's use named; the means with
  用 and its object (用手机拍照打卡) is an order to the readers and stays;
- 门禁 (a door's access control) is no ban: a noun before 禁 names what is controlled — the recall
  batch's 完成门禁反锁并拍照留存 was read as a ban on the photo; 严禁, 请勿, 禁止 still ban.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain
from policies.normalize import normalize
from policies.proof import check_in_used_for, kept_for_claim

CLAIMS = [  # real: a shop's, a support bot's and a safety app's advice to one reader
    "如签收时发现破损，请拍照留存并在 48 小时内联系客服，我们会安排补发或退款。",
    "请在签收时当场验货，发现破损或缺失请拍照留存，并在 24 小时内联系客服提交照片，我们会尽快核实并处理。",
    "若任一环节发现可疑信号，请拍照留存证据，并联系前台/房东或报警处理。",
]
TRACES_KEPT = [  # invented: the same shape on a duty's round, for the group, to the many
    "巡查发现隐患请拍照留痕，并联系物业整改",
    "网格员巡查发现隐患要拍照发群里留痕，并及时联系业主整改",
    "各位网格员发现隐患请拍照留痕，及时联系社区",
]
NO_CONTACT = [  # invented: 联系人, 联系方式 are nouns — no one is contacted
    "发现问题请拍照留存，联系人：王经理",
    "发现破损请拍照留存，联系方式见下",
]

USED_FOR = [  # real: a privacy notice, a permission list, an event planner's note
    "鹿营小程序需要获取你的位置, 用于显示附近目的地和路线规划; 使用相机, 用于拍照打卡。",
    "相机/相册权限：用于拍照打卡",
    "用于拍照打卡，画面留人物站位",
]
CHECK_INS = [  # invented: the means (用 + its object) before the shot, or no verb of use
    "请大家用手机拍照打卡",
    "每天上岗后用工作手机拍照打卡",
    "各位同事用企业微信拍照打卡",
    "上班请拍照打卡",
]


@pytest.mark.parametrize("text", CLAIMS)
def test_a_defects_picture_for_a_claim_is_no_demand(text: str) -> None:
    assert kept_for_claim(normalize(text).folded)
    assert classify(text).label == "other"
    assert any(c.name == "guard:claim" and c.fired for c in explain(text))


@pytest.mark.parametrize("text", TRACES_KEPT + NO_CONTACT)
def test_a_finding_on_a_duty_for_the_group_or_with_no_contact_stays(text: str) -> None:
    assert not kept_for_claim(normalize(text).folded)
    assert classify(text).label == "proof_request"


@pytest.mark.parametrize("text", USED_FOR)
def test_a_check_in_a_thing_is_used_for_is_no_demand(text: str) -> None:
    assert check_in_used_for(normalize(text).folded)
    assert classify(text).label == "other"
    assert any(c.name == "guard:check-in-use" and c.fired for c in explain(text))


@pytest.mark.parametrize("text", CHECK_INS)
def test_a_check_in_with_its_means_stays(text: str) -> None:
    assert not check_in_used_for(normalize(text).folded)
    assert classify(text).label == "proof_request"


DOOR_DUTY = (
    "完成门禁反锁并拍照留存，严格登记夜归学生名单"  # real: a dorm system's duty prompt (recall)
)
BANS = [  # invented: a ban's word opens on an adverb or a verb, or is 禁止
    "严禁拍照发群",
    "请勿截图外传",
    "禁止拍照发群里",
]


def test_a_door_control_is_no_ban() -> None:
    assert classify(DOOR_DUTY).label == "proof_request"


@pytest.mark.parametrize("text", BANS)
def test_a_ban_still_bans(text: str) -> None:
    assert classify(text).label == "other"
    assert any(c.name == "guard:unordered" and c.fired for c in explain(text))

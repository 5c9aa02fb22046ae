"""The reply rules read by structure, not by word lists (issue 11: no rule for one line): a wording
dictated after 回复 whatever its words, read as an ack by `policies.ack`; a template read field by
field; a menu of replies of any tokens; two acks joined by 或 as one. Each on both sides of its
boundary, with forms in no corpus (written for these tests).
"""

from __future__ import annotations

import pytest

from policies.classify import classify

DEMANDS = [
    # any short wording after 回复, bare to a boundary or quoted, when it is an ack
    ("各科室统一回复已落实", "demand:dictated-reply"),
    ("请回复：已学完", "demand:dictated-reply"),
    ("Please acknowledge by replying OK.", "demand:dictated-reply"),
    # a template read field by field: one field is the ack, the others are the signer's
    ("请回复：楼层-床号-已知晓", "demand:dictated-reply"),
    ("请在工作群里回复：✅ 姓名 培训完毕", "demand:dictated-reply"),
    # two acks joined by 或 are one confirmation, not a menu
    ("看到请回复 收到 或 1", "demand:reply-confirmation"),
    # studied (学完, 学习完) then reply; those who read it like it
    ("学完后请在群里回复收到", "demand:reply-confirmation"),
    ("看完后打卡", "demand:reply-after-reading"),
    ("收到的点个赞", "demand:reply-after-reading"),
    # a check-in in the group, however the group is named
    ("请大家在群中签到", "demand:check-in"),
    # a chase names those who did not reply (不回复的, 没回复的) or those still missing (差)
    ("不回复的按缺勤处理", "demand:chase-non-repliers"),
    ("就差三组没回了，抓紧回复", "demand:must-reply"),
    # any determiner before group / chat
    ("Please confirm in our group chat once read", "demand:reply-confirmation"),
]

LOOK_ALIKES = [
    # a choice of wordings, a question, a form to fill in: no ack dictated
    "请回复“同意”或“不同意”",
    "请回复“是否参加”",
    "回复：姓名+是否参加",
    "请回复你的工号",
    # a menu: two replies with two tokens, or a range to pick from
    "同意的扣1，不同意的扣2",
    "满意请回复a，不满意请回复b",
    "请回复1～5之间的数字",
    # the wording someone posted, told; a reply received; a compound noun (阅读打卡)
    "他回复“好的”之后就没消息了",
    "客户回复“明白”，然后挂了",
    "收到张总的回复，方案通过了",
    "今天的阅读打卡。",
    # what was received, not an ack to post
    "请回复收到的短信验证码",
]


@pytest.mark.parametrize(("text", "cue"), DEMANDS, ids=[t[:16] for t, _ in DEMANDS])
def test_the_demand_is_read_by_its_structure(text: str, cue: str) -> None:
    found = classify(text)
    assert found.label == "ack_request", found
    assert found.reasons[0] == cue, found


@pytest.mark.parametrize("text", LOOK_ALIKES, ids=[t[:16] for t in LOOK_ALIKES])
def test_the_look_alike_stays_other(text: str) -> None:
    assert classify(text).label == "other"


def test_a_third_party_s_wording_is_told_but_others_are_asked() -> None:
    """他回复“…” tells what someone posted; 其他同事回复“收到” asks the rest of the group."""
    assert classify("她回复“知悉”").label == "other"
    assert classify("请其他同事回复“收到”").label == "ack_request"


def test_verdicts_split_by_a_spaced_slash_are_a_choice_not_a_template() -> None:
    assert classify("请回复“通过 / 不通过”").label == "other"
    assert classify("回复格式：姓名/收到").label == "ack_request"


def test_one_character_after_reply_is_a_vote_not_a_dictated_ack() -> None:
    assert classify("确认参加请回复“是”").label == "other"
    assert classify("请大家回复“好的”").label == "ack_request"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # who is to reply, asked (请 …) or heading its clause: an order to all
        ("请各位老师都回复一下", "ack_request"),
        ("各位都回复一下", "ack_request"),
        ("通知发出后，所有人回复一下", "ack_request"),
        # the same words inside a clause that tells or describes: a mode, a habit, a feature
        ("邮件可以设置成全员回复", "other"),
        ("这个机器人每条都回复", "other"),
        ("客服每条都回复一下", "other"),
        ("这个功能叫全员回复", "other"),
    ],
)
def test_who_replies_orders_only_when_asked_or_heading_the_clause(text: str, label: str) -> None:
    assert classify(text).label == label

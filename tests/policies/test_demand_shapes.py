"""Demand shapes of round five (recall), each on both sides of its boundary (written for these
tests): the demand with the cue `jianfu classify --explain` names, and the look-alike it must
leave alone.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain

DEMANDS = [
    # the wording everyone must post, dictated after a colon or in quotes, is an ack
    ("回复模板：已知晓", "demand:dictated-reply"),
    ("请按以下格式回复：姓名 已学习", "demand:dictated-reply"),
    ("请以“已学习”回复", "demand:dictated-reply"),
    ("请大家复制粘贴：已阅", "demand:dictated-reply"),
    ("家长们完成后在群里回复孩子姓名+已完成", "demand:dictated-reply"),
    # the dictated line says "I" for the reader: it is not the writer's report
    ("请复制以下内容发群里：我已知晓本次通知", "demand:copy-and-post"),
    # two confirmations offered as one are no menu
    ("收到请在群内回复 1 或 收到 以解除警报", "demand:reply-confirmation"),
    ("看到请回复“收到”或“1”", "demand:reply-confirmation"),
    # signing in on joining the group; having studied it, confirm
    ("进群后请签到", "demand:check-in"),
    ("新进群的同事请报到", "demand:check-in"),
    ("学习后接龙", "demand:reply-after-reading"),
    # keeping images as a trace; a chase of the units that have not reported their pictures
    ("入户走访要留影像资料", "proof:trace"),
    ("还有3个村没有上报照片", "proof:chase"),
    ("照片还没上报的抓紧", "proof:chase"),
    # a routine of work photos; a chore filmed at home proves it was done
    ("每天发一张工作照", "proof:routine"),
    ("请家长录制孩子劳动视频上传", "proof:after-activity"),
    # what the members are doing right now, asked with a question word inside the order
    ("大家现在拍一张正在干什么的照片发上来", "proof:right-now"),
    ("发个视频看看你们在干什么", "proof:right-now"),
    # a verb and a count order the picture; a bare order for everyone's location
    ("拍几张照片发群里", "proof:to-group"),
    ("定位发一下", "proof:check-in"),
    # a screenshot once a thing is done; those at their post shoot; a class attended online
    ("投完票截图", "proof:field-duty-photo"),
    ("到岗的拍张照", "proof:field-duty-photo"),
    ("上课截图发群里", "proof:to-group"),
    # every member's location, asked of the whole group
    ("各位把定位发一下，谢谢", "proof:location"),
    ("请大家开启位置共享", "proof:location"),
    ("各网格员将实时位置共享到群里", "proof:location"),
]

LOOK_ALIKES = [
    # a form to fill in, not a wording to confirm with; a reply told; a choice between options
    "请回复：是否参加、参加人数",
    "回复格式：姓名+电话",
    "请回复姓名+完成情况",
    "请以“同意”或“不同意”回复",
    "我已回复：收到",
    "回复1或2",
    "同意请回复1，不同意请回复2",
    # what to do on joining is not a sign-in; what one learnt is information
    "进群后请修改群昵称",
    "进群的家长请先看群公告",
    "学习后请回复心得体会",
    "阅读后请回复心得",
    "看完后回复观后感",
    # images told of; the speaker's own pictures not sent yet
    "老照片留下了珍贵的影像资料",
    "我还没上传照片",
    "我还没有发定位",
    "照片我还没发",
    # a habit told; a holiday is no chore; a question; an address; one person asked; a statement
    "他每天发一张自拍",
    "劳动节视频上传到B站了",
    "这是什么的照片？",
    "你们在干什么？",
    "大家把位置发一下",
    "亲，把定位发我一下",
    "你把定位发我",
    "大家开启位置共享了吗？",
    "大家开启位置共享后导航就方便了",
    "大家的定位共享后就能看到",
    # a count that is no order; an address asked; done told or shown to the speaker; a feature
    "我拍了几张照片发群里了",
    "位置发一下",
    "他投完票截图给我看",
    "完成截图功能",
    "到岗的同事请签字",
]


@pytest.mark.parametrize(("text", "cue"), DEMANDS, ids=[t[:16] for t, _ in DEMANDS])
def test_the_demand_is_found_with_its_shape(text: str, cue: str) -> None:
    found = classify(text)
    assert found.label == ("proof_request" if cue.startswith("proof:") else "ack_request")
    assert found.reasons[0] == cue, found


@pytest.mark.parametrize("text", LOOK_ALIKES, ids=[t[:16] for t in LOOK_ALIKES])
def test_the_look_alike_stays_other(text: str) -> None:
    assert classify(text).label == "other", classify(text)


def test_explain_names_the_guards_the_new_shapes_pass() -> None:
    options = {cue.name: cue for cue in explain("收到请回复1或收到")}["guard:options"]
    assert not options.fired
    menu = {cue.name: cue for cue in explain("同意请回复1，不同意请回复2")}["guard:options"]
    assert menu.fired
    report = {cue.name: cue for cue in explain("请复制以下内容发群里：我已知晓")}
    assert not report["guard:reply-report"].fired
    assert {cue.name: cue for cue in explain("我已回复：收到")}["guard:reply-report"].fired


@pytest.mark.parametrize("text", ["@王主任 回复@张老师：收到", "三组李四回复@张老师：收到"])
def test_a_reply_quoted_is_no_wording_dictated(text: str) -> None:
    # "回复@张老师：收到" is how a chat quotes the reply to one message: an ack, not a demand
    assert classify(text).label != "ack_request", classify(text)


@pytest.mark.parametrize(
    "text", ["回复张主任：收到", "回复王科长：已阅", "回复领导：收到，马上落实"]
)
def test_a_reply_header_typed_without_the_at_is_the_ack_it_heads(text: str) -> None:
    # typed without @ or a space, the one answered is named by a title: the quote-reply's header
    assert classify(text).label == "ack", classify(text)


@pytest.mark.parametrize("text", ["回复：收到", "回复格式：收到", "大家回复老师：收到"])
def test_a_wording_dictated_keeps_its_demand_without_a_title_after_the_verb(text: str) -> None:
    # nothing, a field's name, or the group before 回复: the wording is dictated to the members
    assert classify(text).label == "ack_request", classify(text)

"""Demand shapes of the demand-recall round (issue 11), each on both sides of its boundary
(written for these tests): demands as people type them — a condition or a chase with a reply
or a proof action — and the look-alikes that share their words.
"""

from __future__ import annotations

import pytest

from policies import model
from policies.classify import classify

DEMANDS = [
    # a check-in or a like, by those who read it
    ("看到的打卡", "demand:reply-after-reading"),
    ("学习完后打卡", "demand:reply-after-reading"),
    ("收到请点赞", "demand:reply-after-reading"),
    ("看到的点个赞", "demand:reply-after-reading"),
    ("收到的接个龙", "demand:reply-after-reading"),
    # 反馈, 回执 and 回话 report back once read
    ("收到请反馈", "demand:reply-after-reading"),
    ("收到请回执", "demand:reply-after-reading"),
    # (the group named: 人呢？收到回复一下 alone answers one person's question, look-alike 2131)
    ("人呢？大家看到回话", "demand:reply-after-reading"),
    # a reproach that only pretends to ask
    ("别光看不回，回个收到很难吗？", "demand:reply-confirmation"),
    ("回个收到有那么难吗？", "demand:reply-confirmation"),
    # chasing the rest, or everyone silent
    ("其余的同事没回复的抓紧", "demand:chase-non-repliers"),
    ("怎么都不回？", "demand:chase-non-repliers"),
    ("为什么大家都没回复", "demand:chase-non-repliers"),
    ("就差你们几个没回了", "demand:chase-non-repliers"),
    # everyone replies; receipt confirmed
    ("大家都回一下", "demand:must-reply"),
    ("请回执", "demand:must-reply"),
    ("请大家确认一下收到", "demand:check-in"),
    # a done-it report dictated as the reply, placeholders left out
    ("注册成功后请在群内回复：✅ [你的名字] 注册完成", "demand:dictated-reply"),
    ("请回复：学习完毕", "demand:dictated-reply"),
    # a mail-merge notice is sent to many: its 您 is each of them
    ("{{姓名}}，您好！明天9点开会，请准时出席，收到请回复。", "demand:reply-after-reading"),
    ("您好 {name}，请于 {time} 到达 {address}，收到请回复", "demand:reply-after-reading"),
    # proof: a standing order for a trace on each arrival (sent to the group: its destination
    # decides; 以后…到了目的地发个定位 alone, written for one probe line, is no shape of its own)
    ("从今天起拜访客户时，到客户处后发个定位到群里", "proof:to-group"),
    ("每到一个点位发个定位", "proof:routine"),
    # the delivery verb and its medium in one clause, however long the medium's description
    ("请上传微信运动、手机健康等步数截图", "proof:after-activity"),
    ("请在今晚之前完成学习，并反馈你的截图", "proof:after-activity"),
    # the medium in the object of an official report
    ("请各支部将收看情况(文字和照片)于周五前报送党委办公室", "proof:after-activity"),
    # a picture of being at work proves itself
    ("工作照发一下", "proof:after-activity"),
    ("现场图发一下", "proof:after-activity"),
    # the trace named alone; a forward done, then its screenshot; a location as proof
    ("青年大学习截图", "proof:named-trace"),
    ("点赞截图呢", "proof:named-trace"),
    ("转了的截图发群", "proof:forward-screenshot"),
    ("完成了截个图", "proof:field-duty-photo"),
    ("发个定位证明一下", "proof:trace"),
]

LOOK_ALIKES = [
    # a thing received; a place checked in at
    "收到的验证码请回复给我",
    "看到的打卡点都去过了",
    "收到，打卡",
    "收到的点心请回复",
    # a count of replies told; one party's silence; a question about replying; oneself
    "回复的只有3个人",
    "剩下的菜没看到",
    "他为什么不回复",
    "你怎么不回我",
    "回复很难吗？",
    "还没回复呢，商家下班了",
    "我在群里回复一下",
    # feedback, a receipt received, a reply that carries information
    "收到后请反馈意见",
    "收到回执了",
    "请回复：是否完成",
    "回复格式：姓名+完成时间",
    # one person and no template; a dinner, a desk; a habit told; a prohibition
    "在吗？看到请回复",
    "以后有空发个定位给我",
    "到了给我发个定位",
    "晒一晒你的书桌",
    "不得将群内讨论内容截图或转发至外部平台",
    "请将发票照片报送财务",
    "打卡截图功能上线了",
    "截图",
]


@pytest.mark.parametrize(("text", "cue"), DEMANDS, ids=[t[:16] for t, _ in DEMANDS])
def test_the_demand_is_found_with_its_shape(text: str, cue: str) -> None:
    found = classify(text)
    assert found.label == ("proof_request" if cue.startswith("proof:") else "ack_request"), found
    assert found.reasons[0] == cue, found


@pytest.mark.parametrize("text", LOOK_ALIKES, ids=[t[:16] for t in LOOK_ALIKES])
def test_the_look_alike_is_no_demand(text: str) -> None:
    assert classify(text).label not in ("ack_request", "proof_request"), classify(text)


@pytest.mark.parametrize("text", ["就差你们几个没回了", "怎么都不回？"])
def test_a_chase_is_not_the_model_s_to_veto(text: str) -> None:
    # a chase names the silent it chases: its structure is its evidence, as a structured proof
    # shape's is — the model, which finds no demand likeliest in these few words, is not asked
    chances = model.posterior(text)
    assert max(chances, key=chances.__getitem__) == "other"
    assert chances["ack_request"] < model.VETO_BELOW
    assert classify(text).reasons == ("demand:chase-non-repliers",)


def test_the_weaker_reply_shapes_stay_the_model_s_to_veto() -> None:
    found = classify("稍微喝一口水，大家平时看短视频多还是中视频多？弹幕扣个1。")
    assert found.label == "other" and "model:veto" in found.reasons

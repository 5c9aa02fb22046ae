"""Acks as the dialects and a joke type them, each class on both sides of its boundary (issue 11,
ack-recall round).

The classes: a playful or dialect "I" before 知道了 (朕, 俺, 咱, 阿拉); 明白 / 懂 / 清楚 after the verb
that got there (搞懂了, 弄清楚了); the dialects' 没问题 (么得问题, 冇得问题); the pledges
响应 alone; a parent's pledge to see the child does it (会督促孩子复习); "I will" before a
pledge (我会准时参加); a signature given as a form field (商户：老王烧烤) — and 好 as a verb's
complement (收的好: well done), which judges. Thanks or good wishes alone confirm nothing: LABELS lets
politeness ride along a confirmation, and the probes label 辛苦了 and 谢谢大家 alone `other`.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.signature import field_signature

CASES = {
    "ack": [
        # a playful or dialect "I" taking in what was said (了, 咯, 啦: news just taken in)
        "朕知道了", "朕懂了", "俺知道了", "ok,俺知道了", "俺晓得咯。", "咱明白了", "阿拉晓得了",
        "俺们知道了，收到",
        # the verb that got there, before 明白 / 懂 / 清楚
        "搞懂了", "弄清楚了，收到",
        # the dialects' 没问题 (莫得 and 阔以, each in one probe line only, were dropped: issue 11)
        "么得问题", "木得问题", "冇得问题，收到",
        # pledges alone or after a receipt: 响应 (拥护, in one probe line only, was dropped: issue 11)
        "收到，坚决响应", "坚决响应！",
        # a parent's pledge to a class notice
        "收到，会督促孩子复习", "已收到，会督促完成", "收到,老师辛苦了,我们会好好监督小朋友的。",
        "收到，会提醒孩子按时完成", "好的，会配合",
        # "I will" + a pledge is no statement of how I stand
        "好的，我会准时参加。", "好的，我们一定按时参加",
        # a signature as a form field: a shop, a unit, a department
        "收到 商户：老王烧烤", "收到 单位：城东派出所", "已阅 部门：财务科", "门店：老王烧烤 收到",
        "收到，门店：解放路店",
        # a court "I" taking an order or news; the old-style order taken (遵旨)
        "臣遵旨", "小的遵命", "本宫知道了", "遵旨",
        # OK typed in characters; the dialects' "yes" and "OK"; 行 and 中 with 嘞
        "欧克", "欧了，收到", "嗯呐", "得行", "行嘞", "中嘞",
        # 了 before 解 starts 了解; the internet's 鸭 (呀) and 鸟 / 惹 (了)
        "收到了解", "收到了解了", "收到鸭", "知道鸟", "明白惹",
        # the formal 悉 of a receipt; particles as they are also typed
        "敬悉", "已悉，谢谢", "收到呦", "收到撒", "收到嗷嗷", "收到咧",
        # 完成 before the done verb; obeying with 听; coming over
        "已完成学习", "已完成填报", "一切听指挥", "收到，马上过来",
    ],
    "other": [
        # a question, or content after the formula
        "阔以吗？", "阔以阔以，中国军事变强大啦~~", "哟呵，和我想的一样，阔以阔以", "阔以阔以阔以",
        "我知道了他的电话是138", "朕知道了，你先下去吧", "莫得问题嘛这批货", "四川话确认：莫得问题，内容真实可靠",
        "俺也不知道", "咱们走吧", "朕", "俺",
        # 整 / 搞 / 弄 with an object, not an assent
        "整点数据看看", "搞明白这个问题再说",
        # 拥护 with an object is a slogan or a preference
        "坚决拥护中国共产党！", "但我还是坚决拥护红茶。", "拥护",
        # supervising with a task that is content
        "收到，会督促孩子把错题抄三遍发给您", "会督促吗？",
        # "I" stating how I stand, "I want it" to a shop, "I'm coming" to the one who asked
        "我没问题", "嗯嗯要的", "好的，我马上到！",
        # a field that is no signature: an address, an order, a description
        "收到 地址：北京路3号", "收到，门店：3点前把表发我", "收到，门店情况我已掌握。请讲。",
        "商户：老王烧烤", "收到 单位：请于周五前报送",
        # 好 as a verb's complement judges (well done); 好的好的 stays an ack
        "收的好", "说得好", "干的好",
        # a court "I" or 臣 inside a word; 了解 inside other words; a duck, not a particle
        "大臣知道了", "臣", "我收到了解决方案", "收到了解放路的快递", "收到鸭脖了", "鸭",
        # 捏 and 嗷 after an assent speak to one listener, as 呢 and 哦 do; 撒, 哇 alone
        "好的捏", "好的嗷", "撒", "哇塞", "收到，完成学习了吗",
        # thanks or good wishes alone confirm nothing
        "辛苦了", "老师辛苦", "谢谢", "谢谢老师,辛苦了!", "谢谢林老师，您辛苦了", "谢谢,顺祝。",
    ],
}  # fmt: skip
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_dialect_ack_boundary(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)


# The pledge's slots read by structure, not by word lists (issue 11, one-line pieces): what 按 goes
# by is any word of one or two characters before a work verb (按此执行, 按这个推进); what a parent
# will see to is any few words after 督促 / 监督 / 提醒 / 配合 that ask nothing, and how, any word
# of two characters before them (好好, 耐心). None of these
# forms is in a corpus.
PLEDGE_SLOTS = [
    ("ack", "收到，按规定执行"),
    ("ack", "收到，按计划推进"),
    ("ack", "已阅，照此办理"),
    ("ack", "收到，会提醒孩子带齐材料"),
    ("ack", "好的，会监督他完成"),
    ("ack", "收到，会耐心提醒孩子"),
    ("other", "按我说的做"),
    ("other", "按上级最新文件执行吗"),
    ("other", "会提醒吗"),
    ("other", "会配合吧？"),
    ("other", "收到，会提醒孩子把作业拍照发到群里"),
]


@pytest.mark.parametrize(("label", "text"), PLEDGE_SLOTS, ids=[t for _, t in PLEDGE_SLOTS])
def test_pledge_slots_by_structure(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)


@pytest.mark.parametrize("text", ["好的好的", "收到的好的", "ok的好的"])
def test_assents_joined_by_de_are_no_judgement(text: str) -> None:
    assert classify(text).label == "ack"


@pytest.mark.parametrize(
    ("text", "body", "signature"),
    [
        ("收到 商户:老王烧烤", "收到 ", "商户:老王烧烤"),
        ("已阅，单位:城东所。", "已阅，", "单位:城东所"),
        ("门店:解放路店 收到", "收到", "门店:解放路店"),
    ],
)
def test_field_signature_splits_a_labelled_name(text: str, body: str, signature: str) -> None:
    signed = field_signature(text)
    assert signed is not None
    assert (signed.body, signed.signature) == (body, signature)


@pytest.mark.parametrize(
    "text", ["商户:老王烧烤", "收到", "收到 地址:北京路3号", "收到 单位:请于周五前报送"]
)
def test_field_signature_needs_a_label_a_name_and_a_reply(text: str) -> None:
    assert field_signature(text) is None


# Cantonese 喇 (了 / 啦) after an assent is news taken in, as 了 is (明白喇 = 明白了), and 好喇 tells a
# state (好了), as before. After a receipt it ends it as 了 does (收到喇 = 收到了: the s27-dialect
# round's real 收到喇。 receipt; the class of particles is `policies.ack._DIALECT_FINALS`,
# tests/policies/test_ack_particles.py) — it was read as an arrival before. None of these forms is
# in a corpus.
CANTONESE_LA = [
    ("ack", "明白喇，唔該"),
    ("ack", "知道喇，多謝"),
    ("ack", "了解喇"),
    ("ack", "ok喇"),
    ("ack", "我明白喇"),
    ("ack", "明白喇-財務部陳生"),
    ("other", "好喇喇"),
    ("other", "嗯嗯好喇"),
    ("ack", "收到喇"),
    ("ack", "收到喇，多謝晒"),
    ("other", "睇清楚喇"),
    ("other", "知道喇，聽日見"),
]


@pytest.mark.parametrize(("label", "text"), CANTONESE_LA, ids=[t for _, t in CANTONESE_LA])
def test_cantonese_la_after_an_assent(label: str, text: str) -> None:
    assert classify(text).label == label

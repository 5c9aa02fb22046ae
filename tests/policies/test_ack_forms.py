"""Acks as people type them, each class on both sides of its boundary (issue 11, round six).

The forms the typed probes and the real recall set missed: 已阅 mistyped (己阅, 已悦), the old
"order taken" (得令, 遵命), 收到 with 啊, a name in Japanese beside 收到 (and Latin names, read
before), a title 长官 or 群主, a department named by its function (财务收到), the pledges 照此执行
and 服从安排, a greeting beside a receipt, 确认收到 said as the reply — and, beside them, the same
words where they are no ack.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.signature import is_signature

CASES = {
    "ack": [
        # 已阅 with 己 or 巳 (they look like 已) or 悦 (it sounds like 阅); the longer formulas stay
        "己阅", "已悦", "巳阅，谢谢", "已阅知悉", "己阅-办公室王芳",
        # the old "order taken", alone, after 收到, signed; 明白 as a receipt (已明白)
        "得令！", "得令得令！", "遵命", "收到，遵命", "财务科张伟遵命", "已明白",
        # 收到 with 啊, as with 呀 and 啦
        "收到啊", "收到了啊", "收到呀", "收到啦", "三组李四收到啊",
        # a title 长官; a Japanese name (surname + given name, or in kana), a Latin or pinyin name
        "好的长官", "收到长官", "冈田茂 收到", "平田一郎 收到", "藤原ノエマ 收到", "收到，田中",
        "田中老师收到", "Tom收到", "收到 tom", "zhangsan 收到",
        # kana in a kaomoji are decoration, not a name
        "收到ヾ(◍°∇°◍)ﾉﾟ",
        # a department named by its function, a title 群主; the pledges 照此执行, 服从安排
        "财务收到", "财务：收到", "后勤收到", "收到 人事 王芳", "收到，谢谢群主", "收到，照此执行",
        "照此执行", "服从安排", "收到，一切听从安排",
        # a greeting or a cheer beside a receipt
        "收到，晚安", "老师好，收到", "收到 早上好", "收到，一起加油",
        # 没问题 said in full
        "没有问题", "没有问题，收到",
        # two formulas joined by 并; 布置 done; pledged now (这就, 即刻) or passed down (下去);
        # 费心 and a 辛勤付出 thanked
        "已阅并转发", "收到并执行", "已学习并转发至家长群", "已布置", "收到，这就去落实",
        "收到，即刻办理", "收到，马上通知下去", "收到，准时到会", "收到，正在转发",
        "收到，老师费心了", "收到，感谢老师的辛勤付出",
        # the group addressed as family; a farewell beside a receipt; 准时 pledged, its verb understood
        "收到，谢谢家人们", "收到 姐妹们", "收到，明天见", "收到，不见不散", "收到，一定准时",
        "收到，准时",
        # a name, then the one-character receipt it signs, as a reader marks a paper
        "王局长阅", "三组李四收～", "财务科收",
        # a quote-reply after a mention
        "@王主任 回复@张老师：收到",
        # a receipt confirmed by the one who received it
        "确认收到", "收到，确认", "确认已收到-财务科王芳",
    ],
    "other": [
        # the characters inside other words, or followed by content
        "自己阅读", "已悦纳", "得令牌", "末将得令！弟兄们，跟我冲！", "收到，领导请收私信",
        "收到呀，我先停下来。",
        # 啊 after an assent answers one person's suggestion; not received; "I" narrating
        "好啊", "好的啊", "明白啊", "没收到啊", "我收到了啊", "我没收到啊，你发了吗？啥都没有",
        # an old-style assent to one listener, a greeting to a title
        "遵命哈", "长官好",
        # a name glued to a sentence, not a reply
        "tom收到自动回复", "山田收到邮件了",
        # a department that received money or papers; a function glued after the formula
        "财务收到回款", "财务收到发票", "收到财务", "财务", "服从",
        # 好 after a name greets; 收 after a title asks them to take it
        "王老师好", "王芳好", "老师收",
        # a farewell with only an assent, or alone; thanks alone; a time; 宝 to one dear person
        "好的，明天见", "明天见", "周一见", "谢谢家人们", "准时吗？", "按时吃药", "收到，8点到",
        "收到了宝",
        # passed to someone, or asked to; an errand of one's own; a question
        "已转发给客户", "收到并转发给大家", "请阅读并转发", "这就去吃饭", "已布置作业了吗",
        "老师费心了吗？",
        # the probes label a forward to "each" group below a report: the groups stay a closed list
        "收到，已转发到各楼栋群", "收到，已转发至各班级群",
        # a question or a condition on 没有问题; 哦 to one listener
        "没有问题吧？", "没有问题的话就这样", "没有问题哦",
        # a greeting or a cheer with only an assent is talk; alone it confirms nothing
        "好的，晚安", "好的加油", "晚安", "老师好", "大家好", "加油",
        # a reply received from someone, the replies received, 一下子 ("all at once")
        "收到客户的回复", "收到的回复", "今天收到的回复一下子多了", "我收到的回复一下",
    ],
    "ack_request": [
        # those who received it, reply (一下 / 一声 make 回复 a verb, as after 看到的)
        "收到的回复一下", "明天开会，收到的回复一声", "看到的回复一下",
        # a mention before a demand that quotes no one
        "@所有人 回复收到", "@王主任 收到请回复",
        # asked, not said: 请 before 确认收到, 确认 after 收到请
        "请确认收到", "收到请确认", "请各组组长在群里确认收到",
    ],
}  # fmt: skip
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_ack_form_boundary(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)


@pytest.mark.parametrize("text", ["冈田茂", "平田一郎", "藤原ノエマ", "田中老师", "ノエマ", "田中"])
def test_japanese_names_are_signatures(text: str) -> None:
    assert is_signature(text)


@pytest.mark.parametrize("text", ["山田收", "田中了", "ノ", "藤原的"])
def test_japanese_surnames_take_no_sentence(text: str) -> None:
    assert not is_signature(text)

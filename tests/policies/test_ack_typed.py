"""Acks as people type them in replies, each class on both sides of its boundary (issue 11,
ack-typed round).

The classes: 收到 with the adverb of a receipt already made or shared (已经收到了, 都收到, 也收到);
the message itself named as what was received, before or after 收到 (邮件已收到, 您的来信我已收到,
已收到您的通知) — goods are not a message (收到快递了 is news); a closing wish riding along as in a
letter (祝好, 并祝工作顺利, 祝您身体健康，工作顺利); and, for the demands, a sign of reading that is
thanked, not asked for (收到，谢谢告知 / 感谢回复 / 多谢您的反馈 — 收到后请告知 still asks).
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        # the adverb of a receipt already made, or shared with others
        "已经收到啦", "已经收到，谢谢王老师", "都收到了，谢谢", "我们也收到", "均已收到", "全都收到了哈",
        # the message itself named, before or after 收到
        "通知已经收到", "消息收到了，谢谢大家", "您的短信已收到", "你发来的文件我们已收到",
        "短信已收到，辛苦了", "已收到您的留言", "收到了你的消息，谢谢", "公告已收到—三组李四",
        # "your" message, polite or plain, with the verb of sending (你 reads as 您)
        "已收到你所发送的通知", "你发过来的文件已收到，谢谢你",
        # a closing wish riding along
        "收到，祝大家周末愉快", "已收到，顺祝商祺", "好的收到，祝一切顺利！", "收到，谢谢，祝工作愉快",
        "您的来函已收到，谢谢！祝您身体健康，万事如意",
        # a sign of reading thanked, not asked for
        "收到，谢谢您的告知", "已收到，谢谢告知",
    ],
    "other": [
        # goods, money or a parcel received: news of an arrival, not a confirmation
        "快递已经收到了", "钱都收到了", "货也收到了，谢谢", "你的红包收到了", "包裹已收到，质量不错",
        # the message received, then content or a question
        "邮件已收到，但是附件打不开", "通知收到了吗", "文件已收到，第3页数据不对",
        "您的邮件已收到，我下周一回复您", "消息收到了，明天几点集合？",
        # "I" telling in the perfect what I received (narration to one listener)
        "我已经收到了",
        # someone else's message received is told, not confirmed
        "小王收到了老李的短信",
        # a wish or thanks alone confirms nothing; a wish after an assent is talk to one person
        "祝大家周末愉快", "顺祝商祺", "谢谢告知", "感谢回复", "谢谢，祝好",
        "好的，祝你一切顺利", "明白，祝好",
        # a verb after a receipt is content
        "收到，整理", "收到，补充", "收到，转发",
        # a wish with content
        "收到，祝你考试考好",
    ],
    "ack_request": [
        # the sign still asked for after reading, thanks elsewhere in the message
        "收到后请告知，谢谢", "看到的请反馈，感谢配合", "收到请回复，谢谢大家",
    ],
}  # fmt: skip
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_typed_ack_boundary(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)


@pytest.mark.parametrize(
    "text", ["收到，感谢回复", "已收到，多谢反馈", "看到了，谢谢确认", "收到了，谢谢你的回复"]
)
def test_a_sign_of_reading_thanked_is_no_demand(text: str) -> None:
    assert classify(text).label != "ack_request", classify(text)

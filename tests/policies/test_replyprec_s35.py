"""s35-replyprec: reply demands read `other` when the reply is what arrives or what decides an
operation — both sides of each boundary.

- A reply received or seen as the time of the next step (`reply._reply_received`): the reading verb
  bare, the reply verb glued after it with at most the words that modify it (收到回复, 收到确认回复,
  收到对方回复, 看到回复), then 后 (之后, 以后) or 时 — a protocol's, a program's or a story's step, the
  reply what arrives. A condition with its own mark (收到后回复, 看到的回复一下), a mark or an order
  between (收到，回复后; 收到请回复后) or no time after (收到回复1, 看到回复收到) still asks.
- A go-ahead with its way out (`reply.OPTIONS`: 回复「确认」执行，回复其他取消; 回复y确认, 回复其他取消;
  或回复任意内容取消): a reply, its object glued on, that cancels — the reply decides an operation, go
  or cancel: a choice, not a receipt. 取消 in another phrase (…，取消的活动另行通知) or 其他 with no
  取消 (回复其他内容的视为未读) leaves a receipt demand standing.

Lines marked "corpus" are real lines of the look-alike set (s35-replyprec batch) or of the probes;
the others are made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack_request": [
        "收到请回复",  # the condition bare, the reply asked (请)
        "收到后回复",  # the condition's own 后: the reply after it asked
        "收到回复1",  # no time after the reply: the token to post
        "看到回复收到",  # the reply's object, no time after it
        "收到回复收到",
        "看到的回复一下",  # the condition's 的: those who saw it
        "收到请回复后再离开",  # an order between the condition and the reply
        "收到，回复后马上处理",  # a mark between: the reply is not the verb's object
        "各位家长收到请回复",  # corpus-like: the group named, no time after
        "收到请回复“收到”，其他事项另行通知",  # 其他 not an other-reply
        "收到请回复确认，取消的活动另行通知",  # 取消 not after an other-reply
        "各位老师收到请回复收到，回复其他内容的视为未读",  # no 取消: other replies still a receipt's
        "请在群里回复“收到”；管理员可回复“取消”。",  # corpus-like (test_reply_framed): 取消 the wording
    ],
    "other": [
        "与服务端通信，客户发送一个请求后等待服务端回复，收到回复后，发送下一个请求报文",  # corpus
        '收到回复后，点击"Save Wisdom"下载精美分享图片，点击🙏将其分享到社区卷轴。',  # corpus
        "收到回复时触发。",  # corpus: Misskey's docs
        "评论收到回复时通知",  # corpus
        "只有收到确认回复后，才改变 UI 状态",  # corpus: 确认 modifies the reply received
        "收到确认回复后，按指定时间到校领取",  # corpus
        "收到对方回复后恢复输入框",  # corpus
        "收到对方回复后，更新本地认知",  # corpus
        "看到回复后应该会弹出追问提示卡片",  # corpus
        "Lisa 看到回复时已经在地铁上。她周末要补这个 PPT。",  # corpus: a story
        "收到回复后请及时处理",  # the reply what arrives, then an order about it
        "确认：将 {code} 底价改为 {price} 元（供应商 ID={sid}）？\n回复「确认」执行，回复其他取消。",  # corpus
        "{VOUCHER_NAME}翻倍或者抹零? 回复y确认, 回复其他取消。(手续费1%, 最低0.1券)",  # corpus
        "即将执行：%s%s。\n\n请回复「确认」执行，回复其它内容取消。",  # corpus
        "确认下单请回复“确认”，或回复其它内容取消下单。",  # corpus
        "⚠️ 确认要清空所有数据库记录吗？此操作不可恢复！\n请回复'确认清空'继续操作，或回复任意内容取消",  # corpus
        "确认删除区域? 回复Y确认, 回复其他取消",  # corpus: a game plugin's prompt
    ],
}
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_reply_precision_boundaries(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)

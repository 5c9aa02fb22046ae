"""s39-ackrec: three classes of real acks the grammar did not read — both sides of each boundary.

- 先, "first", the act taken up before anything else, read where the urgency adverbs are
  (`ack._FIRST` in `ack._pledged_tail`): 收到，我先处理一下; 好的，我先处理; 明白，我先动手了. The
  tail's grammar is the urgency's: an object, a person served, a count, going somewhere or a
  one-character act make it a plan of one's own (`other`); 先 alone pledges nothing.
- 完毕, the radio's "over", a piece of its own after a reply (`ack._OVER`): 收到，完毕. Alone it
  confirms nothing; glued to a verb it is a task or a reception finished, as before.
- Tagalog beside an English ack (`ack._EN_ACK`'s sige and salamat, `ack._EN_POLITE`'s po): Noted
  po, Sige po, salamat!, Noted, salamat po. A reply that goes on — a time, an order, a farewell, a
  state (Okay na po) — stays `other`; po alone is no ack.

All lines here are made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        "收到，我先安排一下。",
        "好的，我先跟进。",
        "明白，我先开始了",
        "已阅，我先落实",
        "已阅，完毕",
        "1。完毕。",
        "收到！立即执行，完毕",
        "Okay po",
        "Received po, salamat",
        "Noted po ma'am",
        "Sige po",
        "Ok, salamat po!",
    ],
    "other": [
        "收到，我先核对一下订单金额",
        "好的，我先去拿快递",
        "收到，先",
        "收到，我先吃饭",
        "好的，我先给你发个报价",
        "完毕",
        "讲话完毕",
        "文件全部接收完毕",
        "po",
        "Okay po, pero kailan ang deadline?",
        "Sige po, bukas na lang ako pupunta",
        "Okay na po",
    ],
}


@pytest.mark.parametrize(
    ("label", "text"), [(label, text) for label, texts in CASES.items() for text in texts]
)
def test_reads(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)

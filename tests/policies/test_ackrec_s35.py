"""s35-ackrec: acks and their look-alikes read by structure — both sides of each boundary.

- 哒, the 的 / 啦 the internet types cute, joins the closed class of sentence-final particles a
  receipt or an assent ends on (`ack._FINAL_WORDS`): 收到哒！, 知道哒 are acks as 收到啦 and 知道了
  were. It ends the formula only: negated (不知道哒), asked (你也配知道哒？), after a judgement
  (是哒, 对哒) or a possessive (我的哒) nothing confirms.
- 就位, "in position", joins the check-in family beside 到岗 and 到场 (`ack._CHECK_IN`): 收到，已就位.
  A check-in ordered (请各单位就位) or asked (就位了吗) stays out.
- 记录, "noted", joins the done-it verbs beside 登记 and 备案 (`ack._DONE_VERBS`): 收到，已记录. What
  was recorded keeps it out — a name and its message after the done-it are the act's object, not a
  signer (已记录刘姐信息, and so 已转发王大哥信息: `ack._out_of_place`), as are "your" things (已记录你的
  偏好) and an order after it; a name signing the done-it (已转发 张三, 张三已转发) or a receipt of
  the notice (李四通知已收到) still signs.

Lines marked "corpus" are real lines of the recall or look-alike sets (or an open probe); the
others are made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        "收到哒！",  # corpus
        "知道哒",  # corpus
        "知道哒^^",  # corpus
        "收到哒",  # corpus (probe 6)
        "明白哒",
        "收到哒，谢谢",
        "收到，已就位",  # corpus
        "收到老师，我已就位",  # corpus
        "已就位",
        "三组李四已就位",
        "收到，已记录",  # corpus
        "收到，已记录。",  # corpus
        "已记录，会跟进。",  # corpus
        "收到，已记录完毕",
        "张三已转发",  # a name signing the done-it, as before
        "已转发 张三",
        "李四通知已收到",  # the notice received, signed: no done-it before the name
    ],
    "other": [
        "一定要说对说全哦，不然人家不知道哒~",  # corpus: negated
        "你也配知道哒？",  # corpus: asked
        "我也准备好了",  # corpus: a state, no formula
        "是哒",  # a judgement's particle, as 是的 is not an ack
        "对哒",
        "我的哒",  # a possessive
        "这个是我的哒",
        "就位了吗",  # asked
        "请各单位就位",  # an order
        "哒哒哒",  # the particle alone confirms nothing
        "收到，已记录刘姐信息",  # corpus: whose details were recorded
        "收到，已记录王大哥信息",  # corpus
        "收到，已转发刘姐信息",  # the same object after another done-it
        "收到，已记录你的偏好！",  # corpus: your thing, to one
        "收到，已记录这一组完成。下一组继续同一动作，先保持动作稳定。",  # corpus: an order follows
        "请记录",  # an order
        "记录好了",
    ],
}
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_ackrec_s35_boundaries(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)

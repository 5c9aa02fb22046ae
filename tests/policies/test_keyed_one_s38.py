"""s38-replyrec: the token 1 typed after 扣 in the Chinese numeral (扣一, 扣个一) — both sides.

Those who see it asked to key in 1 (看到的同学在群里扣个一; 看到请扣一) ask what 扣个1 / 看到请扣1 ask:
the numeral is the token, whole as the digit is (`reply._ONE_ENDS`: the clause's end, a mark, a final
particle). Stays out: a deduction (扣一分, 扣一滴血, 扣一票: a measure after 一), a scale of deductions
(迟到的扣一，早退的扣二: `reply.OPTIONS`, as 扣1…扣2 is a menu), a show of hands (想了解的扣一, 想要的扣一),
a poll put to one listener (你认为…对的扣个一), 回一 / 打一 (no real line: 打一字 heads a riddle's answer).

Lines marked "corpus" are real lines of the open sets (recall, real, look-alike, probes, noise);
the others are made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack_request": [
        "看到的同学在群里扣个一",  # corpus (main: other)
        "看到这里还在坚持的弹幕扣个一。",  # corpus (main: other)
        "给我扣个一",  # corpus (main: other)
        "看到请扣一",  # corpus (main: other)
        "看到的同学在群里扣个1",
        "收到的扣一",
        "收到扣个一哈",
        "各位家长看到通知后扣一，谢谢",
    ],
    "other": [
        "想了解的扣一。",  # corpus
        "想要的扣一",  # corpus
        "投到了AI里面。来，我们XXXX做个调查，你认为巴菲特对的扣个一",  # corpus
        "所有玩家棄一張bang，沒有棄的扣一滴血",  # corpus
        "第一局：每人出一张牌，最小的扣一分",  # corpus
        "给上次投的扣一票。",
        "迟到的扣一，早退的扣二",
        "迟到扣一，旷课扣两",
        "每次迟到扣一分",
        "收到请回一",
        "猜一字谜（打一字）",
        "扣一",
    ],
}


@pytest.mark.parametrize(
    ("label", "text"), [(label, text) for label, texts in CASES.items() for text in texts]
)
def test_s38_the_numeral_keyed_as_the_token(label: str, text: str) -> None:
    assert classify(text).label == label, text

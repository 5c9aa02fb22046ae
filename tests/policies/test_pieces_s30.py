"""The classes behind ack's and reply's one-line pieces taken off in s30 (issue 11), each on both
sides of its boundary, in invented forms no corpus holds.

- A modal particle is read by the dictionary's tag (y: 呀, 啦, 嘛, 哇, 呐, 呢), not by a list:
  after a token, and not one that asks or suggests (吗, 么, 吧).
- 的 before a one-character confirmation is no final particle (收的好: well received, a verdict).
- "I" telling what was done is read by the particles of aspect jieba tags (了, 过, the 的 of
  是…的), not by a list of them.
- Adverbs before a receipt are read by their tag (我也收到, 刚收到), none a negation.
- 办 is the verb of 办理 and of 办好 (办 + the complement 好 any pledge verb takes): 马上办.
- An English ack is one word among Chinese tokens as it is alone (收到OK啦: one pattern).
- A conjunction (jieba's c: 并, 同时) joins a closing wish to what was said (并祝工作顺利).
- A chase names whom it chases with an @ only when a word follows it (被@的); the feature named
  in quotes (通过“@”功能提醒…) mentions no one.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        # a modal particle by its tag, after the confirmation it ends
        "收到了哇", "好的呐", "明白嘛", "谢谢您，收到了呢",
        # the 的 that ends a receipt, then a particle
        "收到的呀",
        # "we" and a receipt with a particle that is no aspect
        "我们收到啦",
        # adverbs before a receipt, by their tag
        "我也收到", "刚收到", "我们均收到",
        # 办 after a commitment, alone, with its complement, with its motion
        "收到，马上办", "收到，立即办好", "收到，这就去办",
        # an English ack among Chinese tokens
        "明白OK", "好的noted", "收到roger",
        # a conjunction before a closing wish
        "收到，并祝好", "已阅，同时祝大家周末愉快",
    ],
    "ack_request": [
        # an @ that names those chased
        "被@的还没报到", "被@的人还没接龙",
    ],
    "other": [
        # a particle that asks or suggests; Cantonese 唔 ("not") opening a piece
        "收到吗", "收到吧", "唔到",
        # 的 before a lone confirmation: a verdict on how it was done
        "阅的好", "懂的好",
        # "I" telling the receipt in the perfect: to the one who asked
        "我们收到的哦", "我收到的",
        # a negation among the adverbs: it did not arrive
        "还没收到", "我也没收到", "都未收到",
        # 办 in a noun (办公: work), not the verb
        "收到，马上办公",
        # English words that are no ack among Chinese ones; a name beside an ack's letters
        "OK那就定周四", "收到okr了吗",
        # a conjunction before a thanks (no wish) or before a contrast; a wish with nothing said
        "收到，但是谢谢", "并祝好",
        # the @ feature named in quotes: a manual, no one chased
        "群主可以通过“@”功能提醒未报到的成员", "可在群里用“@”提醒还没接龙的",
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "label"), [(text, label) for label, texts in CASES.items() for text in texts]
)
def test_class_boundary(text: str, label: str) -> None:
    assert classify(text).label == label, classify(text)

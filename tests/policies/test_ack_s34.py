"""s34-ackrec: acks and their look-alikes read by structure — both sides of each boundary.

- A receipt that opens the message as a phrase of its own, then a few words closing on the reply
  verb, asked of no one: the speaker's own answer promised for later (收到，稍后回复), told — not
  the demand 收到…回复 (`reply._answer_promised`). Labelled `other`, as the look-alikes label an
  answer promised (收到啦，晚点回你~); the demand keeps its condition (收到后), its imperative (请),
  the group (大家) or a token to post (回复1).
- 哥 and 姐, the kin words of one character, sign or address as 哥哥, 姐姐, 妈 and 爸 do
  (`signature.KIN`): 好的哥, 收到 谢谢姐 are acks, as 好的姐姐 and 收到，王哥 were.

Lines marked "corpus" are real lines of the recall or look-alike sets (or a tuned-on probe); the
others are made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        "好的哥",  # corpus
        "好嘞哥~",  # corpus
        "好的哥,我已经收到了你的消息 🌸",  # corpus
        "收到 谢谢姐",  # corpus (probe 7)
        "好的姐",
        "王姐收到",
        "好的姐姐",  # as before
    ],
    "other": [
        "收到，稍后回复",  # corpus: the answer promised, not a demand
        "收到，明天上午回复",  # corpus
        "收到，晚点回复。",  # corpus
        "收到了，晚些回复",
        "谢谢哥",  # thanks alone, no confirmation: other, as before
        "谢谢王姐",  # the same with a name
        "哥，拍照发群里",  # one listener named: a proof order to one person, as before
    ],
    "ack_request": [
        "收到，请稍后回复",  # the imperative asks
        "收到后，稍后回复",  # 收到后: a condition on whoever reads
        "收到，大家稍后回复",  # the group named
        "收到，回复",  # no time between: the demand's own words
        "收到，请回复",
        "通知：明天开会。收到，稍后回复",  # the receipt does not open the message: a notice's tail
        "收到，尽快回复",  # 尽快 urges (`guards.IMPERATIVE`)
        "哥，收到请回复",  # a kin word heading a demand does not make it an ack
    ],
}
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_ack_boundaries(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)

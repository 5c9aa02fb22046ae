"""s33-ackrec: acks the grammar missed, read by structure — both sides of each boundary.

- The adverbs of a pledge's tail (`ack._URGENCY`) take certainty and haste too (一定, 抓紧), and
  alone, of two characters or more, they pledge the act understood (收到，抓紧; 好的，一定).
- A done-it verb of two characters with 完毕 is the report without its 已 (处理完毕).
- A vow reads 按照 + what it goes by (会按照要求完成) and a pledge's two acts (会做好准备).
- Cantonese 唔该 thanks, and the one thanked may follow it (明白，唔該Sarah).

Lines marked "corpus" are real lines of the recall or look-alike sets; the others are made up for
these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        "收到，一定遵守！",  # corpus
        "收到，抓紧落实",  # corpus (probe 7)
        "收到，抓紧",  # corpus
        "好的，一定！",  # corpus
        "收到，处理完毕",  # corpus
        "处理完毕",  # corpus
        "已阅，整改完毕",
        "收到，我会按照要求完成。",  # corpus
        "明白，我会按计划执行。",  # corpus
        "收到，我们会做好准备。",  # corpus
        "没问题，我会做好准备的。",  # corpus
        "明白，唔該Sarah！",  # corpus
        "OK，唔該晒Sarah！",  # corpus
    ],
    "other": [
        "收到，一定要把表发我",  # the adverb, then a task with its object and person
        "收到，抓紧把材料交上来",  # 把 + an object: a task
        "收到，就",  # 就 alone is "then": no pledge
        "一定",  # the adverb alone, no confirmation beside it
        "整改完毕了吗",  # asked
        "我會參加。",  # noise: a vow alone, no confirmation (tatoeba)
        "按我說的做。",  # noise: 按 + a clause, an order (tatoeba)
        "收到，我会去",  # going to someone: no vow (`ack._VOW_MOTION`)
        "我希望能接这个任务，会按要求完成并保持沟通。",  # corpus: an applicant's own offer
        "收到，我会配合你的节奏，先看白天票型再决定发言力度。",  # corpus: a plan of its own
        "收到，马上给您发货",  # corpus: goods sent to one buyer
    ],
}
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_ack_boundaries(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)

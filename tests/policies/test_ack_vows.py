"""A confirmation with a vow in the pledge's own grammar (issue 11, recall of real acks): what
commits (会 or 将 and their adverbs, 按 as asked), then only verbs and their adverbs —
and, beside them, the plans, the errands and the promised answers that are no vow. The sentences
are made up for these tests; the real lines are in corpora/real/recall_messages.jsonl.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        # a receipt or an assent, then a vow with a verb outside the pledge list
        "收到，我会尽快修改", "已阅，会认真研读", "好的，我们会尽快核实",
        "已阅，会认真核对的", "知悉，按要求整改", "收到，将尽快整改",
    ],
    "other": [
        # a vow alone tells a plan: no confirmation took anything in
        "会认真学习的", "我们将严格遵守",
        # a time, a 把, a person, a thing of its own: a plan of its own
        "收到，我会下午三点前把表发你", "收到，我会把材料发给你", "收到，我会去买菜",
        "收到，明天我会带孩子去医院",
        # coming or going to someone; a reply promised later
        "好的，马上来", "收到，我马上过去拿", "收到，我会尽快回复您", "邮件已收到，会尽快联系您",
        # an adverb alone commits to nothing its tag can tell (先 and 同意 are tagged adverbs too)
        "好的，我先忙了", "收到，我先吃饭",
    ],
}  # fmt: skip
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_vow_boundary(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)

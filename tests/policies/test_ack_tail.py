"""A receipt, then a tail that pledges by its shape (issue 11, recall of real acks: 收到，马上看;
收到，全力推进; 收到，我这就看; 收到，立马通知下去): "I" may open it, then adverbs of urgency or
certainty, then one act of carrying a notice out, with a complement of its own — and, beside them,
the tails that carry a task: a time, a number, a place, an object, a person, a question, a refusal,
a personal act. The sentences are made up for these tests; the real lines are in
corpora/real/recall_messages.jsonl and lookalike_messages.jsonl (s30-acktail batch).
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        # urgency, then one act of carrying the notice out
        "收到，马上查看", "已收到，立马落实", "收到，立即支援", "收到，立马核对",
        # "I" or "we" first; 这就 (tagged 这 + 就); a verb the dictionary tags a noun (部署)
        "收到，我们这就部署", "收到，我立刻处置",
        # a complement of the act's own: 一下, 到位
        "收到，马上查看一下", "收到，立马执行到位",
        # two acts; 去 before a done-it verb is its purpose
        "收到，马上组织学习", "已阅，马上去办理",
        # beside an assent too
        "好的，马上查看",
        # adverbs stacked; Traditional script
        "收到，马上好好阅读", "已收到，馬上查看",
        # 为您 before the act: the asker served, no task named (s36-ackrec: two real recall acks,
        # 收到，这就为您安排 and 收到！马上为您处理！ — this line was on the other side till then)
        "收到，这就为您处理",
        # what the act is done to may be the notice itself
        "收到，马上学习文件精神", "已阅，立即传达通知", "收到，我们马上学习会议精神",
        # a signature set off after the pledge still signs it
        "收到，马上落实-办公室王芳",
    ],
    "other": [
        # what the act is done to, where, when, for whom, how many
        "收到，马上修改报价单", "收到，立即核实订单", "收到，马上前往会议室", "收到，立刻去仓库",
        "收到，马上处理下午的单子", "收到，马上看第3条", "收到，这就给您处理",
        # a question, a refusal, a negation
        "收到，马上看吗？", "收到，但不能马上处理", "收到，马上不去",
        # a personal act is no formula; going or coming; an answer promised
        "收到，一定按时吃饭", "收到，马上下班", "收到，马上去拿", "收到，马上回复您",
        # alone, the tail is no reply (a lone adverb and verb: 这就是生活)
        "马上查看", "这就是生活",
        # an object that is not the notice: task content
        "收到，马上学习新的操作流程", "收到，立即落实三项整改",
        # urgency alone after "I" and an act of two verbs
        "收到，我马上去买菜",
        # a unit glued after a pledge is what the act is done to, not a signature
        "收到，马上通知导管室", "收到，立即前往急诊中心", "收到马上通知保卫处",
    ],
}  # fmt: skip
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_tail_boundary(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)


GLUED = {
    # a receipt with the tail glued on, no mark between: read as 收到，马上办 is (ack._glued_tail)
    "ack": ["收到马上办", "已阅立即落实", "收到这就办", "已收到马上查看", "收到立马核对"],
    "other": [
        # a lone 就 glued on is "then": a clause of its own
        "收到就是破的吗", "收到就好",
        # an assent glued to an act runs on as talk to one person (a shop's chat)
        "好的马上拍",
        # the tail's own bounds hold glued too: an object, a question, going somewhere
        "收到马上通知导管室", "收到马上修改报价单", "收到马上看吗", "收到马上去仓库",
    ],
}  # fmt: skip
GLUED_TABLE = [(label, text) for label, texts in GLUED.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), GLUED_TABLE, ids=[t[:20] for _, t in GLUED_TABLE])
def test_glued_tail_boundary(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)

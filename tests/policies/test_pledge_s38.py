"""s38-pledge: acks that carry thanks for the notice and a generic pledge — both sides.

The thanks for the notice itself (谢谢老师提醒, 谢谢老师的通知, 感谢告知), beside a pledge to act on it,
is the reply's receipt, as 收到 is (`ack._NOTICE_THANKED`): the pledge then reads as it does after
收到 — a generic one (会注意的, 会做好准备的, 马上修改调整) acks; a plan with its own object or time
(我会更新一下时间表, 我会在日落之前回来) stays `other`, and so do thanks alone and thanks for what
else one did. "I" may name who "we" are before the modal (我们家长一定配合, `ack._promises`): the
pledge is still a promise, not "I" telling a state to one listener.

Lines marked "corpus" are real lines of the open sets (recall, real, look-alike, probes, noise);
the others are made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack": [
        "谢谢老师的通知，我会做好准备的。",  # corpus (main: other)
        "谢谢老师提醒，我马上修改调整。",  # corpus (main: other)
        "谢谢提醒，我会注意的。",  # corpus (main: other)
        "好的，谢谢老师提醒，我们会注意的。",  # corpus (main: ack)
        "收到，我们会准时参加。",  # corpus (main: ack)
        "感谢通知，我们会按时到校",  # corpus (main: other)
        "感谢告知，我们会尽快处理",
        "谢谢王老师的提醒，我们一定配合",
        # who "we" are between the subject and its modal (`ack._promises`)
        "好的，谢谢老师！我们家长一定配合。",  # corpus (main: other)
        "好的，谢谢张老师！我们家长一定配合。",  # corpus (main: other)
        "好的老师，我们会配合，感谢。",  # corpus (main: ack)
        "好的，我们家长一定准时参加",
    ],
    "other": [
        "谢谢提醒，我会在日落之前回来。",  # corpus
        "谢谢提醒，我会继续补充这个细节。",  # corpus
        "谢谢提醒，我会更新一下时间表。",  # corpus
        "谢谢提醒，我会少喝奶茶。",  # corpus
        "谢谢提醒，我会戴上手套的。",  # corpus
        "谢谢提醒，我会记得我的日程的!",  # corpus
        "感谢提醒，我们会增加对这个工作的讨论。",  # corpus
        "谢谢老师提醒",
        "谢谢老师的解答，我会注意的",
        "谢谢提醒，我会不去的",
        "谢谢提醒，我会去吗",
        "谢谢老师告知，辛苦了。",  # corpus
        "因个人原因无法接受",  # corpus
        "老师好，收到。我们会认真完成。也想和老师沟通一下，看怎么帮他跟上又不至于太累。",  # corpus
        "谢谢老师反馈。我们会严肃跟孩子沟通，有需要配合的请随时联系我。",  # corpus
        "好的，我们家长",
        "好的，我们家长知道",
        "好的，我家孩子一定配合",
    ],
}


@pytest.mark.parametrize(
    ("label", "text"), [(label, text) for label, texts in CASES.items() for text in texts]
)
def test_s38_pledge_after_a_receipt(label: str, text: str) -> None:
    assert classify(text).label == label, text

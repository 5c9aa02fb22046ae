"""Reply demands by structure (s33-replyrec, issue 11): three shapes of a read receipt asked for
that the rules read `other`, and the near lines on the other side of each. Every sentence is
written for these tests; none is a corpus line.

- a token sign by those who read it: the reading condition with 的/后, then a verb with its measure
  and a one-character object ending the clause (看到的出个声, 收到的举个手) — a sign asked of those
  who did not read (有没有人试成功的，请出个声) or a longer object (看到的打个电话) is no receipt;
- the whole group asked, at the message's end, whether it saw or received it (通知大家都看到了吗？)
  — one person asked (你收到没有？), a thing's whereabouts (仓库的货收到了吗？) or the question with
  more after it (大家看到了吗？这就是流式输出) is no demand;
- a chase says what silence is taken as (未回复的视为未收到) — a choice made by silence (五分钟内未回复视为
  拒绝, a program's timeout) is no chase; 视同 (未回复视同未传达到位) is left to a later round: the one
  line that has it would make the word a one-line piece.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

DEMANDS = [
    "看到的出个声",
    "收到的举个手",
    "通知收到后都举个手",
    "上午发的会议通知大家都看到了吗？",
    "各位老师收到了吗",
    "同学们都看到了吗？",
    "未回复的视为未收到，后果自负",
]

NEAR = [
    "有没有人试成功的，请出个声",
    "看到的打个电话给我",
    "同为家长的举个手",
    "你收到没有？",
    "仓库3号货架的货收到了吗？",
    "大家看到了吗？这就是流式输出，一个字一个字地出来。",
    "五分钟内未回复视为拒绝",
    "审批超时未回复视为拒绝，流程自动终止",
]


@pytest.mark.parametrize("text", DEMANDS)
def test_a_read_receipt_asked_is_a_demand(text: str) -> None:
    assert classify(text).label == "ack_request"


@pytest.mark.parametrize("text", NEAR)
def test_the_near_line_is_no_demand(text: str) -> None:
    assert classify(text).label == "other"

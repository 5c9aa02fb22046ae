"""Who a demand is said to (s32-one, issue 11): the boundaries between a demand said to one person
and the same demand said to the group, as main's rules and the project's conventions draw them —
both sides of each. Every sentence is written for these tests; none is a corpus line.

What s32-one found and did not change, pinned here so a later round sees why:
- a single @mention at the head keeps a demand a demand: `bot.evaluation.VARIANTS` ("@mention")
  rewrites every labelled message with "@王主任 " / "@张三 " before it and keeps its gold label, and
  the tuned probe sets hold macro-F1 ≥ 0.95 under it. Reading "@张三 收到请回复" as said to one
  (tried: 2 real look-alikes answered, label diff 2 wrong→right / 0 right→wrong) drops probe,
  probe2 and probe3 under that variant to 0.939–0.946 — the convention wins;
- a picture asked of one person is still a trace asked: LABELS.md's `proof_request` names no group,
  and the corpus labels proof demands said to one 你 `proof_request` (请你…反馈你的截图; 把你刚才…拍个
  照发群里), so neither the mention nor the singular 你 lets a proof demand go.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

# A reply shape said to one listener by the grammar (the singular 你 heading a phrase, the reply
# sent back to me) or named at the head with a comma: no demand on the group.
TO_ONE = [
    ("你这周的周报收到后请回复确认", "other"),
    ("材料我放你桌上了，看到回我一下", "other"),
    ("小李，检查完拍照发群里", "other"),
]
# The same shapes said to many: the plural you, the group named, the readers by 们 — and a single
# @mention before a demand, which keeps it a demand (the @mention variant).
TO_MANY = [
    ("你们这周的周报收到后请回复确认", "ack_request"),
    ("各位，看到回复一下", "ack_request"),
    ("家长们看到请回复", "ack_request"),
    ("各位，检查完拍照发群里", "proof_request"),
    ("@王主任 收到请回复", "ack_request"),
    ("@王芳 @李强 看到回一下", "ack_request"),
]


@pytest.mark.parametrize(("text", "label"), TO_ONE)
def test_a_demand_said_to_one_listener_is_no_demand(text: str, label: str) -> None:
    assert classify(text).label == label, classify(text)


@pytest.mark.parametrize(("text", "label"), TO_MANY)
def test_the_same_demand_said_to_many_is_demanded(text: str, label: str) -> None:
    assert classify(text).label == label, classify(text)


# LABELS.md: a picture asked of one person as the trace of a duty is still `proof_request`.
@pytest.mark.parametrize(
    "text", ["你今天巡河后把轨迹截图发群里", "请你今晚前完成学习并反馈你的截图"]
)
def test_a_picture_asked_of_one_person_is_still_a_trace_asked(text: str) -> None:
    assert classify(text).label == "proof_request", classify(text)

"""Proof recall (s34-proofrec, issue 11): a task's step said bare, the act and its trace joined by 并
(发放普法折页并拍照留痕, 到场核实并拍照留痕 — two real lines of the recall set), pinned on both sides.
Every sentence is written for these tests; none is a corpus line.

A shot with its trace (拍照留痕) right after 并 is the trace of the act the phrase opens with: a step
of a task list, no order word needed. Told, not set: a subject heading the phrase (工作人员…, 我们…),
the perfect (已…) or 了 after the trace; a clause of time before 并 (拒签时…) sets an event the step
answers — a procedure's contingency, where the other shapes read an order when there is one.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

# A step and its trace, bare: the act, 并, the shot, the trace.
STEPS = [
    "入户走访并拍照留痕",
    "清理河道垃圾并拍照留痕，周五前完成",
    "2、检查消防器材并拍照留痕",
    "发放宣传资料并截图留痕",
]
# The same words told, or set by an event: a subject, the perfect, 了, a clause of time; or no 并.
TOLD = [
    "社区工作人员入户走访并拍照留痕",
    "我们清理河道垃圾并拍照留痕",
    "已检查消防器材并拍照留痕",
    "检查消防器材并拍照留痕了",
    "拒收时写明原因并拍照留痕",
    "检查消防器材，拍照留痕搞到最后成了负担",
]


@pytest.mark.parametrize("text", STEPS)
def test_a_step_and_its_trace_is_a_demand(text: str) -> None:
    assert classify(text).label == "proof_request"


@pytest.mark.parametrize("text", TOLD)
def test_the_trace_told_or_set_by_an_event_is_not(text: str) -> None:
    assert classify(text).label == "other"

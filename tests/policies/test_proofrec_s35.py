"""Proof recall/precision (s35-proofrec): the sending told by its aspect, pinned on both sides.
Every sentence is written for these tests; none is a corpus line.

- a send verb (发, 传 — also inside 上传, 回传), its complement of place (到, 在, 进, 至) and an aspect
  marker (了 perfective, 过 experiential), a group after it in its clause (把会议自拍发到了会员群,
  照片被发到了粉丝群聊里): what was done with the pictures is told — no one is asked for them;
- an order has no aspect on its send (拍照发到群里, 截图传到群里, 发在群里, 发进工作群): read as before;
  an aspect marker on another verb, or a send with its aspect whose clause names no group, leaves
  the order in the same message read.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain
from policies.normalize import normalize
from policies.proof import SENT_REPORT

# The sending told (each read as a demand without the rule).
TOLD = [
    "小李把巡查照片发到了工作群",
    "会议照片发到了家长群里",
    "现场照片他们都传到过工作群",
    "值班照片发在了群里",
]
# The send without an aspect: the pictures are asked.
ORDERED = [
    "请大家巡查完拍照发到工作群",
    "每人学习完截图传到群里",
    "各村巡查后拍照发在群里",
    "请把现场照片发进工作群",
]
# An aspect elsewhere: on another verb (巡查完了), or on a send whose clause names no group.
ASPECT_ELSEWHERE = [
    "巡查完了请拍照发到工作群",
    "通知发到了各位邮箱，请大家巡查后拍照发群",
]


@pytest.mark.parametrize("text", TOLD)
def test_a_send_with_its_aspect_is_told(text: str) -> None:
    assert SENT_REPORT.search(normalize(text).folded)
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", ORDERED)
def test_a_send_without_an_aspect_asks(text: str) -> None:
    assert not SENT_REPORT.search(normalize(text).folded)
    assert classify(text).label == "proof_request"


@pytest.mark.parametrize("text", ASPECT_ELSEWHERE)
def test_an_aspect_elsewhere_leaves_the_order(text: str) -> None:
    assert not SENT_REPORT.search(normalize(text).folded)
    assert classify(text).label == "proof_request"


def test_both_aspect_markers_are_kept() -> None:
    # the closed class whole: the perfective and the experiential, not only the one seen in lines
    for marker in ("了", "过"):
        assert SENT_REPORT.search(f"截图传到{marker}工作群")
    assert not SENT_REPORT.search("截图传到工作群")


def test_explain_names_the_report_guard() -> None:
    told = {cue.name: cue for cue in explain("小李把巡查照片发到了工作群")}
    assert told["guard:report"].fired and told["label"].detail == "other"
    order = {cue.name: cue for cue in explain("请大家巡查完拍照发到工作群")}
    assert not order["guard:report"].fired and order["label"].detail == "proof_request"

"""Talk *about* replying and photographing (s29-looka), both sides of each line.

Forms written for these tests, in no corpus. A program's smoke test heading its own message, an
example told (比如 heading its sentence), and an interviewee's whole sentences quoted after a
colon, however long, are `other`; the order beside each of them keeps its demand.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.guards import neutralize_quotes
from policies.normalize import normalize


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a program's smoke test heading its own message
        ("冒烟：请回复“收到”两个字", "other"),
        ("网关冒烟：重启完成，请回复确认收到", "other"),
        # a smoke drill announced to people: a notice
        ("周五下午开展冒烟演练，各部门收到请回复", "ack_request"),
        ("明天上午检修冒烟报警器，各楼层收到请回复", "ack_request"),
    ],
)
def test_a_smoke_test_heads_a_machines_message(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # an example heading its sentence: a case told
        ("比如，上周巡查时老王把现场照片发到了群里，领导一看就明白了", "other"),
        ("例如：一位家长看到通知后在群里回复收到", "other"),
        # 比如 listing what a notice asks for, or an example that asks: the order stays
        ("请上报巡查材料，比如照片、视频，今晚前发群里", "proof_request"),
        ("例如：各网格员每天巡查后拍照发群里", "proof_request"),
        ("比如，今天巡查后请拍照发群里", "proof_request"),
    ],
)
def test_an_example_told_is_no_order(text: str, label: str) -> None:
    assert classify(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the readers as the subject of the example's outcome (就 …了 after the action): who learns
        ("比如，现场看到一个裂缝，拍成照片发到群里，大家就都知道了", "other"),
        ("例如，晚上巡查完截图发群里，这样大家就放心了", "other"),
        ("比如，看到通知就回复收到，大家就放心了", "other"),
        # the readers doing the example's action, or ordered in the phrase after it: the order stays
        ("比如巡查时，大家拍照发到群里", "proof_request"),
        ("比如，现场看到一个裂缝，拍成照片发到群里，大家就在群里说一声", "proof_request"),
        ("例如，晚上巡查完截图发群里，请大家就放心了", "proof_request"),
        ("比如看到通知，大家回复收到", "ack_request"),
        # no example told: the outcome is the reason given for an order
        ("现场看到一个裂缝，拍成照片发到群里，大家就都知道了", "proof_request"),
    ],
)
def test_the_readers_in_an_examples_outcome_are_not_ordered(text: str, label: str) -> None:
    assert classify(text).label == label


def test_an_interviewees_whole_sentences_after_a_colon_are_quoted_however_long() -> None:
    told = (
        "一位驻村干部告诉记者：“每次入户走访以后，我都要把走访记录和照片及时上传到系统里，"
        "领导随时都能看到我们跑了哪些户，心里也踏实，这个办法确实管用。”"
    )
    assert len(told) > 60  # longer than a quote of a demand is read as one
    assert "〔引〕" in neutralize_quotes(normalize(told).folded)
    assert classify(told).label == "other"
    # a long quote after a reply verb's colon names the reply asked: it stays
    asked = (
        "请各位家长回复：“收到，孩子今晚会按时完成全部作业，家长已经检查签字，明天早上交给老师，"
        "请老师放心，谢谢老师的辛苦付出。”"
    )
    assert len(asked) > 60
    assert classify(asked).label == "ack_request"
    # a speaker relaying an order unquoted still orders
    assert classify("班主任说：请大家今晚前把照片发到群里").label == "proof_request"

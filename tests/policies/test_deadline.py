"""One reading of a day or a deadline (`policies.listener.deadline`, `day_or_deadline`), read by
the lone listener's reply, the form prompt, the picture quota and the pictures that prove
something (`policies.proof`) and the binding deadline of `policies.sure`. Invented sentences,
both sides of each boundary."""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain
from policies.listener import day_or_deadline, deadline
from policies.normalize import normalize
from policies.proof import form_prompt, quota


def _folded(text: str) -> str:
    return normalize(text).folded


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # by the clock, maybe on a named day: the clock's time is the deadline
        ("今晚8点前交材料", "8点前"),
        ("请18点之前回复", "18点之前"),
        ("22:00 前上传", "22:00 前"),
        ("下午三点前到齐", "三点前"),
        # the day's end, a time asked for
        ("下班前把表交上来", "下班前"),
        ("放学回家前拍照", "放学回家前"),
        ("请于10月16日前报送", "请于10月16日前"),
        # a time word of the lexicon then 前 (之前, 以前) in its clause
        ("周五之前交齐", "周五之前"),
        ("月底前报送", "月底前"),
        ("请明早之前回复", "明早之前"),
        ("今晚锁门前检查一遍", "今晚锁门前"),
        # after a time, a time named with no 前, 之前 with no time: no deadline
        ("3点后再交", None),
        ("下午3点开会", None),
        ("明天开会", None),
        ("之前说过这件事", None),
        ("以前都是这么交的", None),
        ("日前通知已下发", None),  # 日前: "recently"
        ("节点前暗号是青灯", None),  # 节点 (a node) is no clock
        ("今晚，前面那家店关门", None),  # a clause's mark between the day and 前
        ("明天12号楼前集合", None),  # a number between: the day is no deadline's
    ],
)
def test_a_deadline_is_a_time_then_before(text: str, due: str | None) -> None:
    assert deadline(_folded(text)) == due


def test_a_deadline_is_read_within_the_span_asked() -> None:
    folded = _folded("周日前交齐。拍三张照片发群")
    assert deadline(folded) == "周日前"
    assert deadline(folded, folded.index("拍")) is None  # its sentence sets none


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # a day or a clock time named, deadline or not; a cut-off
        ("明天开会", True),
        ("下午3点后再交", True),
        ("截止今天", True),
        ("周五之前交齐", True),
        ("下班前把表交上来", True),
        ("请于次日前报送", True),  # a time word only as the lexicon has it (次日)
        # neither
        ("之前说过这件事", False),
        ("以前都是这么交的", False),
        ("节点前暗号是青灯", False),
        ("时间不够了", False),  # 时间: no clock time
    ],
)
def test_a_day_or_a_deadline_is_named(text: str, named: bool) -> None:
    assert day_or_deadline(_folded(text)) is named


def test_the_three_readers_read_it_alike() -> None:
    # the lone listener's reply: a notice's day (its readers act on it), not a program's check
    assert classify("周五之前交齐，回复收到即可").label == "ack_request"
    assert classify("之前说过，回复收到即可").label == "other"
    # the form prompt: a day or a deadline makes the upload a task given to people
    assert form_prompt(_folded("请上传现场照片"))
    assert form_prompt(_folded("周五之前请上传现场照片")) is None
    assert form_prompt(_folded("下班前请上传现场照片")) is None
    # the quota: pictures counted by a deadline in their sentence, by the day as by the clock
    assert quota(_folded("现场照片3张，周日前发群"))
    assert quota(_folded("现场照片3张，今晚8点前发群"))
    assert quota(_folded("现场照片3张，之前发过群")) is None
    # the binding deadline of `policies.sure`
    [cue] = [c for c in explain("周五之前回复收到") if c.name == "sure"]
    assert cue.detail == "sure:due (周五之前)"

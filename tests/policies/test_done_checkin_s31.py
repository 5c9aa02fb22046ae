"""s31-replyr: the 接龙 that is itself the confirmation of a task done (完成后再次接龙), and a
check-in completed by a reply (回复「1」完成报平安接龙) — real lines in recall_messages.jsonl
(letsmove PR reviews; a class group's 报平安 bot). Boundary tests on both sides."""

from __future__ import annotations

import pytest

from policies.classify import classify

FIRES = [
    ("完成后再次接龙", "demand:done-check-in"),
    ("这里打勾，打完勾再次接龙", "demand:done-check-in"),
    ("作业全部完成后请接龙", "demand:done-check-in"),
    ("各位老师培训任务完成后接龙。", "demand:done-check-in"),
    ("完成后接龙“已完成”", "demand:done-check-in"),  # the wording it dictates, quoted
    (
        "请各位同学回复「1」完成报平安接龙",
        "demand:dictated-reply",
    ),  # no command: a check-in completed
    ("请以上同学回复「1」完成报平安接龙：张三、李四", "demand:done-check-in"),
]

QUIET = [
    "完成后接龙报名下一期",  # a sign-up goes on after 接龙
    "没完成的请接龙说明原因",  # those not done report why
    "还没有完成的接龙",
    "完善信息后接龙",  # 完善: perfect, not done
    "他完成后接龙了",  # told
    "完成后接龙就行了吗",  # a word after 接龙: not a clause of its own
    "回复1完成预约",  # a command to a system
    "回复「确认」完成报名",
    "请回复「1号」",
]


@pytest.mark.parametrize(("text", "cue"), FIRES)
def test_fires(text: str, cue: str) -> None:
    found = classify(text)
    assert found.label == "ack_request" and found.reasons[:1] == (cue,), found


@pytest.mark.parametrize("text", QUIET)
def test_quiet(text: str) -> None:
    assert classify(text).label != "ack_request"


def test_proof_outranks_the_done_check_in() -> None:
    found = classify("完成后截图发群里接龙")
    assert found.label == "proof_request" and found.also == ("ack_request",)

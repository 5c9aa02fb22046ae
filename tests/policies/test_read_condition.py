"""One reading condition (`policies.reply.READ_CONDITION`): the reply shape, `policies.sure`'s
picked-out frame and `policies.segment`'s people-or-thing check read the same verbs of reading
and the same exclusions (没/未/不 and a person before the verb). Forms in no corpus."""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.normalize import normalize
from policies.reply import READ_CONDITION, confirms_condition
from policies.sure import sure_cue


def _picked(text: str) -> bool:
    found = sure_cue(text, normalize(text).folded, ())
    return found is not None and found.startswith("sure:picked-out")


@pytest.mark.parametrize(
    ("text", "picked"),
    [
        # any verb of reading the condition knows picks the members out, with its 的
        ("阅毕的同事请吱一声", True),
        ("读过的伙伴回个收到", True),
        ("看见通知的请回复一下", True),
        ("学完的请打卡", True),
        # not read, or read by someone named: no members picked out
        ("没看过的请回复", False),
        ("我看见的请回复", False),
        ("他读过的请回复", False),
    ],
)
def test_the_members_a_reading_condition_picks_out(text: str, picked: bool) -> None:
    assert _picked(text) is picked


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the same verbs, then people (a demand) or a thing (a code, a file: not a read receipt)
        ("阅毕的同事请吱一声", "ack_request"),
        ("读过的伙伴回个收到", "ack_request"),
        ("读过的文件请回复给我", "other"),
        ("看见的图片请回复给我", "other"),
    ],
)
def test_segment_reads_the_same_condition(text: str, label: str) -> None:
    assert confirms_condition(normalize(text).folded) is (label != "other")
    assert classify(text).label == label


def test_one_pattern_for_the_three() -> None:
    from policies import reply, segment, sure

    # confirms_condition now lives beside the pattern in reply: segment keeps no copy of its own
    assert reply.READ_CONDITION is sure.READ_CONDITION
    assert not hasattr(segment, "READ_CONDITION")
    assert READ_CONDITION.search("阅毕的") and not READ_CONDITION.search("未阅的")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # 确认 + what the reading condition names: a check-in, with or without a 1 before it
        ("请扣1确认已读", "ack_request"),
        ("请确认一下都看过了", "ack_request"),
        ("接龙，确认已看完", "ack_request"),
        # 确认 + information, or a reading denied or told by one: no check-in
        ("请扣1确认参加人数", "other"),
        ("请确认没看到的人数", "other"),
        ("确认我看到了", "other"),
    ],
)
def test_confirming_what_was_read_is_a_check_in(text: str, label: str) -> None:
    found = classify(text)
    assert found.label == label
    assert (found.reasons[:1] == ("demand:check-in",)) is (label == "ack_request")

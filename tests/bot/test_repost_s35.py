"""A notice posted again while its acks arrive is the same notice: one pile-up (s35-conv).

Real case: a teacher pastes a notice three times ("重要的事情说三遍") and the 收到 replies ring in
between the copies (corpora/real/real_conversations.jsonl, 运动会通知复制三遍时收到已刷屏).
Scan (`bot.pipeline.scan`) and the live bot (a `Pipeline` fed one message at a time, its group's
state saved and restored as the runtime does) must find the same incidents.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.pipeline import Pipeline, scan
from policies.detect import Detector, DetectorOptions
from policies.events import Incident, Message

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 5, 14, 18, 30, tzinfo=CST)
NOTICE = (
    "提请各位家长注意,明天上午学校开运动会,请家长们给孩子准备好合身的运动套装和运动鞋,"
    "最好是浅色衣服,深色鞋子!"
)
OTHER = "各位家长注意，下周一起学校实行错峰放学，一二年级下午三点半放学，请按时到校门口接孩子。"


def _conversation(middle: str, *, first: str = NOTICE) -> list[Message]:
    """The notice, two 收到, `middle`, two 收到, `middle` again, three 收到 (seven members)."""
    lines = [("teacher", first)]
    lines += [("p1", "收到"), ("p2", "收到"), ("teacher", middle), ("p3", "收到"), ("p4", "收到")]
    lines += [("teacher", middle), ("p5", "收到"), ("p6", "收到"), ("p7", "收到")]
    return [
        Message(f"m{k}", "class", who, text, T0 + timedelta(seconds=15 * k))
        for k, (who, text) in enumerate(lines)
    ]


def _stacks(incidents: list[Incident]) -> list[int]:
    return [i.members for i in incidents if i.kind == "stack"]


def _scan(messages: list[Message]) -> list[Incident]:
    return scan(messages, Pipeline(lambda _gid: DetectorOptions()))


@pytest.mark.parametrize(
    ("middle", "stacks"),
    [
        (NOTICE, [7]),  # pasted again: one notice, one pile-up of seven
        (NOTICE + "\n请于7:40前到校。", [7]),  # a line added at its end: still that notice
        (NOTICE.replace(",", "，"), [7]),  # the same words, full-width commas
        # another notice (posted twice): its acks answer it, not the first's — 2 + 3 = 5
        (OTHER, [5]),
        (NOTICE[:11] + "明天下午学校开家长会,请家长们准时到校,签到后到各班教室就座!", [5]),
    ],
)
def test_a_notice_posted_again_keeps_its_pile_up(middle: str, stacks: list[int]) -> None:
    assert _stacks(_scan(_conversation(middle))) == stacks


def test_a_short_statement_is_no_copy_of_a_notice_it_begins() -> None:
    """Fewer than twelve words (spaces dropped) cannot tell a re-post: a short demand that begins
    like the notice is a new demand, as before."""
    short = "请大家回复收到"
    first = short + "，明天上午学校开运动会，请家长们给孩子准备好运动服"
    assert _stacks(_scan(_conversation(short, first=first))) == []


def test_the_copy_is_told_after_a_restore_as_without_one() -> None:
    """The live bot saves a group's state and may restore it between messages (notice texts cut
    to the 60-character excerpt): the copy is still the same notice."""
    messages = _conversation(NOTICE + "另外请带好水杯和毛巾，穿运动鞋到校，不要穿凉鞋。")
    expected = _scan(messages)
    pipeline = Pipeline(lambda _gid: DetectorOptions(), clamp_late=True)
    live: dict[str, Incident] = {}
    for msg in messages:
        state = pipeline.detector.snapshot("class")
        pipeline.detector = Detector()
        pipeline.detector.restore("class", state)
        for incident in pipeline.feed(msg).incidents:
            live[incident.id] = incident
    for incident in pipeline.close_all():
        live[incident.id] = incident
    assert _stacks(expected) == [7]
    assert sorted(live.values(), key=lambda i: (i.start, i.kind)) == expected


def test_a_copy_long_after_is_a_new_notice() -> None:
    """A notice is remembered for `notice_lookback` (two hours): posted again the next morning it
    starts a new pile-up, and the morning's acks do not count with the evening's."""
    lines = [("teacher", NOTICE)] + [(f"p{k}", "收到") for k in range(1, 4)]
    lines += [("teacher", NOTICE)] + [(f"p{k}", "收到") for k in range(4, 7)]
    times = [0, 1, 2, 3, 900, 901, 902, 903]
    messages = [
        Message(f"m{k}", "class", who, text, T0 + timedelta(minutes=times[k]))
        for k, (who, text) in enumerate(lines)
    ]
    assert _stacks(_scan(messages)) == []

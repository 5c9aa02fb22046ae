"""A group's detector state taken out (`snapshot`), through JSON, and put back (`restore`) at
any point of a conversation gives exactly the incidents of an uninterrupted run."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from policies.detect import Detector
from policies.events import Incident, Message

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=CST)
NOTICE = "【通知】明天上午9点在三楼会议室开会，请各科室负责人准时参加，不得缺席，会后请将本科室的学习心得和整改清单统一报送至办公室邮箱，逾期不候。"
NAMES = ["张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆"]


def said(lines: list[tuple[str, str, float]], prefix: str) -> list[Message]:
    """Each `(sender, text, minutes after T0)` as a message in g1, ids PREFIX0, PREFIX1, ..."""
    return [
        Message(
            id=f"{prefix}{n}",
            group_id="g1",
            sender_id=sender,
            text=text,
            time=T0 + timedelta(minutes=minutes),
        )
        for n, (sender, text, minutes) in enumerate(lines)
    ]


def conversation() -> list[Message]:
    """A notice, a pile-up of 6 + 6 acks, a demand, a 接龙 growing, a second pile-up later."""
    lines: list[tuple[str, str, float]] = [("boss", NOTICE, 0)]
    lines += [(f"u{k}", "收到", 1 + k) for k in range(12)]
    lines += [("boss", "下午三点前把名单发群里，收到请回复", 20)]
    names = [f"{k + 1}. {name}" for k, name in enumerate(NAMES)]
    for k in range(1, len(names) + 1):
        lines.append((f"c{k}", "#接龙\n已学习《安全手册》\n\n" + "\n".join(names[:k]), 21 + k))
    lines += [(f"u{k}", "收到", 90 + k) for k in range(6)]
    return said(lines, "m")


def run(messages: list[Message], cut: int | None) -> list[Incident]:
    detector, reports = Detector(), []
    for n, msg in enumerate(messages):
        if n == cut:  # a restart: the state goes through JSON into a new detector
            state = json.loads(json.dumps(detector.snapshot("g1")))
            detector = Detector()
            detector.restore("g1", state)
        reports += detector.feed(msg).incidents
    return reports + detector.close_all()


@pytest.mark.parametrize("cut", range(1, len(conversation())))
def test_a_restore_at_any_point_gives_the_same_incidents(cut: int) -> None:
    messages = conversation()
    expected = run(messages, None)
    assert {i.kind for i in expected} == {"stack", "ack_request", "chain"}
    assert sum(1 for i in expected if i.kind == "stack" and i.opened) == 2
    assert run(messages, cut) == expected


def acks_in_utc() -> list[Message]:
    """Acks as every platform's adapter gives them: UTC, to the microsecond."""
    start = datetime(2026, 3, 2, 1, 0, 0, 123457, tzinfo=UTC)
    return [
        Message(
            id=f"a{k}",
            group_id="g1",
            sender_id=f"u{k}",
            text="收到",
            time=start + timedelta(seconds=k, microseconds=7919 * k),
        )
        for k in range(4)
    ]


def test_ack_times_in_utc_are_kept_as_seconds_and_come_back_to_the_microsecond() -> None:
    detector = Detector()
    for msg in acks_in_utc():
        detector.feed(msg)
    state = json.loads(json.dumps(detector.snapshot("g1")))
    assert [type(t) for t, _, _ in state["acks"]] == [float] * 4
    restored = Detector()
    restored.restore("g1", state)
    again = restored.snapshot("g1")
    assert again is not None and again["acks"] == state["acks"]
    times = [datetime.fromtimestamp(t, UTC) for t, _, _ in again["acks"]]
    assert times == [msg.time for msg in acks_in_utc()]
    assert all(t.utcoffset() == timedelta(0) for t in times)


def test_a_state_saved_with_iso_ack_times_still_restores() -> None:
    """States kept before ack times were saved as seconds (ISO strings) read back the same."""
    detector = Detector()
    for msg in acks_in_utc():
        detector.feed(msg)
    state = json.loads(json.dumps(detector.snapshot("g1")))
    old = dict(state, acks=[[m.time.isoformat(), m.sender_id, m.id] for m in acks_in_utc()])
    restored = Detector()
    restored.restore("g1", old)
    assert restored.snapshot("g1") == state


@pytest.mark.parametrize("bad", [1e300, True, None, "yesterday"])
def test_an_unreadable_ack_time_is_a_value_error(bad: object) -> None:
    detector = Detector()
    detector.feed(acks_in_utc()[0])
    state = json.loads(json.dumps(detector.snapshot("g1")))
    with pytest.raises(ValueError):
        Detector().restore("g1", dict(state, acks=[[bad, "u0", "a0"]]))


def test_an_unknown_group_has_no_snapshot_and_restoring_none_forgets() -> None:
    detector = Detector()
    assert detector.snapshot("g1") is None
    detector.feed(conversation()[0])
    assert detector.tracks("g1")
    detector.restore("g1", None)
    assert not detector.tracks("g1") and detector.groups_tracked == 0


def test_a_snapshot_keeps_only_an_excerpt_of_a_notice() -> None:
    detector = Detector()
    detector.feed(conversation()[0])
    state = detector.snapshot("g1")
    assert state is not None
    [[_, _, _, text, _]] = state["notices"]
    assert len(text) <= 60 and len(NOTICE) > 60


POLL = (
    "各位同事：关于下周团建的安排，行政部拟了两个方案，请大家在今天下班前投票，"
    "方案一去郊外徒步，方案二去市里看展览，回复1选方案一，回复2选方案二"
)


@pytest.mark.parametrize("cut", range(1, 7))
def test_votes_after_a_long_poll_stay_votes_across_a_restore(cut: int) -> None:
    lines = [("boss", POLL, 0)] + [(f"u{k}", "1", 1 + k) for k in range(6)]
    messages = said(lines, "p")
    assert len(POLL) > 60
    assert run(messages, None) == []  # votes, not a pile-up
    assert run(messages, cut) == []


def test_forgetting_a_member_keeps_counting_the_others() -> None:
    """`Detector.forget`: the member's acks, pile-up place, notices and 接龙 place go; their
    name in another's notice becomes …; the pile-up grows on from the others' count."""
    detector = Detector()
    said = [
        Message("n1", "g1", "boss", "各位：周五前交总结，由 @李娜 汇总，收到请回复", T0),
        Message(
            "n2", "g1", "u-li", "李娜补充：材料交到302室，收到请回复", T0 + timedelta(1 / 1440)
        ),
    ]
    said += [
        Message(f"a{k}", "g1", sender, "收到", T0 + timedelta(minutes=2 + k))
        for k, sender in enumerate(["u1", "u-li", "u2", "u3", "u4", "u5"])
    ]
    for msg in said:
        detector.feed(msg)
    before = detector.snapshot("g1")
    assert before is not None and "u-li" in before["stack"]["senders"]
    detector.forget("g1", ["u-li", "李娜"])
    after = detector.snapshot("g1")
    assert after is not None and "u-li" not in json.dumps(after)
    assert "李娜" not in json.dumps(after, ensure_ascii=False)
    assert [n[0] for n in after["notices"]] == ["n1"] and "@…" in after["notices"][0][3]
    assert sorted(after["stack"]["senders"]) == ["u1", "u2", "u3", "u4", "u5"]
    [grown] = detector.feed(Message("a9", "g1", "u6", "收到", T0 + timedelta(minutes=9))).incidents
    assert grown.members == 6
    kept = detector.snapshot("g1")
    detector.forget("g1", [" ", ""])
    assert detector.snapshot("g1") == kept, "no names: nothing forgotten"

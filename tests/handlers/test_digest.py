"""The weekly digest's numbers and texts, over hand-made weeks (no store, no clock)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from handlers.context import IncidentRecord
from handlers.digest import (
    BadWeek,
    IsoWeek,
    WeekFacts,
    rank,
    render,
    render_rollup,
    resolve_week,
    summarize,
)
from handlers.texts import text
from policies.events import INCIDENT_KINDS, IncidentKind

SHANGHAI = ZoneInfo("Asia/Shanghai")
WEEK = IsoWeek(2025, 7)  # Mon 2025-02-10 … Sun 2025-02-16
MONDAY = datetime(2025, 2, 10, tzinfo=SHANGHAI)


def incident(
    n: int,
    kind: IncidentKind,
    at: datetime,
    members: int = 1,
    messages: int = 1,
    trigger: str = "关于报送安全生产检查表的通知",
    by: str = "",
    sender: str = "",
) -> IncidentRecord:
    return IncidentRecord(
        id=f"g/{kind}/m{n}",
        group_id="g",
        platform="playground",
        kind=kind,
        start=at.astimezone(UTC),
        end=at.astimezone(UTC),
        members=members,
        messages=messages,
        trigger=trigger,
        trigger_sender=sender,
        demand_by=by,
        reminded=False,
    )


def facts(
    incidents: list[IncidentRecord],
    previous: dict[IncidentKind, int] | None = None,
    size: int | None = None,
    reminders: int = 0,
) -> WeekFacts:
    return WeekFacts(
        group_id="g",
        week=WEEK,
        timezone="Asia/Shanghai",
        incidents=tuple(incidents),
        previous=previous or {},
        reminders=reminders,
        group_size=size,
        group_name="街道办工作群",
    )


def seeded_week(seed: int) -> list[IncidentRecord]:
    """A random but reproducible week of incidents."""
    rnd = random.Random(seed)
    out = []
    for n in range(rnd.randint(15, 30)):
        kind = rnd.choice(INCIDENT_KINDS)
        at = MONDAY + timedelta(minutes=rnd.randrange(7 * 24 * 60))
        piles = kind in ("stack", "chain")
        members = rnd.randint(5, 40) if piles else 1
        messages = members + rnd.randint(0, 5) if piles else 1
        who = rnd.choice(["王主任", "李娜", "张伟", ""])
        out.append(incident(n, kind, at, members, messages, f"通知 {n}", by=who, sender=f"u{n}"))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("size", [None, 48])
def test_numbers_of_a_seeded_week(seed: int, size: int | None) -> None:
    week = seeded_week(seed)
    previous: dict[IncidentKind, int] = {"stack": 4, "chain": 1, "ack_request": 6}
    digest = summarize(facts(week, previous, size=size, reminders=3))

    stacks = [i for i in week if i.kind == "stack"]
    for kind in INCIDENT_KINDS:
        assert digest.counts[kind] == len([i for i in week if i.kind == kind])
    assert digest.previous == {"stack": 4, "chain": 1, "ack_request": 6, "proof_request": 0}
    assert digest.acks == sum(i.messages for i in stacks)
    if size is None:
        assert digest.notifications == sum(i.messages * i.members for i in stacks)
        assert not digest.size_known
    else:
        assert digest.notifications == digest.acks * size
        assert digest.size_known
    biggest = sorted(stacks, key=lambda i: (i.messages, i.members), reverse=True)[:3]
    assert [p.messages for p in digest.top] == [i.messages for i in biggest]
    assert digest.total == len(week)
    assert digest.change_pct == round((len(week) - 11) * 100 / 11)


def test_plain_text_shows_every_number() -> None:
    week = [
        incident(1, "stack", MONDAY.replace(hour=9, minute=5), 12, 14, "关于开展安全生产大检查"),
        incident(
            2, "stack", MONDAY + timedelta(days=2, hours=15), 20, 23, "请各村上报秸秆禁烧台账"
        ),
        incident(3, "stack", MONDAY + timedelta(days=3, hours=8), 6, 6, "周五例会改到三楼"),
        incident(4, "stack", MONDAY + timedelta(days=4, hours=8), 5, 5, "小事"),
        incident(5, "ack_request", MONDAY.replace(hour=9), by="王主任"),
        incident(6, "proof_request", MONDAY.replace(hour=11), by="李娜"),
        incident(7, "chain", MONDAY + timedelta(days=1), 9, 9, "#接龙 收到"),
    ]
    digest = summarize(facts(week, {"stack": 6, "ack_request": 4}, size=30, reminders=2))
    out = render(digest)
    lines = out.splitlines()
    assert lines[0] == "【减负周报】街道办工作群 · 2025-W07（02-10 至 02-16）"
    assert "事件 7 起（上周 10 起）" in out
    assert "· 收到刷屏 4（上周 6，-2）" in lines
    assert "· 接龙确认 1（上周 0，+1）" in lines
    assert "· 要求回复收到 1（上周 4，-3）" in lines
    assert "刷屏中的“收到”共 48 条；按群成员 30 人计，带来 1440 次消息提醒。" in lines
    top = [line for line in lines if line[:2] in ("1.", "2.", "3.", "4.")]
    assert top == [
        "1. 02-12 15:00「请各村上报秸秆禁烧台账」20 人回复 23 条",
        "2. 02-10 09:05「关于开展安全生产大检查」12 人回复 14 条",
        "3. 02-13 08:00「周五例会改到三楼」6 人回复 6 条",
    ]
    assert "要求回复确认 1 次，要求截图留痕 1 次。" in lines
    assert "机器人发出提醒 2 次。" in lines
    assert lines[-1] == "结论：比上周少 30%。"
    assert "王主任" not in out and "李娜" not in out, "names only when the group allows"


def test_names_only_when_allowed_and_forgotten_members_left_out() -> None:
    week = [
        incident(1, "ack_request", MONDAY, by="王主任"),
        incident(2, "ack_request", MONDAY + timedelta(hours=1), by="王主任"),
        incident(3, "proof_request", MONDAY + timedelta(hours=2), sender="wxid_li"),
        incident(4, "proof_request", MONDAY + timedelta(hours=3)),  # forgotten: no name, no id
        incident(5, "stack", MONDAY + timedelta(hours=4), 5, 5, by="张伟"),  # not a demand
    ]
    named = summarize(facts(week), names=True)
    assert named.demanders == (("王主任", 2), ("wxid_li", 1))
    assert "发起人：王主任 2、wxid_li 1" in render(named)
    assert "Posted by: 王主任 2, wxid_li 1" in render(named, "en")
    assert summarize(facts(week), names=False).demanders == ()


def test_unknown_group_size_is_a_stated_lower_bound() -> None:
    week = [
        incident(1, "stack", MONDAY, 10, 12),
        incident(2, "stack", MONDAY + timedelta(days=1), 5, 7),
    ]
    digest = summarize(facts(week, size=None))
    assert digest.notifications == 12 * 10 + 7 * 5
    out = render(digest)
    assert "至少带来 155 次消息提醒（群人数未知" in out
    assert "at least 155 notifications (group size unknown" in render(digest, "en")


@pytest.mark.parametrize(
    ("this_week", "previous", "zh", "en"),
    [
        (3, 5, "结论：比上周少 40%。", "Verdict: fewer than the week before by 40%."),
        (6, 4, "结论：比上周多 50%。", "Verdict: more than the week before by 50%."),
        (4, 4, "结论：与上周持平。", "Verdict: the same as the week before."),
        (2, 0, "结论：上周没有记录，这一周 2 起。", "Verdict: none the week before, 2 this one."),
    ],
)
def test_verdict(this_week: int, previous: int, zh: str, en: str) -> None:
    week = [incident(n, "ack_request", MONDAY + timedelta(hours=n)) for n in range(this_week)]
    digest = summarize(facts(week, {"ack_request": previous}))
    assert render(digest).splitlines()[-1] == zh
    assert render(digest, "en").splitlines()[-1] == en


def test_a_week_with_nothing_is_one_line() -> None:
    digest = summarize(facts([], {"stack": 2, "proof_request": 1}))
    assert (
        render(digest)
        == "【减负周报】街道办工作群 · 2025-W07：没有记录到形式主义事件（前一周 3 起）。"
    )
    assert render(digest, "en", markdown=True).count("\n") == 0


def test_markdown_lists_and_escapes_user_text() -> None:
    week = [incident(1, "stack", MONDAY, 8, 9, "请*全体*回复 #收到 [必读]")]
    out = render(summarize(facts(week, size=20)), "en", markdown=True)
    assert out.startswith("### [jianfu weekly] 街道办工作群 · 2025-W07")
    assert "- **ack pile-up**: 1 (the week before 0, +1)" in out
    assert r"请\*全体\*回复 \#收到 \[必读\]" in out
    assert "\n\n**Verdict: none the week before, 1 this one.**" in out
    plain = render(summarize(facts(week, size=20)), "en")
    assert "请*全体*回复 #收到 [必读]" in plain and "**" not in plain


def test_overrides_of_the_group_apply() -> None:
    week = [incident(1, "ack_request", MONDAY)]
    digest = summarize(facts(week))
    out = render(digest, overrides={"digest.reminders": "本周机器人提醒 {n} 次，谢谢配合。"})
    assert "本周机器人提醒 0 次，谢谢配合。" in out


def test_rollup_ranks_by_burden() -> None:
    light = summarize(facts([incident(1, "ack_request", MONDAY)]))
    heavy_week = [incident(2, "stack", MONDAY, 30, 31)]
    heavy = summarize(
        WeekFacts("h", WEEK, "Asia/Shanghai", tuple(heavy_week), {}, 0, 50, "党支部通知群")
    )
    quiet = summarize(WeekFacts("q", WEEK, "Asia/Shanghai", (), {}, 0))
    assert [d.group_id for d in rank([light, quiet, heavy])] == ["h", "g", "q"]
    out = render_rollup([light, quiet, heavy], WEEK)
    assert out.splitlines() == [
        "【减负周报汇总】2025-W07 · 2 个群，按负担排序",
        "1. 党支部通知群：1 起（上周 0），“收到” 31 条，1550 次消息提醒",
        "2. 街道办工作群：1 起（上周 0），“收到” 0 条，0 次消息提醒",
    ]
    assert render_rollup([quiet], WEEK, "en") == "2025-W07: no group has anything to report."


@pytest.mark.parametrize(
    ("spec", "week"),
    [
        ("2025-W07", IsoWeek(2025, 7)),
        ("2020-w53", IsoWeek(2020, 53)),
        ("2026-W01", IsoWeek(2026, 1)),
    ],
)
def test_iso_week_parse(spec: str, week: IsoWeek) -> None:
    assert IsoWeek.parse(spec) == week
    assert str(week) == spec.upper()


@pytest.mark.parametrize("spec", ["2025-W00", "2025-W54", "2025-W53", "2025W07", "last week", ""])
def test_iso_week_refuses(spec: str) -> None:
    with pytest.raises(BadWeek):
        IsoWeek.parse(spec)


@pytest.mark.parametrize("spec", ["0001-W01", "9999-W52", "1999-W52", "2101-W01"])
def test_iso_week_refuses_years_out_of_range(spec: str) -> None:
    with pytest.raises(BadWeek, match=rf"bad week '{spec}': the year must be from 2000 to 2100"):
        IsoWeek.parse(spec)


@pytest.mark.parametrize("spec", ["2000-W01", "2100-W52"])
def test_the_first_and_last_weeks_in_range_work_all_the_way(spec: str) -> None:
    week = IsoWeek.parse(spec)
    start, end = week.bounds(SHANGHAI)
    assert end - start == timedelta(days=7)
    assert week.shifted(-8) < week < week.shifted(1)  # the chart's weeks and the next one
    assert "2000" in text("problem.week", "en") and "2100" in text("problem.week", "zh-CN")


def test_weeks_are_local_and_cross_years() -> None:
    # Sunday 2025-02-16 20:00 UTC is Monday 04:00 in Shanghai: already week 8 there.
    now = datetime(2025, 2, 16, 20, 0, tzinfo=UTC)
    assert resolve_week("this", now, SHANGHAI) == IsoWeek(2025, 8)
    assert resolve_week("this", now, ZoneInfo("UTC")) == IsoWeek(2025, 7)
    assert resolve_week("last", now, SHANGHAI) == IsoWeek(2025, 7)
    assert IsoWeek(2026, 1).shifted(-1) == IsoWeek(2025, 52)
    assert IsoWeek(2020, 53).shifted(1) == IsoWeek(2021, 1)
    start, end = IsoWeek(2025, 7).bounds(SHANGHAI)
    assert start == datetime(2025, 2, 10, tzinfo=SHANGHAI)
    assert end - start == timedelta(days=7)
    assert start.astimezone(UTC) == datetime(2025, 2, 9, 16, 0, tzinfo=UTC)


def test_the_digest_counts_held_reminders_by_reason() -> None:
    from dataclasses import replace

    week = [
        replace(incident(1, "ack_request", MONDAY), held_reason="cooldown"),
        replace(incident(2, "proof_request", MONDAY), held_reason="quiet_hours"),
        replace(incident(3, "ack_request", MONDAY), held_reason="cooldown"),
        incident(4, "ack_request", MONDAY),
    ]
    digest = summarize(facts(week, reminders=1))
    assert digest.held == {"cooldown": 2, "quiet_hours": 1}
    assert "另有 3 起未发提醒：免打扰时段 1、提醒间隔未到 2。" in render(digest)
    english = render(digest, "en")
    assert "3 incidents got no reminder: quiet hours 1, cooldown 2." in english
    assert "未发提醒" not in render(summarize(facts(week[3:])))


def test_silent_notices_are_counted_with_the_acks_they_spared() -> None:
    week = replace(facts([incident(1, "stack", MONDAY, 6, 6)]), notices=(5, 180))
    out = render(summarize(week))
    assert "免回复通知 5 条，成员静默确认，省去约 180 条“收到”。" in out.splitlines()
    assert "5 silent notices" in render(summarize(week), "en")
    quiet = replace(facts([]), notices=(1, 25))  # no incident, but a notice: still said
    assert render(summarize(quiet)).endswith(
        "\n免回复通知 1 条，成员静默确认，省去约 25 条“收到”。"
    )
    assert "免回复通知" not in render(summarize(facts([])))

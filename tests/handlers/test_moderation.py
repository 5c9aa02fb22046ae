"""Moderation: every incident recorded, reminders only when etiquette allows, one per pile-up."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from handlers.actions import Hold, Post, RecordIncident
from handlers.context import PostHistory
from handlers.group_settings import GroupSettings
from handlers.moderation import group_hold, moderate, record_closed, silence_reason
from handlers.texts import text
from policies.detect import Detector, Step
from policies.events import Classification, Incident, Message

NOW = datetime(2025, 2, 10, 2, 0, tzinfo=UTC)  # 10:00 in Asia/Shanghai, a Monday
DEMAND = Incident(
    id="g/ack_request/m1", group_id="g", kind="ack_request", start=NOW, end=NOW, members=1,
    messages=1, trigger="明天九点开会，收到请回复", trigger_sender="u-boss", opened=True, closed=True,
)  # fmt: skip
STACK = Incident(
    id="g/stack/m0", group_id="g", kind="stack", start=NOW, end=NOW, members=5, messages=5,
    trigger="明天九点开会", trigger_sender="u-boss", opened=True,
)  # fmt: skip


def message(sender: str = "u-boss", name: str = "王主任", text_: str = "收到请回复") -> Message:
    return Message(id="m1", group_id="g", sender_id=sender, sender_name=name, text=text_, time=NOW)


def step(*incidents: Incident) -> Step:
    return Step(Classification("ack_request", sure=True), tuple(incidents))


@pytest.mark.parametrize(
    ("incident", "group", "posts", "reason"),
    [
        (DEMAND, GroupSettings(), PostHistory(), None),
        (STACK, GroupSettings(), PostHistory(), None),
        (replace(STACK, opened=False), GroupSettings(), PostHistory(), "not_opened"),
        (DEMAND, GroupSettings(paused=True), PostHistory(), "paused"),
        (DEMAND, GroupSettings(observe=True), PostHistory(), "observe"),
        (DEMAND, GroupSettings(exempt=("u-boss",)), PostHistory(), "exempt"),
        (DEMAND, GroupSettings(exempt=("王主任",)), PostHistory(), "exempt"),
        (DEMAND, GroupSettings(quiet_hours="09:00-11:00"), PostHistory(), "quiet_hours"),
        (DEMAND, GroupSettings(quiet_hours="22:00-07:00"), PostHistory(), None),
        (DEMAND, GroupSettings(daily_cap=5), PostHistory(None, 5), "daily_cap"),
        (DEMAND, GroupSettings(daily_cap=0), PostHistory(), "daily_cap"),
        (DEMAND, GroupSettings(daily_cap=5), PostHistory(None, 4), None),
        (DEMAND, GroupSettings(), PostHistory(NOW - timedelta(minutes=29), 1), "cooldown"),
        (DEMAND, GroupSettings(), PostHistory(NOW - timedelta(minutes=30), 1), None),
        (DEMAND, GroupSettings(cooldown_minutes=0), PostHistory(NOW, 1), None),
    ],
)
def test_reminder_or_silence(
    incident: Incident, group: GroupSettings, posts: PostHistory, reason: str | None
) -> None:
    assert silence_reason(incident, group, posts, NOW, "王主任") == reason
    actions = moderate(message(), step(incident), group, posts, NOW)
    record = actions[0]
    assert isinstance(record, RecordIncident) and record.incident == incident
    assert record.reminded is (reason is None)
    reminders = [a for a in actions if isinstance(a, Post)]
    assert len(reminders) == (1 if reason is None else 0)
    if reminders:
        assert actions.index(reminders[0]) > actions.index(record), "record before post"
        assert reminders[0].reason == "reminder" and reminders[0].incident_id == incident.id
        assert reminders[0].mentions == (), "reminders never point at a person"


def test_reminder_text_per_kind_language_and_override() -> None:
    [_, post] = moderate(message(), step(STACK), GroupSettings(), PostHistory(), NOW)
    assert isinstance(post, Post) and post.text == text("stack", "zh-CN", None, members=5)
    english = GroupSettings(language="en")
    [_, post] = moderate(message(), step(DEMAND), english, PostHistory(), NOW)
    assert isinstance(post, Post) and post.text == text("ack_request", "en")
    custom = GroupSettings().with_value("text.stack", "{members} 人已确认，别再回了")
    [_, post] = moderate(message(), step(STACK), custom, PostHistory(), NOW)
    assert isinstance(post, Post) and post.text == "5 人已确认，别再回了"


def test_demand_by_is_the_senders_name_only_for_their_own_message() -> None:
    [own, _] = moderate(message(), step(DEMAND), GroupSettings(), PostHistory(), NOW)
    ack = message(sender="u-li", name="李娜", text_="收到")
    [other, _] = moderate(ack, step(STACK), GroupSettings(), PostHistory(), NOW)
    assert isinstance(own, RecordIncident) and own.demand_by == "王主任"
    assert isinstance(other, RecordIncident) and other.demand_by == ""


@pytest.mark.parametrize("cooldown", [30, 0])
def test_two_opened_incidents_in_one_step_get_one_reminder(cooldown: int) -> None:
    group = GroupSettings(cooldown_minutes=cooldown)  # 0: the playground's
    actions = moderate(message(), step(DEMAND, STACK), group, PostHistory(), NOW)
    assert [type(a).__name__ for a in actions] == ["RecordIncident", "Post", "RecordIncident"]
    second = actions[2]
    assert isinstance(second, RecordIncident) and not second.reminded
    expected = Hold("same_message") if cooldown == 0 else Hold("cooldown", NOW + group.cooldown)
    assert second.held == expected


def test_closed_incidents_are_recorded_without_reminders() -> None:
    [action] = record_closed([replace(STACK, opened=False, closed=True)])
    assert isinstance(action, RecordIncident) and not action.reminded


def test_a_twenty_member_pile_up_through_the_detector_gives_one_reminder() -> None:
    group = GroupSettings()
    detector = Detector(group.detector_options())
    posts = PostHistory()
    notice = Message("n", "g", "u-boss", "明天上午九点在三楼会议室开安全生产会议，请准时参加", NOW)
    feed = [notice] + [
        Message(f"a{i}", "g", f"u{i}", "收到", NOW + timedelta(seconds=10 * (i + 1)))
        for i in range(20)
    ]
    records: dict[str, RecordIncident] = {}
    reminders: list[Post] = []
    for msg in feed:
        for action in moderate(
            msg, detector.feed(msg, group.detector_options()), group, posts, msg.time
        ):
            if isinstance(action, RecordIncident):
                previous = records.get(action.incident.id)
                reminded = action.reminded or (previous is not None and previous.reminded)
                records[action.incident.id] = replace(action, reminded=reminded)
            else:
                assert isinstance(action, Post)
                reminders.append(action)
                posts = PostHistory(msg.time, posts.reminders_today + 1)
    assert len(reminders) == 1
    [record] = records.values()
    assert record.incident.kind == "stack" and record.reminded
    assert record.incident.members == 20 and record.incident.messages == 20
    assert reminders[0].text == text("stack", "zh-CN", None, members=group.stack_members)


SHANGHAI = "Asia/Shanghai"


@pytest.mark.parametrize(
    ("group", "posts", "reason", "until"),
    [
        # 10:00 Shanghai inside 09:00-11:00 → until 11:00 today (03:00 UTC)
        (GroupSettings(quiet_hours="09:00-11:00"), PostHistory(), "quiet_hours",
         datetime(2025, 2, 10, 3, 0, tzinfo=UTC)),
        # inside 08:00-07:00 (crossing midnight) → until 07:00 tomorrow
        (GroupSettings(quiet_hours="08:00-07:00"), PostHistory(), "quiet_hours",
         datetime(2025, 2, 10, 23, 0, tzinfo=UTC)),
        # the day's cap → next local midnight (16:00 UTC)
        (GroupSettings(daily_cap=2), PostHistory(NOW - timedelta(hours=2), 2), "daily_cap",
         datetime(2025, 2, 10, 16, 0, tzinfo=UTC)),
        (GroupSettings(daily_cap=0), PostHistory(), "daily_cap", None),  # 0 = never
        (GroupSettings(), PostHistory(NOW - timedelta(minutes=10), 1), "cooldown",
         NOW + timedelta(minutes=20)),
        (GroupSettings(paused=True), PostHistory(), "paused", None),
        (GroupSettings(observe=True), PostHistory(), "observe", None),
        (GroupSettings(exempt=("u-boss",)), PostHistory(), "exempt", None),
    ],
)  # fmt: skip
def test_a_held_reminder_is_recorded_with_its_reason_and_until_when(
    group: GroupSettings, posts: PostHistory, reason: str, until: datetime | None
) -> None:
    [record] = moderate(message(), step(DEMAND), group, posts, NOW)
    assert isinstance(record, RecordIncident) and not record.reminded
    assert record.held == Hold(reason, until)
    assert group_hold(group, posts, NOW) == (None if reason == "exempt" else Hold(reason, until))


def test_no_hold_on_a_reminded_or_growing_incident() -> None:
    [record, _] = moderate(message(), step(DEMAND), GroupSettings(), PostHistory(), NOW)
    assert isinstance(record, RecordIncident) and record.reminded and record.held is None
    grown = replace(STACK, opened=False)
    [record] = moderate(message(), step(grown), GroupSettings(paused=True), PostHistory(), NOW)
    assert isinstance(record, RecordIncident) and record.held is None


def test_a_demand_not_aimed_at_the_group_is_recorded_and_its_reminder_held_as_unsure() -> None:
    detector, group = Detector(), GroupSettings().with_value("remind_unsure", "off")
    bare = detector.feed(message(text_="收到请回复"))
    assert bare.classification.sure is False and [i.kind for i in bare.incidents] == ["ack_request"]
    [record] = moderate(message(), bare, group, PostHistory(), NOW)
    assert isinstance(record, RecordIncident) and record.incident == bare.incidents[0]
    assert not record.reminded and record.held == Hold("unsure")
    assert silence_reason(DEMAND, group, PostHistory(), NOW, sure=False) == "unsure"
    aimed = Detector().feed(message(text_="请大家收到后回复"))
    [record, post] = moderate(message(), aimed, group, PostHistory(), NOW)
    assert isinstance(record, RecordIncident) and record.reminded and isinstance(post, Post)


def test_remind_unsure_on_the_default_reminds_a_bare_demand_too() -> None:
    assert GroupSettings().remind_unsure is True
    group = GroupSettings().with_value("remind_unsure", "off").with_value("remind_unsure", "on")
    assert group.remind_unsure is True
    bare = Detector().feed(message(text_="收到请回复"))
    [record, post] = moderate(message(), bare, group, PostHistory(), NOW)
    assert isinstance(record, RecordIncident) and record.reminded and record.held is None
    assert isinstance(post, Post) and post.text == text("ack_request", "zh-CN")


def test_unsure_holds_only_demands_and_comes_after_the_groups_own_holds() -> None:
    unsure = Step(Classification("ack", ("ack:formula",)), (STACK,))
    [record, _] = moderate(message(), unsure, GroupSettings(), PostHistory(), NOW)
    assert isinstance(record, RecordIncident) and record.reminded  # a pile-up is never unsure
    bare = Step(Classification("ack_request"), (DEMAND,))
    [record] = moderate(message(), bare, GroupSettings(paused=True), PostHistory(), NOW)
    assert isinstance(record, RecordIncident) and record.held == Hold("paused")
    [record] = moderate(message(), bare, GroupSettings(exempt=("u-boss",)), PostHistory(), NOW)
    assert isinstance(record, RecordIncident) and record.held == Hold("exempt")

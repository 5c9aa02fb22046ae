"""Moderation: turn a detector step into actions — record every incident, remind rarely.

Pure: the runtime feeds the message to the detector, fetches the group's settings and the
bot's `PostHistory` from the store, calls `moderate`, and carries out the actions in order.

Decisions:
- Every incident the detector reports becomes a `RecordIncident` — always, also when the group
  is paused, in observe mode, in quiet hours, or the demand's sender is exempt.
- A reminder goes out only when the incident is `opened` (the one moment it crosses its
  threshold — so one reminder per pile-up, never one per ack) and nothing in `silence_reason`
  holds it back. `RecordIncident.reminded` says whether the `Post` follows it.
- `paused` and `observe` both record and never remind: `paused` is "the admins asked us to be
  quiet for now", `observe` is "a trial: show in status/incidents what would happen".
- The daily cap counts reminders only (command replies and the digest are asked for).
- A demand not `sure` (`policies.sure`: not clearly aimed at the whole group — a bare "收到请回复"
  may be a prompt or a test line quoted in the group) is recorded, its reminder held as `unsure`,
  when the group turned `remind_unsure` off (on by default).
- A reminder held back is not silent: `RecordIncident.held` says why (`Hold.reason`) and until
  when (`Hold.until`); the store keeps both on the incident, `status`, the playground card and
  the digest show them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta

from handlers.actions import Action, Hold, Post, RecordIncident
from handlers.context import PostHistory
from handlers.group_settings import GroupSettings, parse_span
from handlers.texts import text
from policies.detect import Step
from policies.events import Incident, Message

__all__ = [
    "HOLD_REASONS",
    "Hold",
    "PostHistory",
    "group_hold",
    "hold",
    "limit_hold",
    "moderate",
    "record_closed",
    "reminder_text",
    "silence_reason",
]

DEMANDS = ("ack_request", "proof_request")

# Why a reminder was held back, in the order they are checked (same_message: the message already
# got its one reminder, about another incident it opened); the runtime adds rate_limit
# (too many bot posts in the group just now) and post_failed (the platform refused the post).
HOLD_REASONS = (
    "paused",
    "observe",
    "exempt",
    "unsure",
    "quiet_hours",
    "daily_cap",
    "cooldown",
    "same_message",
    "rate_limit",
    "post_failed",
)


def moderate(
    msg: Message, step: Step, group: GroupSettings, posts: PostHistory, now: datetime
) -> list[Action]:
    """Actions for one message's detector step: a record per incident, and one reminder at
    most — for the first newly opened incident that etiquette allows. One message never gets
    two reminders (a demand for proof and replies opens two incidents), whatever the cooldown."""
    actions: list[Action] = []
    reminded = False
    for incident in step.incidents:
        demand_by = msg.sender_name if incident.trigger_sender == msg.sender_id else ""
        sure = step.classification.sure or incident.kind not in DEMANDS
        held = hold(incident, group, posts, now, demand_by, sure) if incident.opened else None
        if incident.opened and held is None and reminded:
            held = Hold("same_message")
        remind = incident.opened and held is None
        reminded = reminded or remind
        actions.append(RecordIncident(incident, reminded=remind, demand_by=demand_by, held=held))
        if remind:
            actions.append(
                Post(
                    group_id=incident.group_id or msg.group_id,
                    text=reminder_text(incident, group),
                    reason="reminder",
                    incident_id=incident.id,
                )
            )
            posts = PostHistory(now, posts.reminders_today + 1)
    return actions


def record_closed(incidents: Iterable[Incident]) -> list[Action]:
    """Records for incidents the detector closed on its own (`Detector.expire`): no reminders."""
    return [RecordIncident(incident) for incident in incidents]


def silence_reason(
    incident: Incident,
    group: GroupSettings,
    posts: PostHistory,
    now: datetime,
    demand_by: str = "",
    sure: bool = True,
) -> str | None:
    """Why no reminder is posted for `incident` now (None = remind): not_opened, or the
    reason of its `hold`."""
    if not incident.opened:
        return "not_opened"
    held = hold(incident, group, posts, now, demand_by, sure)
    return None if held is None else held.reason


def hold(
    incident: Incident,
    group: GroupSettings,
    posts: PostHistory,
    now: datetime,
    demand_by: str = "",
    sure: bool = True,
) -> Hold | None:
    """What holds back the reminder about `incident` now (None = nothing does). `sure`: the
    demand is aimed at the whole group (`Classification.sure`; True for pile-ups and chains)."""
    if group.paused or group.observe:
        return group_hold(group, posts, now)
    if group.is_exempt(incident.trigger_sender, demand_by):
        return Hold("exempt")
    if not sure and not group.remind_unsure:
        return Hold("unsure")
    return group_hold(group, posts, now)


def group_hold(group: GroupSettings, posts: PostHistory, now: datetime) -> Hold | None:
    """What holds back every reminder in the group now (`/jianfu status` says it)."""
    if group.paused:
        return Hold("paused")
    if group.observe:
        return Hold("observe")
    if group.quiet_hours and group.quiet_at(now):
        return Hold("quiet_hours", _quiet_end(group, now))
    return limit_hold(group, posts, now)


def limit_hold(group: GroupSettings, posts: PostHistory, now: datetime) -> Hold | None:
    """The group's reminder limits: the daily cap, then the cooldown (None = within both).
    The store checks these again when a reminder's row is written (`Store.claim_reminder`),
    against every worker's reminders in the group."""
    if posts.reminders_today >= group.daily_cap:
        return Hold("daily_cap", _next_midnight(group, now) if group.daily_cap else None)
    if posts.last_reminder is not None and now - posts.last_reminder < group.cooldown:
        return Hold("cooldown", posts.last_reminder + group.cooldown)
    return None


def _quiet_end(group: GroupSettings, now: datetime) -> datetime:
    """The next end of the group's quiet hours after `now` (local wall time)."""
    _, end = parse_span(group.quiet_hours or "")
    local = now.astimezone(group.zone)
    until = datetime.combine(local.date(), end, tzinfo=group.zone)
    return until if until > local else until + timedelta(days=1)


def _next_midnight(group: GroupSettings, now: datetime) -> datetime:
    local = now.astimezone(group.zone)
    return datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=group.zone)


def reminder_text(incident: Incident, group: GroupSettings) -> str:
    """The group's reminder for this kind of incident, in its language."""
    return text(incident.kind, group.language, group.texts, members=incident.members)

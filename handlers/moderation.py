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
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from handlers.actions import Action, Post, RecordIncident
from handlers.group_settings import GroupSettings
from handlers.records import PostHistory
from handlers.texts import text
from policies.detect import Step
from policies.events import Incident, Message

__all__ = ["PostHistory", "moderate", "record_closed", "reminder_text", "silence_reason"]


def moderate(
    msg: Message, step: Step, group: GroupSettings, posts: PostHistory, now: datetime
) -> list[Action]:
    """Actions for one message's detector step: a record per incident, a reminder at most
    for each newly opened one that etiquette allows (in practice at most one per step)."""
    actions: list[Action] = []
    for incident in step.incidents:
        demand_by = msg.sender_name if incident.trigger_sender == msg.sender_id else ""
        remind = silence_reason(incident, group, posts, now, demand_by) is None
        actions.append(RecordIncident(incident, reminded=remind, demand_by=demand_by))
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
) -> str | None:
    """Why no reminder is posted for `incident` now (None = remind). One of: not_opened,
    paused, observe, exempt, quiet_hours, daily_cap, cooldown."""
    if not incident.opened:
        return "not_opened"
    if group.paused:
        return "paused"
    if group.observe:
        return "observe"
    if group.is_exempt(incident.trigger_sender, demand_by):
        return "exempt"
    if group.quiet_at(now):
        return "quiet_hours"
    if posts.reminders_today >= group.daily_cap:
        return "daily_cap"
    if posts.last_reminder is not None and now - posts.last_reminder < group.cooldown:
        return "cooldown"
    return None


def reminder_text(incident: Incident, group: GroupSettings) -> str:
    """The group's reminder for this kind of incident, in its language."""
    return text(incident.kind, group.language, group.texts, members=incident.members)

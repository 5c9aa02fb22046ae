"""What handlers ask the runtime to do. Handlers decide; the runtime acts.

The runtime carries out each action in order: `RecordIncident` through the store (before any
post, so a crash never loses an incident), `Post` through the adapter the message came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from policies.events import Incident


@dataclass(frozen=True, slots=True)
class RecordIncident:
    """Insert or update an incident (same `incident.id` = same row)."""

    incident: Incident
    reminded: bool = False  # True when a reminder for it is posted in the same batch
    demand_by: str = ""  # display name of whoever posted the demand or notice


@dataclass(frozen=True, slots=True)
class Post:
    """Post text to a group through its adapter."""

    group_id: str
    text: str
    mentions: tuple[str, ...] = ()  # member ids to @
    markdown: bool = False  # render as markdown where the platform supports it
    reason: str = "reminder"  # reminder | command | digest — what the bot's post log records
    incident_id: str = ""  # the incident a reminder is about


Action = RecordIncident | Post

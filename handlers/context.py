"""Values the runtime reads from the store and hands to handlers (handlers never do I/O).

`bot.store.Store` returns these; `handlers.moderation` and `handlers.commands` take them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from handlers.group_settings import GroupSettings
from policies.events import IncidentKind


@dataclass(frozen=True, slots=True)
class PostHistory:
    """What moderation needs to know about the bot's own reminders in one group."""

    last_reminder: datetime | None = None  # time of the bot's latest reminder there, if any
    reminders_today: int = 0  # reminders posted since local midnight (the group's time zone)


@dataclass(frozen=True, slots=True)
class IncidentRecord:
    """One row of the `incidents` table."""

    id: str  # = Incident.id, "<group>/<kind>/<first message id>"
    group_id: str
    platform: str
    kind: IncidentKind
    start: datetime  # timezone-aware (stored as UTC ISO 8601)
    end: datetime
    members: int
    messages: int
    trigger: str  # excerpt ≤ 60 characters of the demand / notice ("" once forgotten)
    trigger_sender: str  # sender id of the demand / notice ("" once forgotten)
    demand_by: str  # display name of the demand's / notice's sender ("" when unknown)
    reminded: bool  # did the bot post a reminder about it?
    created_at: datetime | None = None
    updated_at: datetime | None = None
    held_reason: str = ""  # why its reminder was held back ("" = reminded or never due)
    held_until: datetime | None = None  # until when (None: until an admin changes something)


@dataclass(frozen=True, slots=True)
class GroupRecord:
    """One row of the `groups` table."""

    id: str
    platform: str
    name: str
    first_seen: datetime
    last_seen: datetime


@dataclass(frozen=True, slots=True)
class CommandContext:
    """What a command may need, pre-fetched by the runtime for the message's group."""

    group_id: str
    settings: GroupSettings  # this group's effective settings (config + saved changes)
    defaults: GroupSettings = field(default_factory=GroupSettings)  # config values for the group
    admins: frozenset[str] = frozenset()  # member ids named admins in the config
    week_counts: Mapping[str, int] = field(default_factory=dict)  # this ISO week, kind -> n
    recent_incidents: tuple[IncidentRecord, ...] = ()  # newest first, up to INCIDENTS_MAX
    adapters: Mapping[str, bool] = field(default_factory=dict)  # adapter name -> connected
    bot_id: str = ""  # the bot's own member id (ignored among @-mentions)
    private_replies: bool = False  # the platform can answer a member privately (a 1:1 chat)
    members: frozenset[str] | None = None  # ids and names of members the platform knows
    members_complete: bool = False  # `members` is the whole group (a name not in it is no member)
    now: datetime | None = None  # when the command arrived (status: what holds reminders now)
    posts: PostHistory = field(default_factory=PostHistory)  # the bot's reminders in the group
    week_held: Mapping[str, int] = field(default_factory=dict)  # this week, held reason -> n
    notices: tuple[str, ...] = ()  # text keys the platform adds to `status` (e.g. @-only)


@dataclass(frozen=True, slots=True)
class PrivateContext:
    """What a command sent in a 1:1 chat may need, fetched by the runtime (handlers.private)."""

    groups: tuple[GroupRecord, ...] = ()  # every group the bot knows (the store's groups table)
    admins: frozenset[str] = frozenset()  # member ids named admins in the config
    language: str = "zh-CN"  # the config's language: replies that concern no one group

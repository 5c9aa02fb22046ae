"""What handlers ask the runtime to do. Handlers decide; the runtime acts.

The runtime carries out each action in order: `RecordIncident` through the store (before any
post, so a crash never loses an incident), `Post` through the adapter the message came from —
into the group, or privately to one member (`to_member`: the reply to a private command).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from handlers.group_settings import GroupSettings
from policies.events import Incident


@dataclass(frozen=True, slots=True)
class RecordIncident:
    """Insert or update an incident (same `incident.id` = same row)."""

    incident: Incident
    reminded: bool = False  # True when a reminder for it is posted in the same batch
    demand_by: str = ""  # display name of whoever posted the demand or notice
    held: Hold | None = None  # set when the incident opened and its reminder was held back


@dataclass(frozen=True, slots=True)
class Hold:
    """Why a reminder was held back (`handlers.moderation.HOLD_REASONS`) and until when."""

    reason: str
    until: datetime | None = None  # None: until an admin changes something


@dataclass(frozen=True, slots=True)
class Post:
    """Post text to a group through its adapter, or privately to one member."""

    group_id: str  # the group it is about (the post log keeps it even for a private reply)
    text: str
    mentions: tuple[str, ...] = ()  # member ids to @ (in the group)
    markdown: bool = False  # render as markdown where the platform supports it
    reason: str = "reminder"  # reminder | command | digest | notice | nudge (the post log's)
    incident_id: str = ""  # the incident a reminder is about
    to_member: str = ""  # set: send it in the 1:1 chat with this member, not in the group


@dataclass(frozen=True, slots=True)
class SaveGroupSettings:
    """Store a group's new settings (the runtime uses them from the next message on)."""

    group_id: str
    settings: GroupSettings


@dataclass(frozen=True, slots=True)
class ForgetMember:
    """Erase a member from the group's incidents and audit log: `member` (an id or a display
    name) and `aliases`, the other names the command knew them by (the @name typed when
    `member` is the id the mention resolved to)."""

    group_id: str
    member: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """`member` and the aliases, each once, stripped, blanks dropped."""
        return tuple(dict.fromkeys(n.strip() for n in (self.member, *self.aliases) if n.strip()))


@dataclass(frozen=True, slots=True)
class AuditCommand:
    """Write one row of the audit log: every command, allowed or refused."""

    group_id: str
    actor_id: str
    actor_name: str
    command: str  # the command as typed, ≤ 100 chars (a forgotten member's name left out)
    allowed: bool
    # ok | refused | usage | unknown | private_only (a 1:1-chat command sent in a group) |
    # no_group (a private command's group not found), written
    # by the handlers; "error: <Type>" (e.g. "error: OSError"), written by the runtime when one
    # of the command's actions raised
    result: str


@dataclass(frozen=True, slots=True)
class RequestDigest:
    """Build the group's digest for `week` (bot/digest/compose.py) and post it, or send it privately."""

    group_id: str
    week: str  # "last" | "this" | "YYYY-Www"
    language: str = "zh-CN"
    to_member: str = ""  # set: send it privately to this member instead of into the group


@dataclass(frozen=True, slots=True)
class PublishNotice:
    """Post a silent-confirmation notice in the group through the bot (`bot.notices`): it is
    stored, numbered, posted marked 无需回复 with how to confirm privately, and its poster is
    told its number (privately where the platform can)."""

    group_id: str
    text: str  # the notice as its poster wrote it
    poster_id: str
    poster_name: str
    due: datetime | None = None  # when those who have not confirmed are nudged privately
    language: str = "zh-CN"


@dataclass(frozen=True, slots=True)
class ConfirmNotice:
    """Count one member's confirmation of a notice (the first one counts; later ones are
    kept out). `source`: button | private | group_ack | read (`handlers.notices.SOURCES`)."""

    notice_id: int
    member_id: str
    member_name: str
    source: str
    time: datetime


@dataclass(frozen=True, slots=True)
class RequestNoticeStatus:
    """Send the roster of a notice (confirmed, not yet, with times) to whoever asked: its
    poster or an admin. The runtime reads the store and the platform's read status."""

    group_id: str
    notice_id: int | None  # None: the group's newest notice
    asked_by: str  # member id of whoever asked
    asker_is_admin: bool
    language: str = "zh-CN"
    to_member: str = ""  # set: privately to this member, else into the group


Action = (
    RecordIncident
    | Post
    | SaveGroupSettings
    | ForgetMember
    | AuditCommand
    | RequestDigest
    | PublishNotice
    | ConfirmNotice
    | RequestNoticeStatus
)

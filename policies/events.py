"""The normalized event model shared by every adapter, handler and detector.

Adapters turn raw platform payloads into `Message`; detectors turn messages into
`Incident` values. Both are frozen, slotted and carry timezone-aware datetimes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

Label = Literal["ack", "ack_request", "proof_request", "chain", "other"]
LABELS: tuple[Label, ...] = ("ack", "ack_request", "proof_request", "chain", "other")

IncidentKind = Literal["stack", "chain", "ack_request", "proof_request"]
INCIDENT_KINDS: tuple[IncidentKind, ...] = ("stack", "chain", "ack_request", "proof_request")

# What the platform says the message is. "chain" is a 接龙 / GroupNote post.
MessageType = Literal["text", "chain", "image", "other"]


@dataclass(frozen=True, slots=True)
class Message:
    """One chat message, as every adapter delivers it."""

    id: str  # platform message id; unique within the platform
    group_id: str  # group / room / conversation id; "" for a 1:1 chat
    sender_id: str  # platform user id of the sender
    text: str  # plain text, mentions left in as the platform rendered them
    time: datetime  # when it was sent; timezone-aware
    sender_name: str = ""  # display name (group nickname when known)
    platform: str = "playground"  # adapter name: playground, wechaty, dingtalk, feishu, scan
    type: MessageType = "text"  # platform message type, normalized
    is_admin: bool | None = None  # the platform's word on group owner/admin; None = unknown
    mentions: tuple[str, ...] = ()  # ids of members @-mentioned
    group_name: str = ""  # group title when known
    raw: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)  # debugging

    def __post_init__(self) -> None:
        zone = self.time.tzinfo  # a fixed offset (what every reader gives) always has one:
        if zone is None or (type(zone) is not timezone and self.time.utcoffset() is None):
            raise ValueError(f"message {self.id!r}: time must be timezone-aware")

    @property
    def is_direct(self) -> bool:
        """A 1:1 chat with the bot rather than a group message."""
        return not self.group_id


@dataclass(frozen=True, slots=True)
class Classification:
    """The label of one message and the cues that decided it."""

    label: Label  # the primary label
    reasons: tuple[str, ...] = ()  # cue names, e.g. "ack:formula", "demand:reply-after-reading"
    also: tuple[Label, ...] = ()  # other demands in the same message (proof + "收到请回复")
    sure: bool = False  # a demand aimed at the whole group (`policies.sure`): remind it


@dataclass(frozen=True, slots=True)
class Cue:
    """One check's result, as `jianfu classify --explain` prints it (tg-spam's check response)."""

    name: str  # "ack", "demand:reply-after-reading", "guard:not-demand" …
    fired: bool
    detail: str = ""  # what matched, or why not


@dataclass(frozen=True, slots=True)
class Incident:
    """A finding of a detector. The same `id` is reported again while it grows."""

    id: str  # stable id: "<group>/<kind>/<first message id>"
    group_id: str
    kind: IncidentKind
    start: datetime  # first message of the incident (the notice, for an anchored stack)
    end: datetime  # last message counted so far
    members: int  # distinct members who took part (acks, chain participants, 1 for a demand)
    messages: int  # messages that make up the incident (acks / chain posts / 1)
    trigger: str  # short excerpt (<= 60 chars) of the message that started it
    trigger_sender: str = ""  # sender id of the demand or the notice
    trigger_message_id: str = ""  # message id of the demand or the notice
    opened: bool = False  # True on the report that first crosses the threshold (remind now)
    closed: bool = False  # True once the incident can no longer grow

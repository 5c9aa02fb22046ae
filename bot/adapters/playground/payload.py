"""The playground's messages: its members, a posted message's checks, a transcript line →
`Message`, and what the adapter needs from the store and the digest (protocols)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from policies.events import Message

if TYPE_CHECKING:
    from bot.digest.compose import DigestMessage


GROUP_ID = "playground"
GROUP_NAME = "演示工作群"
MAX_TEXT = 4000  # characters in one message
MAX_BODY = 16 * 1024  # bytes in one request body
MAX_SENDER = 40  # characters in a sender name
MENTION = re.compile(r"@(\S+)")
BOT_NAME = "jianfu"  # the sender of the bot's own posts in the transcript


@dataclass(frozen=True, slots=True)
class Member:
    """A member of the simulated group; `id` is the display name."""

    name: str
    is_admin: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"id": self.name, "name": self.name, "admin": self.is_admin}


MEMBERS: tuple[Member, ...] = (
    Member("王主任", is_admin=True),  # the group owner
    Member("李娜"),
    Member("张伟"),
    Member("刘洋"),
    Member("陈静"),
    Member("赵磊"),
)


@dataclass(frozen=True, slots=True)
class TranscriptEntry:
    """One line of the playground transcript: a member's message or the bot's post."""

    id: int
    group_id: str
    sender: str
    text: str
    time: datetime
    bot: bool = False
    to_member: str = ""  # a private message of the bot to this member ("" = in the group)

    def as_json(self) -> dict[str, Any]:
        entry = {
            "id": self.id,
            "sender": self.sender,
            "text": self.text,
            "time": self.time.isoformat(),
            "bot": self.bot,
        }
        return {**entry, "to": self.to_member} if self.to_member else entry


class PlaygroundLog(Protocol):
    """Where the playground keeps its transcript and reads incidents (the store, off-loop)."""

    async def append(
        self, group_id: str, sender: str, text: str, time: datetime, bot: bool, to_member: str = ""
    ) -> TranscriptEntry: ...

    async def transcript(self, group_id: str, limit: int) -> list[TranscriptEntry]: ...

    async def private(self, group_id: str, member: str, limit: int) -> list[TranscriptEntry]: ...

    async def incidents(self, group_id: str, limit: int) -> list[dict[str, Any]]: ...


class DigestSource(Protocol):
    """Weekly digests of a group (`bot.digest.compose.StoreDigests`); ValueError for a bad week."""

    async def digest(self, group_id: str, spec: str, lang: str | None = None) -> DigestMessage: ...

    async def chart(self, group_id: str, spec: str) -> bytes: ...


class NoticeSource(Protocol):
    """The group's silent notices and their confirm button (`bot.notices.NoticeDesk`)."""

    async def notices(self, group_id: str) -> list[dict[str, Any]]: ...

    async def confirm(self, group_id: str, notice_id: int, member: str) -> None:
        """Raises LookupError (no such notice) or ValueError (not asked to confirm it)."""


class BadRequest(Exception):
    """A playground request body that cannot be a message; the text says why."""


def parse_post(body: bytes) -> tuple[str, str]:
    """Validate a POST body and return (sender, text)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except RecursionError:
        raise BadRequest("body is not JSON: nested too deeply") from None
    except ValueError as exc:  # not UTF-8, not JSON, an integer of 5000 digits
        raise BadRequest(f"body is not JSON: {str(exc).split(';')[0]}") from None
    if not isinstance(data, dict):
        raise BadRequest("body must be a JSON object")
    unknown = sorted(set(data) - {"sender", "text"})
    if unknown:
        raise BadRequest(f"unknown field(s): {', '.join(unknown)}")
    sender, text = data.get("sender"), data.get("text")
    if not isinstance(sender, str) or not sender.strip():
        raise BadRequest("sender must be a non-empty string")
    if len(sender.strip()) > MAX_SENDER or any(ch.isspace() for ch in sender.strip()):
        raise BadRequest(f"sender must be one word of at most {MAX_SENDER} characters")
    if not isinstance(text, str) or not text.strip():
        raise BadRequest("text must be a non-empty string")
    if len(text) > MAX_TEXT:
        raise BadRequest(f"text is longer than {MAX_TEXT} characters")
    for name, value in (("sender", sender), ("text", text)):
        _check_unicode(name, value)
    return sender.strip(), text


def parse_confirm(body: bytes) -> str:
    """Validate a confirm button's POST body `{"sender"}` and return the sender."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):
        raise BadRequest("body is not JSON") from None
    if not isinstance(data, dict) or set(data) != {"sender"}:
        raise BadRequest('body must be {"sender": "<member>"}')
    sender = data["sender"]
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER:
        raise BadRequest(f"sender must be a member's name of at most {MAX_SENDER} characters")
    _check_unicode("sender", sender)
    return sender.strip()


def _check_unicode(name: str, value: str) -> None:
    """Refuse a string UTF-8 cannot hold (a lone surrogate from a "\\ud800" escape)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = value[exc.start].encode("unicode_escape").decode("ascii")
        raise BadRequest(
            f"{name} is not valid Unicode: a lone surrogate {bad} at character {exc.start + 1}"
        ) from None


def mentioned(text: str) -> tuple[str, ...]:
    """Member ids @-mentioned in `text` (known members by longest name, else the word)."""
    names = sorted((m.name for m in MEMBERS), key=len, reverse=True)
    found: list[str] = []
    for word in MENTION.findall(text):
        name = next((n for n in names if word.startswith(n)), word)
        if name not in found:
            found.append(name)
    return tuple(found)


def is_owner(sender: str) -> bool:
    return any(m.name == sender and m.is_admin for m in MEMBERS)


def to_message(entry: TranscriptEntry) -> Message:
    """The normalized message for a member's transcript entry."""
    return Message(
        id=f"pg-{entry.id}",
        group_id=entry.group_id,
        sender_id=entry.sender,
        sender_name=entry.sender,
        text=entry.text,
        time=entry.time,
        platform="playground",
        type="text",
        is_admin=is_owner(entry.sender),
        mentions=mentioned(entry.text),
        group_name=GROUP_NAME,
        raw=entry.as_json(),
    )

"""DingTalk robot message payloads → `Message`, and where to answer them.

The same JSON arrives as an HTTP callback body and as a Stream frame's `callback.data`
(documented example in `../shared/protocols/README.md`). `conversationType` "2" is a group,
"1" a 1:1 chat (group ""); `text.content` keeps a leading space where the @robot was cut;
`isAdmin` is the sender's admin flag; `sessionWebhook` is where replies go until
`sessionWebhookExpiredTime`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from bot.adapters.fields import PayloadError, optional_text, required_text
from policies.events import Message, MessageType


@dataclass(frozen=True, slots=True)
class SessionWebhook:
    """Where to reply to one conversation, until `expires`."""

    url: str = field(repr=False)  # carries a session token
    expires: datetime


@dataclass(frozen=True, slots=True)
class Inbound:
    """One robot message: the normalized message and where to answer it."""

    message: Message
    session: SessionWebhook | None


def parse_robot_message(payload: Any) -> Inbound:
    """Normalize a robot message (HTTP callback body or Stream `callback.data`)."""
    if not isinstance(payload, Mapping):
        raise PayloadError("body must be a JSON object")
    msg_id = required_text(payload, "msgId")
    conversation = required_text(payload, "conversationId")
    kind = required_text(payload, "conversationType")
    if kind not in ("1", "2"):
        raise PayloadError(f"conversationType must be '1' or '2', got {kind!r}")
    sender = optional_text(payload, "senderStaffId") or optional_text(payload, "senderId")
    if not sender:
        raise PayloadError("missing field: senderStaffId or senderId")
    msg_type, text = _content(payload)
    is_admin = payload.get("isAdmin")
    message = Message(
        id=msg_id,
        group_id=conversation if kind == "2" else "",
        sender_id=sender,
        text=text,
        time=_ms_time(payload, "createAt"),
        sender_name=optional_text(payload, "senderNick"),
        platform="dingtalk",
        type=msg_type,
        is_admin=is_admin if isinstance(is_admin, bool) else None,
        mentions=_mentions(payload),
        group_name=optional_text(payload, "conversationTitle") if kind == "2" else "",
        raw=payload,
    )
    return Inbound(message, _session(payload))


def _ms_time(payload: Mapping[str, Any], name: str) -> datetime:
    value = payload.get(name)
    if value is None:
        raise PayloadError(f"missing field: {name}")
    try:
        return datetime.fromtimestamp(int(value) / 1000, UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        raise PayloadError(f"field {name} must be a time in milliseconds") from None


def _content(payload: Mapping[str, Any]) -> tuple[MessageType, str]:
    msg_type = required_text(payload, "msgtype")
    if msg_type == "text":
        body = payload.get("text")
        content = body.get("content") if isinstance(body, Mapping) else None
        if not isinstance(content, str):
            raise PayloadError("a text message needs text.content")
        return "text", content.strip()  # DingTalk leaves a space where the @robot was cut
    content = payload.get("content")
    if msg_type == "richText" and isinstance(content, Mapping):
        parts = content.get("richText")
        if isinstance(parts, list):
            texts = [p["text"] for p in parts if isinstance(p, Mapping) and "text" in p]
            return "text", "".join(str(t) for t in texts).strip()
    if msg_type == "picture":
        return "image", ""
    return "other", ""


def _mentions(payload: Mapping[str, Any]) -> tuple[str, ...]:
    robot = payload.get("chatbotUserId")
    users = payload.get("atUsers")
    found: list[str] = []
    for user in users if isinstance(users, list) else ():
        if not isinstance(user, Mapping) or user.get("dingtalkId") == robot:
            continue
        member = user.get("staffId") or user.get("dingtalkId")
        if isinstance(member, str) and member and member not in found:
            found.append(member)
    return tuple(found)


def _session(payload: Mapping[str, Any]) -> SessionWebhook | None:
    url = payload.get("sessionWebhook")
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
        return None
    try:
        expires = _ms_time(payload, "sessionWebhookExpiredTime")
    except PayloadError:
        return None
    return SessionWebhook(url, expires)


def session_key(group_id: str, sender_or_mentions: Sequence[str]) -> str:
    """A group replies in its group; a 1:1 chat (group "") in the chat with that member."""
    if group_id:
        return group_id
    return "direct:" + (sender_or_mentions[0] if sender_or_mentions else "")

"""Feishu event bodies (schema 2.0) → `Message`; the URL-verification challenge.

An event is `{"schema": "2.0", "header": {"event_id", "event_type", "create_time", "token",
"app_id", "tenant_key"}, "event": {…}}`; `im.message.receive_v1`'s event is `{"sender":
{"sender_id": {"open_id", …}, "sender_type"}, "message": {"message_id", "create_time" (ms),
"chat_id", "chat_type" ("group" | "p2p"), "message_type", "content" (a JSON string),
"mentions": [{"key": "@_user_1", "id": {"open_id"}, "name"}]}}` (documented example in
`../shared/protocols/README.md`). Text and post (rich text) messages become text with each
`@_user_N` key replaced by `@<name>`; members are named by their open_id.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.adapters.fields import PayloadError, optional_text, required_text
from policies.events import Message, MessageType

MESSAGE_EVENT = "im.message.receive_v1"
URL_VERIFICATION = "url_verification"


@dataclass(frozen=True, slots=True)
class Challenge:
    """The URL-verification request: answer `{"challenge": …}` once the token matches."""

    challenge: str
    token: str


@dataclass(frozen=True, slots=True)
class Event:
    """One schema 2.0 event: its id (for de-duplication), type, token and the message (None
    for another event type, or a message sent by an app rather than a user)."""

    event_id: str
    event_type: str
    token: str
    message: Message | None
    names: tuple[tuple[str, str], ...] = ()  # (open_id, name) of each member @-mentioned


def parse_body(body: Any) -> Challenge | Event:
    """A decrypted event body: the challenge or an event. `PayloadError` names what is wrong."""
    if not isinstance(body, Mapping):
        raise PayloadError("body must be a JSON object")
    if body.get("type") == URL_VERIFICATION:
        return Challenge(required_text(body, "challenge"), optional_text(body, "token"))
    if body.get("schema") != "2.0":
        raise PayloadError("only schema 2.0 events are handled (subscribe with v2.0 events)")
    header = body.get("header")
    if not isinstance(header, Mapping):
        raise PayloadError("missing field: header")
    event_type = required_text(header, "event_type", "header.")
    event = Event(
        required_text(header, "event_id", "header."),
        event_type,
        optional_text(header, "token"),
        None,
    )
    if event_type != MESSAGE_EVENT:
        return event
    inner = body.get("event")
    if not isinstance(inner, Mapping):
        raise PayloadError("missing field: event")
    message = parse_message(inner, body)
    mentions = _mentions(inner.get("message", {}).get("mentions") if message else None)
    names = tuple((open_id, name) for _, open_id, name in mentions if open_id and name)
    return Event(event.event_id, event_type, event.token, message, names)


def parse_message(event: Mapping[str, Any], raw: Mapping[str, Any]) -> Message | None:
    """`im.message.receive_v1`'s `event` → `Message` (None when an app sent it)."""
    sender = _mapping(event, "sender")
    if sender.get("sender_type", "user") != "user":
        return None
    sender_ids = _mapping(sender, "sender_id", "sender.")
    message = _mapping(event, "message")
    chat_type = required_text(message, "chat_type", "message.")
    mentions = _mentions(message.get("mentions"))
    kind, text = _content(message, mentions)
    return Message(
        id=required_text(message, "message_id", "message."),
        group_id="" if chat_type == "p2p" else required_text(message, "chat_id", "message."),
        sender_id=required_text(sender_ids, "open_id", "sender.sender_id."),
        text=text,
        time=_ms_time(message.get("create_time")),
        sender_name=optional_text(sender, "name"),  # not in the documented body; names come later
        platform="feishu",
        type=kind,
        mentions=tuple(open_id for _, open_id, _ in mentions if open_id),
        raw=raw,
    )


def _content(
    message: Mapping[str, Any], mentions: list[tuple[str, str, str]]
) -> tuple[MessageType, str]:
    kind = required_text(message, "message_type", "message.")
    if kind == "image":
        return "image", ""
    if kind not in ("text", "post"):
        return "other", ""
    raw = message.get("content")
    try:
        content = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        content = None
    if not isinstance(content, Mapping):
        raise PayloadError("message.content must be a JSON object in a string")
    text = (
        required_text(content, "text", "message.content.")
        if kind == "text"
        else _post_text(content)
    )
    for key, _, name in sorted(mentions, key=lambda m: -len(m[0])):  # @_user_10 before @_user_1
        text = text.replace(key, f"@{name}" if name else "@")
    return "text", text.strip()


def _post_text(content: Mapping[str, Any]) -> str:
    """A post's title and paragraphs as lines; text, link and @ elements, others dropped.
    A post may come wrapped in a locale (`{"zh_cn": {"title", "content"}}`)."""
    if "content" not in content:
        wrapped = [v for v in content.values() if isinstance(v, Mapping) and "content" in v]
        content = wrapped[0] if wrapped else content
    paragraphs = content.get("content")
    if not isinstance(paragraphs, list):
        raise PayloadError("a post message needs content.content: a list of paragraphs")
    lines = [str(content["title"])] if content.get("title") else []
    for paragraph in paragraphs:
        parts = []
        for element in paragraph if isinstance(paragraph, list) else ():
            if not isinstance(element, Mapping):
                continue
            if element.get("tag") in ("text", "a", "md") and isinstance(element.get("text"), str):
                parts.append(element["text"])
            elif element.get("tag") == "at":
                parts.append(str(element.get("user_id", "")))  # "@_user_N": named below
        lines.append("".join(parts))
    return "\n".join(lines)


def _mentions(value: Any) -> list[tuple[str, str, str]]:
    """(key, open_id, name) of each mention."""
    found = []
    for item in value if isinstance(value, list) else ():
        if not isinstance(item, Mapping) or not isinstance(item.get("key"), str):
            continue
        ids = item.get("id")
        open_id = ids.get("open_id", "") if isinstance(ids, Mapping) else ""
        name = item.get("name")
        found.append((item["key"], str(open_id or ""), name if isinstance(name, str) else ""))
    return found


def _mapping(payload: Mapping[str, Any], name: str, where: str = "") -> Mapping[str, Any]:
    value = payload.get(name)
    if not isinstance(value, Mapping):
        raise PayloadError(f"missing field: {where}{name}")
    return value


def _ms_time(value: Any) -> datetime:
    if value is None:
        raise PayloadError("missing field: message.create_time")
    try:
        return datetime.fromtimestamp(int(value) / 1000, UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        raise PayloadError("field message.create_time must be a time in milliseconds") from None

"""Wechaty puppet-service payloads: event and message type numbers, JSON event bodies, and the
small bounded memories the WeChat adapter keeps (room/member names, recently seen message ids).

Facts from `../shared/protocols/README.md`: event payloads are JSON strings; message types are the
TypeScript enum values (7 Text, 10 GroupNote 接龙), not the proto's; timestamps are milliseconds
from TypeScript servers (seconds from some community servers).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from wechaty_grpc.wechaty.puppet import MessagePayloadResponse, RoomPayloadResponse

from policies.events import MessageType


class EventType(IntEnum):
    """`EventResponse.type` values (wechaty/puppet.proto)."""

    HEARTBEAT = 1
    MESSAGE = 2
    DONG = 3
    ERROR = 16
    FRIENDSHIP = 17
    ROOM_INVITE = 18
    ROOM_JOIN = 19
    ROOM_LEAVE = 20
    ROOM_TOPIC = 21
    SCAN = 22
    READY = 23
    RESET = 24
    LOGIN = 25
    LOGOUT = 26
    DIRTY = 27


class PayloadType(IntEnum):
    """`payloadType` of a DIRTY event: which cached payload went stale."""

    MESSAGE = 1
    CONTACT = 2
    ROOM = 3
    ROOM_MEMBER = 4
    FRIENDSHIP = 5


# TypeScript `MessageType` values that matter here; everything else is "other".
TS_TEXT = 7
TS_GROUP_NOTE = 10  # 接龙
TS_IMAGE = 6
_MESSAGE_TYPES: dict[int, MessageType] = {
    TS_TEXT: "text",
    TS_GROUP_NOTE: "chain",
    TS_IMAGE: "image",
}

# A timestamp below this is in seconds (1e11 s is the year 5138; 1e11 ms is 1973).
_SECONDS_LIMIT = 100_000_000_000


class MalformedPayload(ValueError):
    """An event payload that is not the documented JSON object."""


def event_name(raw_type: int) -> str:
    """`message`, `room-join`, … for a known type; `unknown(32)` otherwise."""
    try:
        return EventType(raw_type).name.lower().replace("_", "-")
    except ValueError:
        return f"unknown({raw_type})"


def event_body(payload: str) -> dict[str, Any]:
    """Decode an event's JSON payload; an empty payload is an empty object."""
    if not payload.strip():
        return {}
    try:
        body = json.loads(payload)
    except json.JSONDecodeError as exc:
        raise MalformedPayload(f"not JSON ({exc.msg} at char {exc.pos})") from None
    except (RecursionError, ValueError) as exc:  # nested too deep; a 5000-digit number
        raise MalformedPayload(f"not usable JSON ({type(exc).__name__})") from None
    if not isinstance(body, dict):
        raise MalformedPayload(f"expected a JSON object, got {type(body).__name__}")
    return body


def required_str(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value:
        raise MalformedPayload(f"missing string field {key!r}")
    return value


def optional_str(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    return value if isinstance(value, str) else ""


def str_list(body: dict[str, Any], key: str) -> tuple[str, ...]:
    value = body.get(key)
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str) and item)


def message_type(raw_type: int) -> MessageType:
    """Normalize a TypeScript message type number."""
    return _MESSAGE_TYPES.get(int(raw_type), "other")


def message_time(timestamp: int, now: datetime) -> datetime:
    """A message timestamp (ms, or s from some servers) as an aware UTC datetime; 0 → `now`."""
    if timestamp <= 0:
        return now
    seconds = timestamp if timestamp < _SECONDS_LIMIT else timestamp / 1000
    return datetime.fromtimestamp(seconds, tz=UTC)


def is_room_admin(room: RoomPayloadResponse, contact_id: str) -> bool:
    return bool(contact_id) and (contact_id == room.owner_id or contact_id in room.admin_ids)


def raw_payload(payload: MessagePayloadResponse) -> dict[str, Any]:
    return {
        "id": payload.id,
        "type": int(payload.type),
        "fromId": payload.from_id,
        "roomId": payload.room_id,
        "toId": payload.to_id,
        "timestamp": payload.timestamp,
        "mentionIds": list(payload.mention_ids),
        "filename": payload.filename,
    }

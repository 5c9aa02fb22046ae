"""What the WeChat adapter knows of rooms and names: the room payloads and display names it
has fetched, in bounded caches, dropped on the puppet's join, leave, topic and dirty events."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Sequence
from typing import TypeVar

from grpclib.const import Status
from grpclib.exceptions import GRPCError
from wechaty_grpc.wechaty import PuppetStub
from wechaty_grpc.wechaty.puppet import RoomPayloadResponse

from bot.adapters.lru import LruCache
from bot.adapters.wechaty.payloads import PayloadType

log = logging.getLogger("bot.adapters.wechaty.adapter")  # the adapter's lines, one logger

MENTION_SEPARATOR = "\u2005"  # what WeChat puts after an @name
T = TypeVar("T")


class Directory:
    """Rooms (id → payload) and display names ((room, contact) → name), each bounded."""

    def __init__(self, rooms: int, names: int) -> None:
        self._rooms: LruCache[str, RoomPayloadResponse] = LruCache(rooms)
        self._names: LruCache[tuple[str, str], str] = LruCache(names)

    def members(self, group_id: str) -> frozenset[str] | None:
        """The room's member ids (from its cached payload) and the display names met so far."""
        room = self._rooms.get(group_id) if group_id else None
        if room is None:
            return None
        names = {name for (rid, _), name in self._names.items() if rid == group_id}
        return frozenset(room.member_ids) | names

    def roster(self, group_id: str) -> dict[str, str] | None:
        """The room's member ids (its cached payload) → display names met so far ("" else)."""
        room = self._rooms.get(group_id) if group_id else None
        if room is None or not room.member_ids:
            return None
        return {m: self._names.get((group_id, m)) or "" for m in room.member_ids}

    def group_size(self, group_id: str) -> int | None:
        """The room's member count from its cached payload, if any."""
        room = self._rooms.get(group_id) if group_id else None
        return len(room.member_ids) if room is not None and room.member_ids else None

    def dirty(self, kind: object, payload_id: str) -> None:
        """A dirty event: drop what it names."""
        if kind == PayloadType.ROOM:
            self._rooms.pop(payload_id)
        elif kind == PayloadType.ROOM_MEMBER:
            self._names.drop_where(lambda key: key[0] == payload_id)
        elif kind == PayloadType.CONTACT:
            self._names.drop_where(lambda key: key[1] == payload_id)

    def forget_room(self, room_id: str, member_ids: Sequence[str]) -> None:
        self._rooms.pop(room_id)
        for member_id in member_ids:
            self._names.pop((room_id, member_id))

    def forget_all(self) -> None:
        self._rooms.drop_where(lambda _: True)
        self._names.drop_where(lambda _: True)

    async def room(self, stub: PuppetStub, room_id: str) -> RoomPayloadResponse | None:
        room = self._rooms.get(room_id)
        if room is None:
            room = await fetch(stub.room_payload(id=room_id), "room")
            if room is not None:
                self._rooms.put(room_id, room)
        return room

    async def display_name(self, stub: PuppetStub, room_id: str, contact_id: str) -> str:
        """Group nickname (room alias), else the member's or contact's WeChat name."""
        cached = self._names.get((room_id, contact_id))
        if cached is not None or not contact_id:
            return cached or ""
        name: str | None = None
        if room_id:
            member = await fetch(
                stub.room_member_payload(id=room_id, member_id=contact_id), "room member"
            )
            name = str(member.room_alias or member.name) if member is not None else None
        if not name:
            contact = await fetch(stub.contact_payload(id=contact_id), "contact")
            name = str(contact.name) if contact is not None else name
        if name is None:
            return ""  # nothing answered: ask again next time
        self._names.put((room_id, contact_id), name)
        return name

    async def with_mentions(
        self, stub: PuppetStub, room_id: str, text: str, mentions: Sequence[str]
    ) -> str:
        """Prefix `@name ` for each mention the text does not name yet, as Wechaty's Room.say."""
        tags = []
        for contact_id in mentions:
            name = await self.display_name(stub, room_id, contact_id)
            if name and f"@{name}" not in text:
                tags.append(f"@{name}{MENTION_SEPARATOR}")
        return "".join(tags) + text


async def fetch(call: Awaitable[T], what: str) -> T | None:
    """A payload, or None (logged) when the puppet service refuses it."""
    try:
        return await call
    except GRPCError as exc:
        log.warning("WeChat: %s payload unavailable: %s", what, grpc_reason(exc))
        return None


def grpc_reason(exc: GRPCError) -> str:
    if exc.status is Status.UNAUTHENTICATED:
        return f"token refused (UNAUTHENTICATED): {exc.message or 'no detail'}"
    return f"{exc.status.name}: {exc.message or 'no detail'}"

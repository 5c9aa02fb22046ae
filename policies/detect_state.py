"""A group's detector state, and its JSON-able form for keeping it across restarts.

`Detector` (policies/detect.py) owns the logic; this module holds the plain records it keeps
per group — the window's acks, the open pile-up, recent notices, 接龙 chains — and turns them
into data and back (`dump_group` / `load_group`), so that feeding the same messages after a
restore gives the same incidents as without one.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from policies.events import Incident
from policies.text import excerpt, whole_names

NOTICES_KEPT = 4  # recent notices remembered per group, to anchor a pile-up to the one before it


@dataclass(slots=True)
class Notice:
    id: str
    time: datetime
    sender: str
    text: str
    poll: bool = False  # asks members to choose by number: bare numbers after it are votes


@dataclass(slots=True)
class Stack:
    incident: Incident
    senders: set[str]
    last: datetime


@dataclass(slots=True)
class ChainState:
    first_id: str
    start: datetime
    last: datetime
    sender: str
    title: str
    key: str
    posts: int = 0
    participants: set[str] = field(default_factory=set)
    items: int = 0
    is_ack: bool = False
    reported: Incident | None = None


@dataclass(slots=True)
class Prior:
    """The pile-up a new notice ended: acks that quote its notice still answer it."""

    notice: Notice
    acks: deque[tuple[datetime, str, str]] = field(default_factory=deque)
    done: bool = False  # it has had its pile-up: later acks to it are not counted again


@dataclass(slots=True)
class GroupState:
    acks: deque[tuple[datetime, str, str]] = field(default_factory=deque)  # (time, sender, id)
    stack: Stack | None = None
    prior: Prior | None = None
    notices: deque[Notice] = field(default_factory=lambda: deque(maxlen=NOTICES_KEPT))
    chains: dict[str, ChainState] = field(default_factory=dict)
    last: datetime | None = None


def without_members(group: GroupState, names: Collection[str]) -> GroupState:
    """The group's state with these members forgotten (`/jianfu forget`): `names` are their
    ids and display names. Their acks, their place in a pile-up or 接龙, the notices they
    posted and any 接龙 whose title names them go; a pile-up or 接龙 they started keeps
    counting the others, without its trigger; their name in other kept text becomes …."""
    gone = frozenset(n.strip() for n in names if n.strip())
    if not gone:
        return group
    named = whole_names(gone)
    kept = GroupState(last=group.last)
    kept.acks.extend(ack for ack in group.acks if ack[1] not in gone)
    if group.stack is not None:
        stack = group.stack
        incident = _forget_in(stack.incident, gone, named)
        kept.stack = Stack(incident, stack.senders - gone, stack.last)
    kept.notices.extend(
        replace(n, text=named.sub("…", n.text)) for n in group.notices if n.sender not in gone
    )
    prior = group.prior
    if prior is not None and prior.notice.sender not in gone:
        notice = replace(prior.notice, text=named.sub("…", prior.notice.text))
        acks = deque(ack for ack in prior.acks if ack[1] not in gone)
        kept.prior = Prior(notice, acks, prior.done)
    for key, chain in group.chains.items():
        if named.search(key) or named.search(chain.title):
            continue  # its next post starts it afresh, under the same incident id
        reported = None if chain.reported is None else _forget_in(chain.reported, gone, named)
        sender = "" if chain.sender in gone else chain.sender
        participants = chain.participants - gone
        kept.chains[key] = replace(
            chain, sender=sender, participants=participants, reported=reported
        )
    return kept


def _forget_in(incident: Incident, gone: frozenset[str], named: re.Pattern[str]) -> Incident:
    """An incident they started loses its trigger (as the store's row does); another one's
    trigger excerpt loses their name."""
    if incident.trigger_sender in gone:
        return replace(incident, trigger="", trigger_sender="")
    return replace(incident, trigger=named.sub("…", incident.trigger))


def dump_group(group: GroupState, text_chars: int) -> dict[str, Any]:
    stack = group.stack
    return {
        "acks": [[_moment(t), sender, mid] for t, sender, mid in group.acks],
        "stack": None
        if stack is None
        else {
            "incident": _dump_incident(stack.incident),
            "senders": sorted(stack.senders),
            "last": stack.last.isoformat(),
        },
        "notices": [_dump_notice(n, text_chars) for n in group.notices],
        "chains": [_dump_chain(c) for c in group.chains.values()],
        "last": None if group.last is None else group.last.isoformat(),
        "prior": None if group.prior is None else _dump_prior(group.prior, text_chars),
    }


def _dump_notice(n: Notice, text_chars: int) -> list[Any]:
    return [n.id, n.time.isoformat(), n.sender, excerpt(n.text, text_chars), n.poll]


def _load_notice(item: list[Any]) -> Notice:
    i, t, s, x, p = item
    return Notice(str(i), _time(t), str(s), str(x), bool(p))


def _dump_prior(prior: Prior, text_chars: int) -> dict[str, Any]:
    return {
        "notice": _dump_notice(prior.notice, text_chars),
        "acks": [[_moment(t), sender, mid] for t, sender, mid in prior.acks],
        "done": prior.done,
    }


def _load_prior(data: Mapping[str, Any]) -> Prior:
    acks = deque((_ack_time(t), str(s), str(m)) for t, s, m in data["acks"])
    return Prior(_load_notice(data["notice"]), acks, bool(data["done"]))


def load_group(data: Mapping[str, Any]) -> GroupState:
    group = GroupState()
    group.acks.extend((_ack_time(t), str(s), str(m)) for t, s, m in data["acks"])
    stack = data["stack"]
    if stack is not None:
        incident = _load_incident(stack["incident"])
        group.stack = Stack(incident, set(stack["senders"]), _time(stack["last"]))
    group.notices.extend(_load_notice(item) for item in data["notices"])
    prior = data.get("prior")  # states saved before s31 have none
    group.prior = None if prior is None else _load_prior(prior)
    for item in data["chains"]:
        chain = _load_chain(item)
        group.chains[chain.key] = chain
    group.last = None if data["last"] is None else _time(data["last"])
    return group


def _dump_chain(chain: ChainState) -> dict[str, Any]:
    return {
        "first_id": chain.first_id,
        "start": chain.start.isoformat(),
        "last": chain.last.isoformat(),
        "sender": chain.sender,
        "title": chain.title,
        "key": chain.key,
        "posts": chain.posts,
        "participants": sorted(chain.participants),
        "items": chain.items,
        "is_ack": chain.is_ack,
        "reported": None if chain.reported is None else _dump_incident(chain.reported),
    }


def _load_chain(data: Mapping[str, Any]) -> ChainState:
    reported = data["reported"]
    return ChainState(
        first_id=str(data["first_id"]),
        start=_time(data["start"]),
        last=_time(data["last"]),
        sender=str(data["sender"]),
        title=str(data["title"]),
        key=str(data["key"]),
        posts=int(data["posts"]),
        participants=set(data["participants"]),
        items=int(data["items"]),
        is_ack=bool(data["is_ack"]),
        reported=None if reported is None else _load_incident(reported),
    )


def _dump_incident(incident: Incident) -> dict[str, Any]:
    return {
        "id": incident.id,
        "group_id": incident.group_id,
        "kind": incident.kind,
        "start": incident.start.isoformat(),
        "end": incident.end.isoformat(),
        "members": incident.members,
        "messages": incident.messages,
        "trigger": incident.trigger,
        "trigger_sender": incident.trigger_sender,
        "trigger_message_id": incident.trigger_message_id,
        "opened": incident.opened,
        "closed": incident.closed,
    }


def _load_incident(data: Mapping[str, Any]) -> Incident:
    return Incident(
        id=str(data["id"]),
        group_id=str(data["group_id"]),
        kind=data["kind"],
        start=_time(data["start"]),
        end=_time(data["end"]),
        members=int(data["members"]),
        messages=int(data["messages"]),
        trigger=str(data["trigger"]),
        trigger_sender=str(data["trigger_sender"]),
        trigger_message_id=str(data["trigger_message_id"]),
        opened=bool(data["opened"]),
        closed=bool(data["closed"]),
    )


def _moment(moment: datetime) -> float | str:
    """An ack's time as kept: seconds since the epoch when it is in UTC (every platform's
    messages are: a quarter of the cost of `isoformat`, and a group's state holds every ack
    of the window, saved with most messages), else its ISO form with its own offset."""
    return moment.timestamp() if moment.tzinfo is UTC else moment.isoformat()


def _ack_time(value: float | str) -> datetime:
    if isinstance(value, str):
        return _time(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"snapshot ack time {value!r} is neither seconds nor ISO")
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError) as exc:  # out of datetime's range: unreadable
        raise ValueError(f"snapshot ack time {value!r}: {exc}") from exc


def _time(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"snapshot time {value!r} has no time zone")
    return moment

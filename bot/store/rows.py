"""What the store returns and how it writes times: rows as frozen dataclasses.

The rows the handlers read (`IncidentRecord`, `GroupRecord`, `PostHistory`) live in
`handlers.context`, since handlers may not import `bot`; the store's own (`PlaygroundMessage`)
live here, with the converters from SQLite rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from handlers.context import IncidentRecord


def iso(moment: datetime) -> str:
    """A timezone-aware datetime as the store writes it (UTC, seconds)."""
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: the store needs timezone-aware times")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class PlaygroundMessage:
    """One line of the playground group's transcript."""

    id: int  # increasing: the transcript's order
    group_id: str
    sender: str  # member id
    sender_name: str
    text: str
    time: datetime
    bot: bool  # posted by the bot


def parse(value: str) -> datetime:
    return datetime.fromisoformat(value)


def incident_record(row: dict[str, Any]) -> IncidentRecord:
    return IncidentRecord(
        id=row["id"],
        group_id=row["group_id"],
        platform=row["platform"] or "",
        kind=row["kind"],
        start=parse(row["start"]),
        end=parse(row["end"]),
        members=row["members"],
        messages=row["messages"],
        trigger=row["trigger"] or "",
        trigger_sender=row["trigger_sender"] or "",
        demand_by=row["demand_by"] or "",
        reminded=bool(row["reminded"]),
        created_at=parse(row["created_at"]) if row["created_at"] else None,
        updated_at=parse(row["updated_at"]) if row["updated_at"] else None,
        held_reason=row["held_reason"] or "",
        held_until=parse(row["held_until"]) if row["held_until"] else None,
    )


def playground_message(row: dict[str, Any]) -> PlaygroundMessage:
    return PlaygroundMessage(
        id=row["id"],
        group_id=row["group_id"],
        sender=row["sender"],
        sender_name=row["sender_name"] or "",
        text=row["text"],
        time=parse(row["time"]),
        bot=bool(row["bot"]),
    )

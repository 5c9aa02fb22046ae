"""The incident log: one SQLite file (`bot.store.db` has the schema and every column), one
module per table, joined into `Store`. Blocking: call it from one worker thread
(`bot.store.thread.StoreThread`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.store.audit import COMMAND_CHARS, AuditTable
from bot.store.db import (
    EXCERPT_CHARS,
    MIGRATIONS,
    Migration,
    migration,
)
from bot.store.digests import DigestTable
from bot.store.groups import GroupTables
from bot.store.handling import HANDLED_KEEP, STATE_KEEP, HandlingTables
from bot.store.incidents import IncidentTable
from bot.store.notices import NoticeTables
from bot.store.playground import PlaygroundTable
from bot.store.posts import PostTable
from bot.store.privacy import PrivacyTables, whole_names
from bot.store.rows import PlaygroundMessage, iso
from handlers.actions import Hold
from policies.events import Incident

# An incident to record with a message: (incident, demand_by, held) — reminded is set later.
IncidentWrite = tuple[Incident, str, Hold | None]

__all__ = [
    "COMMAND_CHARS",
    "EXCERPT_CHARS",
    "HANDLED_KEEP",
    "MIGRATIONS",
    "STATE_KEEP",
    "Migration",
    "PlaygroundMessage",
    "Store",
    "iso",
    "migration",
    "whole_names",
]


class Store(
    GroupTables,
    IncidentTable,
    HandlingTables,
    PostTable,
    AuditTable,
    PrivacyTables,
    PlaygroundTable,
    DigestTable,
    NoticeTables,
):
    """The bot's SQLite database: every table's queries on one connection. Use from one
    thread at a time (see `bot.store.db`)."""

    def commit_message(
        self,
        group_id: str,
        state: dict[str, Any] | None,
        platform: str,
        message_id: str,
        now: datetime,
        save_state: bool,
        incidents: Sequence[IncidentWrite],
    ) -> list[bool]:
        """One transaction for a message that only records incidents: each incident
        (`upsert_incident`, reminded=0), then the message handled with the group's detector
        state (`mark_handled`). Whether each incident is new."""
        with self.db.atomic():
            new = [
                self.upsert_incident(incident, platform, False, demand_by, now, held)
                for incident, demand_by, held in incidents
            ]
            self.mark_handled(group_id, state, platform, message_id, now, save_state)
        return new

"""The incident log: one SQLite file (`bot.store.db` has the schema and every column), one
module per table, joined into `Store`. Blocking: call it from one worker thread
(`bot.store.thread.StoreThread`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.store.audit import COMMAND_CHARS, AuditTable
from bot.store.commands import CommandTable
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
from bot.store.privacy import PrivacyTables
from bot.store.rows import PlaygroundMessage, iso
from handlers.actions import Hold
from policies.events import Incident
from policies.text import whole_names

# An incident to record with a message: (incident, demand_by, held) — reminded is set later.
IncidentWrite = tuple[Incident, str, Hold | None]


@dataclass(frozen=True, slots=True)
class MessageWrite:
    """What one handled message commits: its incidents (reminded=0), its "handled" mark and,
    when `save_state`, the group's detector state after it (`Store.commit_messages`)."""

    group_id: str
    platform: str
    message_id: str
    now: datetime
    state: dict[str, Any] | None = None
    save_state: bool = False
    incidents: Sequence[IncidentWrite] = field(default_factory=tuple)


__all__ = [
    "COMMAND_CHARS",
    "EXCERPT_CHARS",
    "HANDLED_KEEP",
    "MIGRATIONS",
    "STATE_KEEP",
    "IncidentWrite",
    "MessageWrite",
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
    CommandTable,
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

    def commit_messages(self, writes: Sequence[MessageWrite]) -> list[list[bool] | None]:
        """Several messages' writes in ONE transaction (the runtime's group commit,
        `bot.commits`): in order, each message marked handled and its incidents; then each
        group's detector state once, the last one given for it. Per message: whether each of
        its incidents is new, or None when it was marked handled before (a platform's
        redelivery after a restart) — then nothing of it is written. All or nothing: after an
        error none of the batch is kept."""
        new: list[list[bool] | None] = []
        states: dict[str, tuple[dict[str, Any] | None, datetime]] = {}
        with self.db.atomic():
            marks = [(w.group_id, w.platform, w.message_id, w.now) for w in writes]
            for write, fresh in zip(writes, self._mark_many(marks), strict=True):
                if not fresh:
                    new.append(None)
                    continue
                new.append([self._record(write, *incident) for incident in write.incidents])
                if write.save_state:
                    states[write.group_id] = (write.state, write.now)
            self._save_states([(gid, state, now) for gid, (state, now) in states.items()])
        return new

    def _record(
        self, write: MessageWrite, incident: Incident, demand_by: str, held: Hold | None
    ) -> bool:
        return self._upsert_incident(incident, write.platform, False, demand_by, write.now, held)

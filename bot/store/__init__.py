"""The incident log: one SQLite file (`bot.store.db` has the schema and every column), one
module per table, joined into `Store`. Blocking: call it from one worker thread
(`bot.store.thread.StoreThread`)."""

from __future__ import annotations

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
from bot.store.playground import PlaygroundTable
from bot.store.posts import PostTable
from bot.store.privacy import PrivacyTables, whole_names
from bot.store.rows import PlaygroundMessage, iso

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
):
    """The bot's SQLite database: every table's queries on one connection. Use from one
    thread at a time (see `bot.store.db`)."""

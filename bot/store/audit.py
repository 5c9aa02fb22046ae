"""The `audit_log` table: every admin command, allowed or refused."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.store.db import Tables
from bot.store.rows import iso

COMMAND_CHARS = 100  # longest command text the audit log keeps


class AuditTable(Tables):
    """The audit log."""

    def audit(
        self,
        group_id: str,
        actor_id: str,
        actor_name: str,
        command: str,
        allowed: bool,
        result: str,
        time: datetime,
    ) -> None:
        """Log one admin command (allowed or refused)."""
        self.db.execute(
            """INSERT INTO audit_log (time, group_id, actor_id, actor_name, command, allowed,
                 result) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [
                iso(time),
                group_id,
                actor_id,
                actor_name,
                command[:COMMAND_CHARS],
                int(allowed),
                result,
            ],
        )

    def audit_log(self, group_id: str, limit: int = 50) -> list[dict[str, Any]]:
        """The group's latest audit rows, newest first."""
        return list(
            self.db.query(
                "SELECT * FROM audit_log WHERE group_id = ? ORDER BY id DESC LIMIT ?",
                [group_id, limit],
            )
        )

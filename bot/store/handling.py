"""The `detector_state` and `handled_messages` tables: what makes handling durable (a group's
windows survive a restart; a platform's retry is not counted twice).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from bot.store.db import Tables
from bot.store.rows import iso

STATE_KEEP = timedelta(days=15)  # a group's detector state outlives its longest window (接龙: 14 d)
HANDLED_KEEP = timedelta(days=2)  # handled message ids kept against platform retries


class HandlingTables(Tables):
    """Detector states and handled message ids."""

    def detector_state(self, group_id: str) -> dict[str, Any] | None:
        """The group's detector state as last saved (None: none kept)."""
        sql = "SELECT state FROM detector_state WHERE group_id = ?"
        row = self.db.execute(sql, [group_id]).fetchone()
        return None if row is None else cast(dict[str, Any], json.loads(row[0]))

    def was_handled(self, platform: str, group_id: str, message_id: str) -> bool:
        """Whether the message's handling committed (`mark_handled`)."""
        sql = """SELECT 1 FROM handled_messages
                 WHERE platform = ? AND group_id = ? AND message_id = ?"""
        return self.db.execute(sql, [platform, group_id, message_id]).fetchone() is not None

    def mark_handled(
        self,
        group_id: str,
        state: dict[str, Any] | None,
        platform: str,
        message_id: str,
        now: datetime,
        save_state: bool = True,
    ) -> None:
        """One transaction: the message is handled and the group's detector state is `state`
        (left as it was when not `save_state`)."""
        with self.db.atomic():
            self._mark_handled(group_id, platform, message_id, now)
            if save_state:
                self._save_state(group_id, state, now)

    def _mark_handled(self, group_id: str, platform: str, message_id: str, now: datetime) -> bool:
        """Mark the message handled; False when it was already."""
        cursor = self.db.execute(
            """INSERT INTO handled_messages (platform, message_id, group_id, time)
               VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""",
            [platform, message_id, group_id, iso(now)],
        )
        return bool(cursor.rowcount == 1)

    def save_detector_states(
        self, states: Sequence[tuple[str, dict[str, Any] | None]], now: datetime
    ) -> None:
        """Keep several groups' detector states at once (groups leaving memory)."""
        with self.db.atomic():
            for group_id, state in states:
                self._save_state(group_id, state, now)

    def _save_state(self, group_id: str, state: dict[str, Any] | None, now: datetime) -> None:
        if state is None:
            self.db.execute("DELETE FROM detector_state WHERE group_id = ?", [group_id])
            return
        self.db.execute(
            """INSERT INTO detector_state (group_id, state, updated_at) VALUES (?, ?, ?)
               ON CONFLICT (group_id) DO UPDATE SET state = excluded.state,
                 updated_at = excluded.updated_at""",
            [group_id, json.dumps(state, ensure_ascii=False), iso(now)],
        )

    def forget_handling_before(self, now: datetime) -> dict[str, int]:
        """Drop handled ids and command claims older than `HANDLED_KEEP` and states older
        than `STATE_KEEP`."""
        with self.db.atomic():
            handled = self.db.execute(
                "DELETE FROM handled_messages WHERE time < ?", [iso(now - HANDLED_KEEP)]
            ).rowcount
            commands = self.db.execute(
                "DELETE FROM command_claims WHERE claimed_at < ?", [iso(now - HANDLED_KEEP)]
            ).rowcount
            states = self.db.execute(
                "DELETE FROM detector_state WHERE updated_at < ?", [iso(now - STATE_KEEP)]
            ).rowcount
        return {"handled_messages": handled, "command_claims": commands, "detector_state": states}

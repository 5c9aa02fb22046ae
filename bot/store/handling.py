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
# Rows one multi-row statement writes at most: 4 parameters each, far under SQLite's 32,766.
MARKS_PER_STATEMENT = 256


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

    def _mark_many(self, marks: Sequence[tuple[str, str, str, datetime]]) -> list[bool]:
        """Mark several messages (group, platform, message id, time) handled in one statement
        per `MARKS_PER_STATEMENT` (a statement is a hand-off of the GIL on SQLite, a round trip
        on PostgreSQL); per message, whether it was new (a message twice: its first only)."""
        fresh: set[tuple[str, str, str]] = set()
        for start in range(0, len(marks), MARKS_PER_STATEMENT):
            chunk = marks[start : start + MARKS_PER_STATEMENT]
            values = ", ".join(["(?, ?, ?, ?)"] * len(chunk))
            params = [v for g, p, m, t in chunk for v in (p, m, g, iso(t))]
            cursor = self.db.execute(
                f"""INSERT INTO handled_messages (platform, message_id, group_id, time)
                    VALUES {values} ON CONFLICT DO NOTHING
                    RETURNING platform, group_id, message_id""",
                params,
            )
            fresh.update((p, g, m) for p, g, m in cursor.fetchall())
        new: list[bool] = []
        for g, p, m, _ in marks:
            key = (p, g, m)
            new.append(key in fresh)
            fresh.discard(key)  # a second delivery in the same batch is not new
        return new

    def _save_states(self, states: Sequence[tuple[str, dict[str, Any] | None, datetime]]) -> None:
        """Several groups' detector states (each group once) in one statement, and one more
        for the groups whose state is none (deleted)."""
        gone = [g for g, state, _ in states if state is None]
        kept = [
            (g, json.dumps(s, ensure_ascii=False), iso(t)) for g, s, t in states if s is not None
        ]
        if gone:
            marks = ", ".join(["?"] * len(gone))
            self.db.execute(f"DELETE FROM detector_state WHERE group_id IN ({marks})", gone)
        for start in range(0, len(kept), MARKS_PER_STATEMENT):
            chunk = kept[start : start + MARKS_PER_STATEMENT]
            values = ", ".join(["(?, ?, ?)"] * len(chunk))
            self.db.execute(
                f"""INSERT INTO detector_state (group_id, state, updated_at) VALUES {values}
                    ON CONFLICT (group_id) DO UPDATE SET state = excluded.state,
                      updated_at = excluded.updated_at""",
                [v for row in chunk for v in row],
            )

    def save_detector_states(
        self, states: Sequence[tuple[str, dict[str, Any] | None]], now: datetime
    ) -> None:
        """Keep several groups' detector states at once (groups leaving memory)."""
        with self.db.atomic():
            self._save_states([(group_id, state, now) for group_id, state in states])

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

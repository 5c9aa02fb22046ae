"""The `incidents` table: one row per detector incident, grown in place."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from bot.clock import utc_now
from bot.store.db import Tables
from bot.store.rows import incident_record, iso
from handlers.actions import Hold
from handlers.context import IncidentRecord
from policies.events import INCIDENT_KINDS, Incident, IncidentKind
from policies.text import excerpt

_INSERT_INCIDENT = """
INSERT INTO incidents ("id", "group_id", "platform", "kind", "start", "end", "members",
  "messages", "trigger", "trigger_sender", "demand_by", "reminded", "created_at", "updated_at",
  "held_reason", "held_until")
VALUES (:id, :group_id, :platform, :kind, :start, :end, :members, :messages, :trigger,
  :trigger_sender, :demand_by, :reminded, :now, :now, :held_reason, :held_until)
ON CONFLICT("id") DO NOTHING
"""

_GROW_INCIDENT = """
UPDATE incidents SET
  "start" = CASE WHEN :start < "start" THEN :start ELSE "start" END,
  "end" = CASE WHEN :end > "end" THEN :end ELSE "end" END,
  "members" = CASE WHEN :members > "members" THEN :members ELSE "members" END,
  "messages" = CASE WHEN :messages > "messages" THEN :messages ELSE "messages" END,
  "reminded" = CASE WHEN :reminded > "reminded" THEN :reminded ELSE "reminded" END,
  "platform" = CASE WHEN "platform" = '' THEN :platform ELSE "platform" END,
  "demand_by" = CASE WHEN "demand_by" = '' AND "trigger_sender" != ''
                     THEN :demand_by ELSE "demand_by" END,
  "held_until" = CASE WHEN "held_reason" = '' AND "reminded" = 0 AND :reminded = 0
                      THEN :held_until ELSE "held_until" END,
  "held_reason" = CASE WHEN "held_reason" = '' AND "reminded" = 0 AND :reminded = 0
                       THEN :held_reason ELSE "held_reason" END,
  "updated_at" = :now
WHERE "id" = :id
"""


class IncidentTable(Tables):
    """Incidents: upsert, reminded/held marks, queries."""

    def upsert_incident(
        self,
        incident: Incident,
        platform: str = "",
        reminded: bool = False,
        demand_by: str = "",
        now: datetime | None = None,
        held: Hold | None = None,
    ) -> bool:
        """Insert or grow an incident; True when it is new. Counts never shrink, `reminded`
        never goes back to 0, the trigger is kept as first recorded (or as forgotten), a held
        reminder's reason is kept as first recorded."""
        with self.db.atomic():
            return self._upsert_incident(incident, platform, reminded, demand_by, now, held)

    def _upsert_incident(
        self,
        incident: Incident,
        platform: str,
        reminded: bool,
        demand_by: str,
        now: datetime | None,
        held: Hold | None,
    ) -> bool:
        """`upsert_incident` inside the caller's transaction."""
        row = {
            "id": incident.id,
            "group_id": incident.group_id,
            "platform": platform,
            "kind": incident.kind,
            "start": iso(incident.start),
            "end": iso(incident.end),
            "members": incident.members,
            "messages": incident.messages,
            "trigger": excerpt(incident.trigger),
            "trigger_sender": incident.trigger_sender,
            "demand_by": demand_by,
            "reminded": int(reminded),
            "now": iso(now or utc_now()),
            "held_reason": held.reason if held else "",
            "held_until": iso(held.until) if held and held.until else None,
        }
        # writes first: no read-to-write lock upgrade between processes. One that grows (the
        # detector saw it before: most of a pile-up's messages) is most likely there: UPDATE
        # first, one statement instead of a refused INSERT and the UPDATE.
        if not incident.opened and self.db.execute(_GROW_INCIDENT, row).rowcount == 1:
            return False
        new = self.db.execute(_INSERT_INCIDENT, row).rowcount == 1
        if not new:
            self.db.execute(_GROW_INCIDENT, row)
        return new

    def mark_reminded(self, incident_id: str) -> bool:
        """Note that a reminder about the incident was posted; False when there is no such
        incident. The runtime calls it only after the post went out."""
        sql = """UPDATE incidents SET reminded = 1, held_reason = '', held_until = NULL
                 WHERE id = ?"""
        return self.db.execute(sql, [incident_id]).rowcount == 1

    def hold_incident(self, incident_id: str, held: Hold) -> bool:
        """Note that the reminder about an incident was not posted after all (the runtime's
        rate limit, a refused post); False when there is no such incident or it was reminded."""
        sql = "UPDATE incidents SET held_reason = ?, held_until = ? WHERE id = ? AND reminded = 0"
        until = iso(held.until) if held.until else None
        return self.db.execute(sql, [held.reason, until, incident_id]).rowcount == 1

    def held_counts(self, group_id: str, since: datetime, until: datetime) -> dict[str, int]:
        """Incidents that started in [since, until) whose reminder was held, by reason."""
        rows = self.db.query(
            """SELECT held_reason, count(*) AS n FROM incidents
               WHERE group_id = ? AND start >= ? AND start < ? AND held_reason != ''
               GROUP BY held_reason ORDER BY held_reason""",
            [group_id, iso(since), iso(until)],
        )
        return {row["held_reason"]: int(row["n"]) for row in rows}

    def reminded_about(self, incident_id: str) -> bool:
        """Whether the incident is marked reminded or a reminder about it was (maybe) posted:
        a `bot_posts` row, pending or unknown included."""
        sql = """SELECT 1 FROM incidents WHERE id = :id AND reminded = 1
                 UNION ALL SELECT 1 FROM bot_posts
                 WHERE incident_id = :id AND reason = 'reminder' LIMIT 1"""
        return self.db.execute(sql, {"id": incident_id}).fetchone() is not None

    def reminded_incidents(self, group_id: str, since: datetime) -> frozenset[str]:
        """The ids of the group's incidents that started (or whose reminder row was written)
        at or after `since` and were reminded about, as `reminded_about` tells one."""
        sql = """SELECT id FROM incidents
                 WHERE group_id = :group AND start >= :since AND reminded = 1
                 UNION SELECT incident_id FROM bot_posts
                 WHERE group_id = :group AND reason = 'reminder' AND time >= :since
                   AND incident_id != ''"""
        rows = self.db.query(sql, {"group": group_id, "since": iso(since)})
        return frozenset(str(row["id"]) for row in rows)

    def _incident_row(self, incident_id: str) -> dict[str, Any] | None:
        return next(self.db.query("SELECT * FROM incidents WHERE id = ?", [incident_id]), None)

    def incident(self, incident_id: str) -> IncidentRecord | None:
        row = self._incident_row(incident_id)
        return None if row is None else incident_record(row)

    def incidents(self, group_id: str, limit: int = 20) -> list[IncidentRecord]:
        """The group's latest incidents, newest first."""
        rows = self.db.query(
            "SELECT * FROM incidents WHERE group_id = ? ORDER BY start DESC, id DESC LIMIT ?",
            [group_id, limit],
        )
        return [incident_record(r) for r in rows]

    def incidents_between(
        self, group_id: str, since: datetime, until: datetime
    ) -> list[IncidentRecord]:
        """The group's incidents that started in [since, until), oldest first (the digest)."""
        rows = self.db.query(
            """SELECT * FROM incidents WHERE group_id = ? AND start >= ? AND start < ?
               ORDER BY start, id""",
            [group_id, iso(since), iso(until)],
        )
        return [incident_record(r) for r in rows]

    def incident_counts(
        self, group_id: str, since: datetime, until: datetime
    ) -> dict[IncidentKind, int]:
        """Incidents that started in [since, until), by kind (every kind present, maybe 0)."""
        counts: dict[IncidentKind, int] = dict.fromkeys(INCIDENT_KINDS, 0)
        rows = self.db.query(
            """SELECT kind, count(*) AS n FROM incidents
               WHERE group_id = ? AND start >= ? AND start < ? GROUP BY kind""",
            [group_id, iso(since), iso(until)],
        )
        for row in rows:
            if row["kind"] in counts:
                counts[cast(IncidentKind, row["kind"])] = row["n"]
        return counts

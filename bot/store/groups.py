"""The `groups`, `group_settings` and `group_sizes` tables: the groups the bot has seen, admins'
changes to their settings, their member counts.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime

from bot.clock import utc_now
from bot.store.db import Tables
from bot.store.rows import iso, parse
from handlers.context import GroupRecord
from handlers.group_settings import GroupSettings

log = logging.getLogger(__name__)


class GroupTables(Tables):
    """Groups, their saved settings and sizes."""

    def touch_group(self, group_id: str, platform: str, name: str, now: datetime) -> None:
        """Note that the bot saw `group_id` at `now` (inserts it the first time)."""
        self.db.execute(
            """INSERT INTO groups (id, platform, name, first_seen, last_seen)
               VALUES (:id, :platform, :name, :now, :now)
               ON CONFLICT (id) DO UPDATE SET
                 last_seen = CASE WHEN excluded.last_seen > groups.last_seen
                                  THEN excluded.last_seen ELSE groups.last_seen END,
                 name = CASE WHEN excluded.name != '' THEN excluded.name ELSE groups.name END""",
            {"id": group_id, "platform": platform, "name": name, "now": iso(now)},
        )

    def groups(self) -> list[GroupRecord]:
        """Every group the bot has seen, oldest first."""
        rows = self.db.query("SELECT * FROM groups ORDER BY first_seen, id")
        return [
            GroupRecord(
                id=r["id"],
                platform=r["platform"],
                name=r["name"] or "",
                first_seen=parse(r["first_seen"]),
                last_seen=parse(r["last_seen"]),
            )
            for r in rows
        ]

    # settings ----------------------------------------------------------------------------

    def group_settings(self, group_id: str, base: GroupSettings | None = None) -> GroupSettings:
        """`base` (the config's settings for the group) with the admins' saved changes."""
        base = base or GroupSettings()
        row = next(
            self.db.query("SELECT json FROM group_settings WHERE group_id = ?", [group_id]), None
        )
        if row is None:
            return base
        changes = json.loads(row["json"])
        settings = GroupSettings.from_dict(changes, base, strict=False)
        skipped = [k for k in changes if settings.to_dict().get(k) != changes[k]]
        if skipped:
            log.warning("group %s: ignoring stored settings %s", group_id, skipped)
        return settings

    def groups_with_saved_settings(self) -> list[str]:
        """Ids of the groups whose admins saved settings, sorted."""
        rows = self.db.query("SELECT group_id FROM group_settings ORDER BY group_id")
        return [r["group_id"] for r in rows]

    def save_group_settings(
        self,
        group_id: str,
        settings: GroupSettings,
        base: GroupSettings | None = None,
        now: datetime | None = None,
    ) -> None:
        """Keep the fields of `settings` that differ from `base` (the config's settings)."""
        changes = settings.changes_from(base or GroupSettings())
        self.db.execute(
            """INSERT INTO group_settings (group_id, json, updated_at) VALUES (?, ?, ?)
               ON CONFLICT (group_id) DO UPDATE SET json = excluded.json,
                 updated_at = excluded.updated_at""",
            [
                group_id,
                json.dumps(changes, ensure_ascii=False, sort_keys=True),
                iso(now or utc_now()),
            ],
        )

    def set_group_size(self, group_id: str, members: int, now: datetime) -> None:
        """Record how many members a group has (a platform's word)."""
        self.db.execute(
            """INSERT INTO group_sizes (group_id, members, updated_at) VALUES (?, ?, ?)
               ON CONFLICT (group_id) DO UPDATE SET members = excluded.members,
                 updated_at = excluded.updated_at""",
            [group_id, members, iso(now)],
        )

    def group_size(self, group_id: str) -> int | None:
        """The group's member count when known, else None."""
        sql = "SELECT members FROM group_sizes WHERE group_id = ?"
        row = next(self.db.query(sql, [group_id]), None)
        return None if row is None else int(row["members"])

    def incident_group_ids(self) -> list[str]:
        """Every group id that has incidents or was seen, sorted."""
        rows = self.db.query(
            "SELECT group_id AS id FROM incidents UNION SELECT id FROM groups ORDER BY 1"
        )
        return [r["id"] for r in rows]

"""The `notices`, `notice_confirmations` and `notice_nudges` tables: silent-confirmation notices
posted through the bot, who confirmed them (how and when), who was nudged at the due time.

A notice's text is kept whole (≤ `handlers.notices.MAX_NOTICE`): the bot posted it in the group
itself, and the nudge quotes it. Everything else is short: ids, names, times.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.store.db import Tables
from bot.store.rows import iso, parse
from handlers.notices import MAX_NOTICE, Confirmation, NoticeRecord


class NoticeTables(Tables):
    """Notices, their confirmations and nudges."""

    def add_notice(
        self,
        group_id: str,
        platform: str,
        poster_id: str,
        poster_name: str,
        text: str,
        posted_at: datetime,
        due: datetime | None,
    ) -> NoticeRecord:
        """Store a notice about to be posted; its id is its number."""
        number = self._insert_id(
            """INSERT INTO notices (group_id, platform, poster_id, poster_name, text, posted_at,
                 due_at, ref) VALUES (?, ?, ?, ?, ?, ?, ?, '')""",
            [group_id, platform, poster_id, poster_name, text[:MAX_NOTICE], iso(posted_at),
             iso(due) if due else None],
        )  # fmt: skip
        return NoticeRecord(
            number, group_id, platform, poster_id, poster_name, text[:MAX_NOTICE], posted_at, due
        )

    def set_notice_ref(self, notice_id: int, ref: str) -> None:
        """The platform's reference of the posted notice (for its read status)."""
        self.db.execute("UPDATE notices SET ref = ? WHERE id = ?", [ref, notice_id])

    def drop_notice(self, notice_id: int) -> None:
        """A notice that could not be posted."""
        self.db.execute("DELETE FROM notices WHERE id = ?", [notice_id])

    def notice(self, notice_id: int) -> NoticeRecord | None:
        row = next(self.db.query("SELECT * FROM notices WHERE id = ?", [notice_id]), None)
        return None if row is None else _notice(row)

    def latest_notice(self, group_id: str) -> NoticeRecord | None:
        """The group's newest notice, if any."""
        sql = "SELECT * FROM notices WHERE group_id = ? ORDER BY id DESC LIMIT 1"
        row = next(self.db.query(sql, [group_id]), None)
        return None if row is None else _notice(row)

    def group_notices(self, group_id: str, limit: int = 20) -> list[NoticeRecord]:
        """The group's newest notices, newest first."""
        sql = "SELECT * FROM notices WHERE group_id = ? ORDER BY id DESC LIMIT ?"
        return [_notice(r) for r in self.db.query(sql, [group_id, limit])]

    def recent_notices(self, platform: str, since: datetime) -> list[NoticeRecord]:
        """The platform's notices posted since `since` or not yet due, newest first (the ones
        a private "1" may confirm)."""
        sql = """SELECT * FROM notices WHERE platform = ? AND (posted_at >= ? OR due_at >= ?)
                 ORDER BY id DESC"""
        return [_notice(r) for r in self.db.query(sql, [platform, iso(since), iso(since)])]

    def confirm_notice(
        self, notice_id: int, member_id: str, member_name: str, source: str, time: datetime
    ) -> bool:
        """Count a member's confirmation; False when they had confirmed already (the first
        one stays)."""
        cursor = self.db.execute(
            """INSERT INTO notice_confirmations (notice_id, member_id, member_name, source, time)
               VALUES (?, ?, ?, ?, ?) ON CONFLICT (notice_id, member_id) DO NOTHING""",
            [notice_id, member_id, member_name, source, iso(time)],
        )
        return cursor.rowcount == 1

    def confirmations(self, notice_id: int) -> list[Confirmation]:
        """Who confirmed the notice, first first."""
        sql = """SELECT member_id, member_name, source, time FROM notice_confirmations
                 WHERE notice_id = ? ORDER BY time, member_id"""
        return [
            Confirmation(r["member_id"], r["member_name"], r["source"], parse(r["time"]))
            for r in self.db.query(sql, [notice_id])
        ]

    def confirmed_by(self, member_id: str, notice_ids: list[int]) -> frozenset[int]:
        """Which of these notices the member has confirmed."""
        if not notice_ids:
            return frozenset()
        marks = ", ".join("?" for _ in notice_ids)
        sql = f"""SELECT notice_id FROM notice_confirmations
                  WHERE member_id = ? AND notice_id IN ({marks})"""
        return frozenset(int(r[0]) for r in self.db.execute(sql, [member_id, *notice_ids]))

    def due_notices(self, now: datetime) -> list[NoticeRecord]:
        """Notices past their due time whose nudges have not gone out, oldest first. Read at
        every tick, so nudges due while the bot was down go out once it is back."""
        sql = """SELECT * FROM notices WHERE due_at IS NOT NULL AND due_at <= ?
                 AND nudged_at IS NULL ORDER BY due_at, id"""
        return [_notice(r) for r in self.db.query(sql, [iso(now)])]

    def record_nudge(self, notice_id: int, member_id: str, time: datetime) -> bool:
        """Note a nudge before it is sent (at most once per member: a restart in between does
        not nudge twice); False when they were nudged already."""
        cursor = self.db.execute(
            """INSERT INTO notice_nudges (notice_id, member_id, time) VALUES (?, ?, ?)
               ON CONFLICT (notice_id, member_id) DO NOTHING""",
            [notice_id, member_id, iso(time)],
        )
        return cursor.rowcount == 1

    def nudged(self, notice_id: int) -> list[str]:
        sql = "SELECT member_id FROM notice_nudges WHERE notice_id = ? ORDER BY member_id"
        return [r[0] for r in self.db.execute(sql, [notice_id])]

    def mark_nudged(self, notice_id: int, time: datetime) -> None:
        self.db.execute("UPDATE notices SET nudged_at = ? WHERE id = ?", [iso(time), notice_id])

    def notice_counts(self, group_id: str, since: datetime, until: datetime) -> tuple[int, int]:
        """(notices posted, their silent confirmations — not the 收到 in the group) in
        [since, until) (the digest: each silent confirmation is one 收到 spared)."""
        row = self.db.execute(
            """SELECT count(DISTINCT n.id), count(c.member_id) FROM notices n
               LEFT JOIN notice_confirmations c ON c.notice_id = n.id AND c.source != 'group_ack'
               WHERE n.group_id = ? AND n.posted_at >= ? AND n.posted_at < ?""",
            [group_id, iso(since), iso(until)],
        ).fetchone()
        return (0, 0) if row is None else (int(row[0] or 0), int(row[1] or 0))


def _notice(row: dict[str, Any]) -> NoticeRecord:
    return NoticeRecord(
        id=int(row["id"]),
        group_id=row["group_id"],
        platform=row["platform"],
        poster_id=row["poster_id"],
        poster_name=row["poster_name"],
        text=row["text"],
        posted_at=parse(row["posted_at"]),
        due=parse(row["due_at"]) if row["due_at"] else None,
        ref=row["ref"] or "",
        nudged_at=parse(row["nudged_at"]) if row["nudged_at"] else None,
    )

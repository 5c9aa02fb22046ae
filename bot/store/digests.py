"""The `digests` table: one row per weekly digest the scheduler claimed."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.store.db import Tables
from bot.store.rows import iso

_CLAIM_AGAIN = """
UPDATE digests SET status = 'claimed', attempts = attempts + 1,
  claimed_at = :now, claimed_by = :owner
WHERE group_id = :group AND week = :week AND (
  (status = 'failed' AND attempts < :max AND failed_at <= :due)
  OR (status = 'claimed' AND claimed_at <= :stale AND NOT EXISTS (
    SELECT 1 FROM bot_posts WHERE bot_posts.group_id = digests.group_id
      AND bot_posts.reason = 'digest' AND bot_posts.time >= digests.claimed_at)))
"""


class DigestTable(Tables):
    """Weekly digest claims (at most once per group and week)."""

    def claim_digest(
        self,
        group_id: str,
        week: str,
        now: datetime,
        owner: str = "",
        retry_after: timedelta | None = None,
        max_attempts: int = 1,
        stale_after: timedelta | None = None,
    ) -> bool:
        """Claim the digest of (group, week) for sending; True for exactly one caller.

        One IMMEDIATE transaction: INSERT into `digests` (UNIQUE group_id, week) — the row is
        the record that the digest is being sent. A row that already exists is claimed again
        only when its last send failed, fewer than `max_attempts` sends were tried and
        `retry_after` has passed since (an UPDATE guarded by those conditions) — or when it was
        claimed more than `stale_after` ago and its claimer never began the post (no `digest`
        row in `bot_posts` since the claim): that process died before posting, the digest can
        go out from here. A claimer that died after writing its post's intent may have posted:
        that claim is kept (at most once)."""
        stamp = iso(now)
        with self._immediate("digest"):
            cursor = self.db.execute(
                """INSERT INTO digests (group_id, week, status, attempts, claimed_at, claimed_by)
                   VALUES (?, ?, 'claimed', 1, ?, ?) ON CONFLICT (group_id, week) DO NOTHING""",
                [group_id, week, stamp, owner],
            )
            if cursor.rowcount == 1:
                return True
            if retry_after is None and stale_after is None:
                return False
            never = ""  # no time stamp is <= "": that way of claiming again is off
            cursor = self.db.execute(
                _CLAIM_AGAIN,
                {
                    "group": group_id,
                    "week": week,
                    "now": stamp,
                    "owner": owner,
                    "max": max_attempts,
                    "due": iso(now - retry_after) if retry_after is not None else never,
                    "stale": iso(now - stale_after) if stale_after is not None else never,
                },
            )
            return cursor.rowcount == 1

    def finish_digest(
        self, group_id: str, week: str, now: datetime, sent: bool, error: str = ""
    ) -> None:
        """Mark a claimed digest sent, or failed with a reason (≤ 200 characters)."""
        if sent:
            sql = """UPDATE digests SET status = 'sent', sent_at = ?, error = ''
                     WHERE group_id = ? AND week = ?"""
            self.db.execute(sql, [iso(now), group_id, week])
        else:
            sql = """UPDATE digests SET status = 'failed', failed_at = ?, error = ?
                     WHERE group_id = ? AND week = ?"""
            self.db.execute(sql, [iso(now), error[:200], group_id, week])

    def digest_status(self, group_id: str, week: str) -> str | None:
        """claimed | sent | failed for a (group, week) digest, None when never claimed."""
        sql = "SELECT status FROM digests WHERE group_id = ? AND week = ?"
        row = next(self.db.query(sql, [group_id, week]), None)
        return None if row is None else str(row["status"])

    def digest_log(self, group_id: str | None = None) -> list[dict[str, Any]]:
        """Rows of `digests` (one group's, or all), oldest week first."""
        if group_id is None:
            return list(self.db.query("SELECT * FROM digests ORDER BY week, group_id"))
        sql = "SELECT * FROM digests WHERE group_id = ? ORDER BY week"
        return list(self.db.query(sql, [group_id]))

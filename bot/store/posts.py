"""The `bot_posts` table: the bot's own posts (intent, then settled)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from bot.store.db import Tables
from bot.store.rows import iso, parse
from handlers.actions import Hold
from handlers.context import PostHistory
from handlers.group_settings import GroupSettings
from handlers.moderation import limit_hold
from policies.text import excerpt


class PostTable(Tables):
    """The bot's posts: the cooldown and daily cap count them."""

    def record_post(
        self,
        group_id: str,
        text: str,
        reason: str,
        time: datetime,
        platform: str = "",
        incident_id: str = "",
        status: str = "sent",
    ) -> int:
        """Log one post of the bot (an excerpt of its text); returns the row's id. The runtime
        writes it `pending` before sending (the intent) and settles it with `settle_post`.
        0 for a reminder about an incident that already has one (another process that saw
        the same pile-up wrote it first): that one is posted, not this."""
        return self._insert_id(
            """INSERT INTO bot_posts (time, group_id, platform, reason, incident_id, text, status)
               VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
            [iso(time), group_id, platform, reason, incident_id, excerpt(text), status],
        )

    def claim_reminder(
        self,
        group: GroupSettings,
        group_id: str,
        text: str,
        time: datetime,
        platform: str = "",
        incident_id: str = "",
    ) -> int | Hold:
        """Write a reminder's intent (`pending`, as `record_post`) only when the group's limits
        allow it, counted over every reminder in the database — also those other bot processes
        on it posted: `group`'s daily cap (its local day) and cooldown (`limit_hold`). Returns
        the row's id; the `Hold` that refused it; or 0 when the incident already has its
        reminder (another process wrote it first).

        One transaction that holds the group's lock from the count to the insert (PostgreSQL:
        an advisory lock per group; SQLite: BEGIN IMMEDIATE), so two processes that both found
        the cooldown over in memory cannot both post: the second counts the first's intent."""
        with self._immediate(f"reminders:{group_id}"):
            if incident_id and self._has_reminder(incident_id):
                return 0
            held = limit_hold(group, self.post_history(group_id, time, group.timezone), time)
            if held is not None:
                return held
            return self.record_post(
                group_id, text, "reminder", time, platform, incident_id, "pending"
            )

    def _has_reminder(self, incident_id: str) -> bool:
        sql = "SELECT 1 FROM bot_posts WHERE reason = 'reminder' AND incident_id = ?"
        return self.db.execute(sql, [incident_id]).fetchone() is not None

    def settle_post(self, post_id: int, sent: bool) -> None:
        """After the platform answered: a sent post becomes `sent` (and a reminder marks its
        incident reminded, in the same transaction); a refused one's intent is deleted."""
        with self.db.atomic():
            if not sent:
                self.db.execute("DELETE FROM bot_posts WHERE id = ?", [post_id])
                return
            self.db.execute("UPDATE bot_posts SET status = 'sent' WHERE id = ?", [post_id])
            self.db.execute(
                """UPDATE incidents SET reminded = 1, held_reason = '', held_until = NULL
                   WHERE id = (SELECT incident_id FROM bot_posts
                     WHERE id = ? AND reason = 'reminder' AND incident_id != '')""",
                [post_id],
            )

    def reconcile_posts(self) -> int:
        """At start: intents a stopped process never settled become `unknown` (maybe sent);
        they keep counting for the cooldown and the daily cap. Returns how many."""
        sql = "UPDATE bot_posts SET status = 'unknown' WHERE status = 'pending'"
        return int(self.db.execute(sql).rowcount)

    def post_history(self, group_id: str, now: datetime, tz: tzinfo | str) -> PostHistory:
        """The bot's last reminder in the group and how many it posted today (local day)."""
        zone = ZoneInfo(tz) if isinstance(tz, str) else tz
        midnight = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
        row = next(
            self.db.query(
                """SELECT max(time) AS last,
                     sum(CASE WHEN time >= :midnight AND time <= :now THEN 1 ELSE 0 END) AS today
                   FROM bot_posts WHERE group_id = :group AND reason = 'reminder'""",
                {"group": group_id, "midnight": iso(midnight), "now": iso(now)},
            )
        )
        last = parse(row["last"]) if row["last"] else None
        return PostHistory(last_reminder=last, reminders_today=int(row["today"] or 0))

    def post_count(
        self, group_id: str, since: datetime, until: datetime, reason: str = "reminder"
    ) -> int:
        """How many posts of this reason the bot made in [since, until)."""
        row = next(
            self.db.query(
                """SELECT count(*) AS n FROM bot_posts
                   WHERE group_id = ? AND reason = ? AND time >= ? AND time < ?""",
                [group_id, reason, iso(since), iso(until)],
            )
        )
        return int(row["n"])

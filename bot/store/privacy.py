"""Forgetting a member and retention: the writes that cross every table."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.clock import utc_now
from bot.store.db import Tables
from bot.store.rows import iso
from policies.detect_state import dump_group, load_group, without_members
from policies.text import whole_names

_KEEP = 10_000  # a saved state's texts are excerpts already: kept as they are
# How long a forget's names stay in `forgotten` for the other workers sharing the database: every
# running worker reads them within `SHARED_READ_EVERY` (5 s) while it gets messages and at each
# expiry run (every minute) when it gets none; ten minutes leaves room for a slow store.
FORGET_KEEP = timedelta(minutes=10)

_FORGET: tuple[str, ...] = (
    """UPDATE incidents SET "trigger" = '', trigger_sender = '', demand_by = ''
       WHERE group_id = :group AND (trigger_sender = :m OR demand_by = :m)""",
    """UPDATE audit_log SET actor_id = '', actor_name = ''
       WHERE group_id = :group AND (actor_id = :m OR actor_name = :m)""",
    """DELETE FROM playground_messages
       WHERE group_id = :group AND (sender = :m OR sender_name = :m OR to_member = :m)""",
    """UPDATE notices SET poster_id = '', poster_name = ''
       WHERE group_id = :group AND (poster_id = :m OR poster_name = :m)""",
    """DELETE FROM notice_confirmations WHERE (member_id = :m OR member_name = :m)
       AND notice_id IN (SELECT id FROM notices WHERE group_id = :group)""",
    """DELETE FROM notice_nudges WHERE member_id = :m
       AND notice_id IN (SELECT id FROM notices WHERE group_id = :group)""",
)

# Free text that may name a forgotten member: names there are replaced where they stand whole.
_FORGET_TEXT: tuple[tuple[str, str], ...] = (
    ("audit_log", "command"),
    ("incidents", "trigger"),
    ("bot_posts", "text"),
    ("notices", "text"),
)


_NAMES_OF = """
SELECT demand_by FROM incidents WHERE group_id = :group AND trigger_sender = :m
UNION SELECT actor_name FROM audit_log WHERE group_id = :group AND actor_id = :m
UNION SELECT sender_name FROM playground_messages WHERE group_id = :group AND sender = :m
UNION SELECT poster_name FROM notices WHERE group_id = :group AND poster_id = :m
UNION SELECT member_name FROM notice_confirmations WHERE member_id = :m
  AND notice_id IN (SELECT id FROM notices WHERE group_id = :group)
"""

_RETAINED: tuple[tuple[str, str], ...] = (
    ("incidents", "end"),
    ("audit_log", "time"),
    ("bot_posts", "time"),
    ("playground_messages", "time"),
    ("notices", "posted_at"),
    ("notice_confirmations", "time"),
    ("notice_nudges", "time"),
)


class PrivacyTables(Tables):
    """Forget a member; purge what is older than the retention."""

    def forget_member(
        self,
        group_id: str,
        member: str,
        aliases: Sequence[str] = (),
        now: datetime | None = None,
    ) -> int:
        """Erase a member from the group's log: `member` (id or display name), the `aliases`
        (names the command typed) and every display name the log holds for them — the
        trigger, sender and name of incidents they started, the name in other incidents'
        triggers, their identity in the audit log, their name in logged commands and posts,
        their playground messages, the group's saved detector state. Ids and names match whole,
        never as a substring: names in free text are replaced only where they stand as a name.
        The names are noted in `forgotten` for `FORGET_KEEP`, so other workers sharing the
        database scrub their detectors in memory too (`recent_forgets`). Returns rows changed."""
        changed = 0
        with self.db.atomic():
            names = self.member_names(group_id, member, aliases)
            if not names:
                return 0
            for name in names:
                args = {"group": group_id, "m": name}
                for sql in _FORGET:
                    changed += self.db.execute(sql, args).rowcount
            for table, column in _FORGET_TEXT:
                changed += self._scrub(table, column, group_id, names)
            changed += self._scrub_state(group_id, names)
            self.db.execute(
                "INSERT INTO forgotten (group_id, names, time) VALUES (?, ?, ?)",
                [group_id, json.dumps(sorted(names), ensure_ascii=False), iso(now or utc_now())],
            )
        return changed

    def recent_forgets(self, now: datetime) -> list[tuple[int, str, list[str]]]:
        """The forgets of the last `FORGET_KEEP`, oldest first: (id, group_id, names). Older
        ones are deleted here (nothing is written when there are none)."""
        cutoff = iso(now - FORGET_KEEP)
        rows = self.db.execute("SELECT id, group_id, names, time FROM forgotten").fetchall()
        if any(row[3] < cutoff for row in rows):
            with self.db.atomic():
                self.db.execute("DELETE FROM forgotten WHERE time < ?", [cutoff])
        fresh = sorted(row[:3] for row in rows if row[3] >= cutoff)
        return [(int(i), str(gid), list(json.loads(names))) for i, gid, names in fresh]

    def scrub_saved_state(self, group_id: str, names: Sequence[str]) -> int:
        """The group's saved detector state without these members (another worker's forget,
        in case this one saved its state with them meanwhile). 1 when it changed."""
        with self.db.atomic():
            return self._scrub_state(group_id, set(names))

    def member_names(self, group_id: str, member: str, aliases: Sequence[str] = ()) -> set[str]:
        """What `forget_member` erases: the member, the aliases and every display name the
        group's log holds for them (empty: nothing to forget)."""
        names = {n.strip() for n in (member, *aliases) if n.strip()}
        return names | self._names_of(group_id, names) if names else names

    def _scrub_state(self, group_id: str, names: set[str]) -> int:
        """The group's saved detector state without them (`without_members`); an unreadable
        one is dropped. Returns 1 when it changed."""
        row = self.db.execute(
            "SELECT state FROM detector_state WHERE group_id = ?", [group_id]
        ).fetchone()
        if row is None:
            return 0
        try:
            state = dump_group(without_members(load_group(json.loads(row[0])), names), _KEEP)
        except (KeyError, TypeError, ValueError):  # as the runtime would: start afresh
            self.db.execute("DELETE FROM detector_state WHERE group_id = ?", [group_id])
            return 1
        text = json.dumps(state, ensure_ascii=False)
        if text == row[0]:
            return 0
        sql = "UPDATE detector_state SET state = ? WHERE group_id = ?"
        return int(self.db.execute(sql, [text, group_id]).rowcount)

    def _scrub(self, table: str, column: str, group_id: str, names: set[str]) -> int:
        """Replace `names` by … in a free-text column, where each stands as a whole name (not
        inside a word: forgetting "到" leaves every 收到 alone). Returns rows changed."""
        pattern = whole_names(names)
        changed = 0
        wanted = sorted(names)
        # A first sieve in SQL (LIKE may let more through: % _ in a name, ASCII case), the
        # whole-name match in Python.
        holds = " OR ".join(f"\"{column}\" LIKE '%' || ? || '%'" for _ in wanted)
        sql = f'SELECT id, "{column}" FROM {table} WHERE group_id = ? AND ({holds})'
        rows = self.db.execute(sql, [group_id, *wanted]).fetchall()
        for row_id, value in rows:
            scrubbed = pattern.sub("…", value or "")
            if scrubbed != (value or ""):
                sql = f'UPDATE {table} SET "{column}" = ? WHERE id = ?'
                changed += self.db.execute(sql, [scrubbed, row_id]).rowcount
        return changed

    def _names_of(self, group_id: str, members: set[str]) -> set[str]:
        """Display names the log has recorded for these member ids."""
        found: set[str] = set()
        for member in members:
            rows = self.db.execute(_NAMES_OF, {"group": group_id, "m": member}).fetchall()
            found.update(row[0].strip() for row in rows if row[0].strip())
        return found

    def purge_older_than(self, cutoff: datetime) -> dict[str, int]:
        """Delete what ended before `cutoff` (retention); rows deleted per table."""
        deleted = {}
        with self.db.atomic():
            for table, column in _RETAINED:
                sql = f'DELETE FROM {table} WHERE "{column}" < ?'
                deleted[table] = self.db.execute(sql, [iso(cutoff)]).rowcount
        return deleted

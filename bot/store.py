"""The incident log: one SQLite file, a thin class over `sqlite_utils.Database`.

One method per query. Blocking: the runtime calls every method from ONE worker thread (a
single-thread executor), never on the event loop's thread; the connection is opened with
`check_same_thread=False` so that thread need not be the one that created the store.

Durability: WAL journal, `synchronous=NORMAL`, every write committed before the method
returns. A committed transaction survives the process being killed (SIGKILL) at any moment —
an incident the store acknowledged is in the file after a restart. (Only a power cut or OS
crash can lose the last commits in NORMAL mode; that trade keeps bursts cheap.)

Times are stored as UTC ISO 8601 text (`2025-02-10T01:30:00+00:00`), so they sort and compare
as strings. Only short excerpts (≤ 60 characters) of messages are kept — never whole chat logs
(the playground's own simulated transcript is the exception; retention purges it too).

Tables (query them with `sqlite-utils` or Datasette):

- `groups`: every group the bot has seen.
  id (platform group id, PK), platform, name (group title when known),
  first_seen, last_seen (UTC ISO).
- `group_settings`: admins' changes to a group's settings.
  group_id (PK), json (the changed `GroupSettings` fields, over the config's values),
  updated_at.
- `incidents`: one row per detector incident (grows in place while the pile-up grows).
  id (PK, "<group>/<kind>/<first message id>"), group_id, platform,
  kind (stack | chain | ack_request | proof_request), start, end (UTC ISO: first and last
  message), members (distinct members taking part), messages (messages in it),
  trigger (≤ 60-char excerpt of the demand / notice), trigger_sender (its sender id),
  demand_by (its sender's display name, "" when unknown), reminded (1 = the bot posted a
  reminder about it), created_at, updated_at.
- `audit_log`: every admin command, allowed or refused.
  id, time, group_id (for a private command: the group it names, "" when none), actor_id,
  actor_name, command (as typed, ≤ 100 chars), allowed (0/1),
  result (ok | refused | usage | unknown | private_only | no_group | error: <exception type> when the
  command's action failed).
- `bot_posts`: the bot's own posts. id, time, group_id (a private reply: the group it is
  about), platform, reason (reminder | command | digest), incident_id ("" unless a reminder),
  text (≤ 60 chars). Only `reminder` rows count for the cooldown and the daily cap.
- `playground_messages`: the playground group's transcript. id (PK, increasing), group_id, sender,
  sender_name, text, time, bot (1 = posted by the bot).
- `digests`: one row per weekly digest the scheduler claimed (migration 0002).
  id, group_id, week (the ISO week reported, "2025-W06"), status (claimed | sent | failed),
  attempts (sends tried), claimed_at, claimed_by (host:pid of the claiming process),
  sent_at, failed_at, error (why the last send failed). UNIQUE (group_id, week): the INSERT
  that claims a week is the record that it is being sent, so two processes sharing the file
  cannot both send it.
- `group_sizes`: how many members a group has, when a platform says so (migration 0002).
  group_id (PK), members, updated_at. The digest multiplies acks by it.
- `incidents.held_reason`, `incidents.held_until` (migration 0003): why the reminder about an
  opened incident was held back (paused | observe | exempt | quiet_hours | daily_cap | cooldown |
  same_message | rate_limit | post_failed; "" = reminded, or never due) and until when (UTC ISO, NULL = until
  an admin changes something).
- `detector_state`: each group's detector state after its last handled message (migration
  0004): group_id (PK), state (JSON from `Detector.snapshot`: ack times, sender and message
  ids, the open pile-up, ≤ 60-char excerpts of recent notices, 接龙 participants), updated_at.
  Pile-ups and chains survive a restart; dropped after `STATE_KEEP`.
- `handled_messages`: platform, group_id, message_id (PK together), time — messages whose
  handling committed (migration 0004), so a platform's retry after a restart is not counted
  twice; kept `HANDLED_KEEP`.
- `bot_posts.status` (migration 0004): `pending` (written before the post is sent: the intent),
  `sent`, or `unknown` (the process ended between intent and answer; counted as sent, so the
  daily cap holds). A refused post's intent is deleted.
- `migrations`: name (PK), applied_at — which schema migrations have run.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from bot.clock import utc_now
from handlers.actions import Hold
from handlers.group_settings import GroupSettings
from handlers.records import GroupRecord, IncidentRecord, PostHistory
from policies.events import INCIDENT_KINDS, Incident, IncidentKind
from policies.text import excerpt

log = logging.getLogger(__name__)

EXCERPT_CHARS = 60  # longest excerpt of a message the store keeps
COMMAND_CHARS = 100  # longest command text the audit log keeps
STATE_KEEP = timedelta(days=15)  # a group's detector state outlives its longest window (接龙: 14 d)
HANDLED_KEEP = timedelta(days=2)  # handled message ids kept against platform retries
WAL_ATTEMPTS = 100  # tries to switch a new file to WAL, 50 ms apart (see `_enable_wal`)

Migration = Callable[[Database], None]
MIGRATIONS: list[tuple[str, Migration]] = []  # applied in order, each once per database


def migration(name: str) -> Callable[[Migration], Migration]:
    """Register a schema migration. Append only; never edit one that has shipped."""

    def register(func: Migration) -> Migration:
        MIGRATIONS.append((name, func))
        return func

    return register


def _run_script(db: Database, script: str) -> None:
    """Run a migration's schema, one statement at a time, inside the caller's transaction."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migration("0001_initial")
def _initial(db: Database) -> None:
    _run_script(db, _SCHEMA_0001)


_SCHEMA_0001 = """
CREATE TABLE groups (
  id TEXT PRIMARY KEY, platform TEXT NOT NULL DEFAULT '', name TEXT NOT NULL DEFAULT '',
  first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);
CREATE TABLE group_settings (
  group_id TEXT PRIMARY KEY, json TEXT NOT NULL DEFAULT '{}', updated_at TEXT);
CREATE TABLE incidents (
  id TEXT PRIMARY KEY, group_id TEXT NOT NULL, platform TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL, start TEXT NOT NULL, "end" TEXT NOT NULL,
  members INTEGER NOT NULL DEFAULT 0, messages INTEGER NOT NULL DEFAULT 0,
  "trigger" TEXT NOT NULL DEFAULT '', trigger_sender TEXT NOT NULL DEFAULT '',
  demand_by TEXT NOT NULL DEFAULT '', reminded INTEGER NOT NULL DEFAULT 0,
  created_at TEXT, updated_at TEXT);
CREATE INDEX idx_incidents_group_start ON incidents (group_id, start);
CREATE INDEX idx_incidents_group_kind_start ON incidents (group_id, kind, start);
CREATE INDEX idx_incidents_end ON incidents ("end");
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY, time TEXT NOT NULL, group_id TEXT NOT NULL,
  actor_id TEXT NOT NULL DEFAULT '', actor_name TEXT NOT NULL DEFAULT '',
  command TEXT NOT NULL DEFAULT '', allowed INTEGER NOT NULL DEFAULT 0,
  result TEXT NOT NULL DEFAULT '');
CREATE INDEX idx_audit_log_group_time ON audit_log (group_id, time);
CREATE TABLE bot_posts (
  id INTEGER PRIMARY KEY, time TEXT NOT NULL, group_id TEXT NOT NULL,
  platform TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL,
  incident_id TEXT NOT NULL DEFAULT '', text TEXT NOT NULL DEFAULT '');
CREATE INDEX idx_bot_posts_group_reason_time ON bot_posts (group_id, reason, time);
CREATE INDEX idx_bot_posts_time ON bot_posts (time);
CREATE TABLE playground_messages (
  id INTEGER PRIMARY KEY, group_id TEXT NOT NULL, sender TEXT NOT NULL,
  sender_name TEXT NOT NULL DEFAULT '', text TEXT NOT NULL, time TEXT NOT NULL,
  bot INTEGER NOT NULL DEFAULT 0);
CREATE INDEX idx_playground_messages_group_time ON playground_messages (group_id, time);
"""


@migration("0002_digests")
def _digests(db: Database) -> None:
    _run_script(db, _SCHEMA_0002)


_SCHEMA_0002 = """
CREATE TABLE digests (
  id INTEGER PRIMARY KEY, group_id TEXT NOT NULL, week TEXT NOT NULL,
  status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 1,
  claimed_at TEXT NOT NULL, claimed_by TEXT NOT NULL DEFAULT '',
  sent_at TEXT, failed_at TEXT, error TEXT NOT NULL DEFAULT '',
  UNIQUE (group_id, week));
CREATE TABLE group_sizes (
  group_id TEXT PRIMARY KEY, members INTEGER NOT NULL, updated_at TEXT NOT NULL);
"""


@migration("0003_held_reason")
def _held_reason(db: Database) -> None:
    _run_script(db, _SCHEMA_0003)


_SCHEMA_0003 = """
ALTER TABLE incidents ADD COLUMN held_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN held_until TEXT;
"""


@migration("0004_durable")
def _durable(db: Database) -> None:
    _run_script(db, _SCHEMA_0004)


_SCHEMA_0004 = """
CREATE TABLE detector_state (
  group_id TEXT PRIMARY KEY, state TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX idx_detector_state_updated ON detector_state (updated_at);
CREATE TABLE handled_messages (
  platform TEXT NOT NULL, message_id TEXT NOT NULL, group_id TEXT NOT NULL DEFAULT '',
  time TEXT NOT NULL, PRIMARY KEY (platform, group_id, message_id));
CREATE INDEX idx_handled_messages_time ON handled_messages (time);
ALTER TABLE bot_posts ADD COLUMN status TEXT NOT NULL DEFAULT 'sent';
"""


def iso(moment: datetime) -> str:
    """A timezone-aware datetime as the store writes it (UTC, seconds)."""
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: the store needs timezone-aware times")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class PlaygroundMessage:
    """One line of the playground group's transcript."""

    id: int  # increasing: the transcript's order
    group_id: str
    sender: str  # member id
    sender_name: str
    text: str
    time: datetime
    bot: bool  # posted by the bot


class Store:
    """The bot's SQLite database. Use from one thread at a time (see module docstring)."""

    def __init__(self, path: str | Path, busy_timeout: float = 10.0) -> None:
        """`busy_timeout`: seconds a write waits for another process's lock before it fails
        (then the runtime answers "not handled" and the platform delivers the message again)."""
        self.path = str(path)
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=busy_timeout)
        self.db = Database(conn)
        if self.path != ":memory:":
            self._enable_wal()
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        self.migrate()

    def _enable_wal(self) -> None:
        """Switch the file to WAL (it stays so). The switch needs the file to itself for a
        moment and does not wait for a lock: another process opening the same new file may
        hold one, so try again for a few seconds."""
        for attempt in range(WAL_ATTEMPTS):
            try:
                self.db.enable_wal()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == WAL_ATTEMPTS - 1:
                    raise
                time.sleep(0.05)

    def migrate(self) -> list[str]:
        """Run the registered migrations this database has not seen; returns their names.

        Each migration runs in a write transaction taken at BEGIN (IMMEDIATE) that first reads
        whether it has been applied: two processes starting on an unmigrated file queue on the
        lock, and the second finds the migration done instead of running its CREATE TABLE."""
        with self._immediate():
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
            )
        ran = []
        for name, func in MIGRATIONS:
            with self._immediate():
                if self._applied(name):
                    continue
                func(self.db)
                self.db.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                    [name, iso(utc_now())],
                )
            ran.append(name)
        return ran

    def _applied(self, name: str) -> bool:
        sql = "SELECT 1 FROM migrations WHERE name = ?"
        return self.db.execute(sql, [name]).fetchone() is not None

    def close(self) -> None:
        self.db.close()

    # groups ------------------------------------------------------------------------------

    def touch_group(self, group_id: str, platform: str, name: str, now: datetime) -> None:
        """Note that the bot saw `group_id` at `now` (inserts it the first time)."""
        self.db.execute(
            """INSERT INTO groups (id, platform, name, first_seen, last_seen)
               VALUES (:id, :platform, :name, :now, :now)
               ON CONFLICT(id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen),
                 name = CASE WHEN excluded.name != '' THEN excluded.name ELSE name END""",
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
                first_seen=_parse(r["first_seen"]),
                last_seen=_parse(r["last_seen"]),
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

    def save_group_settings(
        self,
        group_id: str,
        settings: GroupSettings,
        base: GroupSettings | None = None,
        now: datetime | None = None,
    ) -> None:
        """Keep the fields of `settings` that differ from `base` (the config's settings)."""
        changes = settings.changes_from(base or GroupSettings())
        self.db.table("group_settings").upsert(
            {
                "group_id": group_id,
                "json": json.dumps(changes, ensure_ascii=False, sort_keys=True),
                "updated_at": iso(now or utc_now()),
            },
            pk="group_id",
        )

    # incidents ---------------------------------------------------------------------------

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
        with self.db.atomic():  # writes first: no read-to-write lock upgrade between processes
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

    def _incident_row(self, incident_id: str) -> dict[str, Any] | None:
        return next(self.db.query("SELECT * FROM incidents WHERE id = ?", [incident_id]), None)

    def incident(self, incident_id: str) -> IncidentRecord | None:
        row = self._incident_row(incident_id)
        return None if row is None else _incident(row)

    def incidents(self, group_id: str, limit: int = 20) -> list[IncidentRecord]:
        """The group's latest incidents, newest first."""
        rows = self.db.query(
            "SELECT * FROM incidents WHERE group_id = ? ORDER BY start DESC, id DESC LIMIT ?",
            [group_id, limit],
        )
        return [_incident(r) for r in rows]

    def incidents_between(
        self, group_id: str, since: datetime, until: datetime
    ) -> list[IncidentRecord]:
        """The group's incidents that started in [since, until), oldest first (the digest)."""
        rows = self.db.query(
            """SELECT * FROM incidents WHERE group_id = ? AND start >= ? AND start < ?
               ORDER BY start, id""",
            [group_id, iso(since), iso(until)],
        )
        return [_incident(r) for r in rows]

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

    # durable handling: detector state and handled messages -------------------------------

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
            self.db.execute(
                """INSERT INTO handled_messages (platform, message_id, group_id, time)
                   VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                [platform, message_id, group_id, iso(now)],
            )
            if save_state:
                self._save_state(group_id, state, now)

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
        """Drop handled ids older than `HANDLED_KEEP` and states older than `STATE_KEEP`."""
        with self.db.atomic():
            handled = self.db.execute(
                "DELETE FROM handled_messages WHERE time < ?", [iso(now - HANDLED_KEEP)]
            ).rowcount
            states = self.db.execute(
                "DELETE FROM detector_state WHERE updated_at < ?", [iso(now - STATE_KEEP)]
            ).rowcount
        return {"handled_messages": handled, "detector_state": states}

    # the bot's posts ---------------------------------------------------------------------

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
        writes it `pending` before sending (the intent) and settles it with `settle_post`."""
        cursor = self.db.execute(
            """INSERT INTO bot_posts (time, group_id, platform, reason, incident_id, text, status)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [iso(time), group_id, platform, reason, incident_id, excerpt(text), status],
        )
        return int(cursor.lastrowid or 0)

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
        last = _parse(row["last"]) if row["last"] else None
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

    # audit -------------------------------------------------------------------------------

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
        self.db.table("audit_log").insert(
            {
                "time": iso(time),
                "group_id": group_id,
                "actor_id": actor_id,
                "actor_name": actor_name,
                "command": command[:COMMAND_CHARS],
                "allowed": int(allowed),
                "result": result,
            }
        )

    def audit_log(self, group_id: str, limit: int = 50) -> list[dict[str, Any]]:
        """The group's latest audit rows, newest first."""
        return list(
            self.db.query(
                "SELECT * FROM audit_log WHERE group_id = ? ORDER BY id DESC LIMIT ?",
                [group_id, limit],
            )
        )

    # privacy and retention ---------------------------------------------------------------

    def forget_member(self, group_id: str, member: str, aliases: Sequence[str] = ()) -> int:
        """Erase a member from the group's log: `member` (id or display name), the `aliases`
        (names the command typed) and every display name the log holds for them — the
        trigger, sender and name of incidents they started, the name in other incidents'
        triggers, their identity in the audit log, their name in logged commands and posts,
        their playground messages. Ids and names match whole, never as a substring: names in
        free text are replaced only where they stand as a name. Returns rows changed."""
        names = {n.strip() for n in (member, *aliases) if n.strip()}
        if not names:
            return 0
        changed = 0
        with self.db.atomic():
            names |= self._names_of(group_id, names)
            for name in names:
                args = {"group": group_id, "m": name}
                for sql in _FORGET:
                    changed += self.db.execute(sql, args).rowcount
            for table, column in _FORGET_TEXT:
                changed += self._scrub(table, column, group_id, names)
        return changed

    def _scrub(self, table: str, column: str, group_id: str, names: set[str]) -> int:
        """Replace `names` by … in a free-text column, where each stands as a whole name (not
        inside a word: forgetting "到" leaves every 收到 alone). Returns rows changed."""
        pattern = whole_names(names)
        changed = 0
        wanted = sorted(names)
        holds = " OR ".join(f'instr("{column}", ?) > 0' for _ in wanted)
        sql = f'SELECT rowid, "{column}" FROM {table} WHERE group_id = ? AND ({holds})'
        rows = self.db.execute(sql, [group_id, *wanted]).fetchall()
        for rowid, value in rows:
            scrubbed = pattern.sub("…", value or "")
            if scrubbed != (value or ""):
                sql = f'UPDATE {table} SET "{column}" = ? WHERE rowid = ?'
                changed += self.db.execute(sql, [scrubbed, rowid]).rowcount
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

    # playground --------------------------------------------------------------------------

    def add_playground_message(
        self,
        group_id: str,
        sender: str,
        text: str,
        time: datetime,
        sender_name: str = "",
        bot: bool = False,
    ) -> PlaygroundMessage:
        """Append a line to the playground transcript (text kept whole: it is a simulation)."""
        row = {
            "group_id": group_id,
            "sender": sender,
            "sender_name": sender_name,
            "text": text,
            "time": iso(time),
            "bot": int(bot),
        }
        cursor = self.db.execute(
            """INSERT INTO playground_messages (group_id, sender, sender_name, text, time, bot)
               VALUES (:group_id, :sender, :sender_name, :text, :time, :bot)""",
            row,
        )
        return PlaygroundMessage(
            id=int(cursor.lastrowid or 0),
            group_id=group_id,
            sender=sender,
            sender_name=sender_name,
            text=text,
            time=time,
            bot=bot,
        )

    def playground_messages(self, group_id: str, limit: int = 200) -> list[PlaygroundMessage]:
        """The group's last `limit` transcript lines, oldest first."""
        rows = self.db.query(
            "SELECT * FROM playground_messages WHERE group_id = ? ORDER BY id DESC LIMIT ?",
            [group_id, limit],
        )
        return [_playground(r) for r in reversed(list(rows))]

    # digests -----------------------------------------------------------------------------

    def claim_digest(
        self,
        group_id: str,
        week: str,
        now: datetime,
        owner: str = "",
        retry_after: timedelta | None = None,
        max_attempts: int = 1,
    ) -> bool:
        """Claim the digest of (group, week) for sending; True for exactly one caller.

        One IMMEDIATE transaction: INSERT into `digests` (UNIQUE group_id, week) — the row is
        the record that the digest is being sent. A row that already exists is claimed again
        only when its last send failed, fewer than `max_attempts` sends were tried and
        `retry_after` has passed since (an UPDATE guarded by those conditions). A "claimed"
        row whose process died before finishing is never claimed again (at most once)."""
        stamp = iso(now)
        with self._immediate():
            cursor = self.db.execute(
                """INSERT INTO digests (group_id, week, status, attempts, claimed_at, claimed_by)
                   VALUES (?, ?, 'claimed', 1, ?, ?) ON CONFLICT (group_id, week) DO NOTHING""",
                [group_id, week, stamp, owner],
            )
            if cursor.rowcount == 1:
                return True
            if retry_after is None:
                return False
            cursor = self.db.execute(
                """UPDATE digests SET status = 'claimed', attempts = attempts + 1,
                     claimed_at = :now, claimed_by = :owner
                   WHERE group_id = :group AND week = :week AND status = 'failed'
                     AND attempts < :max AND failed_at <= :due""",
                {
                    "group": group_id,
                    "week": week,
                    "now": stamp,
                    "owner": owner,
                    "max": max_attempts,
                    "due": iso(now - retry_after),
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

    @contextmanager
    def _immediate(self) -> Iterator[None]:
        """A write transaction that takes the database's write lock at BEGIN."""
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.conn.execute("ROLLBACK")
            raise
        self.db.conn.execute("COMMIT")


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
  "start" = min("start", :start),
  "end" = max("end", :end),
  "members" = max("members", :members),
  "messages" = max("messages", :messages),
  "reminded" = max("reminded", :reminded),
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

_FORGET: tuple[str, ...] = (
    """UPDATE incidents SET "trigger" = '', trigger_sender = '', demand_by = ''
       WHERE group_id = :group AND (trigger_sender = :m OR demand_by = :m)""",
    """UPDATE audit_log SET actor_id = '', actor_name = ''
       WHERE group_id = :group AND (actor_id = :m OR actor_name = :m)""",
    """DELETE FROM playground_messages
       WHERE group_id = :group AND (sender = :m OR sender_name = :m)""",
)

# Free text that may name a forgotten member: names there are replaced where they stand whole.
_FORGET_TEXT: tuple[tuple[str, str], ...] = (
    ("audit_log", "command"),
    ("incidents", "trigger"),
    ("bot_posts", "text"),
)


def whole_names(names: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching any of `names` as a whole name: not preceded or followed by a letter,
    digit, _ or - (an @ before it is fine). Longest first, so 李娜娜 wins over 李娜."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


_NAMES_OF = """
SELECT demand_by FROM incidents WHERE group_id = :group AND trigger_sender = :m
UNION SELECT actor_name FROM audit_log WHERE group_id = :group AND actor_id = :m
UNION SELECT sender_name FROM playground_messages WHERE group_id = :group AND sender = :m
"""

_RETAINED: tuple[tuple[str, str], ...] = (
    ("incidents", "end"),
    ("audit_log", "time"),
    ("bot_posts", "time"),
    ("playground_messages", "time"),
)


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _incident(row: dict[str, Any]) -> IncidentRecord:
    return IncidentRecord(
        id=row["id"],
        group_id=row["group_id"],
        platform=row["platform"] or "",
        kind=row["kind"],
        start=_parse(row["start"]),
        end=_parse(row["end"]),
        members=row["members"],
        messages=row["messages"],
        trigger=row["trigger"] or "",
        trigger_sender=row["trigger_sender"] or "",
        demand_by=row["demand_by"] or "",
        reminded=bool(row["reminded"]),
        created_at=_parse(row["created_at"]) if row["created_at"] else None,
        updated_at=_parse(row["updated_at"]) if row["updated_at"] else None,
        held_reason=row["held_reason"] or "",
        held_until=_parse(row["held_until"]) if row["held_until"] else None,
    )


def _playground(row: dict[str, Any]) -> PlaygroundMessage:
    return PlaygroundMessage(
        id=row["id"],
        group_id=row["group_id"],
        sender=row["sender"],
        sender_name=row["sender_name"] or "",
        text=row["text"],
        time=_parse(row["time"]),
        bot=bool(row["bot"]),
    )

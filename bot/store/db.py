"""The incident log: one SQLite file, a thin class over `sqlite_utils.Database` — opening it
(WAL, busy timeout), the schema's migrations (registered here, in one place) and the base every
table's module builds on. Or, given a `postgresql://` URL, the same schema and queries on
PostgreSQL (`bot.store.pg`: several `jianfu run` processes, maybe on several hosts, sharing
one log). The SQL is written once, portable to both: `INSERT … ON CONFLICT`, `RETURNING`, CASE
instead of SQLite's two-argument min/max, qualified columns in upserts.

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
- `notices` (migration 0005): silent-confirmation notices posted through the bot. id (PK: the
  notice's number), group_id, platform, poster_id, poster_name, text (the notice whole, ≤ 1,000
  chars: the bot posted it publicly in the group), posted_at, due_at (UTC ISO, NULL = none),
  ref (the platform's reference of the posted message, for its read status), nudged_at (when
  the due nudges went out, NULL = not yet).
- `notice_confirmations` (0005): notice_id, member_id (PK together), member_name, source
  (button | private | group_ack | read), time. The first confirmation counts.
- `notice_nudges` (0005): notice_id, member_id (PK together), time — written before the
  private nudge is sent, so a restart never nudges twice.
- `playground_messages.to_member` (0005): "" for the group's transcript; a member's name for
  the bot's private messages to them (the playground's 1:1 chats).
- `idx_bot_posts_one_reminder` (migration 0006): UNIQUE `bot_posts.incident_id` among
  reminders — one reminder per incident, however many processes saw it.
- `forgotten` (migration 0007): the `/jianfu forget`s of the last `FORGET_KEEP` (10 minutes),
  so other workers on a shared database scrub the member from their in-memory detector state
  too (`bot.shared_db`). id (PK, increasing), group_id, names (JSON list of the ids and display
  names erased — the detector's state and its excerpts hold names, so they are kept as they
  are, not hashed), time (UTC ISO). Rows older than `FORGET_KEEP` are deleted when read.
- `command_claims` (migration 0008): each admin command's progress, so one whose worker died
  after claiming it is answered by another, once (`bot.store.commands`). platform, group_id,
  message_id (PK together), status (claimed | answering | done), attempts (claims, taken over
  ones included), claimed_at, claimed_by (host:pid), finished_at. Kept `HANDLED_KEEP`.
- `migrations`: name (PK), applied_at — which schema migrations have run.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from bot.clock import utc_now
from bot.store.pg import POOL_SIZE, PgDatabase, display_url, is_postgres_url
from bot.store.rows import iso

EXCERPT_CHARS = 60  # longest excerpt of a message the store keeps
WAL_ATTEMPTS = 100  # tries to switch a new file to WAL, 50 ms apart (see `_enable_wal`)

Connection = Database | PgDatabase  # what a table's module queries: `self.db`
Migration = Callable[[Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []  # applied in order, each once per database


def migration(name: str) -> Callable[[Migration], Migration]:
    """Register a schema migration. Append only; never edit one that has shipped."""

    def register(func: Migration) -> Migration:
        MIGRATIONS.append((name, func))
        return func

    return register


def _run_script(db: Connection, script: str) -> None:
    """Run a migration's schema, one statement at a time, inside the caller's transaction
    (written for SQLite; `bot.store.pg.schema_sql` adapts it for PostgreSQL)."""
    for statement in script.split(";"):
        if not statement.strip():
            continue
        if isinstance(db, PgDatabase):
            db.execute_schema(statement)
        else:
            db.execute(statement)


@migration("0001_initial")
def _initial(db: Connection) -> None:
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
def _digests(db: Connection) -> None:
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
def _held_reason(db: Connection) -> None:
    _run_script(db, _SCHEMA_0003)


_SCHEMA_0003 = """
ALTER TABLE incidents ADD COLUMN held_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN held_until TEXT;
"""


@migration("0004_durable")
def _durable(db: Connection) -> None:
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


@migration("0005_notices")
def _notices(db: Connection) -> None:
    _run_script(db, _SCHEMA_0005)


_SCHEMA_0005 = """
CREATE TABLE notices (
  id INTEGER PRIMARY KEY, group_id TEXT NOT NULL, platform TEXT NOT NULL DEFAULT '',
  poster_id TEXT NOT NULL DEFAULT '', poster_name TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '', posted_at TEXT NOT NULL, due_at TEXT,
  ref TEXT NOT NULL DEFAULT '', nudged_at TEXT);
CREATE INDEX idx_notices_group ON notices (group_id, id);
CREATE INDEX idx_notices_due ON notices (due_at);
CREATE INDEX idx_notices_posted ON notices (posted_at);
CREATE TABLE notice_confirmations (
  notice_id INTEGER NOT NULL, member_id TEXT NOT NULL, member_name TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL, time TEXT NOT NULL, PRIMARY KEY (notice_id, member_id));
CREATE INDEX idx_notice_confirmations_time ON notice_confirmations (time);
CREATE TABLE notice_nudges (
  notice_id INTEGER NOT NULL, member_id TEXT NOT NULL, time TEXT NOT NULL,
  PRIMARY KEY (notice_id, member_id));
CREATE INDEX idx_notice_nudges_time ON notice_nudges (time);
ALTER TABLE playground_messages ADD COLUMN to_member TEXT NOT NULL DEFAULT '';
"""


@migration("0006_one_reminder")
def _one_reminder(db: Connection) -> None:
    _run_script(db, _SCHEMA_0006)


# At most one reminder row per incident, so two bot processes that both see a pile-up cannot
# both post about it (the second INSERT does nothing). Older duplicates, if any, keep the first.
_SCHEMA_0006 = """
DELETE FROM bot_posts WHERE reason = 'reminder' AND incident_id != '' AND id NOT IN (
  SELECT min(id) FROM bot_posts WHERE reason = 'reminder' AND incident_id != ''
  GROUP BY incident_id);
CREATE UNIQUE INDEX idx_bot_posts_one_reminder ON bot_posts (incident_id)
  WHERE reason = 'reminder' AND incident_id != ''
"""


@migration("0007_forgotten")
def _forgotten(db: Connection) -> None:
    _run_script(db, _SCHEMA_0007)


# Recent forgets, for the other workers' detectors in memory (`PrivacyTables.recent_forgets`).
_SCHEMA_0007 = """
CREATE TABLE forgotten (
  id INTEGER PRIMARY KEY, group_id TEXT NOT NULL, names TEXT NOT NULL, time TEXT NOT NULL);
CREATE INDEX idx_forgotten_time ON forgotten (time)
"""


@migration("0008_command_claims")
def _command_claims(db: Connection) -> None:
    _run_script(db, _SCHEMA_0008)


# A command's claim, answer and end (`CommandTable.claim_command`).
_SCHEMA_0008 = """
CREATE TABLE command_claims (
  platform TEXT NOT NULL, group_id TEXT NOT NULL, message_id TEXT NOT NULL,
  status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 1,
  claimed_at TEXT NOT NULL, claimed_by TEXT NOT NULL DEFAULT '', finished_at TEXT,
  PRIMARY KEY (platform, group_id, message_id));
CREATE INDEX idx_command_claims_claimed ON command_claims (claimed_at)
"""


class Tables:
    """The open database: connection, WAL, migrations. Each table's module adds its queries
    to a subclass; `bot.store.Store` joins them. Use from one thread at a time."""

    db: Connection

    def __init__(
        self, path: str | Path, busy_timeout: float = 10.0, pool_size: int = POOL_SIZE
    ) -> None:
        """`path`: a SQLite file (or ":memory:"), or a `postgresql://` URL. `busy_timeout`:
        seconds a write waits for another process's lock (SQLite) or a connection (PostgreSQL)
        before it fails (then the runtime answers "not handled" and the platform delivers the
        message again). `pool_size`: PostgreSQL connections this process may hold."""
        if is_postgres_url(path):
            self.path = display_url(str(path))  # never the password: it is logged
            self.db = PgDatabase(str(path), pool_size, busy_timeout)
            self.migrated = self.migrate()
            return
        self.path = str(path)
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=busy_timeout)
        self.db = Database(conn)
        if self.path != ":memory:":
            self._enable_wal()
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        self.migrated = self.migrate()

    @property
    def postgres(self) -> bool:
        return isinstance(self.db, PgDatabase)

    def _enable_wal(self) -> None:
        """Switch the file to WAL (it stays so). The switch needs the file to itself for a
        moment and does not wait for a lock: another process opening the same new file may
        hold one, so try again for a few seconds."""
        assert isinstance(self.db, Database)
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

        Each migration runs in a write transaction that holds the database's write lock
        (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock) and first reads whether it has
        been applied: two processes starting on an unmigrated database queue on the lock, and
        the second finds the migration done instead of running its CREATE TABLE."""
        with self._immediate("migrate"):
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
            )
        ran = []
        for name, func in MIGRATIONS:
            with self._immediate("migrate"):
                if self._applied(name):
                    continue
                func(self.db)
                self.db.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                    [name, iso(utc_now())],
                )
            ran.append(name)
        return ran

    def _insert_id(self, sql: str, params: Sequence[Any] | dict[str, Any]) -> int:
        """Run an INSERT into a table with an `id` column; the new row's id, 0 when none was
        inserted (ON CONFLICT DO NOTHING). SQLite: the cursor's lastrowid; PostgreSQL:
        RETURNING id."""
        if isinstance(self.db, PgDatabase):
            row = next(self.db.query(sql + " RETURNING id", params), None)
            return 0 if row is None else int(row["id"])
        cursor = self.db.execute(sql, params)
        return int(cursor.lastrowid or 0) if cursor.rowcount == 1 else 0

    def _applied(self, name: str) -> bool:
        sql = "SELECT 1 FROM migrations WHERE name = ?"
        return self.db.execute(sql, [name]).fetchone() is not None

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _immediate(self, lock: str = "write") -> Iterator[None]:
        """A write transaction that takes the database's write lock at BEGIN (on PostgreSQL,
        the advisory lock `lock`: writers of other names go on in parallel)."""
        if isinstance(self.db, PgDatabase):
            with self.db.locked(lock):
                yield
            return
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.conn.execute("ROLLBACK")
            raise
        self.db.conn.execute("COMMIT")

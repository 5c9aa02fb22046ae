"""The SQLite store: migrations, incident upserts, counts, post history, forget, retention."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.store import MIGRATIONS, Store
from handlers.actions import Hold
from handlers.context import PostHistory
from handlers.group_settings import GroupSettings
from policies.events import Incident, IncidentKind

MONDAY = datetime(2025, 2, 10, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai, Monday of 2025-W07


def incident(n: int = 1, kind: str = "stack", at: datetime = MONDAY, **kw: object) -> Incident:
    values: dict[str, object] = {
        "id": f"g/{kind}/m{n}", "group_id": "g", "kind": kind, "start": at, "end": at,
        "members": 5, "messages": 5, "trigger": "明天九点开会", "trigger_sender": "u-boss",
    }  # fmt: skip
    values.update(kw)
    return Incident(**values)  # type: ignore[arg-type]


def test_schema_tables_and_indexes(store: Store) -> None:
    tables = set(store.db.table_names())
    assert {"groups", "group_settings", "incidents", "audit_log", "bot_posts",
            "playground_messages", "migrations", "digests", "detector_state",
            "handled_messages", "group_sizes"} <= tables  # fmt: skip
    store.upsert_incident(incident())
    columns = set(next(store.db.query("SELECT * FROM incidents LIMIT 1")))
    assert {"group_id", "kind", "start", "end", "members", "messages", "trigger",
            "reminded", "demand_by", "trigger_sender"} <= columns  # fmt: skip


def test_sqlite_indexes(tmp_path: Path) -> None:
    store = Store(tmp_path / "j.db")
    indexed = {tuple(i.columns) for i in store.db.table("incidents").indexes}  # type: ignore[union-attr]
    assert ("group_id", "kind", "start") in indexed and ("group_id", "start") in indexed
    store.close()


def test_migrations_are_idempotent(store_target: str) -> None:
    first = Store(store_target)
    first.upsert_incident(incident())
    first.close()
    again = Store(store_target)
    assert again.migrate() == []
    names = [r["name"] for r in again.db.query("SELECT name FROM migrations ORDER BY name")]
    assert names == sorted(n for n, _ in MIGRATIONS)
    assert len(again.incidents("g")) == 1
    if not again.postgres:
        assert again.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again.close()


def test_upsert_grows_and_never_shrinks(store: Store) -> None:
    assert store.upsert_incident(incident(members=5, messages=5), "playground", True, "王主任")
    later = MONDAY + timedelta(minutes=3)
    assert not store.upsert_incident(incident(members=9, messages=11, end=later))
    assert not store.upsert_incident(incident(members=6, messages=6))  # a stale report
    [row] = store.incidents("g")
    assert (row.members, row.messages, row.end) == (9, 11, later)
    assert row.reminded, "reminded never goes back to 0"
    assert row.demand_by == "王主任" and row.platform == "playground"
    assert row.start == MONDAY and row.trigger == "明天九点开会"


@pytest.mark.parametrize("opened", [True, False])
def test_an_upsert_says_whether_the_row_is_new_whatever_the_detector_said(
    store: Store, opened: bool
) -> None:
    """The detector's `opened` only picks which statement goes first (a growing incident:
    the UPDATE): a growth whose row is missing (its state was lost) is inserted, a report
    of an opened one that exists grows it."""
    later = MONDAY + timedelta(minutes=3)
    assert store.upsert_incident(incident(opened=opened))
    assert not store.upsert_incident(incident(members=9, messages=11, end=later, opened=opened))
    [row] = store.incidents("g")
    assert (row.members, row.messages, row.end, row.start) == (9, 11, later, MONDAY)


def test_mark_reminded_after_the_post_and_upserts_never_undo_it(store: Store) -> None:
    assert store.upsert_incident(incident(), "playground", reminded=False)
    assert store.incident("g/stack/m1").reminded is False  # type: ignore[union-attr]
    assert store.mark_reminded("g/stack/m1")
    assert not store.upsert_incident(incident(members=8), reminded=False)
    row = store.incident("g/stack/m1")
    assert row is not None and row.reminded and row.members == 8
    assert not store.mark_reminded("g/stack/unknown")


def test_upsert_fills_a_missing_name_and_trims_the_trigger(store: Store) -> None:
    store.upsert_incident(incident(trigger="长" * 200))
    store.upsert_incident(incident(), demand_by="王主任")
    row = store.incident("g/stack/m1")
    assert row is not None and row.demand_by == "王主任" and len(row.trigger) == 60


def test_incidents_newest_first_with_limit(store: Store) -> None:
    for n in range(5):
        store.upsert_incident(incident(n, at=MONDAY + timedelta(hours=n)))
    assert [r.id for r in store.incidents("g", limit=2)] == ["g/stack/m4", "g/stack/m3"]
    assert store.incidents("other") == []


@pytest.mark.parametrize(
    ("offset_days", "kind", "counted"),
    [
        (0, "stack", True),
        (6.9, "chain", True),
        (7, "stack", False),  # next Monday belongs to the next week
        (-0.01, "ack_request", False),  # Sunday night before
        (3, "proof_request", True),
    ],
)
def test_counts_for_a_week(
    store: Store, offset_days: float, kind: IncidentKind, counted: bool
) -> None:
    store.upsert_incident(incident(kind=kind, at=MONDAY + timedelta(days=offset_days)))
    counts = store.incident_counts("g", MONDAY, MONDAY + timedelta(days=7))
    assert set(counts) == {"stack", "chain", "ack_request", "proof_request"}
    assert counts[kind] == (1 if counted else 0)
    assert len(store.incidents_between("g", MONDAY, MONDAY + timedelta(days=7))) == int(counted)


def test_post_history_counts_reminders_of_the_local_day(store: Store) -> None:
    sunday_late = MONDAY - timedelta(hours=9, minutes=30)  # Sun 23:30 Shanghai, Sun 15:30 UTC
    past_midnight = MONDAY - timedelta(hours=8)  # Mon 01:00 Shanghai, Sun 17:00 UTC
    morning = MONDAY - timedelta(minutes=30)  # Mon 08:30 Shanghai, Mon 00:30 UTC
    for at in (sunday_late, past_midnight, morning):
        store.record_post("g", "已有 5 位同事确认收到", "reminder", at)
    store.record_post("g", "已暂停", "command", MONDAY - timedelta(minutes=5))
    store.record_post("other", "x", "reminder", MONDAY)
    assert store.post_history("g", MONDAY, "Asia/Shanghai") == PostHistory(morning, 2)
    assert store.post_history("g", MONDAY, "UTC") == PostHistory(morning, 1)
    assert store.post_history("nobody", MONDAY, "Asia/Shanghai") == PostHistory()
    assert store.post_count("g", MONDAY - timedelta(days=1), MONDAY) == 3
    assert store.post_count("g", MONDAY - timedelta(days=1), MONDAY, "command") == 1


def test_group_settings_round_trip_over_the_config(store: Store) -> None:
    config = GroupSettings(cooldown_minutes=60)
    assert store.group_settings("g", config) == config
    changed = config.with_value("quiet_hours", "22:00-07:00").with_flag("paused", True)
    store.save_group_settings("g", changed, config)
    assert store.group_settings("g", config) == changed
    new_config = replace(config, cooldown_minutes=15)
    assert store.group_settings("g", new_config).cooldown_minutes == 15, "only changes are kept"


def test_bad_stored_settings_are_skipped(store: Store) -> None:
    store.db.execute(
        "INSERT INTO group_settings (group_id, json) VALUES ('g', ?)",
        ['{"cooldown_minutes": "abc", "daily_cap": 2}'],
    )
    assert store.group_settings("g") == GroupSettings(daily_cap=2)


def test_touch_group(store: Store) -> None:
    store.touch_group("g", "wechaty", "", MONDAY)
    store.touch_group("g", "wechaty", "安全生产群", MONDAY + timedelta(days=1))
    store.touch_group("g", "wechaty", "", MONDAY - timedelta(days=1))
    [group] = store.groups()
    assert group.name == "安全生产群"
    assert (group.first_seen, group.last_seen) == (MONDAY, MONDAY + timedelta(days=1))


def test_forget_member(store: Store) -> None:
    store.upsert_incident(incident(1, kind="ack_request"), demand_by="王主任")
    store.upsert_incident(incident(2, trigger_sender="u-li"), demand_by="李娜")
    store.upsert_incident(replace(incident(3), group_id="h", id="h/stack/m3"), demand_by="王主任")
    store.audit("g", "u-boss", "王主任", "/jf pause", True, "ok", MONDAY)
    store.audit("g", "u-li", "李娜", "/jf exempt @王主任", False, "refused", MONDAY)
    store.add_playground_message("g", "王主任", "收到请回复", MONDAY)
    store.add_playground_message("g", "李娜", "收到", MONDAY)

    assert store.forget_member("g", "u-boss") >= 4  # and 王主任, the name the log has for u-boss
    assert store.forget_member("g", "王主任") == 0, "already gone with the id"
    gone = store.incident("g/ack_request/m1")
    assert gone is not None and (gone.trigger, gone.trigger_sender, gone.demand_by) == ("", "", "")
    assert gone.members == 5, "the counts stay: the digest still sees the incident"
    kept = store.incident("g/stack/m2")
    assert kept is not None and kept.demand_by == "李娜"
    other_group = store.incident("h/stack/m3")
    assert other_group is not None and other_group.demand_by == "王主任"
    audit = store.audit_log("g")
    assert all("王主任" not in str(row) and "u-boss" not in str(row) for row in audit)
    assert any(row["actor_name"] == "李娜" for row in audit)
    assert [m.sender for m in store.playground_messages("g")] == ["李娜"]
    # growing after forgetting does not bring the name back
    store.upsert_incident(incident(1, kind="ack_request", members=6), demand_by="王主任")
    again = store.incident("g/ack_request/m1")
    assert again is not None and again.demand_by == "" and again.members == 6


def test_forget_by_id_also_erases_the_names_typed_and_logged(store: Store) -> None:
    store.upsert_incident(incident(1, trigger_sender="u-li"), demand_by="李娜娜")
    store.upsert_incident(incident(2, trigger="@李娜 收到请回复"))
    store.audit("g", "u-boss", "王主任", "/jf exempt @李娜", True, "ok", MONDAY)
    store.audit("g", "u-li", "李娜娜", "/jf status", False, "refused", MONDAY)
    store.record_post("g", "已将 李娜 设为豁免", "command", MONDAY)

    assert store.forget_member("g", "u-li", ("李娜",)) >= 5
    everything = [
        *store.audit_log("g"),
        *store.incidents("g", 10),
        *store.db.query("SELECT text FROM bot_posts"),
    ]
    assert not any(name in str(row) for row in everything for name in ("李娜", "u-li"))
    assert any(row["command"] == "/jf exempt @…" for row in store.audit_log("g"))


def test_forget_nobody_erases_nothing(store: Store) -> None:
    store.upsert_incident(incident(trigger_sender=""))
    assert store.forget_member("g", " ") == 0
    row = store.incident("g/stack/m1")
    assert row is not None and row.trigger


def test_retention_purges_old_rows(store: Store) -> None:
    old, recent = MONDAY - timedelta(days=200), MONDAY - timedelta(days=10)
    store.upsert_incident(incident(1, at=old))
    store.upsert_incident(incident(2, at=recent))
    store.record_post("g", "x", "reminder", old)
    store.audit("g", "u", "n", "/jf help", True, "ok", old)
    store.add_playground_message("g", "李娜", "收到", old)
    gone = store.add_notice("g", "playground", "王主任", "王主任", "周五前交表", old, None)
    store.confirm_notice(gone.id, "李娜", "李娜", "button", old)
    store.record_nudge(gone.id, "张伟", old)
    kept = store.add_notice("g", "playground", "王主任", "王主任", "周一开会", recent, None)
    store.confirm_notice(kept.id, "李娜", "李娜", "private", recent)
    deleted = store.purge_older_than(MONDAY - timedelta(days=180))
    assert deleted == {
        "incidents": 1,
        "audit_log": 1,
        "bot_posts": 1,
        "playground_messages": 1,
        "notices": 1,
        "notice_confirmations": 1,
        "notice_nudges": 1,
    }
    assert store.notice(gone.id) is None and store.notice(kept.id) is not None
    assert [c.member_id for c in store.confirmations(kept.id)] == ["李娜"]
    assert [r.id for r in store.incidents("g")] == ["g/stack/m2"]


def test_playground_transcript_in_order(store: Store) -> None:
    for n in range(5):
        store.add_playground_message("g", "李娜", f"第{n}条", MONDAY, bot=n == 4)
    lines = store.playground_messages("g", limit=3)
    assert [m.text for m in lines] == ["第2条", "第3条", "第4条"]
    assert lines[-1].bot and lines[0].id < lines[1].id < lines[2].id


def test_naive_times_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.record_post("g", "x", "reminder", datetime(2025, 2, 10))


def test_usable_from_another_thread_and_committed_for_other_readers(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    store = Store(path)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            store.upsert_incident(incident(), "playground", True)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert errors == []
    # another connection (another process after a SIGKILL) sees it without any close()
    other = sqlite3.connect(path)
    assert other.execute("SELECT reminded FROM incidents").fetchall() == [(1,)]
    other.close()
    store.close()


def test_two_stores_on_one_database_share_incidents(store_target: str) -> None:
    first, second = Store(store_target), Store(store_target)
    assert first.upsert_incident(incident(members=5))
    assert not second.upsert_incident(incident(members=7), reminded=True)
    assert not first.upsert_incident(incident(members=6))
    row = second.incident("g/stack/m1")
    assert row is not None and row.members == 7 and row.reminded
    first.close()
    second.close()


def race_to_open(path: Path | str, stores: int) -> list[BaseException]:
    """Open `stores` Stores on `path` at the same moment; what they raised."""
    start = threading.Barrier(stores)
    errors: list[BaseException] = []
    opened: list[Store] = []

    def open_store() -> None:
        start.wait()
        try:
            opened.append(Store(path))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in opened:
        store.close()
    return errors


@pytest.mark.parametrize("attempt", range(5))
def test_stores_racing_to_migrate_a_fresh_database_all_open_it(
    store_target: str, attempt: int
) -> None:
    """Several processes starting at once on an unmigrated database: each migration runs
    once, and nobody crashes on a CREATE TABLE another one already ran."""
    assert race_to_open(store_target, 6) == []
    store = Store(store_target)
    names = [r["name"] for r in store.db.query("SELECT name FROM migrations ORDER BY name")]
    store.close()
    assert names == sorted(name for name, _ in MIGRATIONS)


def test_a_held_reminder_keeps_its_reason_until_it_is_posted(store: Store) -> None:
    until = MONDAY + timedelta(minutes=20)
    store.upsert_incident(incident(), held=Hold("cooldown", until))
    store.upsert_incident(incident(members=7, messages=7))  # grows; the reason stays
    [record] = store.incidents("g")
    assert (record.held_reason, record.held_until, record.members) == ("cooldown", until, 7)
    store.upsert_incident(incident(2, "ack_request"), held=Hold("paused"))
    store.upsert_incident(incident(3, "ack_request"), held=Hold("paused"))
    store.upsert_incident(incident(4, "ack_request"))  # reminded: no reason
    week = (MONDAY - timedelta(days=1), MONDAY + timedelta(days=6))
    assert store.held_counts("g", *week) == {"cooldown": 1, "paused": 2}
    assert store.mark_reminded("g/ack_request/m3")  # posted after all: no longer held
    assert store.hold_incident("g/ack_request/m4", Hold("post_failed"))
    assert not store.hold_incident("g/ack_request/m3", Hold("rate_limit")), "it was reminded"
    assert store.held_counts("g", *week) == {"cooldown": 1, "paused": 1, "post_failed": 1}


def test_migration_0003_adds_the_held_columns_to_an_older_database(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = MIGRATIONS[:]
    try:  # a database as 0002 left it, with one incident
        MIGRATIONS[:] = [m for m in old if m[0] != "0003_held_reason"]
        Store(path).close()
    finally:
        MIGRATIONS[:] = old
    with sqlite3.connect(path) as conn:
        conn.execute(
            """INSERT INTO incidents (id, group_id, kind, start, "end")
               VALUES ('g/stack/m1', 'g', 'stack', '2025-02-10T01:00:00+00:00',
                       '2025-02-10T01:00:00+00:00')"""
        )
    conn.close()
    upgraded = Store(path)
    [record] = upgraded.incidents("g")
    assert (record.held_reason, record.held_until) == ("", None)
    assert "0003_held_reason" in [r["name"] for r in upgraded.db.table("migrations").rows]
    upgraded.close()


def test_reminded_incidents_are_the_groups_reminded_about_since(store: Store) -> None:
    week = timedelta(days=7)
    for n in range(1, 5):
        store.upsert_incident(incident(n))
    store.upsert_incident(incident(5, at=MONDAY - 2 * week))  # too long ago
    store.upsert_incident(incident(6, id="other/stack/m6", group_id="other"))
    store.mark_reminded("g/stack/m1")  # posted and marked
    store.record_post("g", "提醒", "reminder", MONDAY, incident_id="g/stack/m2", status="pending")
    store.record_post("g", "回复", "command", MONDAY, incident_id="g/stack/m3")  # not a reminder
    store.mark_reminded("g/stack/m5")
    store.mark_reminded("other/stack/m6")
    found = store.reminded_incidents("g", MONDAY - week)
    assert found == {"g/stack/m1", "g/stack/m2"}
    assert all(store.reminded_about(i) for i in found)
    assert not store.reminded_about("g/stack/m3") and not store.reminded_about("g/stack/m4")

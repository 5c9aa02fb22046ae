"""The notice tables (bot/store/notices.py): numbering, first confirmation wins, due notices,
nudges at most once, the digest's counts, and `/jianfu forget` over all three."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.store import Store

T = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)


def test_confirmations_nudges_and_due_notices(store: Store) -> None:
    first = store.add_notice(
        "g", "wechaty", "boss", "王主任", "周五前交表", T, T + timedelta(hours=7)
    )
    other = store.add_notice("h", "wechaty", "boss", "王主任", "开会", T, None)
    assert (first.id, other.id) == (1, 2) and store.latest_notice("g") == first
    assert store.confirm_notice(1, "u1", "张伟", "private", T) is True
    assert store.confirm_notice(1, "u1", "张伟", "button", T + timedelta(minutes=1)) is False
    assert [(c.member_id, c.source) for c in store.confirmations(1)] == [("u1", "private")]
    assert store.confirmed_by("u1", [1, 2]) == frozenset({1})
    assert store.due_notices(T + timedelta(hours=6)) == []
    assert [n.id for n in store.due_notices(T + timedelta(hours=7))] == [1]
    assert store.record_nudge(1, "u2", T) is True and store.record_nudge(1, "u2", T) is False
    store.mark_nudged(1, T + timedelta(hours=7))
    assert store.due_notices(T + timedelta(days=1)) == []
    store.confirm_notice(1, "u3", "李娜", "group_ack", T)
    assert store.notice_counts("g", T, T + timedelta(days=7)) == (1, 1)  # acks spare nothing
    assert store.notice_counts("g", T + timedelta(days=7), T + timedelta(days=14)) == (0, 0)


def test_forget_covers_the_notice_tables(store: Store) -> None:
    store.add_notice("g", "wechaty", "u1", "张伟", "张伟：代王主任通知周五交表", T, None)
    store.add_notice("g", "wechaty", "boss", "王主任", "请@张伟、@李娜周五前交表", T, None)
    store.confirm_notice(2, "u1", "张伟", "private", T)
    store.confirm_notice(2, "u3", "李娜", "private", T)
    store.record_nudge(2, "u1", T)
    store.forget_member("g", "u1")
    assert [(n.poster_id, n.poster_name, n.text) for n in store.group_notices("g")] == [
        ("boss", "王主任", "请@…、@李娜周五前交表"),
        ("", "", "…：代王主任通知周五交表"),
    ]
    assert [c.member_id for c in store.confirmations(2)] == ["u3"]
    assert store.nudged(2) == []

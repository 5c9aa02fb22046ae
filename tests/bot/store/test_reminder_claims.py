"""A reminder's intent is a claim (`Store.claim_reminder`): two stores on one database — two
bot processes — share the group's cooldown and daily cap, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from bot.store import Store
from handlers.actions import Hold
from handlers.group_settings import GroupSettings

MONDAY = datetime(2025, 2, 10, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
TUESDAY = datetime(2025, 2, 10, 16, 0, tzinfo=UTC)  # Shanghai's midnight: a new local day
GROUP = GroupSettings(cooldown_minutes=30, daily_cap=2)


def claim(store: Store, at: datetime, incident: str, group: str = "g") -> int | Hold:
    return store.claim_reminder(GROUP, group, "已有 5 位同事确认收到", at, "fakechat", incident)


def test_the_cooldown_counts_the_other_process_reminder(two_stores: tuple[Store, Store]) -> None:
    a, b = two_stores
    first = claim(a, MONDAY, "g/ack_request/m1")
    assert isinstance(first, int) and first > 0
    assert claim(b, MONDAY + timedelta(seconds=1), "g/stack/m2") == Hold(
        "cooldown", MONDAY + GROUP.cooldown
    ), "A's intent (still pending) counts for B"
    assert claim(b, MONDAY + timedelta(seconds=1), "g/ack_request/m1") == 0, "A's incident"
    later = claim(b, MONDAY + GROUP.cooldown, "g/stack/m3")
    assert isinstance(later, int) and later > first, "the cooldown is over: allowed"
    assert isinstance(claim(a, MONDAY + timedelta(seconds=1), "x/stack/m4", "x"), int)
    rows = a.db.query("SELECT incident_id, status FROM bot_posts ORDER BY id")
    assert [(r["incident_id"], r["status"]) for r in rows] == [
        ("g/ack_request/m1", "pending"),
        ("g/stack/m3", "pending"),
        ("x/stack/m4", "pending"),
    ], "a refused claim writes nothing"


def test_the_daily_cap_counts_both_processes_posts(two_stores: tuple[Store, Store]) -> None:
    a, b = two_stores
    assert isinstance(claim(a, MONDAY, "g/stack/m1"), int)
    second = claim(b, MONDAY + GROUP.cooldown, "g/stack/m2")
    assert isinstance(second, int)
    b.settle_post(second, True)
    third = MONDAY + 2 * GROUP.cooldown
    assert claim(a, third, "g/stack/m3") == Hold("daily_cap", TUESDAY)
    assert isinstance(claim(b, TUESDAY, "g/stack/m4"), int), "a new local day"


def test_a_refused_post_leaves_the_limits_as_they_were(two_stores: tuple[Store, Store]) -> None:
    a, b = two_stores
    refused = claim(a, MONDAY, "g/stack/m1")
    assert isinstance(refused, int)
    a.settle_post(refused, False)  # the platform refused it: nothing went out
    assert isinstance(claim(b, MONDAY + timedelta(seconds=1), "g/stack/m2"), int)


def test_two_processes_claiming_at_once_get_one_reminder(two_stores: tuple[Store, Store]) -> None:
    """Both read the group's history at the same moment, as two workers whose histories in
    memory are both stale: per group exactly one claim is granted."""
    a, b = two_stores
    groups = [f"g{n}" for n in range(10)]
    results: dict[tuple[str, int], int | Hold] = {}
    barrier = threading.Barrier(2)

    def worker(store: Store, who: int) -> None:
        for gid in groups:
            barrier.wait(timeout=10)
            results[gid, who] = claim(store, MONDAY, f"{gid}/stack/m{who}", gid)

    threads = [threading.Thread(target=worker, args=(s, n)) for n, s in enumerate((a, b))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    for gid in groups:
        outcomes = sorted((results[gid, 0], results[gid, 1]), key=lambda r: isinstance(r, Hold))
        assert isinstance(outcomes[0], int) and outcomes[0] > 0, gid
        assert outcomes[1] == Hold("cooldown", MONDAY + GROUP.cooldown), gid

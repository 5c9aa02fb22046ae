"""A command's claim (`Store.claim_command`): stores on one database — bot processes — each
run a command once between them; a claim whose worker never began answering is taken over
once it is stale, one whose answer began never is; the unfinished ones are listed. On SQLite
and on PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from bot.store import HANDLED_KEEP, Store

T0 = datetime(2025, 2, 10, 1, 0, tzinfo=UTC)
STALE = timedelta(minutes=2)
IDS = ("dingtalk", "g", "m-cmd")


def claim(store: Store, at: datetime, owner: str) -> str:
    return store.claim_command(*IDS, at, owner, STALE)


def test_a_fresh_claim_makes_the_other_wait_and_a_done_one_is_skipped(
    two_stores: tuple[Store, Store],
) -> None:
    a, b = two_stores
    assert claim(a, T0, "a") == "run"
    assert a.was_handled(*IDS), "the claim marks the message handled"
    assert claim(b, T0 + timedelta(seconds=5), "b") == "wait"
    a.finish_command(*IDS, T0 + timedelta(seconds=1))
    assert claim(b, T0 + STALE * 5, "b") == "skip"
    assert a.unfinished_commands(T0 + STALE * 5) == []


def test_a_claim_never_answered_is_taken_over_once_it_is_stale(
    two_stores: tuple[Store, Store],
) -> None:
    a, b = two_stores
    assert claim(a, T0, "a") == "run"  # … and A is killed
    assert claim(b, T0 + STALE - timedelta(seconds=1), "b") == "wait"
    [left] = b.unfinished_commands(T0 + STALE * 2)
    assert (left["status"], left["claimed_by"]) == ("claimed", "a")
    assert claim(b, T0 + STALE, "b") == "retake"
    assert claim(a, T0 + STALE, "a") == "wait", "B's claim is fresh now"
    b.command_answering(*IDS)
    b.finish_command(*IDS, T0 + STALE)
    [row] = b.db.query("SELECT status, attempts, claimed_by FROM command_claims")
    assert (row["status"], row["attempts"], row["claimed_by"]) == ("done", 2, "b")


def test_a_claim_whose_answer_began_is_never_taken_over(two_stores: tuple[Store, Store]) -> None:
    a, b = two_stores
    assert claim(a, T0, "a") == "run"
    a.command_answering(*IDS)  # … and A is killed while posting: maybe answered
    assert claim(b, T0 + timedelta(days=1), "b") == "skip"
    [left] = b.unfinished_commands(T0 + STALE * 2)
    assert (left["message_id"], left["status"]) == ("m-cmd", "answering")


def test_a_message_handled_before_claims_existed_is_not_run_again(store: Store) -> None:
    store.mark_handled("g", None, "dingtalk", "m-cmd", T0)  # an older version's claim
    assert claim(store, T0 + timedelta(days=1), "b") == "skip"


@pytest.mark.parametrize("at", [T0, T0 + STALE * 3], ids=["new", "stale"])
def test_many_workers_racing_for_one_command_run_it_once(store_target: str, at: datetime) -> None:
    stores = [Store(store_target) for _ in range(4)]
    try:
        if at > T0:  # a killed worker's claim, stale by now
            assert claim(stores[0], T0, "killed") == "run"
        results: list[str] = []
        start = threading.Barrier(len(stores))

        def race(store: Store, name: str) -> None:
            start.wait()
            results.append(claim(store, at, name))

        threads = [threading.Thread(target=race, args=(s, f"w{i}")) for i, s in enumerate(stores)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        won = "run" if at == T0 else "retake"
        assert sorted(results) == sorted([won] + ["wait"] * (len(stores) - 1))
    finally:
        for store in stores:
            store.close()


def test_claims_leave_with_the_handled_ids(store: Store) -> None:
    assert claim(store, T0, "a") == "run"
    gone = store.forget_handling_before(T0 + HANDLED_KEEP + timedelta(seconds=1))
    assert gone["command_claims"] == 1
    assert store.unfinished_commands(T0 + timedelta(days=30)) == []

"""Group commit (`bot.commits`, `Store.commit_messages`): messages handled at the same time
commit in one transaction; each waits for its batch's commit; a redelivered message writes
nothing; a batch that cannot commit keeps nothing and every message in it is told so. The
store is a real SQLite file; transactions are counted with SQLite's own trace callback."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from bot.commits import GroupCommit
from bot.metrics import Metrics
from bot.store import MessageWrite, Store
from bot.store.thread import StoreThread
from policies.events import Incident
from tests.conftest import START, OpenStoreThread, write_lock


def write(
    n: int, group: str = "g1", state: int | None = None, *incidents: Incident
) -> MessageWrite:
    saved = {"n": state} if state is not None else None
    writes = [(incident, "王主任", None) for incident in incidents]
    at = START + timedelta(seconds=n)
    return MessageWrite(group, "dingtalk", f"m{n}", at, saved, state is not None, writes)


def ack_request(n: int, group: str = "g1") -> Incident:
    at = START + timedelta(seconds=n)
    return Incident(
        id=f"{group}/ack_request/m{n}", group_id=group, kind="ack_request", start=at, end=at,
        members=1, messages=1, trigger="明天九点开会，收到请回复", trigger_sender="u-boss",
        opened=True,
    )  # fmt: skip


@contextmanager
def commits_seen(store: Store) -> Iterator[list[str]]:
    seen: list[str] = []
    store.db.conn.set_trace_callback(
        lambda sql: seen.append(sql) if sql.strip().upper() == "COMMIT" else None
    )
    try:
        yield seen
    finally:
        store.db.conn.set_trace_callback(None)


def handled(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT message_id FROM handled_messages")}


def test_one_transaction_for_a_batch_with_each_groups_last_state(tmp_path: Path) -> None:
    store = Store(tmp_path / "j.db")
    batch = [write(1, "g1", 1, ack_request(1)), write(2, "g2", 2), write(3, "g1", 3)]
    with commits_seen(store) as seen:
        assert store.commit_messages(batch) == [[True], [], []]
    assert len(seen) == 1
    assert store.detector_state("g1") == {"n": 3}  # the later of g1's two
    assert store.detector_state("g2") == {"n": 2}
    assert [i.id for i in store.incidents("g1")] == ["g1/ack_request/m1"]
    store.close()
    assert handled(tmp_path / "j.db") == {"m1", "m2", "m3"}


def test_a_message_handled_before_writes_nothing_and_says_so(tmp_path: Path) -> None:
    store = Store(tmp_path / "j.db")
    store.commit_messages([write(1, "g1", 1)])
    again = write(1, "g1", 9, ack_request(1))  # its redelivery, decided on a state read back
    assert store.commit_messages([again, write(2, "g1")]) == [None, []]
    assert store.detector_state("g1") == {"n": 1}
    assert store.incidents("g1") == []
    store.close()


def test_the_batch_on_either_backend(store: Store) -> None:
    """The same batch on SQLite and PostgreSQL: new incidents, each group's last state, a
    message marked before writes nothing."""
    store.commit_messages([write(1, "g1", 1)])
    batch = [write(1, "g1", 7, ack_request(1)), write(2, "g2", 2, ack_request(2, "g2"))]
    batch.append(write(3, "g2", 3, ack_request(2, "g2")))  # the same incident, grown
    assert store.commit_messages(batch) == [None, [True], [False]]
    assert store.detector_state("g1") == {"n": 1}
    assert store.detector_state("g2") == {"n": 3}
    assert store.incidents("g1") == []
    assert [i.id for i in store.incidents("g2")] == ["g2/ack_request/m2"]
    assert store.was_handled("dingtalk", "g2", "m3")


def test_a_batch_that_cannot_commit_keeps_nothing(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    store = Store(db, busy_timeout=0.05)
    with write_lock(db), pytest.raises(sqlite3.OperationalError):
        store.commit_messages([write(1, "g1", 1, ack_request(1)), write(2, "g2", 2)])
    assert store.incidents("g1") == [] and store.detector_state("g2") is None
    store.close()
    assert handled(db) == set()


async def test_messages_waiting_together_commit_together(
    store_thread: StoreThread[Store],
) -> None:
    metrics = Metrics()
    commits = GroupCommit(store_thread, metrics)
    store = store_thread.store
    with commits_seen(store) as seen:
        results = await asyncio.gather(
            *(commits.commit(write(n, f"g{n}", n, ack_request(n, f"g{n}"))) for n in range(50))
        )
    assert results == [[True]] * 50
    assert 1 <= len(seen) < 50  # the first alone, the rest queued behind it
    sample = metrics.registry.get_sample_value
    assert sample("jianfu_committed_messages_total") == 50
    assert sample("jianfu_commits_total") == len(seen)
    for n in range(50):
        assert await store_thread.call(store.detector_state, f"g{n}") == {"n": n}


async def test_every_message_of_a_failed_batch_raises_and_a_later_one_commits(
    tmp_path: Path, open_store_thread: OpenStoreThread
) -> None:
    db = tmp_path / "j.db"
    async with open_store_thread(db, busy_timeout=0.05) as thread:
        commits = GroupCommit(thread)
        with write_lock(db):
            outcomes = await asyncio.gather(
                *(commits.commit(write(n, f"g{n}", n)) for n in range(10)),
                return_exceptions=True,
            )
        assert all(isinstance(o, sqlite3.OperationalError) for o in outcomes), outcomes
        assert handled(db) == set()
        assert await commits.commit(write(1, "g1", 1)) == []  # delivered again: kept
        assert handled(db) == {"m1"}


async def test_while_busy_a_batch_lingers_for_the_writes_arriving_meanwhile(
    store_thread: StoreThread[Store],
) -> None:
    metrics = Metrics()
    commits = GroupCommit(store_thread, metrics, linger=0.2)
    store = store_thread.store
    with commits_seen(store) as seen:
        assert await commits.commit(write(1, "g1", 1)) == []  # quiet before: alone, at once
        first = asyncio.ensure_future(commits.commit(write(2, "g2", 2)))  # busy now: lingers
        await asyncio.sleep(0.02)
        second = asyncio.ensure_future(commits.commit(write(3, "g3", 3)))
        assert await asyncio.gather(first, second) == [[], []]
    assert len(seen) == 2  # the first alone; the second and third together
    assert metrics.registry.get_sample_value("jianfu_committed_messages_total") == 3


async def test_after_a_quiet_spell_a_write_commits_without_lingering(
    store_thread: StoreThread[Store],
) -> None:
    commits = GroupCommit(store_thread, linger=60)  # a linger would outlast the wait below
    assert await asyncio.wait_for(commits.commit(write(1, "g1", 1)), 10) == []
    await asyncio.sleep(0.1)  # longer than `BUSY`: quiet again
    assert await asyncio.wait_for(commits.commit(write(2, "g1", 2)), 10) == []
    store = store_thread.store
    assert await store_thread.call(store.was_handled, "dingtalk", "g1", "m2")


def test_a_batchs_marks_and_states_are_one_statement_each(tmp_path: Path) -> None:
    """However many messages and groups: one statement marks them all handled, one saves the
    groups' states (each a hand-off of the GIL here, a round trip on PostgreSQL)."""
    store = Store(tmp_path / "j.db")
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        assert store.commit_messages([write(n, f"g{n % 10}", n) for n in range(100)]) == [[]] * 100
    finally:
        store.db.conn.set_trace_callback(None)
    assert sum("INTO handled_messages" in sql for sql in statements) == 1
    assert sum("INTO detector_state" in sql for sql in statements) == 1
    assert {g: store.detector_state(g) for g in ("g0", "g9")} == {"g0": {"n": 90}, "g9": {"n": 99}}
    store.close()
    assert len(handled(tmp_path / "j.db")) == 100


def test_a_message_twice_in_one_batch_is_new_once_on_either_backend(store: Store) -> None:
    twice = [write(1, "g1", 1, ack_request(1)), write(1, "g1", 2, ack_request(1))]
    assert store.commit_messages(twice) == [[True], None]
    assert store.detector_state("g1") == {"n": 1}  # the second wrote nothing


def test_a_state_saved_as_none_is_deleted_with_the_batch(store: Store) -> None:
    store.commit_messages([write(1, "g1", 1), write(2, "g2", 2)])
    gone = MessageWrite("g1", "dingtalk", "m3", START, None, True)  # the group forgot it all
    assert store.commit_messages([gone, write(4, "g2", 4)]) == [[], []]
    assert store.detector_state("g1") is None
    assert store.detector_state("g2") == {"n": 4}

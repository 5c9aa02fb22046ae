"""The store's thread (`bot.store.thread.StoreThread`): calls run on one thread that is not
the loop's, in submission order; a call's exception is raised to its caller; a cancelled
caller leaves the others alone; and nothing of a finished call is kept while the thread waits
for the next (its arguments may be every group's detector state)."""

from __future__ import annotations

import asyncio
import gc
import threading
import weakref

import pytest

from bot.store.thread import StoreClosed, StoreThread


class Payload:
    """Something big a call is given (a weak reference tells whether it is still held)."""


async def test_calls_run_in_order_on_one_thread_and_errors_reach_their_caller() -> None:
    thread: StoreThread[list[int]] = StoreThread(list)
    store = await thread.open()
    idents = set()

    def add(n: int) -> int:
        idents.add(threading.get_ident())
        if n == 13:
            raise ValueError("thirteen")
        store.append(n)
        return n * 2

    outcomes = await asyncio.gather(
        *(thread.call(add, n) for n in range(50)), return_exceptions=True
    )
    await thread.close()
    assert store == [n for n in range(50) if n != 13]
    assert isinstance(outcomes[13], ValueError)
    assert [o for o in outcomes if not isinstance(o, Exception)] == [2 * n for n in store]
    assert len(idents) == 1 and threading.get_ident() not in idents
    with pytest.raises(StoreClosed):
        await thread.call(add, 1)


async def test_a_cancelled_caller_leaves_the_other_calls_alone() -> None:
    thread: StoreThread[list[int]] = StoreThread(list)
    store = await thread.open()
    release = threading.Event()
    first = asyncio.ensure_future(thread.call(release.wait, 5))
    second = asyncio.ensure_future(thread.call(store.append, 1))
    await asyncio.sleep(0.01)
    second.cancel()
    third = thread.call(store.append, 2)
    release.set()
    assert await first is True
    await third
    await thread.close()
    assert store == [1, 2]  # the cancelled caller's call still ran, in its turn


async def test_nothing_of_a_finished_call_is_kept_while_the_thread_waits() -> None:
    thread: StoreThread[list[int]] = StoreThread(list)
    await thread.open()
    payload = Payload()
    held = weakref.ref(payload)
    await thread.call(lambda p: p, payload)
    del payload
    await asyncio.sleep(0.01)
    gc.collect()
    try:
        assert held() is None
    finally:
        await thread.close()

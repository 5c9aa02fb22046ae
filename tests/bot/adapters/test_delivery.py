"""A delivery's wait for its message to be handled, bounded: the bounds of all waits share
one loop timer (`Deadlines`), each wait still running out after its own bound."""

from __future__ import annotations

import asyncio

from bot.adapters.delivery import Deadlines, Delivery, InFlight

BOUND = 0.05


async def test_each_wait_runs_out_after_its_own_bound_in_the_order_they_began() -> None:
    loop = asyncio.get_running_loop()
    deadlines, woken = Deadlines(BOUND), list[tuple[str, float]]()
    began = loop.time()
    deadlines.add(lambda: woken.append(("first", loop.time() - began)))
    await asyncio.sleep(BOUND / 2)
    deadlines.add(lambda: woken.append(("second", loop.time() - began)))

    def dropped() -> None:
        woken.append(("dropped", loop.time()))

    deadlines.add(dropped)
    deadlines.discard(dropped)  # its message was handled in time
    await asyncio.sleep(BOUND * 2)
    assert [name for name, _ in woken] == ["first", "second"]
    (_, first), (_, second) = woken
    assert first >= BOUND and second >= BOUND * 1.5  # each its own bound after it began
    assert len(deadlines) == 0


async def test_a_wait_begun_after_the_others_ran_out_gets_its_whole_bound() -> None:
    loop = asyncio.get_running_loop()
    deadlines, woken = Deadlines(BOUND), list[float]()
    deadlines.add(lambda: woken.append(loop.time()))
    await asyncio.sleep(BOUND * 1.5)
    began = loop.time()
    deadlines.add(lambda: woken.append(loop.time()))
    await asyncio.sleep(BOUND * 1.5)
    assert len(woken) == 2 and woken[1] - began >= BOUND


async def test_a_delivery_is_handled_when_its_task_ends_in_time_and_not_when_it_does_not() -> None:
    inflight = InFlight("test", max_pending=8, bound=BOUND)

    async def handle(seconds: float) -> bool:
        await asyncio.sleep(seconds)
        return True

    quick = Delivery(asyncio.create_task(handle(BOUND / 5)))
    stuck = Delivery(asyncio.create_task(handle(BOUND * 4)))
    assert await asyncio.gather(inflight.handled(quick), inflight.handled(stuck)) == [True, False]
    assert not stuck.task.done()  # still being handled: the platform is to deliver it again
    await stuck.task


async def test_a_delivery_whose_handler_began_to_reply_is_handled_at_once() -> None:
    inflight = InFlight("test", max_pending=8, bound=10.0)
    never = asyncio.get_running_loop().create_future()
    delivery = Delivery(asyncio.ensure_future(never))
    asyncio.get_running_loop().call_later(BOUND, delivery.replying.set)
    assert await asyncio.wait_for(inflight.handled(delivery), 1.0) is True
    never.cancel()

"""Live expiry: each group's own window closes its pile-ups, and a little clock skew between
the platform's message times and the bot's clock does not close them early."""

from __future__ import annotations

from datetime import timedelta

from bot.runtime import Runtime
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from policies.events import Message
from tests.bot.fakechat import FakeChat
from tests.conftest import START, FrozenClock


def ack(n: int, minute: float, group_id: str = "g1") -> Message:
    return Message(
        id=f"m{n}", group_id=group_id, sender_id=f"u{n}", text="收到",
        time=START + timedelta(minutes=minute), platform="chat",
    )  # fmt: skip


async def pile_up(runtime: Runtime, group_id: str = "g1", acks: int = 5) -> None:
    for n in range(acks):
        await runtime.handle(ack(n, n, group_id))  # the last ack at minute acks - 1


async def test_a_group_with_a_longer_window_keeps_its_pile_up_open(
    store_thread: StoreThread[Store],
) -> None:
    clock = FrozenClock()
    runtime = Runtime(Settings(), store_thread, {"chat": FakeChat("chat")}, clock)
    await pile_up(runtime, "g1")
    await pile_up(runtime, "g2")
    admin = Message(
        id="cmd", group_id="g1", sender_id="boss", text="/jf set stack_window_minutes 120",
        time=START + timedelta(minutes=5), platform="chat", is_admin=True,
    )  # fmt: skip
    await runtime.handle(admin)
    clock.now = START + timedelta(minutes=60)
    assert await runtime.expire() == 1  # g2 (the default 30 minutes), not g1
    await runtime.handle(ack(9, 61, "g1"))  # g1's pile-up is still the same one
    clock.now = START + timedelta(minutes=61 + 125)
    assert await runtime.expire() == 1
    [g1] = await store_thread.call(store_thread.store.incidents, "g1", 5)
    assert (g1.members, g1.messages) == (6, 6)


async def test_expiry_allows_for_a_little_clock_skew(store_thread: StoreThread[Store]) -> None:
    clock = FrozenClock()
    runtime = Runtime(Settings(), store_thread, {"chat": FakeChat("chat")}, clock)
    await pile_up(runtime)  # the last ack at minute 4 (the platform's clock)
    clock.now = START + timedelta(minutes=4 + 31)  # our clock: 31 minutes later
    assert await runtime.expire() == 0
    clock.now = START + timedelta(minutes=4 + 33)
    assert await runtime.expire() == 1

"""Live expiry: each group's own window closes its pile-ups, and a little clock skew between
the platform's message times and the bot's clock does not close them early."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.adapters.base import Adapter, MessageSink
from bot.runtime import Runtime
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from policies.events import Message

START = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai


class Clock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Chat(Adapter):
    name = "chat"

    def __init__(self) -> None:
        self.sent: list[str] = []

    async def start(self, sink: MessageSink) -> None:
        pass

    async def send(
        self, group_id: str, text: str, mentions: Sequence[str] = (), *, markdown: bool = False
    ) -> None:
        self.sent.append(text)

    async def stop(self) -> None:
        pass


def ack(n: int, minute: float, group_id: str = "g1") -> Message:
    return Message(
        id=f"m{n}", group_id=group_id, sender_id=f"u{n}", text="收到",
        time=START + timedelta(minutes=minute), platform="chat",
    )  # fmt: skip


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[StoreThread[Store]]:
    thread: StoreThread[Store] = StoreThread(lambda: Store(tmp_path / "j.db"), Store.close)
    await thread.open()
    yield thread
    await thread.close()


async def pile_up(runtime: Runtime, group_id: str = "g1", acks: int = 5) -> None:
    for n in range(acks):
        await runtime.handle(ack(n, n, group_id))  # the last ack at minute acks - 1


async def test_a_group_with_a_longer_window_keeps_its_pile_up_open(
    store: StoreThread[Store],
) -> None:
    clock = Clock()
    runtime = Runtime(Settings(), store, {"chat": Chat()}, clock)
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
    [g1] = await store.call(store.store.incidents, "g1", 5)
    assert (g1.members, g1.messages) == (6, 6)


async def test_expiry_allows_for_a_little_clock_skew(store: StoreThread[Store]) -> None:
    clock = Clock()
    runtime = Runtime(Settings(), store, {"chat": Chat()}, clock)
    await pile_up(runtime)  # the last ack at minute 4 (the platform's clock)
    clock.now = START + timedelta(minutes=4 + 31)  # our clock: 31 minutes later
    assert await runtime.expire() == 0
    clock.now = START + timedelta(minutes=4 + 33)
    assert await runtime.expire() == 1

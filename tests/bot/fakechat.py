"""A platform adapter for runtime-level tests: keeps what the bot posts, can refuse like a real one."""

from __future__ import annotations

from collections.abc import Sequence

from bot.adapters.base import Adapter, AdapterError, MessageSink


class FakeChat(Adapter):
    """Records `(group_id, text, markdown)` per post in `sent` and its mentions in `mentions`;
    the first `failures` posts are refused."""

    def __init__(self, name: str = "fakechat", failures: int = 0) -> None:
        self.name = name
        self.sent: list[tuple[str, str, bool]] = []
        self.mentions: list[tuple[str, ...]] = []
        self.failures = failures

    async def start(self, sink: MessageSink) -> None:
        pass

    async def stop(self) -> None:
        pass

    async def send(
        self, group_id: str, text: str, mentions: Sequence[str] = (), *, markdown: bool = False
    ) -> None:
        if self.failures:
            self.failures -= 1
            raise AdapterError(f"{self.name}: 503 from the platform")
        self.sent.append((group_id, text, markdown))
        self.mentions.append(tuple(mentions))

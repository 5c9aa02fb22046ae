"""The adapter lifecycle every platform connector shares: start, send, stop.

An adapter receives raw payloads, normalizes them into `Message` (nowhere else), and hands
them to the runtime's sink. Replies go back through the adapter the message came from.
Reconnect and back-off live inside the adapter.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp import web

from bot.appkeys import HTTP_SESSION
from policies.events import Message

# The runtime's `handle`: True once the message is handled, False when it could not be recorded
# (the adapter has the platform deliver it again where it can: a non-2xx answer, a nack).
MessageSink = Callable[[Message], Awaitable[bool]]


def http_session(app: web.Application | None, **options: Any) -> tuple[aiohttp.ClientSession, bool]:
    """The app's one HTTP session (`app[HTTP_SESSION]`), else a new one made with `options`
    that the adapter owns and closes at stop: (session, owned)."""
    if app is not None and HTTP_SESSION in app:
        return app[HTTP_SESSION], False
    return aiohttp.ClientSession(**options), True


@dataclass(frozen=True, slots=True)
class AdapterStatus:
    """What `jianfu status` and `/healthz` say about one adapter."""

    name: str  # adapter name, e.g. "wechaty"
    connected: bool  # True while the platform link is up
    detail: str = ""  # one line: last error, logged-in account, …


class AdapterError(Exception):
    """A platform refused or failed a call; the message says which and why."""


class Adapter(ABC):
    """Base class of every platform connector."""

    name: str = "adapter"  # platform name stored in Message.platform
    # Can `send` reach a group member privately (group "")? Then a member's command in a group
    # is answered in their 1:1 chat instead of the group (handlers.commands).
    private_replies: bool = False
    # Does `members` list every member of a group (True), or only those the adapter has met?
    members_complete: bool = False

    def set_private_filter(self, accepts: Callable[[str], bool]) -> None:
        """Which texts of a 1:1 chat may enter the bot, for an adapter that screens them
        (WeChat: the app passes "is an admin command", `handlers.commands.parse`, so the
        adapter need not know the command syntax). Until set, none."""
        self._private_filter = accepts

    def accepts_private(self, text: str) -> bool:
        """Whether a 1:1 chat's `text` may enter the bot (`set_private_filter`)."""
        accepts: Callable[[str], bool] | None = getattr(self, "_private_filter", None)
        return accepts is not None and accepts(text)

    def setup_routes(self, app: web.Application) -> None:  # noqa: B027 - optional hook
        """Add HTTP routes (callbacks, pages) to the one shared server. Default: none."""

    @abstractmethod
    async def start(self, sink: MessageSink) -> None:
        """Connect and begin delivering messages to `sink`. Returns once started."""

    @abstractmethod
    async def send(
        self, group_id: str, text: str, mentions: Sequence[str] = (), *, markdown: bool = False
    ) -> None:
        """Post `text` to a group, @-mentioning `mentions`. `markdown` where supported.

        `group_id` "" means privately: the 1:1 chat with the member `mentions[0]` (the reply
        to a private admin command). A platform without 1:1 chats raises `AdapterError`."""

    @abstractmethod
    async def stop(self) -> None:
        """Disconnect, cancel and await every background task."""

    def status(self) -> AdapterStatus:
        return AdapterStatus(self.name, True)

    def members(self, group_id: str) -> frozenset[str] | None:
        """Ids and display names of the group's members the adapter knows (from what it has;
        never a platform call), or None when it knows none. `/jianfu exempt` checks a typed
        name against it: refused when absent from a complete list, a warning otherwise."""
        return None

    def roster(self, group_id: str) -> Mapping[str, str] | None:
        """Member id → display name ("" when not known) of every member of the group, when
        the adapter knows them all (from what it has; never a platform call), else None.
        A silent notice's roster names who has not confirmed from it, and nudges them."""
        return None

    def notices(self, group_id: str) -> tuple[str, ...]:
        """Text keys (handlers.texts) of what `/jianfu status` should say about this group on
        this platform, e.g. that the bot sees only @-messages there. Default: nothing."""
        return ()

    def group_size(self, group_id: str) -> int | None:
        """How many members the group has, when the adapter already knows it (from a payload
        it has; never a platform call), else None. The runtime records it for the digest."""
        return None

    async def send_notice(self, group_id: str, text: str) -> str:
        """Post a silent-confirmation notice like `send`, and return the platform's reference
        for the posted message, so `read_by` can ask who has read it ("" when the platform
        gives none). Default: `send`, and ""."""
        await self.send(group_id, text)
        return ""

    async def read_by(self, group_id: str, ref: str) -> frozenset[str] | None:
        """Member ids that have read the message `ref` (from `send_notice`) per the platform,
        or None when the platform cannot tell. Default: None."""
        return None

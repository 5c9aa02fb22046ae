"""Posting: the runtime's one way out. A post's intent is written before the send and settled
after (so a crash between never loses what the cooldown and the daily cap count), the post
limit holds back a flood, and a reminder that did not go out says why on its incident.

Every post — reminder, command reply, digest — passes one `PostLimit` per group (and per
member's private chat): past it the post is dropped and logged, a reminder's incident held
with reason rate_limit.

A reminder's intent is a claim (`Store.claim_reminder`): written only when the group's
cooldown and daily cap allow it, counted in the database over every bot process's reminders
in the group — the check in memory (`handlers.moderation`) is the fast path, this one holds
across workers on one PostgreSQL. Refused, the reminder is held back like one held in memory
(its incident's held reason cooldown or daily_cap).

Also `storable`: a platform's text made safe for SQLite before anything is recorded.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace

from bot.adapters.base import Adapter
from bot.clock import Clock
from bot.metrics import Metrics
from bot.post_limit import PostLimit
from bot.store import Store
from bot.store.thread import StoreThread
from handlers.actions import Hold, Post
from handlers.group_settings import GroupSettings
from policies.events import Message

log = logging.getLogger("bot.runtime")  # one logger for the runtime's lines, as before


class Poster:
    """Posts through the adapters, recording each post in the store around the send."""

    def __init__(
        self,
        store: StoreThread[Store],
        adapters: Mapping[str, Adapter],
        clock: Clock,
        metrics: Metrics,
        post_limit: PostLimit,
        settings_of: Callable[[str], Awaitable[GroupSettings]],
    ) -> None:
        self._store = store
        self._settings_of = settings_of  # a group's effective settings (its limits)
        self._adapters = adapters
        self._clock = clock
        self.metrics = metrics
        self._post_limit = post_limit

    async def post(self, action: Post, platform: str) -> bool:
        """`deliver`, True when it went out."""
        return await self.deliver(action, platform) is not None

    async def deliver(self, action: Post, platform: str) -> str | None:
        """Post through the adapter the message came from, under the group it is about (also
        when it goes privately to `to_member`). Its `bot_posts` row is written first, as
        `pending` (the intent: the cooldown and daily cap count it from then on; a reminder's
        only when they allow it, else it is held back and None), and settled
        after: `sent` (a reminder marks its incident reminded), or deleted when the adapter
        refused (logged; False). A store error before the send raises (nothing was posted);
        after it, it is logged: the post is out and True, and the row stays `pending` (a
        later start reconciles it to `unknown`, still counted). Returns None when not posted,
        else the platform's reference of the post: a "notice" goes through
        `Adapter.send_notice`, which may give one; anything else gives ""."""
        context = {
            "group_id": action.group_id,
            "platform": platform,
            "incident_id": action.incident_id,
        }
        adapter = self._adapters.get(platform)
        if adapter is None:
            log.warning("runtime: no adapter to post a %s", action.reason, extra=context)
            return None
        mentions: tuple[str, ...]
        if action.to_member:  # privately: group "" and the member as the one mention
            where, mentions = "", (action.to_member,)
        else:
            where, mentions = action.group_id, action.mentions
        place = where or f"{platform}:private:{action.to_member}"
        next_post = self._post_limit.take(place, self._clock())
        if next_post is not None:
            log.warning(
                "runtime: post limit (%d in %s) reached; not posting a %s",
                self._post_limit.posts,
                self._post_limit.window,
                action.reason,
                extra=context,
            )
            await self._held_back(action, Hold("rate_limit", next_post))
            return None
        intent = await self._intent(action, platform)
        if isinstance(intent, Hold):
            log.info(
                "runtime: the group's reminders in the store hold it back%s",
                held_note(intent),
                extra=context,
            )
            await self._held_back(action, intent)
            return None
        if not intent:  # another process writes and sends this reminder
            log.info("runtime: a %s already claimed elsewhere", action.reason, extra=context)
            return None
        ref = ""
        try:
            if action.reason == "notice":
                ref = await adapter.send_notice(where, action.text)
            else:
                await adapter.send(where, action.text, mentions, markdown=action.markdown)
        except Exception as exc:
            log.warning("runtime: could not post a %s: %s", action.reason, exc, extra=context)
            await self._settle(intent, False, action, context)
            await self._held_back(action, Hold("post_failed"))
            return None
        self.metrics.posts.labels(action.reason).inc()
        await self._settle(intent, True, action, context)
        privately = " privately" if action.to_member else ""
        log.info("runtime: posted a %s%s", action.reason, privately, extra=context)
        return ref

    async def _intent(self, action: Post, platform: str) -> int | Hold:
        """The post's `pending` row: a reminder's claimed within the group's limits (a `Hold`
        when they refuse it), anything else's written as it is. 0: the reminder is
        another process's."""
        store, now = self._store.store, self._clock()
        if action.reason == "reminder":
            group = await self._settings_of(action.group_id)
            return await self._store.call(
                store.claim_reminder,
                group,
                action.group_id,
                action.text,
                now,
                platform,
                action.incident_id,
            )
        return await self._store.call(
            store.record_post,
            action.group_id,
            action.text,
            action.reason,
            now,
            platform,
            action.incident_id,
            "pending",
        )

    async def _held_back(self, action: Post, held: Hold) -> None:
        """A reminder that did not go out after all: its incident says why (best effort: the
        incident itself is already recorded)."""
        if action.reason != "reminder" or not action.incident_id:
            return
        try:
            await self._store.call(self._store.store.hold_incident, action.incident_id, held)
        except Exception:
            log.exception("runtime: could not note why a reminder was held back")

    async def _settle(self, intent: int, sent: bool, action: Post, context: dict[str, str]) -> None:
        try:
            await self._store.call(self._store.store.settle_post, intent, sent)
        except Exception as exc:  # the row stays pending: counted, reconciled at the next start
            self.metrics.store_errors.inc()
            outcome = "posted" if sent else "could not post"
            log.error(
                "runtime: %s a %s but could not settle its row (%s); it stays pending",
                outcome,
                action.reason,
                exc,
                extra=context,
            )


def storable(msg: Message) -> Message:
    """Text SQLite can store: a platform may hand us lone surrogates, which would fail the
    incident's write. They become U+FFFD; everything else is kept as it is."""
    fields = (msg.text, msg.sender_name, msg.group_name, msg.sender_id, msg.group_id)
    if _encodes("".join(fields)):  # a lone surrogate stays one when joined: one encode
        return msg
    return replace(
        msg,
        text=_scrub(msg.text),
        sender_name=_scrub(msg.sender_name),
        group_name=_scrub(msg.group_name),
        sender_id=_scrub(msg.sender_id),
        group_id=_scrub(msg.group_id),
    )


def _encodes(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _scrub(value: str) -> str:
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def held_note(held: Hold | None) -> str:
    """ ", reminder held: cooldown until 2025-02-10T02:30:00+00:00" for the log ("" if none)."""
    if held is None:
        return ""
    until = f" until {held.until.isoformat()}" if held.until else ""
    return f", reminder held: {held.reason}{until}"

"""The runtime's side of silent-confirmation notices (`handlers.notices` decides, this acts).

`NoticeDesk` carries out the notice actions: stores a notice and posts it through the adapter's
`send_notice` (keeping the platform's reference for its read status), counts confirmations
(button, private message, group ack, read status), sends the roster to whoever asked, and at
the due time nudges privately only those who have not confirmed (`nudge_due`, a background job:
due notices are read from the store at every tick, so nudges due while the bot was down go out
once it is back; each nudge is written before it is sent, so none goes out twice).

Who is in a group comes from the adapter (`Adapter.roster`); what the platform says was read
(`Adapter.read_by`) is polled when the roster is asked for and at the due time, and each reader
counted as a confirmation with source "read".
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace

from bot.adapters.base import Adapter
from bot.adapters.lru import LruCache
from bot.clock import Clock
from bot.store import Store
from bot.store.thread import StoreThread
from handlers import notices
from handlers.actions import Action, ConfirmNotice, Post, PublishNotice, RequestNoticeStatus
from handlers.group_settings import GroupSettings
from handlers.notices import NoticeRecord, Roster
from handlers.texts import text
from policies.detect import Step
from policies.events import Message

log = logging.getLogger(__name__)

LATEST_GROUPS = 10_000  # groups whose newest notice is kept in memory (group acks)

Send = Callable[[Post, str], Awaitable[bool]]
SendNotice = Callable[[Post, str], Awaitable[str | None]]
SettingsOf = Callable[[str], Awaitable[GroupSettings]]


class UnknownNotice(LookupError):
    """No such notice in that group (the playground's button answers 404)."""


class NotOnRoster(ValueError):
    """The member is not in the notice's group (the playground's button answers 400)."""


class NoticeDesk:
    """Publishes notices, counts confirmations, answers rosters, nudges when due."""

    def __init__(
        self,
        store: StoreThread[Store],
        adapters: Mapping[str, Adapter],
        clock: Clock,
        send: Send,
        send_notice: SendNotice,
        settings_of: SettingsOf,
    ) -> None:
        self._store = store
        self._adapters = adapters
        self._clock = clock
        self._send = send  # the runtime's post (intent row, post limit)
        self._send_notice = send_notice  # the same, through `Adapter.send_notice`
        self._settings_of = settings_of  # a group's effective settings
        self._latest: LruCache[str, tuple[NoticeRecord | None]] = LruCache(LATEST_GROUPS)

    async def act(self, action: Action, platform: str) -> None:
        """Carry out a notice action."""
        if isinstance(action, PublishNotice):
            await self.publish(action, platform)
        elif isinstance(action, ConfirmNotice):
            await self.confirm(action)
        elif isinstance(action, RequestNoticeStatus):
            await self.status(action, platform)

    async def publish(self, action: PublishNotice, platform: str) -> NoticeRecord | None:
        """Store the notice (its number), post it, keep the platform's reference, tell the
        poster. A notice the platform refused is dropped and the poster told so."""
        store, now = self._store.store, self._clock()
        notice = await self._store.call(
            store.add_notice, action.group_id, platform, action.poster_id, action.poster_name,
            action.text, now, action.due,
        )  # fmt: skip
        group = await self._settings_of(action.group_id)
        body = notices.notice_post(notice, group.zone, action.language)
        ref = await self._send_notice(Post(action.group_id, body, reason="notice"), platform)
        to = action.poster_id if self._private(platform) else ""
        if ref is None:
            await self._store.call(store.drop_notice, notice.id)
            if to:
                failed = text("notice.publish_failed", action.language)
                await self._send(
                    Post(action.group_id, failed, reason="command", to_member=to), platform
                )
            return None
        await self._store.call(store.set_notice_ref, notice.id, ref)
        notice = replace(notice, ref=ref)
        self._latest.put(action.group_id, (notice,))
        log.info("notices: #%d posted", notice.id, extra={"group_id": action.group_id})
        if to:
            told = notices.published(notice, action.language)
            await self._send(Post(action.group_id, told, reason="command", to_member=to), platform)
        return notice

    async def confirm(self, action: ConfirmNotice) -> bool:
        """Count a confirmation; False when the member had confirmed already."""
        store = self._store.store
        return await self._store.call(
            store.confirm_notice, action.notice_id, action.member_id, action.member_name,
            action.source, action.time,
        )  # fmt: skip

    async def status(self, action: RequestNoticeStatus, platform: str) -> None:
        """The roster, to whoever asked (its poster or an admin): privately with names, in
        the group with counts only."""
        lang, store = action.language, self._store.store
        if action.notice_id is None:
            notice = await self._store.call(store.latest_notice, action.group_id)
        else:
            notice = await self._store.call(store.notice, action.notice_id)
        if notice is None or notice.group_id != action.group_id:
            key, number = (
                ("notice.none", 0)
                if action.notice_id is None
                else ("notice.unknown", action.notice_id)
            )
            reply = text(key, lang, number=number)
        elif action.asked_by != notice.poster_id and not action.asker_is_admin:
            reply = text("notice.not_yours", lang)
        else:
            reply = await self.roster_text(notice, lang, names=bool(action.to_member))
        post = Post(action.group_id, reply, reason="command", to_member=action.to_member)
        await self._send(post, platform)

    async def roster_text(self, notice: NoticeRecord, lang: str, *, names: bool) -> str:
        await self.poll_reads(notice)
        confirmed = await self._store.call(self._store.store.confirmations, notice.id)
        group = await self._settings_of(notice.group_id)
        roster = self.roster(notice)
        return notices.roster_text(notice, confirmed, roster, group.zone, lang, names=names)

    def roster(self, notice: NoticeRecord) -> Roster | None:
        """Who is in the notice's group, per its adapter (the bot itself left out)."""
        adapter = self._adapters.get(notice.platform)
        roster = adapter.roster(notice.group_id) if adapter is not None else None
        if roster is None:
            return None
        bot = str(getattr(adapter, "bot_id", "") or "")
        return {m: name for m, name in roster.items() if m != bot}

    async def poll_reads(self, notice: NoticeRecord) -> int:
        """Count the platform's "read" as confirmations; how many new."""
        adapter = self._adapters.get(notice.platform)
        if adapter is None or not notice.ref:
            return 0
        try:
            readers = await adapter.read_by(notice.group_id, notice.ref)
        except Exception as exc:  # the platform's read status is a bonus: never fatal
            log.warning("notices: read status of #%d failed: %s", notice.id, exc)
            return 0
        if not readers:
            return 0
        names, now, new = self.roster(notice) or {}, self._clock(), 0
        for member in sorted(readers):
            if member == notice.poster_id:
                continue
            action = ConfirmNotice(notice.id, member, names.get(member, ""), "read", now)
            new += await self.confirm(action)
        return new

    async def confirm_private(self, msg: Message) -> bool:
        """A private "1" / "收到" / a notice's number: confirm the notice it means, among the
        open notices of the sender's groups, and answer privately. False when it is no
        confirmation at all (the runtime ignores it)."""
        if not notices.is_private_confirmation(msg.text):
            return False
        store, now = self._store.store, self._clock()
        recent = await self._store.call(store.recent_notices, msg.platform, now - notices.OPEN_FOR)
        mine = [n for n in recent if self._on_roster(n, msg.sender_id)]
        done = await self._store.call(store.confirmed_by, msg.sender_id, [n.id for n in mine])
        chosen = notices.private_choice(msg.text, mine, done)
        lang = (await self._settings_of(chosen.group_id)).language if chosen else "zh-CN"
        if chosen is None:
            reply = text("notice.nothing", lang)
        else:
            name = msg.sender_name or (self.roster(chosen) or {}).get(msg.sender_id, "")
            action = ConfirmNotice(chosen.id, msg.sender_id, name, "private", msg.time)
            new = await self.confirm(action)
            reply = text(
                "notice.confirmed" if new else "notice.confirmed_before", lang, number=chosen.id
            )
        gid = chosen.group_id if chosen else ""
        await self._send(Post(gid, reply, reason="command", to_member=msg.sender_id), msg.platform)
        return True

    def _on_roster(self, notice: NoticeRecord, member: str) -> bool:
        """May `member` confirm this notice? On its group's roster; when the platform gives
        no roster, any notice of the platform (the member's own word)."""
        roster = self.roster(notice)
        return roster is None or member in roster

    async def confirm_button(self, group_id: str, notice_id: int, member: str) -> NoticeRecord:
        """The playground's confirm button. Raises `UnknownNotice`, `NotOnRoster`."""
        notice = await self._store.call(self._store.store.notice, notice_id)
        if notice is None or notice.group_id != group_id:
            raise UnknownNotice(f"no notice #{notice_id} in this group")
        if not self._on_roster(notice, member) or member == notice.poster_id:
            raise NotOnRoster(f"{member} is not asked to confirm notice #{notice_id}")
        await self.confirm(ConfirmNotice(notice_id, member, member, "button", self._clock()))
        return notice

    async def in_group(
        self, msg: Message, step: Step, group: GroupSettings, actions: list[Action]
    ) -> list[Action]:
        """A group message after the group's newest notice (`handlers.notices.in_group`)."""
        pile_up = any(i.kind == "stack" and i.opened for i in step.incidents)
        if step.classification.label != "ack" and not pile_up:
            return actions
        notice = await self.latest(msg.group_id)
        return notices.in_group(msg, step, notice, group, actions)

    def knows(self, group_id: str) -> bool:
        """Whether the group's newest notice is kept (else `latest` reads it)."""
        return self._latest.get(group_id) is not None

    def keep(self, group_id: str, latest: NoticeRecord | None) -> None:
        """Keep the group's newest notice as read with the rest of the group
        (`bot.group_memory.read_group`)."""
        self._latest.put(group_id, (latest,))

    async def latest(self, group_id: str) -> NoticeRecord | None:
        """The group's newest notice (read once, then kept until the next one is posted)."""
        kept = self._latest.get(group_id)
        if kept is None:
            kept = (await self._store.call(self._store.store.latest_notice, group_id),)
            self._latest.put(group_id, kept)
        return kept[0]

    async def nudge_due(self) -> int:
        """Nudge, privately, whoever has not confirmed a notice now due; tell its poster.
        Returns how many were nudged."""
        store, now = self._store.store, self._clock()
        due = await self._store.call(store.due_notices, now)
        nudged = 0
        for notice in due:
            if notice.platform not in self._adapters:
                continue  # its platform is not running here: it waits for one that is
            nudged += await self._nudge(notice)
            await self._store.call(store.mark_nudged, notice.id, self._clock())
        return nudged

    async def _nudge(self, notice: NoticeRecord) -> int:
        await self.poll_reads(notice)
        store = self._store.store
        confirmed = await self._store.call(store.confirmations, notice.id)
        group, roster = await self._settings_of(notice.group_id), self.roster(notice)
        lang, platform = group.language, notice.platform
        pending = notices.not_confirmed(notice, roster, confirmed) if roster else []
        nudged = 0
        if self._private(platform):
            nudge = notices.nudge_text(notice, group.zone, lang)
            for member in pending:
                if await self._store.call(store.record_nudge, notice.id, member, self._clock()):
                    post = Post(notice.group_id, nudge, reason="nudge", to_member=member)
                    nudged += await self._send(post, platform)
        total = len(confirmed) + len(pending) if roster is not None else None
        if notice.poster_id and self._private(platform):
            told = notices.nudged_text(notice, len(confirmed), nudged, total, lang)
            post = Post(notice.group_id, told, reason="command", to_member=notice.poster_id)
            await self._send(post, platform)
        log.info(
            "notices: #%d due, %d nudged privately",
            notice.id,
            nudged,
            extra={"group_id": notice.group_id},
        )
        return nudged

    def _private(self, platform: str) -> bool:
        """May the bot try to reach a member privately here? Where it answers members
        privately, and where the adapter has its own `send_notice` (a platform with notices
        of its own: DingTalk nudges through its robot API; a member it cannot reach fails
        that one send, logged)."""
        adapter = self._adapters.get(platform)
        if adapter is None:
            return False
        return adapter.private_replies or type(adapter).send_notice is not Adapter.send_notice

    async def page(self, group_id: str, limit: int = 20) -> list[dict[str, object]]:
        """The group's newest notices as the playground page shows them (newest first)."""
        found = await self._store.call(self._store.store.group_notices, group_id, limit)
        out = []
        for notice in found:
            confirmed = await self._store.call(self._store.store.confirmations, notice.id)
            roster = self.roster(notice) or {}
            out.append(notice_json(notice, confirmed, roster))
        return out


def notice_json(
    notice: NoticeRecord, confirmed: list[notices.Confirmation], roster: Roster
) -> dict[str, object]:
    pending = notices.not_confirmed(notice, roster, confirmed)
    return {
        "id": notice.id,
        "ref": notice.ref,
        "text": notice.text,
        "poster": notice.poster_name,
        "posted_at": notice.posted_at.isoformat(),
        "due": notice.due.isoformat() if notice.due else None,
        "confirmed": [
            {"member": c.member_name or c.member_id, "source": c.source, "time": c.time.isoformat()}
            for c in confirmed
        ],
        "pending": [roster.get(m) or m for m in pending],
    }

"""What the runtime keeps per group so a group's further messages read nothing but their own
rows: its effective settings, the bot's reminder history for the local day, when "group seen"
and its member count were last written. Read from the store only when missing; dropped per
group when it leaves memory (`drop`, the runtime's idle eviction).

- settings: the config's with the admins' saved changes (`bot.groups.effective_settings`),
  replaced when a `SaveGroupSettings` saves new ones (`saved`); settings saved by another
  process are seen once the group left memory or after a restart;
- reminder history: read once per local day, and again after the bot posted there
  (`posted`) or a retention purge (`purged`);
- the incidents reminded about (`reminded`): read with the group's first newly opened incident,
  and again after the bot posted there or a purge — so an incident the detector opens again
  (a 接龙 seen after its state was lost) is told from a new one without a store read each;
- "group seen": written when the group is new to memory, renamed, or `TOUCH_EVERY` after the
  last write (so `last_seen` may lag by that much);
- member count: at most once per `GROUP_SIZE_EVERY`, when the adapter knows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.adapters.base import Adapter
from bot.groups import effective_settings
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from handlers.context import PostHistory
from handlers.group_settings import GroupSettings
from handlers.notices import NoticeRecord

# How far back the incidents reminded about are kept: an id the detector opens again is a
# 接龙's (its title and ISO week: seen again within that week) or a message's (delivered
# again, within hours); two weeks and a day cover both.
REMINDED_LOOKBACK = timedelta(days=15)
GROUP_SIZE_EVERY = timedelta(hours=1)  # record a group's member count at most this often
TOUCH_EVERY = timedelta(minutes=5)  # rewrite a group's `last_seen` at most this often


@dataclass(frozen=True, slots=True)
class Needed:
    """What a group's message needs read that memory does not hold (`GroupMemory.needed`)."""

    state: bool  # its detector state (the detector holds none for the group)
    notice: bool  # its newest notice
    settings: bool
    history: bool
    touch: bool  # "group seen" is to be written
    members: int | None = None  # the member count to record (the adapter knows it), if due
    reminded: bool = False  # its incidents reminded about (kept on SQLite only)


@dataclass(frozen=True, slots=True)
class GroupRead:
    """A group new to memory, read in one call on the store's thread (`read_group`)."""

    settings: GroupSettings | None
    history: PostHistory | None
    state: dict[str, Any] | None
    notice: tuple[NoticeRecord | None] | None  # None: not read
    reminded: frozenset[str] | None = None  # None: not read


def read_group(
    config: Settings,
    store: Store,
    gid: str,
    platform: str,
    name: str,
    now: datetime,
    needed: Needed,
    group: GroupSettings | None,
) -> GroupRead:
    """Everything a group's first message in memory needs, in one store call (one wake-up of
    the store's thread instead of one per piece: settings, reminder history, detector state,
    newest notice, the incidents reminded about), writing "group seen" too. `group`: the
    settings kept, if any."""
    if needed.settings or group is None:
        group = effective_settings(config, store, gid)
    history = store.post_history(gid, now, group.timezone) if needed.history else None
    state = store.detector_state(gid) if needed.state else None
    notice = (store.latest_notice(gid),) if needed.notice else None
    if needed.touch:
        store.touch_group(gid, platform, name, now)
    if needed.members is not None:
        store.set_group_size(gid, needed.members, now)
    reminded = store.reminded_incidents(gid, now - REMINDED_LOOKBACK) if needed.reminded else None
    return GroupRead(group if needed.settings else None, history, state, notice, reminded)


class GroupMemory:
    """Per group: settings, reminder history, "seen" and member-count stamps."""

    def __init__(
        self, settings: Settings, store: StoreThread[Store], adapters: Mapping[str, Adapter]
    ) -> None:
        self._config = settings
        self._store = store
        self._adapters = adapters
        self._settings: dict[str, GroupSettings] = {}  # effective settings, as last read or saved
        self._posts: dict[str, tuple[tuple[str, date], PostHistory]] = {}  # (tz, local day)
        self._touched: dict[str, tuple[str, datetime]] = {}  # name and time last written
        self._sized: dict[str, datetime] = {}  # when each group's member count was recorded
        self._reminded: dict[str, frozenset[str]] = {}  # incidents reminded about, as last read

    def groups(self) -> set[str]:
        """Groups something is kept for."""
        kept = set(self._settings) | set(self._posts) | set(self._touched) | set(self._sized)
        return kept | set(self._reminded)

    def drop(self, gid: str) -> None:
        """The group leaves memory: everything kept for it goes."""
        for kept in (self._settings, self._posts, self._touched, self._sized, self._reminded):
            kept.pop(gid, None)

    def needed(
        self, gid: str, platform: str, name: str, now: datetime, state: bool, notice: bool
    ) -> Needed:
        """What of the group is missing from memory (`state`, `notice`: the detector's state
        and the newest notice are missing where they are kept). The incidents reminded about
        are kept on SQLite only (on PostgreSQL other workers remind: looked up each time)."""
        group = self._settings.get(gid)
        kept = self._posts.get(gid)
        history = group is None or kept is None or kept[0] != _day(group.timezone, now)
        touch = not self._touched_recently(gid, name, now)
        members = self._size_due(gid, platform, now)
        reminded = gid not in self._reminded and not self._store.store.postgres
        return Needed(state, notice, group is None, history, touch, members, reminded)

    def keep(
        self, gid: str, read: GroupRead, name: str, now: datetime, members: int | None
    ) -> None:
        """Keep what `read_group` read (and note "group seen" written, when it was)."""
        if read.settings is not None:
            self._settings[gid] = read.settings
        group = self._settings.get(gid)
        if read.history is not None and group is not None:
            self._posts[gid] = (_day(group.timezone, now), read.history)
        if not self._touched_recently(gid, name, now):
            self._wrote_touch(gid, name, now)
        if members is not None:
            self._sized[gid] = now
        if read.reminded is not None:
            self._reminded[gid] = read.reminded

    def kept_settings(self, gid: str) -> GroupSettings | None:
        return self._settings.get(gid)

    async def settings(self, gid: str) -> GroupSettings:
        """The group's effective settings (read from the store once, then kept)."""
        group = self._settings.get(gid)
        if group is None:
            store = self._store.store
            group = await self._store.call(effective_settings, self._config, store, gid)
            self._settings[gid] = group
        return group

    def saving(self, gid: str) -> None:
        """New settings are being saved: what is kept is stale until `saved`."""
        self._settings.pop(gid, None)

    def saved(self, gid: str, group: GroupSettings) -> None:
        self._settings[gid] = group

    async def post_history(self, gid: str, now: datetime, tz: str) -> PostHistory:
        """The bot's reminders in the group (last, today's count)."""
        key = _day(tz, now)
        kept = self._posts.get(gid)
        if kept is not None and kept[0] == key:
            return kept[1]
        history = await self._store.call(self._store.store.post_history, gid, now, tz)
        self._posts[gid] = (key, history)
        return history

    def posted(
        self, gid: str, reason: str, sent: bool, when: datetime, incident_id: str = ""
    ) -> None:
        """The bot posted, or tried to post, in the group. A reminder that went out is counted
        in the history kept (its last reminder `when`, one more today): nothing is read
        again. One that did not go out has the history read again (the store may have held
        it back for reminders this memory did not count: another process's); posts of any
        other reason are no reminders and change nothing. A reminder that went out adds its
        incident to the group's reminded incidents kept; after one that did not they are
        read again (its row may have been written elsewhere)."""
        if reason != "reminder":
            return
        reminded = self._reminded.get(gid)
        if sent and incident_id and reminded is not None:
            self._reminded[gid] = reminded | {incident_id}
        else:
            self._reminded.pop(gid, None)
        kept, group = self._posts.get(gid), self._settings.get(gid)
        if not sent or kept is None or group is None or kept[0] != _day(group.timezone, when):
            self._posts.pop(gid, None)
            return
        history = kept[1]
        last = when if history.last_reminder is None else max(history.last_reminder, when)
        self._posts[gid] = (kept[0], PostHistory(last, history.reminders_today + 1))

    def purged(self) -> None:
        """Old reminders may be gone: every history is read again."""
        self._posts.clear()
        self._reminded.clear()

    def reread(self) -> None:
        """Another process may have changed them (a shared database): every group's settings
        and history are read again."""
        self._settings.clear()
        self._posts.clear()
        self._reminded.clear()

    async def reminded(self, gid: str, now: datetime) -> frozenset[str]:
        """The ids of the group's incidents reminded about within `REMINDED_LOOKBACK`
        (`Store.reminded_incidents`): read once, then kept until the bot posts there."""
        kept = self._reminded.get(gid)
        if kept is None:
            since = now - REMINDED_LOOKBACK
            kept = await self._store.call(self._store.store.reminded_incidents, gid, since)
            self._reminded[gid] = kept
        return kept

    async def touch(self, gid: str, platform: str, name: str, now: datetime) -> None:
        """Note the group seen, when new to memory, renamed, or `TOUCH_EVERY` after the last
        write."""
        if self._touched_recently(gid, name, now):
            return
        await self._store.call(self._store.store.touch_group, gid, platform, name, now)
        self._wrote_touch(gid, name, now)

    def _touched_recently(self, gid: str, name: str, now: datetime) -> bool:
        """ "Group seen" was written less than `TOUCH_EVERY` ago, under this name."""
        touched = self._touched.get(gid)
        if touched is None or (name and name != touched[0]):
            return False
        return timedelta(0) <= now - touched[1] < TOUCH_EVERY

    def _wrote_touch(self, gid: str, name: str, now: datetime) -> None:
        touched = self._touched.get(gid)
        self._touched[gid] = (name or (touched[0] if touched else ""), now)

    async def record_size(self, gid: str, platform: str, now: datetime) -> None:
        """Store the group's member count (the digest's notifications use it) when its
        adapter knows it (`Adapter.group_size`), at most once per `GROUP_SIZE_EVERY`."""
        members = self._size_due(gid, platform, now)
        if members is None:
            return
        await self._store.call(self._store.store.set_group_size, gid, members, now)
        self._sized[gid] = now

    def _size_due(self, gid: str, platform: str, now: datetime) -> int | None:
        """The group's member count to record, when due and its adapter knows it."""
        recorded = self._sized.get(gid)
        if recorded is not None and now - recorded < GROUP_SIZE_EVERY:
            return None
        adapter = self._adapters.get(platform)
        return adapter.group_size(gid) if adapter is not None else None


def _day(tz: str, now: datetime) -> tuple[str, date]:
    """The key a reminder history is kept under: its time zone and local day."""
    return tz, now.astimezone(ZoneInfo(tz)).date()

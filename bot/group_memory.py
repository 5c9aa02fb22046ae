"""What the runtime keeps per group so a group's further messages read nothing but their own
rows: its effective settings, the bot's reminder history for the local day, when "group seen"
and its member count were last written. Read from the store only when missing; dropped per
group when it leaves memory (`drop`, the runtime's idle eviction).

- settings: the config's with the admins' saved changes (`bot.groups.effective_settings`),
  replaced when a `SaveGroupSettings` saves new ones (`saved`); settings saved by another
  process are seen once the group left memory or after a restart;
- reminder history: read once per local day, and again after the bot posted there
  (`posted`) or a retention purge (`purged`);
- "group seen": written when the group is new to memory, renamed, or `TOUCH_EVERY` after the
  last write (so `last_seen` may lag by that much);
- member count: at most once per `GROUP_SIZE_EVERY`, when the adapter knows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.adapters.base import Adapter
from bot.groups import effective_settings
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from handlers.context import PostHistory
from handlers.group_settings import GroupSettings

GROUP_SIZE_EVERY = timedelta(hours=1)  # record a group's member count at most this often
TOUCH_EVERY = timedelta(minutes=5)  # rewrite a group's `last_seen` at most this often


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

    def groups(self) -> set[str]:
        """Groups something is kept for."""
        return set(self._settings) | set(self._posts) | set(self._touched) | set(self._sized)

    def drop(self, gid: str) -> None:
        """The group leaves memory: everything kept for it goes."""
        for kept in (self._settings, self._posts, self._touched, self._sized):
            kept.pop(gid, None)

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
        key = (tz, now.astimezone(ZoneInfo(tz)).date())
        kept = self._posts.get(gid)
        if kept is not None and kept[0] == key:
            return kept[1]
        history = await self._store.call(self._store.store.post_history, gid, now, tz)
        self._posts[gid] = (key, history)
        return history

    def posted(self, gid: str) -> None:
        """The bot posted in the group: its history is read again."""
        self._posts.pop(gid, None)

    def purged(self) -> None:
        """Old reminders may be gone: every history is read again."""
        self._posts.clear()

    def reread(self) -> None:
        """Another process may have changed them (a shared database): every group's settings
        and history are read again."""
        self._settings.clear()
        self._posts.clear()

    async def touch(self, gid: str, platform: str, name: str, now: datetime) -> None:
        """Note the group seen, when new to memory, renamed, or `TOUCH_EVERY` after the last
        write."""
        touched = self._touched.get(gid)
        same_name = touched is not None and (not name or name == touched[0])
        if same_name and touched is not None and timedelta(0) <= now - touched[1] < TOUCH_EVERY:
            return
        await self._store.call(self._store.store.touch_group, gid, platform, name, now)
        self._touched[gid] = (name or (touched[0] if touched else ""), now)

    async def record_size(self, gid: str, platform: str, now: datetime) -> None:
        """Store the group's member count (the digest's notifications use it) when its
        adapter knows it (`Adapter.group_size`), at most once per `GROUP_SIZE_EVERY`."""
        recorded = self._sized.get(gid)
        if recorded is not None and now - recorded < GROUP_SIZE_EVERY:
            return
        adapter = self._adapters.get(platform)
        members = adapter.group_size(gid) if adapter is not None else None
        if members is None:
            return
        await self._store.call(self._store.store.set_group_size, gid, members, now)
        self._sized[gid] = now

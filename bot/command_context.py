"""What a command on a group may need, read from the store and the adapters before it runs
(`handlers.context.CommandContext`: handlers never do I/O)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from bot.adapters.base import Adapter
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from handlers import commands
from handlers.context import CommandContext
from handlers.group_settings import GroupSettings


async def read(
    store_thread: StoreThread[Store],
    settings: Settings,
    adapters: Mapping[str, Adapter],
    gid: str,
    platform: str,
    group: GroupSettings,
    now: datetime,
) -> CommandContext:
    """Everything a command on group `gid` may need, fetched from the store before it runs."""
    store = store_thread.store
    monday, week_end = group.week_of(now)  # the whole local week, not "until now"
    counts = await store_thread.call(store.incident_counts, gid, monday, week_end)
    recent = await store_thread.call(store.incidents, gid, commands.INCIDENTS_MAX)
    held = await store_thread.call(store.held_counts, gid, monday, week_end)
    posts = await store_thread.call(store.post_history, gid, now, group.timezone)
    adapter = adapters.get(platform)
    return CommandContext(
        group_id=gid,
        settings=group,
        defaults=settings.group_settings(gid),
        admins=frozenset(settings.admins),
        week_counts={str(kind): n for kind, n in counts.items()},
        recent_incidents=tuple(recent),
        adapters={name: a.status().connected for name, a in adapters.items()},
        bot_id=str(getattr(adapter, "bot_id", "") or ""),
        private_replies=adapter is not None and adapter.private_replies,
        members=adapter.members(gid) if adapter is not None else None,
        members_complete=adapter is not None and adapter.members_complete,
        now=now,
        posts=posts,
        week_held=held,
        notices=adapter.notices(gid) if adapter is not None else (),
    )

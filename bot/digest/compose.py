"""Read a group's week from the store and hand it to `handlers.digest` (blocking: call these
on the store's thread, or from the CLI).

Used by the scheduler (weekly post), the runtime (`/jianfu digest`), the playground's digest
routes and `jianfu digest`. The week is read in the group's time zone; the group's settings are
the config's (`base`) with the admins' saved changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.digest.chart import weekly_bars
from bot.groups import effective_settings
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from handlers.actions import Post, RequestDigest
from handlers.commands import usage
from handlers.digest import BadWeek, Digest, IsoWeek, WeekFacts, render, resolve_week, summarize
from handlers.group_settings import GroupSettings
from handlers.texts import text
from policies.events import IncidentKind

CHART_WEEKS = 8  # weeks the chart shows, ending with the digest's week
MARKDOWN_PLATFORMS = frozenset({"dingtalk", "feishu"})  # platforms that render markdown


@dataclass(frozen=True, slots=True)
class DigestMessage:
    """A rendered digest, ready to post."""

    group_id: str
    week: IsoWeek
    digest: Digest
    text: str  # plain text (WeChat, playground)
    markdown: str  # markdown (DingTalk, Feishu)

    def for_platform(self, platform: str) -> tuple[str, bool]:
        """(text, is_markdown) for posting on `platform`."""
        if platform in MARKDOWN_PLATFORMS:
            return self.markdown, True
        return self.text, False


def week_facts(store: Store, group_id: str, week: IsoWeek, group: GroupSettings) -> WeekFacts:
    """Everything the digest needs about `group_id`'s `week`, from the store."""
    zone = group.zone
    since, until = week.bounds(zone)
    before, _ = week.shifted(-1).bounds(zone)
    return WeekFacts(
        group_id=group_id,
        week=week,
        timezone=group.timezone,
        incidents=tuple(store.incidents_between(group_id, since, until)),
        previous=store.incident_counts(group_id, before, since),
        reminders=store.post_count(group_id, since, until, "reminder"),
        group_size=store.group_size(group_id),
        group_name=group_name(store, group_id),
        notices=store.notice_counts(group_id, since, until),
    )


def group_name(store: Store, group_id: str) -> str:
    """The group's title when the store knows one, else its id."""
    for record in store.groups():
        if record.id == group_id and record.name:
            return record.name
    return group_id


def compose(
    store: Store,
    group_id: str,
    week: IsoWeek,
    group: GroupSettings,
    lang: str | None = None,
    asked: str = "",
) -> DigestMessage:
    """The group's digest for `week`, rendered both ways in `lang` (default: the group's);
    `asked` is how the week was asked for: "last", "this" or "" (a week named YYYY-Www)."""
    digest = summarize(week_facts(store, group_id, week, group), names=group.digest_names)
    language = lang or group.language
    asked = asked.strip().lower() if asked.strip().lower() in ("last", "this") else ""
    return DigestMessage(
        group_id=group_id,
        week=week,
        digest=digest,
        text=render(digest, language, overrides=group.texts, asked=asked),
        markdown=render(digest, language, markdown=True, overrides=group.texts, asked=asked),
    )


def history(
    store: Store, group_id: str, last: IsoWeek, group: GroupSettings, weeks: int = CHART_WEEKS
) -> list[tuple[IsoWeek, dict[IncidentKind, int]]]:
    """Incidents by kind for the `weeks` weeks ending with `last`, oldest first (the chart)."""
    out = []
    for back in range(weeks - 1, -1, -1):
        week = last.shifted(-back)
        since, until = week.bounds(group.zone)
        out.append((week, store.incident_counts(group_id, since, until)))
    return out


def chart_png(store: Store, group_id: str, last: IsoWeek, group: GroupSettings) -> bytes:
    """The bar chart of the `CHART_WEEKS` weeks ending with `last`, as PNG bytes."""
    weeks = history(store, group_id, last, group)
    return weekly_bars([(f"W{week.week:02d}", counts) for week, counts in weeks])


def requested(
    store: Store, action: RequestDigest, base: GroupSettings, platform: str, now: datetime
) -> Post:
    """The reply to `/jianfu digest [last|this|YYYY-Www]`: the digest as a post (reason
    "digest"), or the usage line for a week that does not exist (2025-W53)."""
    group = store.group_settings(action.group_id, base)
    lang = action.language or group.language
    try:
        week = resolve_week(action.week, now, group.zone)
    except BadWeek:
        problem = text("problem.week", lang)
        reply = text("cmd.bad_argument", lang, problem=problem, usage=usage("digest", lang))
        return Post(group_id=action.group_id, text=reply, reason="command")
    message = compose(store, action.group_id, week, group, lang, action.week)
    body, markdown = message.for_platform(platform)
    return Post(group_id=action.group_id, text=body, markdown=markdown, reason="digest")


class StoreDigests:
    """Digests and charts on request, read on the store's thread (the playground's routes)."""

    def __init__(
        self, store: StoreThread[Store], settings: Settings, clock: Callable[[], datetime]
    ) -> None:
        self._store = store
        self._settings = settings
        self._clock = clock

    async def digest(self, group_id: str, spec: str, lang: str | None = None) -> DigestMessage:
        """The group's digest for "last" | "this" | "YYYY-Www". Raises `BadWeek`."""
        return await self._store.call(self._compose, group_id, spec, lang)

    async def chart(self, group_id: str, spec: str) -> bytes:
        """PNG of the 8 weeks ending with that week, by kind. Raises `BadWeek`."""
        return await self._store.call(self._chart, group_id, spec)

    def _group(self, group_id: str, spec: str) -> tuple[GroupSettings, IsoWeek]:
        group = effective_settings(self._settings, self._store.store, group_id)
        return group, resolve_week(spec, self._clock(), group.zone)

    def _compose(self, group_id: str, spec: str, lang: str | None) -> DigestMessage:
        group, week = self._group(group_id, spec)
        return compose(self._store.store, group_id, week, group, lang, spec)

    def _chart(self, group_id: str, spec: str) -> bytes:
        group, week = self._group(group_id, spec)
        return chart_png(self._store.store, group_id, week, group)

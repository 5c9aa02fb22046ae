"""The weekly digest schedule: each group gets last week's digest once, at its own time.

When: every group's `digest_day` at `digest_time` in its `timezone` (default Monday 09:00
Asia/Shanghai), it gets the digest of the ISO week before (Monday–Sunday, local). Nothing about
the schedule lives in memory: every pass (`run_once`, once a minute) recomputes what is due
from the settings and the `digests` table, so the schedule survives restarts, and a digest
missed while the bot was down goes out on its first pass after the scheduled time — as long
as it is still the same ISO week; a week that has ended is not sent late.

Once, even with two bot processes on one database: before sending, a pass claims
(group, week) with an INSERT into `digests`, whose UNIQUE (group_id, week) lets exactly one
transaction win (`Store.claim_digest`). The claim row is the sent record; it is written
before the post, and the post happens only after the claim committed.

If the post fails, the row is marked failed with the reason and the claim is released for a
retry: after `RETRY_AFTER`, at most `MAX_ATTEMPTS` tries, within the same week (again one
winner among processes). A process killed after its post began (its `bot_posts`
intent is written first) leaves the row "claimed" and that digest is not sent again — at most
once beats twice. One killed between the claim and the post (composing it) never began it:
after `STALE_CLAIM` another process (or this one restarted) claims it again and sends it. A failure the adapter could not tell
from a success (a timeout after the platform accepted the post) is the one case a retry could
duplicate; `MAX_ATTEMPTS = 1` turns retries off.

Quiet hours, pause and observe mode defer: the pass does not claim, and the next pass after
the quiet hours end (or after `resume`) sends it, within the same week — except that quiet
hours running over the week's end (digest Sunday 23:00, quiet 22:00-07:00) hold it into the
next ISO week: it is still that week's digest and goes out when they end (`deadline`: up to
`HELD_GRACE` after). A bot that is down past that skips it, like any week that ended while
it was down.
Groups are those the store has seen on a platform with a running adapter, first seen before
the end of the reported week.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from bot.clock import Clock
from bot.digest.compose import compose
from bot.groups import effective_settings
from bot.settings import Settings
from bot.shared_db import process_name
from bot.store import Store
from bot.store.thread import StoreThread
from handlers.actions import Post
from handlers.context import GroupRecord
from handlers.digest import IsoWeek
from handlers.group_settings import DAYS, GroupSettings, parse_span

log = logging.getLogger(__name__)

TICK = 60.0  # seconds between passes
RETRY_AFTER = timedelta(minutes=15)  # wait after a failed post before trying again
MAX_ATTEMPTS = 3  # posts tried per (group, week)
STALE_CLAIM = timedelta(minutes=10)  # a claim whose post never began: its claimer died
HELD_GRACE = timedelta(hours=1)  # a digest held over the week's end may go out this long after

Deliver = Callable[[Post, str], Awaitable[bool]]  # (post, platform) -> posted; Runtime.post


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one pass did for one group (for logs and tests)."""

    group_id: str
    week: str  # the reported week, "2025-W06"
    result: str  # sent | failed | deferred:<reason> | taken (claimed elsewhere or done)


def scheduled_at(posting: IsoWeek, group: GroupSettings) -> datetime:
    """The moment in `posting` week when the digest of the week before is due (local)."""
    day = posting.monday() + timedelta(days=DAYS.index(group.digest_day))
    hour, minute = (int(part) for part in group.digest_time.split(":"))
    return datetime.combine(day, time(hour, minute), group.zone)


def due_week(now: datetime, group: GroupSettings) -> IsoWeek | None:
    """The week whose digest is due at `now`: last week, once this week's time has come;
    or the week before, while its digest may still be held over by quiet hours."""
    posting = IsoWeek.containing(now, group.zone)
    if now >= scheduled_at(posting, group):
        return posting.shifted(-1)
    previous = posting.shifted(-1)
    if now < deadline(previous, group):
        return previous.shifted(-1)
    return None


def deadline(posting: IsoWeek, group: GroupSettings) -> datetime:
    """Until when the digest due in `posting` week may go out: the end of that week, or,
    when it fell due inside quiet hours that run over the week's end (Sunday 23:00 in
    22:00-07:00), `HELD_GRACE` after they end — the digest they held goes out then."""
    week_end = posting.bounds(group.zone)[1]
    if not group.quiet_hours:
        return week_end
    start, end = parse_span(group.quiet_hours)
    quiet_from = datetime.combine(week_end.date() - timedelta(days=1), start, group.zone)
    if start < end or scheduled_at(posting, group) < quiet_from:
        return week_end  # not quiet at the week's end, or due (and sendable) before it was
    return datetime.combine(week_end.date(), end, group.zone) + HELD_GRACE


def hold(now: datetime, group: GroupSettings) -> str | None:
    """Why the digest must wait now (paused, observe, quiet hours), or None."""
    if group.paused:
        return "paused"
    if group.observe:
        return "observe"
    if group.quiet_at(now):
        return "quiet_hours"
    return None


class DigestScheduler:
    """Posts each group's weekly digest once; `run_once` is one pass, `start` loops it."""

    def __init__(
        self,
        store: StoreThread[Store],
        settings: Settings,
        deliver: Deliver,
        clock: Clock,
        platforms: Callable[[], Collection[str]],
        *,
        tick: float = TICK,
        owner: str | None = None,
        stale_claim: timedelta = STALE_CLAIM,
    ) -> None:
        self._store = store
        self._settings = settings
        self._deliver = deliver
        self._clock = clock
        self._platforms = platforms
        self._tick = tick
        self._owner = owner or process_name()
        self._stale_claim = stale_claim
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    async def run_once(self) -> list[Outcome]:
        """One pass over every group: send what is due and not yet claimed."""
        now = self._clock()
        store = self._store.store
        platforms = set(self._platforms())
        outcomes = []
        for record in await self._store.call(store.groups):
            if record.platform not in platforms:
                continue
            try:
                outcome = await self._group_pass(record, now)
            except Exception:
                log.exception("digest: pass for group %s failed", record.id)
                continue
            if outcome is not None:
                outcomes.append(outcome)
        return outcomes

    async def _group_pass(self, record: GroupRecord, now: datetime) -> Outcome | None:
        store = self._store.store
        group = await self._store.call(effective_settings, self._settings, store, record.id)
        week = due_week(now, group)
        if week is None or record.first_seen >= week.bounds(group.zone)[1]:
            return None
        status = await self._store.call(store.digest_status, record.id, str(week))
        if status == "sent":
            return None
        reason = hold(now, group)
        if reason is not None:
            return Outcome(record.id, str(week), f"deferred:{reason}")
        claimed = await self._store.call(
            store.claim_digest,
            record.id,
            str(week),
            now,
            self._owner,
            RETRY_AFTER,
            MAX_ATTEMPTS,
            self._stale_claim,
        )
        if not claimed:  # another process won it, or a failed one is not due for a retry
            return None if status is not None else Outcome(record.id, str(week), "taken")
        return await self._send(record, week, group, now)

    async def _send(
        self, record: GroupRecord, week: IsoWeek, group: GroupSettings, now: datetime
    ) -> Outcome:
        store = self._store.store
        error = ""
        try:
            message = await self._store.call(compose, store, record.id, week, group)
            body, markdown = message.for_platform(record.platform)
            post = Post(group_id=record.id, text=body, markdown=markdown, reason="digest")
            sent = await self._deliver(post, record.platform)
            if not sent:
                error = f"{record.platform} did not take the post (see the log)"
        except Exception as exc:
            sent, error = False, f"{type(exc).__name__}: {exc}"
        await self._store.call(
            store.finish_digest, record.id, str(week), self._clock(), sent, error
        )
        if sent:
            log.info("digest: %s sent for %s", week, record.id)
            return Outcome(record.id, str(week), "sent")
        log.warning("digest: %s for %s failed: %s", week, record.id, error)
        return Outcome(record.id, str(week), "failed")

    # -- the loop --------------------------------------------------------------------------

    def start(self) -> None:
        """Begin a pass every `tick` seconds (the first at once)."""
        if self._task is None:
            self._stopping = asyncio.Event()
            self._task = asyncio.create_task(self._loop(), name="digest-scheduler")

    async def stop(self, grace: float = 30.0) -> None:
        """Stop after the pass in flight (so a claimed digest is not left unsent); cancel it
        only if it takes longer than `grace` seconds."""
        task, self._task = self._task, None
        if task is None:
            return
        self._stopping.set()
        try:
            await asyncio.wait_for(asyncio.shield(task), grace)
        except TimeoutError:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.run_once()
            except Exception:
                log.exception("digest: pass failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self._tick)

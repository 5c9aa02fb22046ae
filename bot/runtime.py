"""The runtime: every adapter delivers here, handlers decide, the runtime acts.

For one group message: note the group → an admin command? → `handlers.commands` with a
pre-fetched `CommandContext` (`bot.command_context`); otherwise the group's `Pipeline.feed`
(`bot.pipeline`, the same one `jianfu scan` uses) → `handlers.moderation.moderate`.
Then the actions are carried out in order: incidents are committed through the store before
any post, posts go back through the adapter the message came from and are logged.

A 1:1 chat with the bot (group id "") carries only admin commands for a named group
(`handlers.private`): they run as that group's command would, and every reply goes back
privately; any other private message is ignored.

Messages of one group are handled one at a time, in arrival order (a per-group lock), so the
detector, the store and the reminders' etiquette see the same sequence. A failing message is
logged and skipped; the listener never stops. All store calls run on the store's own thread.

Durability: a group message is marked handled with its detector state before the platform
is answered; `handle` returns False when the store could not record it (delivered again). A
redelivery, another worker on the database: `bot.handled`. Posting: `bot.posting`.

Memory. A group idle for `idle_after` leaves memory (its detector state is saved first); what
the runtime holds per group is bounded by the groups active within that time.

Per-message store work. What a message needs besides its own durable rows is kept in memory
per group, read from the store only when missing (`bot.group_memory`); its durable rows commit
with the other messages being handled at the same time, one transaction (`bot.commits`).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Awaitable, Callable, Mapping, Set
from dataclasses import replace
from datetime import datetime, timedelta

from bot.adapters.base import Adapter
from bot.clock import Clock
from bot.command_context import read
from bot.commits import GroupCommit
from bot.digest.compose import requested
from bot.group_memory import GroupMemory, read_group
from bot.groups import configured_options, effective_settings
from bot.handled import HandledBefore, HandledOnce
from bot.metrics import Metrics
from bot.notices import NoticeDesk
from bot.pipeline import Pipeline
from bot.post_limit import PostLimit
from bot.posting import Poster, held_note, storable
from bot.settings import Settings
from bot.states import DetectorStates
from bot.store import Store
from bot.store.pg import DatabaseError
from bot.store.thread import StoreClosed, StoreThread
from handlers import commands, private
from handlers.actions import (
    Action,
    AuditCommand,
    ConfirmNotice,
    ForgetMember,
    Post,
    PublishNotice,
    RecordIncident,
    RequestDigest,
    RequestNoticeStatus,
    SaveGroupSettings,
)
from handlers.context import CommandContext, PrivateContext
from handlers.group_settings import GroupSettings
from handlers.moderation import moderate, record_closed
from handlers.texts import text
from policies.detect import Detector, Step
from policies.events import Message

log = logging.getLogger(__name__)


CLOCK_SKEW = timedelta(minutes=2)  # how far the platforms' clocks may lag ours (see `expire`)
IDLE_AFTER = timedelta(hours=1)  # a group without messages this long leaves memory (`expire`)

# A store that could not record: the message is to be delivered again, not dropped.
STORE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, DatabaseError, StoreClosed)


class Runtime:
    """Wires one detector, the store and the adapters; `handle` is every adapter's sink."""

    def __init__(
        self,
        settings: Settings,
        store: StoreThread[Store],
        adapters: Mapping[str, Adapter],
        clock: Clock,
        detector: Detector | None = None,
        metrics: Metrics | None = None,
        idle_after: timedelta = IDLE_AFTER,
        post_limit: PostLimit | None = None,
    ) -> None:
        self.settings = settings
        self.pipeline = Pipeline(configured_options(settings), detector, clamp_late=True)
        self.metrics = metrics or Metrics()
        self.idle_after = idle_after
        self._store = store
        self._adapters = adapters
        self._clock = clock
        # per group, dropped together when the group goes idle (`_evict_idle`):
        self._locks: dict[str, asyncio.Lock] = {}
        self._active: dict[str, datetime] = {}  # when each group last had a message (our clock)
        self._groups = GroupMemory(settings, store, adapters)  # settings, history, stamps
        commits = GroupCommit(store, self.metrics)
        self._states = DetectorStates(store, self.pipeline, clock, commits)
        handled = store, clock, self.pipeline, self._states, self.group_settings, self._recorded
        self._handled = HandledOnce(*handled)  # once, across restarts and workers
        limit = post_limit or PostLimit()  # every post, per group / private chat
        self._poster = Poster(store, adapters, clock, self.metrics, limit, self.group_settings)
        deliver, settings_of = self._poster.deliver, self.group_settings
        self.notices = NoticeDesk(store, adapters, clock, self.post, deliver, settings_of)

    @property
    def groups_in_memory(self) -> int:
        """Groups the runtime or its detector holds state for (memory accounting)."""
        held = self._held()
        return max(len(held), self.pipeline.detector.groups_tracked)

    def _held(self) -> set[str]:
        return set(self._locks) | self.pipeline.groups() | set(self._active) | self._groups.groups()

    async def handle(self, msg: Message) -> bool:
        """Handle one message from an adapter. True once it is handled (or failed for a reason
        a retry would not cure: logged); False when the store could not record it — the
        adapter should have the platform deliver it again. Never raises."""
        msg = storable(msg)
        started = time.perf_counter()
        context = {"group_id": msg.group_id, "platform": msg.platform}
        self.metrics.messages.labels(msg.platform or "unknown").inc()
        try:
            if msg.is_direct:
                await self.handle_private(msg)
                return True
            async with self._lock(msg.group_id):
                await self._warm(msg)
                await self._handled.handle(msg, self.decide, self.carry_out)
            return True
        except HandledBefore:
            log.info("runtime: message %s was handled before; skipped", msg.id, extra=context)
            return True
        except STORE_ERRORS as exc:
            self.metrics.store_errors.inc()
            log.warning(
                "runtime: message %s not recorded, to be delivered again: %s: %s",
                msg.id,
                type(exc).__name__,
                exc,
                extra=context,
            )
            return False
        except Exception:
            log.exception("runtime: message %s failed", msg.id, extra=context)
            return True
        finally:
            self.metrics.handling.observe(time.perf_counter() - started)

    def _lock(self, gid: str) -> asyncio.Lock:
        self._active[gid] = self._clock()
        return self._locks.setdefault(gid, asyncio.Lock())

    async def save_states(self) -> None:
        """Save every group's detector state held in memory (on shutdown)."""
        await self._states.apply_forgets(self._handled.shared)  # other workers' forgets
        await self._states.save(self._active)

    async def _warm(self, msg: Message) -> None:
        """A group new to memory (first message since start, or since it went idle): what
        its message needs — settings, reminder history, detector state, newest notice, the
        "group seen" write — in one store call, not one each (`bot.group_memory.read_group`).
        A group already in memory reads nothing here. A failed read raises as any store call
        would: the message is delivered again."""
        gid, now = msg.group_id, self._clock()
        if self._store.store.postgres:
            await self._reread_shared(now)  # what is kept may be stale: read again
        state, kept = self._states.missing(gid), self._groups.kept_settings(gid)
        if not state and kept is not None:
            return  # in memory: the usual case, nothing more worked out per message
        notice = not self.notices.knows(gid)
        needed = self._groups.needed(gid, msg.platform, msg.group_name, now, state, notice)
        read = await self._store.call(
            read_group, self.settings, self._store.store, gid, msg.platform, msg.group_name,
            now, needed, kept,
        )  # fmt: skip
        self._groups.keep(gid, read, msg.group_name, now, needed.members)
        if read.settings is not None:
            self.pipeline.use(gid, read.settings.detector_options())
        self._states.restore(gid, read.state, read=needed.state)
        if read.notice is not None:
            self.notices.keep(gid, read.notice[0])

    async def decide(self, msg: Message) -> list[Action]:
        """What the handlers want done about one group message."""
        now, gid = self._clock(), msg.group_id
        await self._reread_shared(now)
        await self._groups.touch(gid, msg.platform, msg.group_name, now)
        await self._groups.record_size(gid, msg.platform, now)
        group = await self.group_settings(gid)
        invocation = commands.parse(msg.text)
        if invocation is not None:
            context = await self.command_context(gid, msg.platform, group, now)
            return commands.handle(invocation, msg, context)
        step = self.pipeline.feed(msg)  # with `group`'s options (`group_settings` set them)
        step = await self._known_stay_closed(step, now)
        posts = await self._groups.post_history(gid, now, group.timezone)
        actions = moderate(msg, step, group, posts, now)
        return await self.notices.in_group(msg, step, group, actions)  # acks of a notice

    async def _reread_shared(self, now: datetime) -> None:
        """On a database other bot processes write too (`bot.shared_db`), the groups' settings
        and reminder history kept in memory are read again every `SHARED_READ_EVERY`, and
        their forgets applied."""
        if self._store.store.postgres and self._handled.shared.reread_due(now):
            self._groups.reread()
            await self._states.apply_forgets(self._handled.shared)

    async def _known_stay_closed(self, step: Step, now: datetime) -> Step:
        """An incident the store already reminded about (a 接龙 seen again after its state was
        lost) is not new: it is recorded as grown, never reminded about a second time. One
        recorded but not reminded about — a redelivery after the reminder's row could not be
        written — is decided on again. The group's reminded incidents are kept in memory
        (`GroupMemory.reminded`); on a shared database, where another worker may remind,
        each opened incident is looked up."""
        opened = [i for i in step.incidents if i.opened]
        if not opened:
            return step
        store = self._store.store
        known: Set[str]
        if store.postgres:
            known = {i.id for i in opened if await self._store.call(store.reminded_about, i.id)}
        else:
            known = await self._groups.reminded(opened[0].group_id, now)
        if not any(i.id in known for i in opened):
            return step
        incidents = tuple(replace(i, opened=False) if i.id in known else i for i in step.incidents)
        return replace(step, incidents=incidents)

    async def handle_private(self, msg: Message) -> None:
        """A 1:1 chat: a `/jianfu` command gets a private answer; anything else is ignored
        (nothing stored). A command for a group runs under that group's lock."""
        command = private.parse(msg.text)
        if command is None and await self.notices.confirm_private(msg):
            return  # a notice confirmed silently ("1", "收到", its number)
        if command is None:
            log.debug("runtime: ignoring a private message on %s", msg.platform)
            return
        store = self._store.store
        groups = await self._store.call(store.groups)
        known = PrivateContext(
            tuple(groups), frozenset(self.settings.admins), self.settings.language
        )
        decision = private.route(command, msg, known)
        if not isinstance(decision, private.Target):
            await self.carry_out(decision, msg.platform)
            return
        gid, now = decision.group_id, self._clock()
        async with self._lock(gid):
            group = await self.group_settings(gid)
            context = await self.command_context(gid, msg.platform, group, now)
            await self.carry_out(private.run(decision, msg, context), msg.platform)

    async def command_context(
        self, gid: str, platform: str, group: GroupSettings, now: datetime
    ) -> CommandContext:
        """Everything a command on group `gid` may need (`bot.command_context.read`)."""
        return await read(self._store, self.settings, self._adapters, gid, platform, group, now)

    async def carry_out(
        self,
        actions: list[Action],
        platform: str,
        before_post: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """Carry out actions in order. A failed post is logged and skipped; a failed store
        write stops the rest (so nothing is posted about an incident that was not recorded).

        An incident is recorded with reminded=0 (the durable record), and marked reminded
        only once its reminder was posted: a refused post or a crash in between leaves an
        honest 0, never a lost incident. A command whose action raised is still answered
        and audited (`_command_failed`) before the error propagates. `before_post` runs
        before the first action that posts (a `Post` or a `RequestDigest`)."""
        done = 0
        try:
            for action in actions:
                if before_post is not None and isinstance(action, _POSTING):
                    await before_post()
                if isinstance(action, Post):
                    await self.post(action, platform)
                else:
                    await self._store_action(action, platform)
                done += 1
        except Exception as exc:
            audit = next((a for a in actions[done + 1 :] if isinstance(a, AuditCommand)), None)
            if audit is not None:
                await self._command_failed(actions, actions[:done], audit, exc, platform)
            raise

    async def _command_failed(
        self,
        actions: list[Action],
        done: list[Action],
        audit: AuditCommand,
        exc: Exception,
        platform: str,
    ) -> None:
        """A command's action raised: still say so (when its reply was not posted, privately
        if the command came privately) and write its audit row, result "error: <type>"."""
        if not any(isinstance(a, Post | RequestDigest) for a in done):
            to = next((a.to_member for a in actions if isinstance(a, Post | RequestDigest)), "")
            lang = await self._language(audit.group_id)
            reply = Post(audit.group_id, text("cmd.failed", lang), reason="command", to_member=to)
            await self.post(reply, platform)
        await self._store_action(replace(audit, result=f"error: {type(exc).__name__}"), platform)

    async def _language(self, gid: str) -> str:
        """The group's language (its saved settings when the store can read them)."""
        try:
            group = await self._store.call(
                effective_settings, self.settings, self._store.store, gid
            )
        except Exception:
            return self.settings.group_settings(gid).language
        return group.language

    async def _store_action(self, action: Action, platform: str) -> None:
        store, now = self._store.store, self._clock()
        match action:
            case RecordIncident(incident, _, demand_by, held):  # reminded: once it is posted
                new = await self._store.call(
                    store.upsert_incident, incident, platform, False, demand_by, now, held
                )
                self._recorded(action, new)
            case SaveGroupSettings(gid, group):
                base = self.settings.group_settings(gid)
                self._groups.saving(gid)
                await self._store.call(store.save_group_settings, gid, group, base, now)
                self._groups.saved(gid, group)
                self.pipeline.use(gid, group.detector_options())
            case ForgetMember(gid, member, aliases):
                names = await self._store.call(store.member_names, gid, member, aliases)
                await self._store.call(store.forget_member, gid, member, aliases, now)
                self.pipeline.detector.forget(gid, names)  # saved with the command's mark
            case AuditCommand(gid, actor_id, actor_name, command, allowed, result):
                await self._store.call(
                    store.audit, gid, actor_id, actor_name, command, allowed, result, now
                )
            case PublishNotice() | ConfirmNotice() | RequestNoticeStatus():
                await self.notices.act(action, platform)
            case RequestDigest(gid):
                base = self.settings.group_settings(gid)
                reply = await self._store.call(requested, store, action, base, platform, now)
                await self.post(replace(reply, to_member=action.to_member), platform)

    def _recorded(self, action: RecordIncident, new: bool) -> None:
        """One INFO line and a count per new incident."""
        if new:
            incident = action.incident
            context = {"group_id": incident.group_id, "incident_id": incident.id}
            self.metrics.incidents.labels(incident.kind).inc()
            note = held_note(action.held)
            log.info("runtime: new %s incident%s", incident.kind, note, extra=context)

    async def post(self, action: Post, platform: str) -> bool:
        """Post through the adapter the message came from (`bot.posting.Poster.post`)."""
        when, sent = self._clock(), False
        try:
            sent = await self._poster.post(action, platform)
        finally:
            self._groups.posted(action.group_id, action.reason, sent, when, action.incident_id)
        return sent

    async def group_settings(self, gid: str) -> GroupSettings:
        """The group's settings: the config's, with the admins' saved changes (read from the
        store once, then kept until saved again or the group leaves memory); its detector
        options are kept for `expire`."""
        group = await self._groups.settings(gid)
        self.pipeline.use(gid, group.detector_options())
        return group

    async def expire(self) -> int:
        """Close idle pile-ups and chains and record their final counts; how many closed.

        Each group's own window applies (options kept from its last message or settings
        change: no store reads here). Message times come from the platform's clock, "now"
        from ours: expiry runs `CLOCK_SKEW` behind ours, so a platform clock a little behind
        does not close a pile-up early (one whose next ack then starts a second incident)."""
        now = self._clock() - CLOCK_SKEW
        actions = record_closed(self.pipeline.expire(now))
        await self.carry_out(list(actions), "")
        await self._states.apply_forgets(self._handled.shared)  # before idle states are saved
        await self._evict_idle()
        return len(actions)

    def _idle(self, gid: str, now: datetime) -> bool:
        lock, last = self._locks.get(gid), self._active.get(gid)
        if lock is not None and lock.locked():
            return False
        return last is None or now - last > self.idle_after

    async def _evict_idle(self) -> int:
        """Groups without a message for `idle_after` leave memory: their detector state is
        saved (read back with their next message), their lock, options and size stamp go.
        A group whose lock is held stays. How many left."""
        now = self._clock()
        held = self._held()
        idle = sorted(gid for gid in held if self._idle(gid, now))
        if not idle:
            return 0
        await self._states.evict(idle)  # saved, then out of the detector
        for gid in idle:
            self._locks.pop(gid, None)
            self.pipeline.forget(gid)
            self._active.pop(gid, None)
            self._groups.drop(gid)
        log.info("runtime: %d idle group(s) left memory", len(idle))
        return len(idle)

    async def purge(self) -> dict[str, int]:
        """Enforce retention: delete what ended more than `retention_days` ago."""
        now = self._clock()
        cutoff = now - timedelta(days=self.settings.retention_days)
        deleted = await self._store.call(self._store.store.purge_older_than, cutoff)
        deleted |= await self._store.call(self._store.store.forget_handling_before, now)
        self._groups.purged()  # old reminders may be gone
        log.info("runtime: retention purge before %s: %s", cutoff.isoformat(), deleted)
        return deleted


_POSTING = (Post, RequestDigest, PublishNotice, RequestNoticeStatus)  # actions that post

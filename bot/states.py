"""Each group's detector state in the store: read back when the detector has none (after a
restart, or after the group went idle), saved with the message that changed it (in the
transaction that marks it handled, `bot.commits`), and saved for every group on shutdown and
eviction."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from typing import Any

from bot.clock import Clock
from bot.commits import Committed, GroupCommit
from bot.pipeline import Pipeline
from bot.shared_db import SharedDatabase
from bot.store import EXCERPT_CHARS, MessageWrite, Store
from bot.store.thread import StoreThread
from handlers.actions import Action, RecordIncident
from policies.events import Message

log = logging.getLogger("bot.runtime")  # the runtime's lines, one logger

GROWTH_SAVE_EVERY = 1.0  # seconds: a pile-up that only grows saves its detector state this often


class DetectorStates:
    """Loads and saves the pipeline's detector state per group, through the store's thread."""

    def __init__(
        self, store: StoreThread[Store], pipeline: Pipeline, clock: Clock, commits: GroupCommit
    ) -> None:
        self._store = store
        self._pipeline = pipeline
        self._clock = clock
        self._saved: dict[str, float] = {}  # when each group's state was saved (monotonic)
        self._just_read: dict[str, bool] = {}  # read by `Runtime._warm`, for the next `load`
        self._commits = commits

    async def load(self, gid: str) -> None:
        """The group's detector state as saved, when the detector has none in memory (after a
        restart, or after the group went idle). A state that cannot be read is logged and the
        group starts afresh."""
        if self._pipeline.detector.tracks(gid) or self._just_read.pop(gid, False):
            return
        self.restore(gid, await self._store.call(self._store.store.detector_state, gid))

    def missing(self, gid: str) -> bool:
        """The detector holds no state for the group (`load` would read it)."""
        return not self._pipeline.detector.tracks(gid)

    def restore(self, gid: str, state: dict[str, Any] | None, *, read: bool = False) -> None:
        """Put a state read from the store into the detector (none: nothing to put). `read`:
        it was just read with the rest of the group (`Runtime._warm`), so the next `load`
        (of the same message, under the group's lock) reads nothing, even when none was
        saved."""
        if read:
            self._just_read[gid] = True
        if state is None:
            return
        try:
            self._pipeline.detector.restore(gid, state)
        except (KeyError, TypeError, ValueError) as exc:
            self._pipeline.detector.restore(gid, None)
            log.warning(
                "runtime: group %s: unreadable detector state (%s); starting afresh", gid, exc
            )

    async def mark_handled(
        self, msg: Message, actions: list[Action], incidents: Sequence[RecordIncident] = ()
    ) -> Committed:
        """Mark the message handled with the group's detector state; `incidents` (a message
        that only records incidents) are written in the same transaction — the batch's, with
        the other messages committing now (`bot.commits`). Whether each of them is new; None
        when the message was marked handled before (nothing written)."""
        gid = msg.group_id
        save = self.due(gid, actions)
        state = self._pipeline.detector.snapshot(gid, EXCERPT_CHARS) if save else None
        writes = [(a.incident, a.demand_by, a.held) for a in incidents]
        write = MessageWrite(gid, msg.platform, msg.id, self._clock(), state, save, writes)
        new = await self._commits.commit(write)
        if save and new is not None:
            self._saved[gid] = time.monotonic()
        return new

    def due(self, gid: str, actions: list[Action]) -> bool:
        """Save the group's detector state with this message? Always, except while a pile-up
        only grows (its incident row already has the counts): then at most once every
        `GROWTH_SAVE_EVERY` — a big pile-up's state holds every member, and saving it with
        each of hundreds of acks a second would cost more than the handling itself. Clean
        shutdown and idle eviction save it too (`save_states`)."""
        grows = bool(actions) and all(
            isinstance(a, RecordIncident) and a.incident.kind == "stack" and not a.incident.opened
            for a in actions
        )
        return not grows or time.monotonic() - self._saved.get(gid, 0.0) >= GROWTH_SAVE_EVERY

    async def save(self, groups: Iterable[str]) -> None:
        """Save these groups' detector states (shutdown)."""
        detector = self._pipeline.detector
        states = [(gid, detector.snapshot(gid, EXCERPT_CHARS)) for gid in sorted(groups)]
        if states:
            await self._store.call(self._store.store.save_detector_states, states, self._clock())

    async def evict(self, groups: list[str]) -> None:
        """These groups leave memory: their states are saved, then dropped from the detector
        (read back with their next message)."""
        await self.save(groups)
        for gid in groups:
            self._pipeline.detector.restore(gid, None)
            self._saved.pop(gid, None)
            self._just_read.pop(gid, None)

    async def apply_forgets(self, shared: SharedDatabase) -> int:
        """Other workers' `/jianfu forget`s on a shared database (`bot.shared_db`): each
        member forgotten since the last look leaves this detector's state of the group, and
        the group's saved state (this worker may have saved it with them meanwhile). How many
        forgets were new. On PostgreSQL only, as the other re-reads of shared state."""
        store = self._store.store
        if not store.postgres:
            return 0
        new = shared.new_forgets(await self._store.call(store.recent_forgets, self._clock()))
        for gid, names in new:
            if self._pipeline.detector.tracks(gid):
                self._pipeline.detector.forget(gid, names)
                await self._store.call(store.scrub_saved_state, gid, names)
        return len(new)

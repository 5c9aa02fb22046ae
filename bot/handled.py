"""Handling a group message once: marked handled in the store with the detector's new state,
across restarts and across workers sharing the database. The runtime decides and acts; this
module orders that around the "handled" mark (`HandledOnce.handle`).

A group message is handled once it is marked handled in the store, together with the group's
detector state after it (one transaction, shared with the messages committing at the same
time: `bot.commits`); the adapter answers the platform only after that. When the store could
not record it (locked by another writer, disk error) the detector is put back as it was,
nothing is marked, and the runtime has the platform deliver it again (DingTalk: a non-2xx
answer; the playground: 503). A message already marked is skipped — found by its mark in that
transaction — so a retry after a restart is not counted twice. The detector state is read back
lazily, when a group's first message after a restart (or after it went idle) arrives, so
pile-ups and chains span restarts (`bot.states`).

On a shared database (PostgreSQL, several `jianfu run`) a message is looked up first: one
another worker handled still feeds this worker's detector, nothing more (`bot.shared_db`); a
command is claimed before it runs, so one worker answers it.

A command's claim is kept with its progress (`bot.store.commands`): claimed, answering (from
just before its first post), done. A worker killed between its claim and its first post left
nothing anyone saw: the platform's next delivery of the message (a reset connection is not an
answer, and DingTalk and Feishu deliver an unanswered message again) is asked to come back later
while the claim is younger than `COMMAND_STALE` (`CommandInProgress`: answered 503, as for a
store that could not record), and answered here once it is older — exactly once, the claim
taken over in one transaction. One killed while answering may have answered: never again.
Either way a claim left unfinished is listed by `UnfinishedCommands` (`/metrics`, a WARNING).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from bot.clock import Clock
from bot.pipeline import Pipeline
from bot.shared_db import SharedDatabase, process_name
from bot.states import DetectorStates
from bot.store import Store
from bot.store.pg import DatabaseError
from bot.store.thread import StoreThread
from handlers import commands
from handlers.actions import Action, AuditCommand, Post, RecordIncident
from handlers.group_settings import GroupSettings
from policies.events import Message

log = logging.getLogger("bot.runtime")  # the runtime's lines, one logger

Decide = Callable[[Message], Awaitable[list[Action]]]
CarryOut = Callable[[list[Action], str, Callable[[], Awaitable[None]]], Awaitable[None]]

# A command claimed this long ago and not yet answering: its worker died; taken over. A command
# runs in well under a second; its reply's POST gives up after 10 s (DingTalk's POST_TIMEOUT).
COMMAND_STALE = timedelta(minutes=2)


class HandledBefore(Exception):
    """The message was marked handled before (a platform's redelivery): nothing is done."""


class CommandInProgress(DatabaseError):
    """A command another worker claimed less than `COMMAND_STALE` ago and is not answering
    yet: not handled here — like a write the store could not make, the platform is to deliver
    it again (by then it is done, or its claimer is gone and it is taken over)."""


class HandledOnce:
    """Looks up, marks and (on failure) rewinds one group message's handling."""

    def __init__(
        self,
        store: StoreThread[Store],
        clock: Clock,
        pipeline: Pipeline,
        states: DetectorStates,
        group_settings: Callable[[str], Awaitable[GroupSettings]],
        recorded: Callable[[RecordIncident, bool], None],
    ) -> None:
        self._store = store
        self._clock = clock
        self._pipeline = pipeline
        self._states = states
        self._group_settings = group_settings
        self._recorded = recorded
        self.shared = SharedDatabase()  # other workers on the database (PostgreSQL)
        self.command_stale = COMMAND_STALE  # a claim this old, not answering: taken over
        self.owner = process_name()  # host:pid, the claims' `claimed_by`

    async def handle(self, msg: Message, decide: Decide, carry_out: CarryOut) -> None:
        """Decide, record, mark the message handled with the detector's new state, then post.
        It is marked before its first post (a post may answer the platform: DingTalk's reply
        is its answer) or after the last action when nothing is posted. When a store write
        fails before it was marked, the group's detector state is dropped from memory: the
        next message reads it back as last committed (the platform delivers this one again).

        A message marked handled before (a redelivery after a restart) is found when it is
        marked — no read of its own: the mark's transaction writes nothing of it, and its
        detector state is read back as committed. One whose actions are not only incidents
        and posts (a command's) is looked up before they run."""
        if await self._handled_elsewhere(msg):
            return
        await self._states.load(msg.group_id)
        progress = _Progress()
        try:
            await self._run(msg, decide, carry_out, progress)
        except BaseException as exc:
            if not progress.marked:
                self._unfeed(msg, exc)
            if progress.claimed:  # its failure was said and audited (`Runtime.carry_out`)
                await self._command_ended(msg, exc)
            raise
        if progress.claimed:
            await self._command_ended(msg, None)

    async def _run(
        self, msg: Message, decide: Decide, carry_out: CarryOut, progress: _Progress
    ) -> None:
        """`handle`'s steps; `progress` says how far they got."""

        async def mark() -> None:
            if not progress.marked:
                new = await self._states.mark_handled(msg, actions)
                if new is None and not progress.claimed:
                    raise HandledBefore(msg.id)
                progress.marked = True
                if progress.claimed:  # its first post is next: from here on never twice
                    await self._store.call(self._store.store.command_answering, *_ids(msg))

        actions = await decide(msg)
        if await self._answered_elsewhere(msg, actions):
            progress.marked = True  # already marked, by the worker that claimed it
            return
        progress.claimed = any(isinstance(a, AuditCommand) for a in actions)
        lead = incidents_only(actions)
        if lead:  # the usual case: one transaction for the incidents and "handled"
            progress.marked = await self._mark_with(msg, actions, lead)
            actions = actions[len(lead) :]
        elif actions and not progress.claimed and await self._was_handled(msg):
            raise HandledBefore(msg.id)
        await carry_out(actions, msg.platform, mark)
        await mark()

    async def _command_ended(self, msg: Message, exc: BaseException | None) -> None:
        """A claimed command ran (or its action raised: its failure was answered): done.
        Cancelled (the process stopping) it stays unfinished, as if killed. When even that
        cannot be written it stays unfinished too — listed, or taken over if nothing was
        posted."""
        if exc is not None and not isinstance(exc, Exception):
            return
        try:
            finish = self._store.store.finish_command
            await self._store.call(finish, *_ids(msg), self._clock())
        except Exception as error:
            log.warning(
                "runtime: command %s could not be marked done: %s", msg.id, type(error).__name__
            )

    async def _mark_with(
        self, msg: Message, actions: list[Action], lead: list[RecordIncident]
    ) -> bool:
        """Mark the message handled in the transaction that records its incidents."""
        new = await self._states.mark_handled(msg, actions, lead)
        if new is None:
            raise HandledBefore(msg.id)
        for action, is_new in zip(lead, new, strict=True):
            self._recorded(action, is_new)
        return True

    def _unfeed(self, msg: Message, exc: BaseException) -> None:
        """The message was not marked here: its group's detector state is read back as last
        committed (fed again when the platform delivers it again) — unless another worker
        marked it between this one's look-up (`_handled_elsewhere`) and its mark: this
        detector took it once, as for one handled before the look-up (`_handled_before`), and
        keeps it. The state last saved may lack it and more (a growing pile-up's state is saved
        at most every `GROWTH_SAVE_EVERY`): read back, it counted members too few."""
        if isinstance(exc, CommandInProgress):
            return  # a command feeds no detector
        if isinstance(exc, HandledBefore) and self._store.store.postgres:
            return
        self._pipeline.detector.restore(msg.group_id, None)
        self.shared.forget_fed(msg.platform, msg.id)

    async def _handled_elsewhere(self, msg: Message) -> bool:
        """On a shared database (PostgreSQL, several workers) a message may have been handled
        by another worker: looked up first (`_handled_before`). On SQLite the mark's own
        transaction finds a redelivery (`HandledBefore`), no read per message."""
        if not self._store.store.postgres:
            return False
        if await self._was_handled(msg):
            if commands.parse(msg.text) is not None:
                return False  # a command: its claim says (`_answered_elsewhere`)
            await self._handled_before(msg)
            return True
        self.shared.note_fed(msg.platform, msg.id)
        return False

    async def _handled_before(self, msg: Message) -> None:
        """A platform's retry of a handled message is skipped. On a shared database, one that
        another worker handled first still feeds this worker's detector (`bot.shared_db`)."""
        shared = self._store.store.postgres
        if not shared or self.shared.fed_here(msg.platform, msg.id):
            log.info("runtime: message %s was handled before; skipped", msg.id)
            return
        self.shared.note_fed(msg.platform, msg.id)
        await self._states.load(msg.group_id)
        await self._group_settings(msg.group_id)  # the group's detector options
        self._pipeline.feed(msg)
        log.info("runtime: message %s was handled by another worker; counted", msg.id)

    async def _answered_elsewhere(self, msg: Message, actions: list[Action]) -> bool:
        """A command another worker (a second bot account in the group, on the same database)
        claimed first: it answers and audits it, this one does nothing. A command is claimed
        by marking its message handled before acting (`Store.claim_command`); a claim younger
        than `command_stale` whose answer has not begun: `CommandInProgress` (delivered
        again); an older one is taken over."""
        if not any(isinstance(a, AuditCommand) for a in actions):
            return False
        store, now = self._store.store, self._clock()
        claim = store.claim_command, *_ids(msg), now, self.owner, self.command_stale
        verdict = await self._store.call(*claim)
        if verdict == "wait":
            raise CommandInProgress(f"command {msg.id} is claimed by another worker")
        if verdict == "retake":
            log.warning(
                "runtime: command %s was claimed by a worker that never answered it; "
                "answering it here",
                msg.id,
            )
        if verdict != "skip":
            return False
        log.info("runtime: command %s is answered by another worker; skipped", msg.id)
        return True

    async def _was_handled(self, msg: Message) -> bool:
        store = self._store.store
        return await self._store.call(store.was_handled, msg.platform, msg.group_id, msg.id)


def _ids(msg: Message) -> tuple[str, str, str]:
    """platform, group_id, message id: a command claim's key."""
    return msg.platform, msg.group_id, msg.id


@dataclass(slots=True)
class _Progress:
    """How far one message's handling got (`HandledOnce.handle`)."""

    marked: bool = False  # marked handled (here, or by the worker that claimed the command)
    claimed: bool = False  # a command this worker claimed: marked handled before acting


def incidents_only(actions: list[Action]) -> list[RecordIncident]:
    """The leading incident records when everything after them is a post: they can be
    committed with the message's "handled" mark (which comes before any post anyway). Empty
    when another store action follows (a command's): the actions then run one by one."""
    lead: list[RecordIncident] = []
    for action in actions:
        if not isinstance(action, RecordIncident):
            break
        lead.append(action)
    if all(isinstance(a, Post) for a in actions[len(lead) :]):
        return lead
    return []

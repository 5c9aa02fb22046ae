"""Stateful, deterministic pile-up detection per group; time comes only from the messages.

- stack: at least `stack_members` distinct members post acks within `stack_window`. The
  pile-up then grows while acks keep coming less than a window apart; one incident per pile-up,
  anchored to the notice before it. A new notice starts a new pile-up; the same notice posted
  again (pasted, forwarded, a line added at its end) does not: its acks count with the first's.
- chain: an acknowledgement 接龙 reaches `chain_participants` participants, however long it
  takes (each post re-posts the whole list).
- ack_request / proof_request: every such message is an incident by itself.

State per group is bounded: ack windows expire, closed pile-ups are dropped, chains idle for
longer than `chain_ttl` are forgotten, and at most `max_chains` chains are tracked per group.

A group's state can be taken out as plain JSON-able data (`snapshot`) and put back
(`restore`): the live bot keeps it across restarts and drops idle groups from memory. Feeding
the same messages after a restore gives the same incidents as without one.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from policies.chain import ChainList, ack_chain_reasons, parse_chain
from policies.classify import classify
from policies.detect_state import (
    ChainState,
    GroupState,
    Notice,
    Prior,
    Stack,
    dump_group,
    load_group,
    without_members,
)
from policies.events import Classification, Incident, IncidentKind, Message
from policies.guards import is_question
from policies.proof import chases_proof
from policies.reply import chases, is_poll
from policies.text import excerpt, fold, reply_text, split_quote

_NOTICE_MIN_CHARS = 20  # shorter "other" messages are small talk, not a notice
_NEW_NOTICE_CHARS = (
    30  # a statement this long (or any demand) is a new notice: acks after it answer it
)


@dataclass(frozen=True, slots=True)
class DetectorOptions:
    """Thresholds; the live bot passes each group's own settings."""

    stack_members: int = 5  # distinct members acking within the window that make a pile-up
    stack_window: timedelta = timedelta(minutes=30)  # window for the pile-up threshold and gaps
    chain_participants: int = 5  # participants that make an acknowledgement 接龙 an incident
    chain_ttl: timedelta = timedelta(days=14)  # forget a chain idle for this long
    notice_lookback: timedelta = timedelta(hours=2)  # how far back a pile-up's notice may be
    excerpt_chars: int = 60  # length of the stored trigger excerpt
    max_chains: int = 32  # chains tracked per group (the oldest idle one is dropped)


def chain_incident_id(group_id: str, key: str, first_seen: datetime) -> str:
    """`<group>/chain/<digest of the list's title>-<ISO week first seen>`.

    Every post re-posts the whole list, so a bot that restarts mid-chain sees the same chain
    again: the same id lets the store recognise it instead of opening (and reminding) twice.
    The week keeps next month's chain with the same title a separate incident.
    """
    digest = hashlib.blake2s(key.encode("utf-8"), digest_size=5).hexdigest()
    year, week, _ = first_seen.isocalendar()
    return f"{group_id}/chain/{digest}-{year}W{week:02d}"


@dataclass(frozen=True, slots=True)
class Step:
    """What one message produced: its label and the incidents it opened or grew."""

    classification: Classification
    incidents: tuple[Incident, ...] = ()


# A notice opens with a title or addresses the group; a long reply in a pile-up does neither.
_ADDRESSES_GROUP = re.compile(
    r"^\s*(【|\[|通知|公告|紧急|重要|提醒)|各位|大家|全体|所有人|@all|各(单位|部门|科室|班|村|社区|组|支部|网格)"
)


def _starts_new_pile_up(text: str, found: Classification) -> bool:
    """A demand, or a notice: long, and multi-line, titled or addressed to the group. A
    reminder (还有几个没回复，请抓紧回复收到) asks again for the demand already made: the acks
    after it answer that one, and count with those before it."""
    if found.label in ("ack_request", "proof_request"):
        folded = fold(text)
        return not (chases(folded) or chases_proof(folded))
    stripped = text.strip()
    if len(stripped) < _NEW_NOTICE_CHARS or is_question(stripped):
        return False
    return "\n" in stripped or _ADDRESSES_GROUP.search(stripped[:12]) is not None


_AGAIN_CHARS = 60  # a notice's words as a snapshot keeps them (`dump_group`'s excerpt)
_AGAIN_MIN = 12  # words (spaces dropped) a notice must have before its re-post can be told


def _notice_words(text: str) -> str:
    """A notice's words as a re-post is compared on: the excerpt a snapshot keeps of it, folded,
    without spaces or the excerpt's ellipsis — the same before and after a restore."""
    return "".join(fold(excerpt(text, _AGAIN_CHARS).removesuffix("…")).split())


def _posts_again(text: str, group: GroupState) -> bool:
    """Whether `text` posts again a notice the group still remembers — pasted again ("重要的事情
    说三遍"), forwarded again, or with a line added or dropped at its end (one's words begin the
    other's): its replies answer that notice, and count with the ones before it."""
    words = _notice_words(text)
    if len(words) < _AGAIN_MIN:
        return False
    for notice in group.notices:
        known = _notice_words(notice.text)
        if len(known) >= _AGAIN_MIN and (words.startswith(known) or known.startswith(words)):
            return True
    return False


def _is_vote(text: str, group: GroupState) -> bool:
    """A bare number answering a poll ("回复1或2") is a vote, not a 收到."""
    if not group.notices or not text.strip().isdigit():
        return False
    return group.notices[-1].poll


class Detector:
    """Feed messages in time order per group; get incidents as they open and grow."""

    def __init__(self, options: DetectorOptions | None = None) -> None:
        self.options = options or DetectorOptions()
        self._groups: dict[str, GroupState] = {}

    @property
    def groups_tracked(self) -> int:
        """Groups with live state (for memory accounting)."""
        return len(self._groups)

    def tracks(self, group_id: str) -> bool:
        """Whether the group has live state here."""
        return group_id in self._groups

    def snapshot(self, group_id: str, text_chars: int = 60) -> dict[str, Any] | None:
        """The group's state as JSON-able data (None: no state). Notice texts are cut to
        `text_chars` (the excerpt a pile-up's trigger takes from them, so nothing more)."""
        group = self._groups.get(group_id)
        return None if group is None else dump_group(group, text_chars)

    def restore(self, group_id: str, state: Mapping[str, Any] | None) -> None:
        """Put back a group's state from `snapshot` (None forgets the group)."""
        if state is None:
            self._groups.pop(group_id, None)
        else:
            self._groups[group_id] = load_group(state)

    def forget(self, group_id: str, names: Collection[str]) -> None:
        """Forget members (their ids and display names) in the group's state
        (`detect_state.without_members`): what `/jianfu forget` erases from memory."""
        group = self._groups.get(group_id)
        if group is not None:
            self._groups[group_id] = without_members(group, names)

    def feed(
        self, msg: Message, options: DetectorOptions | None = None, *, clamp_late: bool = False
    ) -> Step:
        """Classify `msg` and update its group's state.

        Messages must come in time order per group: an older one raises `ValueError` (an
        offline scan must not give a silently wrong answer), unless `clamp_late`, which the
        live bot uses — platforms deliver slightly out of order, and a late message is then
        counted as arriving at its group's latest time rather than lost.
        """
        opts = options or self.options
        found = classify(msg.text, msg.type)
        group = self._groups.get(msg.group_id)
        if group is None:  # not setdefault: that would build a state for every message
            group = self._groups[msg.group_id] = GroupState()
        if group.last is not None and msg.time < group.last:
            if not clamp_late:
                raise ValueError(f"message {msg.id!r} is older than the group's previous message")
            msg = replace(msg, time=group.last)
        group.last = msg.time
        incidents: list[Incident] = []
        text = reply_text(msg.text)  # a quote-reply's notice-ness is its reply's, not the quote's
        closed = self._close_idle_stack(group, msg.time, opts)
        if closed:
            incidents.append(closed)
        if found.label == "ack" and _is_vote(text, group):
            found = Classification("other", ("vote:poll-reply",))
        if found.label == "ack":
            incidents.extend(self._on_answer(msg, group, opts))
        elif found.label == "chain":
            incidents.extend(self._on_chain(msg, group, opts))
        else:
            if _starts_new_pile_up(text, found) and not _posts_again(text, group):
                ended = self._end_pile_up(group)
                if ended:
                    incidents.append(ended)
            self._remember_notice(msg, text, found.label, group)
            for kind in (found.label, *found.also):
                if kind in ("ack_request", "proof_request"):
                    incidents.append(self._demand(msg, kind, opts))
        return Step(found, tuple(incidents))

    def expire(
        self, now: datetime, options_for: Callable[[str], DetectorOptions] | None = None
    ) -> list[Incident]:
        """Close pile-ups idle for a window and drop state that can no longer matter.

        `options_for(group_id)` gives each group's own options (its window may be longer than
        the default); without it every group uses the detector's defaults.
        """
        closed: list[Incident] = []
        for key in list(self._groups):
            group = self._groups[key]
            opts = options_for(key) if options_for else self.options
            incident = self._close_idle_stack(group, now, opts)
            if incident:
                closed.append(incident)
            self._trim(group, now, opts)
            self._forget_idle_chains(group, now, opts)
            if not (group.acks or group.stack or group.chains or group.notices or group.prior):
                del self._groups[key]
        return closed

    def close_all(self) -> list[Incident]:
        """Close every open pile-up (end of an offline scan)."""
        closed = []
        for group in self._groups.values():
            if group.stack is not None:
                closed.append(replace(group.stack.incident, opened=False, closed=True))
                group.stack = None
        return closed

    # -- stacks -------------------------------------------------------------------------

    def _on_ack(self, msg: Message, group: GroupState, opts: DetectorOptions) -> list[Incident]:
        group.acks.append((msg.time, msg.sender_id, msg.id))
        self._trim(group, msg.time, opts)
        if group.stack is not None:
            return [self._grow_stack(group.stack, msg)]
        senders = {sender for _, sender, _ in group.acks}
        if len(senders) < opts.stack_members:
            return []
        return [self._open_stack(msg, group, senders, opts)]

    def _open_stack(
        self, msg: Message, group: GroupState, senders: set[str], opts: DetectorOptions
    ) -> Incident:
        first_time = group.acks[0][0]
        earlier = [
            n for n in group.notices if first_time - opts.notice_lookback <= n.time <= first_time
        ]
        notice = earlier[-1] if earlier else None
        incident = _pile_up(msg, group.acks, len(senders), notice, opts)
        group.stack = Stack(incident, set(senders), msg.time)
        return incident

    @staticmethod
    def _grow_stack(stack: Stack, msg: Message) -> Incident:
        stack.senders.add(msg.sender_id)
        stack.last = msg.time
        old = stack.incident  # built field by field: `replace` is slow on the hot path
        stack.incident = Incident(
            old.id,
            old.group_id,
            old.kind,
            old.start,
            msg.time,
            len(stack.senders),
            old.messages + 1,
            old.trigger,
            old.trigger_sender,
            old.trigger_message_id,
        )
        return stack.incident

    def _on_answer(self, msg: Message, group: GroupState, opts: DetectorOptions) -> list[Incident]:
        """An ack counts toward the latest notice's pile-up, or the prior one's if it quotes it."""
        prior = _answered_prior(msg.text, group)
        if prior is None:
            return self._on_ack(msg, group, opts)
        return self._on_prior_ack(msg, prior, opts)

    def _on_prior_ack(self, msg: Message, prior: Prior, opts: DetectorOptions) -> list[Incident]:
        """An ack quoting the notice before the latest one: it counts toward that notice's
        pile-up (which opens, and closes at once, if it reaches the threshold now), or toward
        none when that one has had its pile-up already."""
        if prior.done:
            return []
        prior.acks.append((msg.time, msg.sender_id, msg.id))
        cutoff = msg.time - opts.stack_window
        while prior.acks[0][0] < cutoff:
            prior.acks.popleft()
        senders = {sender for _, sender, _ in prior.acks}
        if len(senders) < opts.stack_members:
            return []
        prior.done = True
        return [replace(_pile_up(msg, prior.acks, len(senders), prior.notice, opts), closed=True)]

    @staticmethod
    def _end_pile_up(group: GroupState) -> Incident | None:
        """A new notice: acks after it answer it, not the one before (nor count with its acks)
        — unless they quote the one before: its pile-up is kept aside as the prior one."""
        stack, group.stack = group.stack, None
        anchor = group.notices[-1] if group.notices else None
        group.prior = None if anchor is None else Prior(anchor, group.acks, stack is not None)
        group.acks = deque()
        return replace(stack.incident, opened=False, closed=True) if stack else None

    @staticmethod
    def _close_idle_stack(
        group: GroupState, now: datetime, opts: DetectorOptions
    ) -> Incident | None:
        stack = group.stack
        if stack is None or now - stack.last <= opts.stack_window:
            return None
        group.stack = None
        return replace(stack.incident, opened=False, closed=True)

    @staticmethod
    def _trim(group: GroupState, now: datetime, opts: DetectorOptions) -> None:
        cutoff = now - opts.stack_window
        acks = group.acks
        while acks and acks[0][0] < cutoff:
            acks.popleft()
        notices, oldest = group.notices, now - opts.notice_lookback
        while notices and notices[0].time < oldest:
            notices.popleft()
        if group.prior is not None and group.prior.notice.time < oldest:
            group.prior = None  # too old for a pile-up to answer it (as for `notices`)

    @staticmethod
    def _forget_idle_chains(group: GroupState, now: datetime, opts: DetectorOptions) -> None:
        stale = [k for k, c in group.chains.items() if now - c.last > opts.chain_ttl]
        for key in stale:
            del group.chains[key]

    @staticmethod
    def _remember_notice(msg: Message, text: str, label: str, group: GroupState) -> None:
        """Keep the message a pile-up would answer: a demand or a notice, not small talk (nor
        the message a reply quotes: `text` is the reply's own words)."""
        weighty = label != "other" or len(text) >= _NOTICE_MIN_CHARS
        if weighty or not group.notices:
            notice = Notice(msg.id, msg.time, msg.sender_id, text, is_poll(text))
            group.notices.append(notice)

    # -- demands --------------------------------------------------------------------------

    @staticmethod
    def _demand(msg: Message, kind: IncidentKind, opts: DetectorOptions) -> Incident:
        return Incident(
            id=f"{msg.group_id}/{kind}/{msg.id}",
            group_id=msg.group_id,
            kind=kind,
            start=msg.time,
            end=msg.time,
            members=1,
            messages=1,
            trigger=excerpt(reply_text(msg.text), opts.excerpt_chars),
            trigger_sender=msg.sender_id,
            trigger_message_id=msg.id,
            opened=True,
            closed=True,
        )

    # -- chains ---------------------------------------------------------------------------

    def _on_chain(self, msg: Message, group: GroupState, opts: DetectorOptions) -> list[Incident]:
        parsed = parse_chain(reply_text(msg.text))
        if parsed is None:
            return []  # a platform 接龙 whose text the export lost: nothing to count
        self._forget_idle_chains(group, msg.time, opts)
        chain = self._chain_for(parsed, msg, group, opts)
        chain.posts += 1
        chain.last = msg.time
        chain.participants.add(msg.sender_id)
        chain.items = max(chain.items, len(parsed.items))
        chain.is_ack = bool(ack_chain_reasons(parsed))
        size = max(chain.items, len(chain.participants))
        if not chain.is_ack or size < opts.chain_participants:
            return []
        incident = Incident(
            id=chain_incident_id(msg.group_id, chain.key, chain.start),
            group_id=msg.group_id,
            kind="chain",
            start=chain.start,
            end=msg.time,
            members=size,
            messages=chain.posts,
            trigger=excerpt(f"#接龙 {chain.title}".strip(), opts.excerpt_chars),
            trigger_sender=chain.sender,
            trigger_message_id=chain.first_id,
            opened=chain.reported is None,
        )
        chain.reported = incident
        return [incident]

    @staticmethod
    def _chain_for(
        parsed: ChainList, msg: Message, group: GroupState, opts: DetectorOptions
    ) -> ChainState:
        chain = group.chains.get(parsed.key) or _revised(parsed.key, group)
        if chain is None:
            if len(group.chains) >= opts.max_chains:
                oldest = min(group.chains, key=lambda k: group.chains[k].last)
                del group.chains[oldest]
            chain = ChainState(msg.id, msg.time, msg.time, msg.sender_id, parsed.title, parsed.key)
            group.chains[parsed.key] = chain
        return chain


_QUOTE_KEY = 12  # characters of a notice (spaces dropped) that identify it in a quote
_QUOTE_KEY_MIN = 6  # fewer than this: too short to tell one notice from another
_QUOTED_NAME = re.compile(r"\s*[^：:\n]{1,30}[：:]\s*")


def _pile_up(
    msg: Message,
    acks: deque[tuple[datetime, str, str]],
    members: int,
    notice: Notice | None,
    opts: DetectorOptions,
) -> Incident:
    """The pile-up incident as it opens: from the first ack in `acks` to `msg`, about `notice`
    (or, with none found, about the message itself)."""
    first_time, _, first_id = acks[0]
    return Incident(
        id=f"{msg.group_id}/stack/{first_id}",
        group_id=msg.group_id,
        kind="stack",
        start=first_time,
        end=msg.time,
        members=members,
        messages=len(acks),
        trigger=excerpt(notice.text if notice else msg.text, opts.excerpt_chars),
        trigger_sender=notice.sender if notice else "",
        trigger_message_id=notice.id if notice else "",
        opened=True,
    )


def _notice_key(text: str) -> str:
    return "".join(fold(text).split())[:_QUOTE_KEY]


def _answered_prior(text: str, group: GroupState) -> Prior | None:
    """The prior pile-up an ack answers: it quotes that pile-up's notice, and not the latest
    one (WeChat's quote is 「name：the message」; the notice's text may be kept cut short)."""
    prior = group.prior
    if prior is None or "」" not in text:
        return None
    quote = split_quote(text)
    if quote is None:
        return None
    named = _QUOTED_NAME.match(quote[1])  # the display name before the quoted text
    key = _notice_key(reply_text(quote[1][named.end() :] if named else quote[1]))
    if len(key) < _QUOTE_KEY_MIN or key != _notice_key(prior.notice.text):
        return None
    latest = group.notices[-1] if group.notices else None
    return None if latest is not None and key == _notice_key(latest.text) else prior


_REVISED_MIN = 6  # characters two descriptions share before one can be the other revised


def _revised(key: str, group: GroupState) -> ChainState | None:
    """The 接龙 a list continues when its description was revised at the end — a line added
    ("…\n未接龙的同志请今天下班前完成") or dropped — so its key is no longer the one first
    seen: the same chain (and incident), not a second one."""
    found = [
        chain
        for known, chain in group.chains.items()
        if min(len(known), len(key)) >= _REVISED_MIN
        and (key.startswith(known) or known.startswith(key))
    ]
    return max(found, key=lambda chain: chain.last) if found else None


# -- snapshots: plain data out, the same state back ----------------------------------------

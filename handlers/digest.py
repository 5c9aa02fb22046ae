"""The weekly digest: how much formalism a group carried in one ISO week, and the trend.

Pure: the runtime reads the week's rows from the store into `WeekFacts`; `summarize` turns
them into the numbers (`Digest`); `render` writes them as plain text (WeChat, playground) or
markdown (DingTalk, Feishu) in zh-CN or en. Every string comes from `handlers.texts`.

What is counted:
- incidents by kind that *started* in the week (local time of the group), against the week
  before, with the change;
- acks posted in pile-ups: the sum of `messages` of the week's `stack` incidents, and the
  notifications they cost: acks × members of the group. The members are the group's size when
  the platform told the store (`group_sizes`); otherwise each pile-up's own member count, a
  lower bound (everyone who acked got everyone else's acks), and the text says "at least";
- the three notices that drew the biggest pile-ups (most acks, then most members, earliest);
- demands to reply-and-confirm and for proof, with who posted them only when the group's
  `digest_names` setting allows;
- the reminders the bot posted, and the incidents whose reminder was held back, by reason
  (cooldown, quiet hours, daily cap, pause, observe, exempt …);
- a one-line verdict on the total number of incidents.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from handlers.context import IncidentRecord
from handlers.moderation import HOLD_REASONS
from handlers.texts import text
from handlers.zones import week_bounds
from policies.events import INCIDENT_KINDS, IncidentKind

TOP_PILEUPS = 3  # notices listed under "biggest pile-ups"
TOP_NAMES = 5  # demand posters named (when allowed)
TRIGGER_CHARS = 24  # excerpt of a notice in the digest
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
YEARS = (2000, 2100)  # the years a week may be asked for (farther ones overflow the calendar)


class BadWeek(ValueError):
    """A week that is not "last", "this" or a real ISO week like 2025-W07."""


@dataclass(frozen=True, slots=True, order=True)
class IsoWeek:
    """An ISO 8601 week (Monday to Sunday), e.g. 2025-W07."""

    year: int
    week: int

    @classmethod
    def parse(cls, spec: str) -> IsoWeek:
        """ "2025-W07" (case-insensitive) → IsoWeek; BadWeek when malformed or not a real week."""
        match = _WEEK.match(spec.strip().upper())
        if match is None:
            raise BadWeek(f"bad week {spec!r}: expected YYYY-Www, e.g. 2025-W07")
        year, week = int(match[1]), int(match[2])
        if not YEARS[0] <= year <= YEARS[1]:
            raise BadWeek(f"bad week {spec!r}: the year must be from {YEARS[0]} to {YEARS[1]}")
        try:
            date.fromisocalendar(year, week, 1)
        except ValueError:
            raise BadWeek(f"bad week {spec!r}: {year} has no week {week}") from None
        return cls(year, week)

    @classmethod
    def containing(cls, moment: datetime, zone: ZoneInfo) -> IsoWeek:
        """The week `moment` falls in, in `zone`'s local time."""
        year, week, _ = moment.astimezone(zone).isocalendar()
        return cls(year, week)

    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """[local Monday 00:00, next local Monday 00:00) as aware datetimes."""
        return week_bounds(self.monday(), zone)

    def shifted(self, weeks: int) -> IsoWeek:
        """The week `weeks` later (negative: earlier)."""
        year, week, _ = (self.monday() + timedelta(weeks=weeks)).isocalendar()
        return IsoWeek(year, week)

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


def resolve_week(spec: str, now: datetime, zone: ZoneInfo) -> IsoWeek:
    """ "last" | "this" | "YYYY-Www" → the week, relative to `now` in the group's zone."""
    word = spec.strip().lower()
    current = IsoWeek.containing(now, zone)
    if word == "this":
        return current
    if word == "last":
        return current.shifted(-1)
    return IsoWeek.parse(spec)


@dataclass(frozen=True, slots=True)
class WeekFacts:
    """What the store knows about one group's week (the digest's only input)."""

    group_id: str
    week: IsoWeek
    timezone: str  # the group's zone: week bounds and the times shown
    incidents: tuple[IncidentRecord, ...]  # incidents that started in the week
    previous: Mapping[IncidentKind, int]  # the week before: kind -> incidents
    reminders: int  # reminders the bot posted in the week
    group_size: int | None = None  # members of the group, when a platform said so
    group_name: str = ""  # title shown in the digest ("" = the id)
    notices: tuple[int, int] = (0, 0)  # silent notices posted, their silent confirmations


@dataclass(frozen=True, slots=True)
class PileUp:
    """A notice and the acks it drew."""

    start: datetime
    trigger: str  # excerpt of the notice ("" when not kept)
    members: int
    messages: int


@dataclass(frozen=True, slots=True)
class Digest:
    """One group's week in numbers; `render` writes it."""

    group_id: str
    group_name: str
    week: IsoWeek
    timezone: str
    counts: Mapping[IncidentKind, int]  # this week, every kind
    previous: Mapping[IncidentKind, int]  # the week before, every kind
    acks: int  # ack messages posted in pile-ups
    notifications: int  # acks × members
    size_known: bool  # False: `notifications` is a lower bound from pile-up members
    group_size: int | None
    top: tuple[PileUp, ...]  # biggest pile-ups, biggest first
    demanders: tuple[tuple[str, int], ...] = ()  # (name, demands) when names are allowed
    reminders: int = 0
    held: Mapping[str, int] = field(default_factory=dict)  # held reminders: reason -> incidents
    notices: int = 0  # silent notices posted through the bot (`/jianfu notice`)
    spared: int = 0  # their confirmations that were no 收到 in the group: acks spared

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def previous_total(self) -> int:
        return sum(self.previous.values())

    @property
    def change_pct(self) -> int | None:
        """Change of the total against the week before, in whole percent; None if it had 0."""
        if not self.previous_total:
            return None
        return round((self.total - self.previous_total) * 100 / self.previous_total)

    @property
    def burden(self) -> tuple[int, int, int]:
        """Sort key for the roll-up: notifications, then incidents, then acks."""
        return (self.notifications, self.total, self.acks)


def summarize(facts: WeekFacts, names: bool = False) -> Digest:
    """The numbers of one week. `names`: the group allows naming who posted demands."""
    counts = _counts(facts.incidents)
    stacks = [i for i in facts.incidents if i.kind == "stack"]
    acks = sum(i.messages for i in stacks)
    size = facts.group_size if facts.group_size and facts.group_size > 0 else None
    notifications = sum(i.messages * (size or i.members) for i in stacks)
    biggest = sorted(stacks, key=lambda i: (-i.messages, -i.members, i.start, i.id))
    top = tuple(PileUp(i.start, i.trigger, i.members, i.messages) for i in biggest[:TOP_PILEUPS])
    return Digest(
        group_id=facts.group_id,
        group_name=facts.group_name or facts.group_id,
        week=facts.week,
        timezone=facts.timezone,
        counts=counts,
        previous={k: facts.previous.get(k, 0) for k in INCIDENT_KINDS},
        acks=acks,
        notifications=notifications,
        size_known=size is not None,
        group_size=size,
        top=top,
        demanders=_demanders(facts.incidents) if names else (),
        reminders=facts.reminders,
        held=dict(Counter(i.held_reason for i in facts.incidents if i.held_reason)),
        notices=facts.notices[0],
        spared=facts.notices[1],
    )


def _counts(incidents: Sequence[IncidentRecord]) -> dict[IncidentKind, int]:
    counts: dict[IncidentKind, int] = dict.fromkeys(INCIDENT_KINDS, 0)
    for incident in incidents:
        if incident.kind in counts:
            counts[incident.kind] += 1
    return counts


def _demanders(incidents: Sequence[IncidentRecord]) -> tuple[tuple[str, int], ...]:
    """Who posted demands, most first (display name, else sender id; forgotten = skipped)."""
    posted = Counter(
        i.demand_by or i.trigger_sender
        for i in incidents
        if i.kind in ("ack_request", "proof_request") and (i.demand_by or i.trigger_sender)
    )
    ranked = sorted(posted.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ranked[:TOP_NAMES])


# ---------------------------------------------------------------- rendering


def render(
    digest: Digest,
    lang: str = "zh-CN",
    *,
    markdown: bool = False,
    overrides: Mapping[str, str] | None = None,
    asked: str = "",
) -> str:
    """The digest as one chat message: plain text, or markdown for DingTalk/Feishu. `asked`
    is how the week was asked for ("last" | "this" | ""): an empty week is then named so
    ("上周（2025-W48）"), and an empty last week says how to see this week's."""
    page = _Page(lang, markdown, overrides)
    week, group = str(digest.week), page.escape(digest.group_name)
    if not digest.total:
        named = page.say(f"digest.week_{asked}", week=week) if asked in ("last", "this") else week
        hint = page.say("digest.hint_this") if asked == "last" else ""
        empty = page.say(
            "digest.empty", group=group, week=named, previous=digest.previous_total, hint=hint
        )
        return empty + ("\n" + _notice_line(page, digest) if digest.notices else "")
    first, last = digest.week.monday(), digest.week.monday() + timedelta(days=6)
    page.title(
        page.say(
            "digest.title", group=group, week=week, first=f"{first:%m-%d}", last=f"{last:%m-%d}"
        )
    )
    page.paragraph(page.say("digest.total", total=digest.total, previous=digest.previous_total))
    page.bullets(
        [_kind_line(page, k, digest.counts[k], digest.previous[k]) for k in INCIDENT_KINDS]
    )
    _acks(page, digest)
    if digest.notices:
        page.paragraph(_notice_line(page, digest))
    _top(page, digest)
    _demands(page, digest)
    page.paragraph(page.say("digest.reminders", n=digest.reminders))
    _held(page, digest)
    page.paragraph(page.strong(_verdict(page, digest)))
    return page.text()


def _kind_line(page: _Page, kind: IncidentKind, n: int, previous: int) -> str:
    change = page.say("digest.same") if n == previous else f"{n - previous:+d}"
    label = page.strong(page.say(f"kind.{kind}"))
    return page.say("digest.kind_line", kind=label, n=n, previous=previous, change=change)


def _acks(page: _Page, digest: Digest) -> None:
    if not digest.acks:
        return
    if digest.size_known:
        line = page.say(
            "digest.acks_known",
            acks=digest.acks,
            members=digest.group_size,
            notifications=digest.notifications,
        )
    else:
        line = page.say("digest.acks_bound", acks=digest.acks, notifications=digest.notifications)
    page.paragraph(line)


def _notice_line(page: _Page, digest: Digest) -> str:
    """ "免回复通知 5 条，省去约 180 条“收到”。" """
    return page.say("digest.notices", n=digest.notices, saved=digest.spared)


def _top(page: _Page, digest: Digest) -> None:
    if not digest.top:
        return
    zone = ZoneInfo(digest.timezone)
    lines = [
        page.say(
            "digest.top_line",
            rank=rank,
            time=f"{pile.start.astimezone(zone):%m-%d %H:%M}",
            trigger=page.escape(_short(pile.trigger)) or page.say("digest.no_trigger"),
            members=pile.members,
            messages=pile.messages,
        )
        for rank, pile in enumerate(digest.top, 1)
    ]
    page.paragraph(page.say("digest.top_head"))
    page.numbered(lines)


def _demands(page: _Page, digest: Digest) -> None:
    asks, proofs = digest.counts["ack_request"], digest.counts["proof_request"]
    if not (asks or proofs):
        return
    line = page.say("digest.demands", ack_request=asks, proof_request=proofs)
    if digest.demanders:
        joiner, gap = (", ", " ") if page.lang == "en" else ("、", "")
        names = joiner.join(f"{page.escape(name)} {n}" for name, n in digest.demanders)
        line += gap + page.say("digest.demanders", names=names)
    page.paragraph(line)


def _held(page: _Page, digest: Digest) -> None:
    if not digest.held:
        return
    reasons = page.say("word.name_sep").join(
        f"{page.say(f'held.{reason}')} {digest.held[reason]}"
        for reason in HOLD_REASONS
        if digest.held.get(reason)
    )
    page.paragraph(page.say("digest.held", n=sum(digest.held.values()), reasons=reasons))


def _verdict(page: _Page, digest: Digest) -> str:
    pct = digest.change_pct
    if pct is None:
        return page.say("digest.verdict_new", total=digest.total)
    if pct < 0:
        return page.say("digest.verdict_fewer", pct=-pct)
    if pct > 0:
        return page.say("digest.verdict_more", pct=pct)
    return page.say("digest.verdict_same")


def _short(trigger: str) -> str:
    one_line = " ".join(trigger.split())
    return one_line if len(one_line) <= TRIGGER_CHARS else one_line[: TRIGGER_CHARS - 1] + "…"


class _Page:
    """The blocks of one message: plain text puts one line after another; markdown separates
    paragraphs and lists with blank lines (a single newline is no line break there)."""

    def __init__(self, lang: str, markdown: bool, overrides: Mapping[str, str] | None) -> None:
        self.lang = lang
        self.markdown = markdown
        self.overrides = overrides
        self.blocks: list[str] = []

    def say(self, key: str, /, **fmt: object) -> str:
        return text(key, self.lang, self.overrides, **fmt)

    def escape(self, value: str) -> str:
        """User data (group names, notice excerpts) made inert in markdown."""
        return re.sub(r"([\\`*_\[\]#|<>])", r"\\\1", value) if self.markdown else value

    def strong(self, value: str) -> str:
        return f"**{value}**" if self.markdown else value

    def title(self, line: str) -> None:
        self.blocks.append(f"### {line}" if self.markdown else line)

    def paragraph(self, line: str) -> None:
        self.blocks.append(line)

    def bullets(self, lines: Sequence[str]) -> None:
        mark = "- " if self.markdown else "· "
        self.blocks.append("\n".join(mark + line for line in lines))

    def numbered(self, lines: Sequence[str]) -> None:
        self.blocks.append("\n".join(lines))  # each line starts with its rank: "1. …"

    def text(self) -> str:
        return ("\n\n" if self.markdown else "\n").join(self.blocks)


# ---------------------------------------------------------------- roll-up


def rank(digests: Sequence[Digest]) -> list[Digest]:
    """Groups by burden, heaviest first (notifications, incidents, acks; then the group id)."""
    return sorted(digests, key=lambda d: (tuple(-n for n in d.burden), d.group_id))


def render_rollup(
    digests: Sequence[Digest], week: IsoWeek, lang: str = "zh-CN", *, markdown: bool = False
) -> str:
    """All groups' week, heaviest burden first (the admin's `jianfu digest --all`)."""
    page = _Page(lang, markdown, None)
    busy = [d for d in rank(digests) if d.total or d.previous_total]
    if not busy:
        return page.say("digest.rollup_empty", week=str(week))
    page.title(page.say("digest.rollup_title", week=str(week), groups=len(busy)))
    lines = [
        page.say(
            "digest.rollup_line",
            rank=n,
            group=page.escape(digest.group_name),
            total=digest.total,
            previous=digest.previous_total,
            acks=digest.acks,
            notifications=digest.notifications,
        )
        for n, digest in enumerate(busy, 1)
    ]
    page.numbered(lines)
    return page.text()

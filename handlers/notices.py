"""Silent-confirmation notices: what jianfu offers instead of "收到请回复".

People demand 收到 because they need to know who has read a notice. Posted through the bot
(`/jianfu notice <text> [截止 HH:MM]`), a notice is marked 无需回复 and says how to confirm
without a word in the group: the playground's button, a private "1" (or the notice's number)
to the bot, the platform's read status where it has one. The poster asks
`/jianfu notice status [n]` for the roster (confirmed, not yet, with times); at the due time
the bot nudges privately only those who have not confirmed. An ack posted in the group right
after a notice counts too, and the pile-up reminder then points to the silent way.

Pure, like the other handlers: the command becomes actions (`PublishNotice`,
`RequestNoticeStatus`), the runtime (`bot.notices`) stores, posts, polls read status, and
calls back here for every decision and text: which notice a private "1" confirms, whether a
group message is an ack of a notice, the roster, the nudge.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta, tzinfo

from handlers.actions import Action, ConfirmNotice, Post, PublishNotice, RequestNoticeStatus
from handlers.context import CommandContext
from handlers.group_settings import GroupSettings
from handlers.texts import text
from policies.detect import Step
from policies.events import Message

SOURCES = ("button", "private", "group_ack", "read")  # how a confirmation came in
MAX_NOTICE = 1000  # characters of a notice's text
ACK_WINDOW = timedelta(hours=24)  # a group ack this soon after a notice (or before its due) counts
OPEN_FOR = timedelta(days=3)  # a private "1" confirms a notice at most this old (or not yet due)
ROSTER_NAMES = 60  # names listed per line of a roster (the rest are counted)
CONFIRM_WORDS = frozenset({"1", "收到", "确认", "已阅", "已读", "好的", "好", "ok", "OK", "Ok"})

_DUE = re.compile(
    r"(?:^|[\s\u3000])(?:截止(?:时间)?[:：]?|--due)[\s\u3000]*(\d{1,2})[:：](\d{2})[\s\u3000]*$"
)
_NUMBER = re.compile(r"^#?(\d{1,9})$")
_PRIVATE = re.compile(r"^(?:(收到|确认|已阅|已读)[\s\u3000]*)?#?(\d{1,9})$")


@dataclass(frozen=True, slots=True)
class NoticeRecord:
    """One row of the `notices` table."""

    id: int  # the notice's number: unique in the database ("/jianfu notice status 12", "12")
    group_id: str
    platform: str
    poster_id: str  # "" once forgotten
    poster_name: str
    text: str  # as posted (whole: the bot posted it in the group, ≤ MAX_NOTICE)
    posted_at: datetime
    due: datetime | None  # when those who have not confirmed are nudged
    ref: str = ""  # the platform's reference of the posted message (read status), "" none
    nudged_at: datetime | None = None  # when the due nudges went out


@dataclass(frozen=True, slots=True)
class Confirmation:
    """One member's confirmation of a notice (the first one: later ones are not kept)."""

    member_id: str
    member_name: str
    source: str  # SOURCES
    time: datetime


class NoticeError(Exception):
    """A notice command's argument is wrong: `problem` is a text key (with fields)."""

    def __init__(self, problem: str, /, **fmt: object) -> None:
        super().__init__(problem)
        self.problem = problem
        self.fmt = fmt


def command(
    rest: str, msg: Message, ctx: CommandContext, *, admin: bool
) -> tuple[list[Action], str]:
    """`/jianfu notice <text> [截止 HH:MM | --due HH:MM]` or `/jianfu notice status [n]`:
    (effects, reply). Raises `NoticeError`."""
    group, lang = ctx.settings, ctx.settings.language
    words = rest.split()
    to = msg.sender_id if ctx.private_replies else ""
    if words and words[0].lower() in {"status", "状态"}:
        number = _number(words[1:])
        if not to and not admin:  # a member never makes the bot speak in the group
            return [], ""
        asked = RequestNoticeStatus(ctx.group_id, number, msg.sender_id, admin, lang, to)
        return [asked], ""
    if group.notice_admins_only and not admin:
        return [], text("cmd.notice_admins_only", lang)
    body, due = split_due(rest, group, ctx.now or msg.time)
    if not body:
        raise NoticeError("problem.notice_empty")
    if len(body) > MAX_NOTICE:
        raise NoticeError("problem.notice_long", limit=MAX_NOTICE)
    name = msg.sender_name or msg.sender_id
    return [PublishNotice(ctx.group_id, body, msg.sender_id, name, due, lang)], ""


def _number(words: Sequence[str]) -> int | None:
    if not words:
        return None
    found = _NUMBER.match(words[0]) if len(words) == 1 else None
    if found is None:
        raise NoticeError("problem.notice_number")
    return int(found[1])


def split_due(rest: str, group: GroupSettings, now: datetime) -> tuple[str, datetime | None]:
    """The notice's text and its due time: "截止 17:30" (or "--due 17:30") at the end is
    the next 17:30 in the group's time zone (today, or tomorrow when it has passed)."""
    found = _DUE.search(rest)
    if found is None:
        if "--due" in rest:
            raise NoticeError("problem.notice_due")
        return rest.strip(), None
    hour, minute = int(found[1]), int(found[2])
    if hour > 23 or minute > 59:
        raise NoticeError("problem.notice_due")
    local = now.astimezone(group.zone)
    due = datetime.combine(local.date(), time(hour, minute), group.zone)
    if due <= local:
        due += timedelta(days=1)
    return rest[: found.start()].strip(), due


def how_to_confirm(platform: str, number: int, lang: str) -> str:
    """The silent way on this platform (the notice's last line, the nudge's)."""
    key = f"notice.how.{platform}"
    return text(key if key in _HOW else "notice.how.default", lang, number=number)


_HOW = frozenset({"notice.how.playground", "notice.how.feishu", "notice.how.wechaty"})


def notice_post(notice: NoticeRecord, zone: tzinfo, lang: str) -> str:
    """The notice as the bot posts it: numbered, marked 无需回复, due time, how to confirm."""
    due = _due_line("notice.due", notice, zone, lang)
    return text(
        "notice.post",
        lang,
        number=notice.id,
        text=notice.text,
        due=due,
        how=how_to_confirm(notice.platform, notice.id, lang),
        poster=notice.poster_name or text("notice.someone", lang),
    )


def published(notice: NoticeRecord, lang: str) -> str:
    """What the poster is told once the notice is out."""
    return text("notice.published", lang, number=notice.id)


def is_private_confirmation(text_: str) -> bool:
    """Is a 1:1 chat's text a notice confirmation ("1", "收到", "12", "收到 #12")? The only
    private texts besides commands that enter the bot (WeChat screens the rest)."""
    stripped = text_.strip()
    return stripped in CONFIRM_WORDS or _PRIVATE.match(stripped) is not None


def private_choice(
    text_: str, open_notices: Sequence[NoticeRecord], confirmed: frozenset[int]
) -> NoticeRecord | None:
    """The notice a private confirmation means, among the open notices of the sender's groups
    (newest first) and those they confirmed already: the one with that number, else the
    newest they have not confirmed yet ("1" is notice #1 only when #1 is theirs to confirm)."""
    stripped = text_.strip()
    found = _PRIVATE.match(stripped)
    if found is not None:
        number = int(found[2])
        named = next((n for n in open_notices if n.id == number), None)
        if named is not None or stripped != "1":
            return named
    return next((n for n in open_notices if n.id not in confirmed), None)


def is_open(notice: NoticeRecord, now: datetime, window: timedelta) -> bool:
    """Within `window` of its posting, or not yet past its due time."""
    if notice.due is not None and now <= notice.due:
        return True
    return timedelta(0) <= now - notice.posted_at <= window


def in_group(
    msg: Message,
    step: Step,
    notice: NoticeRecord | None,
    group: GroupSettings,
    actions: list[Action],
) -> list[Action]:
    """A group message after a jianfu notice: an ack counts as a confirmation, and a pile-up
    reminder points to the silent way instead of the generic text."""
    if notice is None or not is_open(notice, msg.time, ACK_WINDOW):
        return actions
    piles = {i.id: i.members for i in step.incidents if i.kind == "stack"}
    out = [_pointing(a, notice, group, piles) for a in actions]
    if step.classification.label == "ack" and msg.sender_id != notice.poster_id:
        name = msg.sender_name or msg.sender_id
        out.append(ConfirmNotice(notice.id, msg.sender_id, name, "group_ack", msg.time))
    return out


def _pointing(
    action: Action, notice: NoticeRecord, group: GroupSettings, piles: Mapping[str, int]
) -> Action:
    """A pile-up's reminder (`piles`: its incident id → members) as the pointer to the notice."""
    if not isinstance(action, Post) or action.reason != "reminder":
        return action
    members = piles.get(action.incident_id)
    if members is None:
        return action
    lang = group.language
    how = how_to_confirm(notice.platform, notice.id, lang)
    said = text("notice.stack", lang, group.texts, members=members, number=notice.id, how=how)
    return replace(action, text=said)


Roster = Mapping[str, str]  # member id → display name ("" when unknown)


def not_confirmed(
    notice: NoticeRecord, roster: Roster, confirmed: Sequence[Confirmation]
) -> list[str]:
    """Member ids of the roster who have not confirmed (the poster is not asked), sorted."""
    done = {c.member_id for c in confirmed} | {c.member_name for c in confirmed}
    return sorted(m for m in roster if m not in done and m != notice.poster_id)


def roster_text(
    notice: NoticeRecord,
    confirmed: Sequence[Confirmation],
    roster: Roster | None,
    zone: tzinfo,
    lang: str,
    *,
    names: bool,
) -> str:
    """The roster of a notice: confirmed (with times and how), not yet. `names`: list who
    (privately); in a group only the counts are shown, nobody is named there."""
    head = _head(notice, zone, lang)
    sep = text("word.name_sep", lang)
    pending = not_confirmed(notice, roster, confirmed) if roster is not None else None
    total = len(confirmed) + len(pending) if pending is not None else None
    counts = text(
        "notice.counts" if total is not None else "notice.counts_open",
        lang,
        confirmed=len(confirmed),
        total=total or 0,
    )
    lines = [head + counts]
    if not names:
        return "".join(lines)
    shown = [_entry(c, zone, notice, lang) for c in sorted(confirmed, key=lambda c: c.time)]
    lines.append(text("notice.confirmed_list", lang, names=_listed(shown, sep, lang)))
    if pending is None:
        lines.append(text("notice.pending_unknown", lang))
    else:
        who = [(roster or {}).get(m) or m for m in pending]
        lines.append(text("notice.pending_list", lang, names=_listed(who, sep, lang)))
    return "\n".join(lines)


def _head(notice: NoticeRecord, zone: tzinfo, lang: str) -> str:
    due = _due_line("notice.due_short", notice, zone, lang)
    return text(
        "notice.roster_head",
        lang,
        number=notice.id,
        posted=_when(notice.posted_at, zone, None),
        due=due,
        excerpt=notice.text[:20] + ("…" if len(notice.text) > 20 else ""),
    )


def _entry(c: Confirmation, zone: tzinfo, notice: NoticeRecord, lang: str) -> str:
    how = text(f"notice.source.{c.source}", lang) if c.source in SOURCES else ""
    return f"{c.member_name or c.member_id} {_when(c.time, zone, notice.posted_at)}{how}"


def _listed(items: Sequence[str], sep: str, lang: str) -> str:
    if not items:
        return text("word.none", lang)
    more = len(items) - ROSTER_NAMES
    listed = sep.join(items[:ROSTER_NAMES])
    return listed + (text("notice.more", lang, n=more) if more > 0 else "")


def _due_line(key: str, notice: NoticeRecord, zone: tzinfo, lang: str) -> str:
    """The notice's due time as text `key` says it (the post's line, the roster's head); ""
    when it has none."""
    if not notice.due:
        return ""
    return text(key, lang, due=_when(notice.due, zone, notice.posted_at))


def _when(moment: datetime | None, zone: tzinfo, base: datetime | None) -> str:
    """HH:MM in the group's zone, with the date when it is not the day of `base`."""
    if moment is None:
        return ""
    local = moment.astimezone(zone)
    same = base is not None and base.astimezone(zone).date() == local.date()
    return f"{local:%H:%M}" if same else f"{local:%m-%d %H:%M}"


def nudge_text(notice: NoticeRecord, zone: tzinfo, lang: str) -> str:
    """The private nudge at the due time, to one member who has not confirmed."""
    return text(
        "notice.nudge",
        lang,
        number=notice.id,
        due=_when(notice.due, zone, notice.posted_at),
        text=notice.text[:200],
        how=how_to_confirm(notice.platform, notice.id, lang),
    )


def nudged_text(
    notice: NoticeRecord, confirmed: int, nudged: int, total: int | None, lang: str
) -> str:
    """What the poster is told privately once the due nudges went out."""
    if total is None:
        return text("notice.nudged_unknown", lang, number=notice.id, confirmed=confirmed)
    return text("notice.nudged", lang, number=notice.id, confirmed=confirmed, total=total, n=nudged)

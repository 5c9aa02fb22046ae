"""Admin commands in the group: `/jianfu <command> [args]` (also `/jf`, a full-width ／, and
an @bot mention before it).

Two pure steps, so the runtime touches the store only for real commands:
`parse(text) -> Invocation | None` (cheap; None = not a command, moderate it instead), then
`handle(invocation, msg, ctx) -> list[Action]` with a `CommandContext` the runtime pre-fetched.
Every command, allowed or refused, ends with an `AuditCommand`. Replies are `Post`s with
reason "command" in the group's language.

Who may use what: `help` is open to everyone; every other command needs an admin —
`msg.is_admin` (the platform says owner/admin) or the sender's id in `ctx.admins` (config).

A member who is no admin never makes the bot speak in the group: the reply to their command
(help, a refusal, "no such command") goes to them privately where the platform can
(`ctx.private_replies`), else nowhere; it is audited either way. No reply ever repeats what the
member typed. The private-chat commands (`groups`, `in <group> …`, handlers.private) sent in
a group get a pointer to the private chat.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from handlers import notices
from handlers.actions import (
    Action,
    AuditCommand,
    ForgetMember,
    Hold,
    Post,
    RequestDigest,
    SaveGroupSettings,
)
from handlers.context import CommandContext
from handlers.group_settings import SETTABLE, GroupSettings, SettingError
from handlers.moderation import HOLD_REASONS, group_hold
from handlers.texts import text
from policies.events import INCIDENT_KINDS, Message

INCIDENTS_DEFAULT = 5  # `/jianfu incidents` without n
INCIDENTS_MAX = 20  # the most `/jianfu incidents n` lists (the runtime pre-fetches this many)
OPEN_COMMANDS = frozenset({"help", "notice"})  # anyone (notice: unless notice_admins_only)
PRIVATE_ONLY = frozenset({"groups", "in"})  # handlers.private's commands: only in a 1:1 chat

_SPACE = r"[\s\u2005\u3000]"
_COMMAND = re.compile(
    rf"^{_SPACE}*(?:@\S+{_SPACE}+)*[/／](jianfu|jf)(?:{_SPACE}+(.*))?$",
    re.IGNORECASE | re.DOTALL,
)
_WEEK = re.compile(r"^(last|this|\d{4}-W(0[1-9]|[1-4]\d|5[0-3]))$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Invocation:
    """A parsed command: `/jianfu set cooldown_minutes 10` → name "set", args, rest."""

    name: str  # lower-case command name; "help" when only the prefix was sent
    args: tuple[str, ...]  # whitespace-separated arguments
    rest: str  # the raw text after the command name (for values with spaces)
    line: str  # the command as typed, from the prefix on (for the audit log)


class BadArgument(Exception):
    """A command's argument is wrong: `problem` is a text key (with fields) shown above usage."""

    def __init__(self, problem: str, /, **fmt: object) -> None:
        super().__init__(problem)
        self.problem = problem
        self.fmt = fmt


def parse(text_: str) -> Invocation | None:
    """The command in a message's text, or None when it is not a command."""
    match = _COMMAND.match(text_.strip())
    if match is None:
        return None
    body = (match[2] or "").strip()
    return invocation(body, f"/{match[1].lower()} {body}".strip())


def invocation(body: str, line: str) -> Invocation:
    """The command in `body` (what follows the prefix; "" = help), typed as `line`."""
    parts = body.strip().split(maxsplit=1)
    name = parts[0].lower() if parts else "help"
    rest = parts[1].strip() if len(parts) > 1 else ""
    return Invocation(name=name, args=tuple(rest.split()), rest=rest, line=line)


def is_admin(msg: Message, ctx: CommandContext) -> bool:
    """The platform's word (group owner/admin) or the config's admin list."""
    return msg.is_admin is True or msg.sender_id in ctx.admins


def handle(inv: Invocation, msg: Message, ctx: CommandContext) -> list[Action]:
    """The actions for one command: its effect, a reply, and the audit row (always last)."""
    actions = _handle(inv, msg, ctx)
    return actions if is_admin(msg, ctx) else _not_in_the_group(actions, msg, ctx)


def _not_in_the_group(actions: list[Action], msg: Message, ctx: CommandContext) -> list[Action]:
    """A member's command answered privately (`ctx.private_replies`) or not at all."""
    if ctx.private_replies:
        return [replace(a, to_member=msg.sender_id) if isinstance(a, Post) else a for a in actions]
    return [a for a in actions if not isinstance(a, Post)]


def _handle(inv: Invocation, msg: Message, ctx: CommandContext) -> list[Action]:
    lang = ctx.settings.language
    command = _COMMANDS.get(inv.name)
    if inv.name in PRIVATE_ONLY:
        reply = text("cmd.private_only", lang)
        return _finish(msg, ctx, inv.line, [], reply, allowed=True, result="private_only")
    if command is None:
        reply = text("cmd.unknown", lang)
        return _finish(msg, ctx, inv.line, [], reply, allowed=True, result="unknown")
    if inv.name not in OPEN_COMMANDS and not is_admin(msg, ctx):
        reply = text("cmd.refused", lang)
        return _finish(msg, ctx, inv.line, [], reply, allowed=False, result="refused")
    try:
        effects, reply = command(inv, msg, ctx)
    except BadArgument as exc:
        problem = text(exc.problem, lang, None, **exc.fmt)
        reply = text("cmd.bad_argument", lang, problem=problem, usage=usage(inv.name, lang))
        return _finish(msg, ctx, inv.line, [], reply, allowed=True, result="usage")
    line = _audit_line(inv) if inv.name == "forget" else inv.line
    return _finish(msg, ctx, line, effects, reply, allowed=True, result="ok")


def usage(name: str, lang: str = "zh-CN") -> str:
    """The usage line of one command."""
    return text(f"usage.{name}", lang, keys=", ".join((*SETTABLE, "text.<key>")))


def _finish(
    msg: Message,
    ctx: CommandContext,
    line: str,
    effects: list[Action],
    reply: str,
    *,
    allowed: bool,
    result: str,
) -> list[Action]:
    actions = list(effects)
    if reply:
        actions.append(Post(group_id=ctx.group_id, text=reply, reason="command"))
    actions.append(
        AuditCommand(
            group_id=ctx.group_id,
            actor_id=msg.sender_id,
            actor_name=msg.sender_name,
            command=line[:100],
            allowed=allowed,
            result=result,
        )
    )
    return actions


def _audit_line(inv: Invocation) -> str:
    """A forget command without the forgotten member in it ("/jf forget …")."""
    if inv.rest and not inv.line.endswith(inv.rest):
        return f"{inv.line.split(maxsplit=1)[0]} {inv.name} …"
    return f"{inv.line.removesuffix(inv.rest).rstrip()} …"


Outcome = tuple[list[Action], str]  # (effects, reply text)


def _help(inv: Invocation, msg: Message, ctx: CommandContext) -> Outcome:
    lang = ctx.settings.language
    lines = "\n".join(usage(name, lang) for name in _COMMANDS)
    reply = text("cmd.help", lang, lines=lines)
    if msg.platform == "dingtalk":  # an @-only platform: say what the bot cannot see there
        reply += "\n" + text("help.dingtalk", lang)
    return [], reply


def _status(inv: Invocation, msg: Message, ctx: CommandContext) -> Outcome:
    s, lang = ctx.settings, ctx.settings.language
    none, sep = text("word.none", lang), text("word.list_sep", lang)
    counts = sep.join(
        f"{text(f'kind.{kind}', lang)} {ctx.week_counts.get(kind, 0)}" for kind in INCIDENT_KINDS
    )
    held = sep.join(
        f"{text(f'held.{reason}', lang)} {ctx.week_held[reason]}"
        for reason in HOLD_REASONS
        if ctx.week_held.get(reason)
    )
    adapters = sep.join(
        f"{name} {text('word.connected' if up else 'word.disconnected', lang)}"
        for name, up in sorted(ctx.adapters.items())
    )
    reply = text(
        "cmd.status",
        lang,
        state=_state(ctx),
        stack_members=s.stack_members,
        stack_window_minutes=s.stack_window_minutes,
        chain_participants=s.chain_participants,
        cooldown_minutes=s.cooldown_minutes,
        daily_cap=s.daily_cap,
        quiet_hours=s.quiet_hours or none,
        timezone=s.timezone,
        language=s.language,
        exempt=text("word.name_sep", lang).join(s.exempt) or none,
        counts=counts,
        held=held or none,
        adapters=adapters or none,
    )
    for key in ctx.notices:
        reply += "\n" + text(key, lang)
    return [], reply


def _state(ctx: CommandContext) -> str:
    """正常提醒, 已暂停, 观察模式, or what holds reminders back right now and until when."""
    s, lang = ctx.settings, ctx.settings.language
    if s.paused or s.observe:
        return text("state.paused" if s.paused else "state.observe", lang)
    held = group_hold(s, ctx.posts, ctx.now) if ctx.now is not None else None
    if held is None:
        return text("state.active", lang)
    return text("state.held", lang, reason=hold_text(held, s, ctx.now, lang))


def hold_text(held: Hold, group: GroupSettings, now: datetime | None, lang: str) -> str:
    """ "免打扰时段（至 07:00）": the reason, and until when in the group's local time (with
    the date when it is not today)."""
    reason = text(f"held.{held.reason}", lang)
    if held.until is None:
        return reason
    until = held.until.astimezone(group.zone)
    today = now is not None and now.astimezone(group.zone).date() == until.date()
    shown = f"{until:%H:%M}" if today else f"{until:%m-%d %H:%M}"
    return reason + text("held.until", lang, until=shown)


def _switch(field_name: str, value: bool, reply_key: str) -> Callable[..., Outcome]:
    def command(inv: Invocation, msg: Message, ctx: CommandContext) -> Outcome:
        settings = ctx.settings.with_flag(field_name, value)
        return [SaveGroupSettings(ctx.group_id, settings)], text(reply_key, settings.language)

    return command


def _observe(inv: Invocation, msg: Message, ctx: CommandContext) -> Outcome:
    word = inv.args[0].lower() if len(inv.args) == 1 else ""
    if word not in {"on", "off"}:
        raise BadArgument("problem.observe_arg")
    on = word == "on"
    return _switch("observe", on, "cmd.observe_on" if on else "cmd.observe_off")(inv, msg, ctx)


def _set(inv: Invocation, msg: Message, ctx: CommandContext) -> Outcome:
    parts = inv.rest.split(maxsplit=1)
    if len(parts) < 2:
        raise BadArgument("problem.set_args")
    key, raw = parts[0], parts[1]
    try:
        settings = ctx.settings.with_value(key, raw)
    except SettingError as exc:
        raise BadArgument(
            "problem.setting", key=exc.key, problem=exc.message(ctx.settings.language)
        ) from None
    shown = settings.texts.get(key[5:], "") if key.startswith("text.") else None
    value = shown if shown is not None else settings.describe(key)
    reply = text("cmd.set_ok", settings.language, key=key, value=value or "default")
    return [SaveGroupSettings(ctx.group_id, settings)], reply


def member_arg(inv: Invocation, msg: Message, ctx: CommandContext) -> str:
    """The member a command is about: the last @-mention that is not the bot, else the word
    after the command (with its @ dropped) as a name or id."""
    if "@" in inv.rest:
        mentioned = [m for m in msg.mentions if m and m != ctx.bot_id]
        if mentioned:
            return mentioned[-1]
    word = inv.rest.strip().lstrip("@").strip()
    if not word or len(inv.args) != 1:
        raise BadArgument("problem.need_member")
    return word


def _exempt(inv: Invocation, msg: Message, ctx: CommandContext) -> Outcome:
    member, lang = member_arg(inv, msg, ctx), ctx.settings.language
    if member in ctx.settings.exempt:
        return [], text("cmd.exempt_already", lang, member=member)
    if ctx.members_complete and member not in (ctx.members or ()):
        raise BadArgument("problem.not_member", member=member)
    known = member in (ctx.members or ()) or member in msg.mentions  # a platform's mention id
    settings = replace(ctx.settings, exempt=(*ctx.settings.exempt, member))
    reply = text("cmd.exempt_ok", lang, member=member)
    if not known:  # the platform cannot say who is in the group: say so, keep the exemption
        reply += "\n" + text("cmd.exempt_unchecked", lang, member=member)
    return [SaveGroupSettings(ctx.group_id, settings)], reply


def _unexempt(inv: Invocation, msg: Message, ctx: CommandContext) -> Outcome:
    member, lang = member_arg(inv, msg, ctx), ctx.settings.language
    if member not in ctx.settings.exempt:
        return [], text("cmd.unexempt_missing", lang, member=member)
    exempt = tuple(m for m in ctx.settings.exempt if m != member)
    settings = replace(ctx.settings, exempt=exempt)
    reply = text("cmd.unexempt_ok", lang, member=member)
    return [SaveGroupSettings(ctx.group_id, settings)], reply


def _forget(inv: Invocation, msg: Message, ctx: CommandContext) -> Outcome:
    member = member_arg(inv, msg, ctx)
    forget = ForgetMember(ctx.group_id, member, typed_names(inv, member))
    effects: list[Action] = [forget]
    kept = ctx.settings.forgetting(*forget.names)
    if kept is not ctx.settings:  # they were exempt: by id, or by the name typed then
        effects.append(SaveGroupSettings(ctx.group_id, kept))
    return effects, text("cmd.forget_ok", ctx.settings.language)


def typed_names(inv: Invocation, member: str) -> tuple[str, ...]:
    """The name after the last @ of the arguments ("李娜" of "/jf forget @李娜"), when it is
    not `member` itself (a mention resolves to an id: the log also holds the name typed)."""
    name = inv.rest.rsplit("@", 1)[-1].strip() if "@" in inv.rest else ""
    return (name,) if name and name != member else ()


def _incidents(inv: Invocation, msg: Message, ctx: CommandContext) -> Outcome:
    lang = ctx.settings.language
    n = INCIDENTS_DEFAULT
    if inv.args:
        if len(inv.args) != 1 or not inv.args[0].isdigit():
            raise BadArgument("problem.count")
        n = int(inv.args[0])
        if not 1 <= n <= INCIDENTS_MAX:
            raise BadArgument("problem.count")
    shown = ctx.recent_incidents[:n]
    if not shown:
        return [], text("cmd.incidents_none", lang)
    zone = ctx.settings.zone
    lines = [text("cmd.incidents_head", lang, n=len(shown))]
    for record in shown:
        lines.append(
            text(
                "cmd.incident_line",
                lang,
                time=f"{record.start.astimezone(zone):%m-%d %H:%M}",
                kind=text(f"kind.{record.kind}", lang),
                members=record.members,
                messages=record.messages,
                reminded=text("cmd.reminded_mark", lang) if record.reminded else "",
                trigger=record.trigger,
            )
        )
    return [], "\n".join(lines)


def _digest(inv: Invocation, msg: Message, ctx: CommandContext) -> Outcome:
    week = inv.args[0] if inv.args else "last"
    if len(inv.args) > 1 or not _WEEK.match(week):
        raise BadArgument("problem.week")
    week = week.lower() if week.lower() in {"last", "this"} else week.upper()
    return [RequestDigest(ctx.group_id, week, ctx.settings.language)], ""


def _notice(inv: Invocation, msg: Message, ctx: CommandContext) -> Outcome:
    """`/jianfu notice …` (handlers.notices): any member, unless the group says admins only."""
    try:
        return notices.command(inv.rest, msg, ctx, admin=is_admin(msg, ctx))
    except notices.NoticeError as exc:
        raise BadArgument(exc.problem, **exc.fmt) from None


_COMMANDS: dict[str, Callable[[Invocation, Message, CommandContext], Outcome]] = {
    "help": _help,
    "status": _status,
    "pause": _switch("paused", True, "cmd.paused"),
    "resume": _switch("paused", False, "cmd.resumed"),
    "observe": _observe,
    "set": _set,
    "exempt": _exempt,
    "unexempt": _unexempt,
    "incidents": _incidents,
    "forget": _forget,
    "digest": _digest,
    "notice": _notice,
}

# Every command in help order, with `usage(name, lang)` its line (docs/commands.md is built from it).
COMMAND_NAMES: tuple[str, ...] = tuple(_COMMANDS)

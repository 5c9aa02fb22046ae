"""Admin commands in a 1:1 chat with the bot: manage a group without posting in it.

In a work group every command is one more message for everyone. Privately:

- `/jianfu in <group> <command …>` runs a group command (pause, set, digest …) on that group,
  with the same effect as in the group, but the reply comes back in the private chat;
- `/jianfu groups` lists the groups the bot knows on this platform;
- `/jianfu help` explains both.

`<group>` is a group id or the group's name: an exact id or name first, else a unique
case-insensitive part of a name; a name with spaces goes in quotes. Only the admins named in the
config may use these — a platform's admin flag in a 1:1 chat says nothing about any group.
A private message that is not a `/jianfu` command is none of the bot's business: `parse` → None.

Pure, like `handlers.commands`: `parse(text)`, then `route(cmd, msg, ctx)` with what the runtime
fetched (`PrivateContext`). `route` answers with actions, or with a `Target`; the runtime then
fetches that group's `CommandContext` and calls `run(target, msg, ctx)`. Every reply is a `Post`
with `to_member` = the sender; every command ends with an `AuditCommand` that carries the target
group's id ("" when it names none).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from handlers import commands
from handlers.actions import Action, AuditCommand, Post, RequestDigest, RequestNoticeStatus
from handlers.commands import Invocation
from handlers.context import CommandContext, GroupRecord, PrivateContext
from handlers.texts import text
from policies.events import Message

PRIVATE_COMMAND_NAMES = ("in", "groups", "help")  # in help order (docs/commands.md lists them)
GROUPS_MAX = 20  # groups `/jianfu groups` lists
CANDIDATES_MAX = 5  # groups named when <group> is unknown or ambiguous
_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "'": "'", "‘": "’"}


@dataclass(frozen=True, slots=True)
class PrivateCommand:
    """A command sent in a 1:1 chat: `/jf in 项目协调群 pause` → name "in", group, command."""

    name: str  # "in" | "groups" | "help" | any other word (answered with how to name a group)
    line: str  # as typed, from the prefix on (for the audit log)
    group: str = ""  # "in": the group as typed (id, name or part of a name)
    command: Invocation | None = None  # "in": the group command to run (None without a group)


@dataclass(frozen=True, slots=True)
class Target:
    """Run `command` on the group `group_id` (the runtime fetches its context, then `run`)."""

    group_id: str
    command: Invocation


def parse(text_: str) -> PrivateCommand | None:
    """The private command in a message's text, or None when it is no command."""
    inv = commands.parse(text_)
    if inv is None:
        return None
    if inv.name != "in":
        return PrivateCommand(inv.name, inv.line)
    group, body = split_group(inv.rest)
    command = commands.invocation(body, inv.line) if group else None
    return PrivateCommand("in", inv.line, group, command)


def split_group(rest: str) -> tuple[str, str]:
    """`项目群 pause` → ("项目群", "pause"); `"Ops Team" set language en` → ("Ops Team", …)."""
    close = _QUOTES.get(rest[:1])
    end = rest.find(close, 1) if close else -1
    if end > 0:
        return rest[1:end].strip(), rest[end + 1 :].strip()
    parts = rest.split(maxsplit=1)
    return (parts[0], parts[1] if len(parts) > 1 else "") if parts else ("", "")


def find_groups(query: str, groups: Sequence[GroupRecord]) -> tuple[GroupRecord, ...]:
    """The groups `query` may mean (one = found, several = ambiguous, none = unknown): an exact
    id, else an exact name, else the same name ignoring case, else a part of a name."""
    folded = query.casefold()
    for matches in (
        lambda g: g.id == query,
        lambda g: g.name == query,
        lambda g: g.name.casefold() == folded,
        lambda g: bool(folded) and folded in g.name.casefold(),
    ):
        found = tuple(g for g in groups if matches(g))
        if found:
            return found
    return ()


def route(cmd: PrivateCommand, msg: Message, ctx: PrivateContext) -> Target | list[Action]:
    """A reply and an audit row, or the group a command is to run on."""
    lang = ctx.language
    if cmd.name == "help":
        return _answer(cmd, msg, "", private_help(lang), result="ok")
    groups = _newest_first(g for g in ctx.groups if g.platform == msg.platform)
    found = find_groups(cmd.group, groups) if cmd.group else ()
    target = found[0].id if len(found) == 1 else ""
    if msg.sender_id not in ctx.admins:
        return _answer(cmd, msg, target, text("private.refused", lang), result="refused")
    if cmd.name == "groups":
        return _answer(cmd, msg, "", group_list(groups, msg.platform, lang), result="ok")
    if cmd.name != "in" or cmd.command is None:
        return _answer(cmd, msg, "", text("private.need_group", lang), result="usage")
    if target:
        return Target(target, cmd.command)
    key = "private.ambiguous" if found else "private.no_group"
    named = candidates(found or groups, lang)
    reply = text(key, lang, group=cmd.group, candidates=named)
    return _answer(cmd, msg, "", reply, result="no_group")


def run(target: Target, msg: Message, ctx: CommandContext) -> list[Action]:
    """The command's actions on the target group (`ctx` is that group's), answered privately.
    Only the config's admins reach here, so the platform's admin flag is dropped."""
    actions = commands.handle(target.command, replace(msg, is_admin=None), ctx)
    return [_privately(action, msg.sender_id) for action in actions]


def usage(name: str, lang: str = "zh-CN") -> str:
    """The usage line of one private command (`PRIVATE_COMMAND_NAMES`)."""
    return text(f"usage.private_{name}", lang)


def private_help(lang: str) -> str:
    """`/jianfu help` in a 1:1 chat: the `in <group>` form and `groups`."""
    return text(
        "private.help", lang, usage_in=usage("in", lang), usage_groups=usage("groups", lang)
    )


def group_list(groups: Sequence[GroupRecord], platform: str, lang: str) -> str:
    """`/jianfu groups`: name, id and platform of each, at most GROUPS_MAX."""
    if not groups:
        return text("private.groups_none", lang, platform=platform)
    lines = [text("private.groups_head", lang, platform=platform, n=len(groups))]
    for group in groups[:GROUPS_MAX]:
        name = group.name or text("private.unnamed", lang)
        lines.append(text("private.group_line", lang, name=name, id=group.id, platform=platform))
    if len(groups) > GROUPS_MAX:
        lines.append(text("private.groups_more", lang, n=len(groups) - GROUPS_MAX))
    return "\n".join(lines)


def candidates(groups: Sequence[GroupRecord], lang: str) -> str:
    """Up to CANDIDATES_MAX groups on one line, "name（id）"."""
    if not groups:
        return text("word.none", lang)
    return text("word.item_sep", lang).join(
        text("private.candidate", lang, name=g.name or text("private.unnamed", lang), id=g.id)
        for g in groups[:CANDIDATES_MAX]
    )


def _newest_first(groups: Iterable[GroupRecord]) -> tuple[GroupRecord, ...]:
    return tuple(sorted(groups, key=lambda g: (g.last_seen, g.id), reverse=True))


def _answer(
    cmd: PrivateCommand, msg: Message, group_id: str, reply: str, result: str
) -> list[Action]:
    return [
        Post(group_id=group_id, text=reply, reason="command", to_member=msg.sender_id),
        AuditCommand(
            group_id=group_id,
            actor_id=msg.sender_id,
            actor_name=msg.sender_name,
            command=cmd.line[:100],
            allowed=result != "refused",
            result=result,
        ),
    ]


def _privately(action: Action, member: str) -> Action:
    if isinstance(action, Post):
        return replace(action, to_member=member)
    if isinstance(action, RequestDigest | RequestNoticeStatus):
        return replace(action, to_member=member)
    return action

"""Every user-facing string of the bot, in one catalogue: zh-CN first, then en.

`text(key, lang, overrides, **fmt)` looks a string up and fills in its `{placeholders}`.
A group may override any key (`/jianfu set text.<key> <text>`); an override may use only the
placeholders of the default, so it can never break formatting. Reminders never name a person.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Literal

from handlers.texts_notice import NOTICE_TEXTS

Language = Literal["zh-CN", "en"]
LANGUAGES: tuple[Language, ...] = ("zh-CN", "en")
MAX_OVERRIDE = 400  # characters in a group's text override (the longest default has 346)

# key -> (zh-CN, en)
CATALOGUE: dict[str, tuple[str, str]] = {
    # Reminders: the key is the incident kind (these are the texts groups override most).
    "ack_request": (
        "温馨提示：本群通知发出即视为送达，无需回复“收到”。"
        "想知道谁已读，可用“/jianfu notice 通知内容”发免回复通知，成员静默确认。",
        "A note: a notice in this group counts as delivered once it is posted, so there is no "
        "need to reply “received”. To see who has read it, post it with “/jianfu notice <text>”: "
        "members confirm silently.",
    ),
    "proof_request": (
        "温馨提示：按照基层减负有关规定，不得要求以截图、拍照、定位等方式过度留痕。"
        "确需核实的，建议通过工作系统或当面沟通，感谢理解。",
        "A note: the rules on reducing burdens at the grassroots discourage asking for "
        "screenshots, photos or location check-ins as proof. Where a check is really needed, "
        "please use the work system or ask in person. Thank you.",
    ),
    "stack": (
        "已有 {members} 位同事确认收到，其余同事无需再回复，通知发出即视为送达。",
        "{members} colleagues have already confirmed; everyone else need not reply — "
        "the notice counts as delivered.",
    ),
    "chain": (
        "温馨提示：通知类消息无需接龙确认收到，发出即视为送达；"
        "确需统计的，请用平台的已读回执或报名工具。",
        "A note: there is no need to chain-reply (接龙) to confirm a notice — it counts as "
        "delivered. To count replies, please use read receipts or a sign-up form.",
    ),
    # Incident kinds, as shown in status, incident lists and the digest.
    "kind.stack": ("收到刷屏", "ack pile-up"),
    "kind.chain": ("接龙确认", "ack chain"),
    "kind.ack_request": ("要求回复收到", "reply-to-confirm demand"),
    "kind.proof_request": ("要求截图留痕", "proof demand"),
    # Why a reminder was held back (handlers.moderation.HOLD_REASONS): status, cards, digest.
    "held.paused": ("已暂停提醒", "reminders paused"),
    "held.observe": ("观察模式", "observe mode"),
    "held.exempt": ("发起人已豁免", "sender is exempt"),
    "held.unsure": ("不确定是否针对全群", "not clearly aimed at the whole group"),
    "held.quiet_hours": ("免打扰时段", "quiet hours"),
    "held.daily_cap": ("今日提醒已达上限", "daily cap reached"),
    "held.cooldown": ("提醒间隔未到", "cooldown"),
    "held.same_message": ("同一条消息已提醒过", "its message was already reminded about"),
    "held.rate_limit": ("机器人发言过于频繁", "too many bot posts just now"),
    "held.post_failed": ("发送失败", "the post failed"),
    "held.until": ("（至 {until}）", " (until {until})"),
    # Command replies.
    "cmd.refused": ("仅群管理员可以使用该命令。", "Only group admins can use this command."),
    "cmd.unknown": (
        "没有这个命令。发送 /jianfu help 查看用法。",
        "No such command. Send /jianfu help for usage.",
    ),
    "cmd.private_only": (
        "这条命令在与机器人的私聊中使用：私聊机器人发送 /jianfu help 查看说明。",
        "This command works in a private chat with the bot: send it /jianfu help there.",
    ),
    "cmd.bad_argument": ("{problem}\n用法：{usage}", "{problem}\nUsage: {usage}"),
    "cmd.failed": ("命令执行失败，请稍后再试。", "The command failed; please try again later."),
    "cmd.help": (
        "减负助手命令（前缀 /jianfu 或 /jf）：\n{lines}",
        "jianfu commands (prefix /jianfu or /jf):\n{lines}",
    ),
    "help.dingtalk": (
        "说明：在钉钉群里，机器人只收得到 @ 它的消息，看不到群里的“收到”刷屏和接龙；"
        "想让它看看某条通知，请 @ 机器人并附上通知原文。",
        "Note: in DingTalk groups the robot only receives messages that @ it, so it cannot see "
        "“收到” pile-ups or 接龙 chains; to have a notice checked, @ the robot with its text.",
    ),
    "notice.feishu_mentions_only": (
        "注意：这几天机器人在本群只收到 @ 它的消息。飞书应用缺少“获取群组中所有消息”"
        "（im:message.group_msg）权限时就是这样，看不到“收到”刷屏和接龙；请管理员在开发者后台开通后发布新版本。",
        "Note: for days the bot has received only the messages in this group that @ it. That is "
        "what a Feishu app without the im:message.group_msg permission sees: no “收到” pile-ups "
        "or 接龙 chains. Ask the app's admin to grant it and publish a new version.",
    ),
    "cmd.paused": (
        "已暂停提醒，事件仍会记录。发送 /jianfu resume 恢复。",
        "Reminders paused; incidents are still recorded. Send /jianfu resume to resume.",
    ),
    "cmd.resumed": ("已恢复提醒。", "Reminders resumed."),
    "cmd.observe_on": (
        "已开启观察模式：只记录，不提醒。",
        "Observe mode on: incidents are recorded, no reminders are posted.",
    ),
    "cmd.observe_off": ("已关闭观察模式。", "Observe mode off."),
    "cmd.set_ok": ("已设置 {key} = {value}", "Set {key} = {value}"),
    "cmd.exempt_ok": (
        "已将 {member} 设为豁免：其发起的接龙和要求只记录，不提醒。",
        "{member} is exempt: their chains and requests are recorded but never reminded about.",
    ),
    "cmd.exempt_already": ("{member} 已在豁免名单中。", "{member} is already exempt."),
    "cmd.exempt_unchecked": (
        "注意：无法核对群里是否有 {member}，请确认名字或 id 没有写错（@ 成员最可靠）。",
        "Note: jianfu cannot check that {member} is in this group; make sure the name or id is "
        "right (an @mention is safest).",
    ),
    "cmd.unexempt_ok": ("已取消 {member} 的豁免。", "{member} is no longer exempt."),
    "cmd.unexempt_missing": ("{member} 不在豁免名单中。", "{member} is not exempt."),
    "cmd.forget_ok": (
        "已从记录中删除该成员的信息。",
        "That member's details have been erased from the log.",
    ),
    "cmd.incidents_none": ("暂无记录。", "No incidents recorded yet."),
    "cmd.incidents_head": ("最近 {n} 条记录：", "Last {n} incidents:"),
    "cmd.incident_line": (
        "{time} {kind}：{members} 人 / {messages} 条 {reminded}「{trigger}」",
        "{time} {kind}: {members} members / {messages} messages {reminded}“{trigger}”",
    ),
    "cmd.reminded_mark": ("（已提醒）", "(reminded) "),
    "cmd.status": (
        "减负助手状态：{state}\n"
        "刷屏阈值 {stack_members} 人 / {stack_window_minutes} 分钟；"
        "接龙阈值 {chain_participants} 人\n"
        "提醒间隔 {cooldown_minutes} 分钟；每日最多 {daily_cap} 条；免打扰 {quiet_hours}；"
        "时区 {timezone}；语言 {language}\n"
        "豁免成员 {exempt}\n"
        "本周记录：{counts}\n"
        "本周未提醒：{held}\n"
        "连接：{adapters}",
        "jianfu status: {state}\n"
        "pile-up threshold {stack_members} members / {stack_window_minutes} min; "
        "chain threshold {chain_participants} members\n"
        "cooldown {cooldown_minutes} min; at most {daily_cap} reminders a day; "
        "quiet hours {quiet_hours}; time zone {timezone}; language {language}\n"
        "exempt members {exempt}\n"
        "this week: {counts}\n"
        "not reminded this week: {held}\n"
        "connections: {adapters}",
    ),
    "state.active": ("正常提醒", "reminding"),
    "state.held": ("暂不提醒：{reason}", "holding reminders: {reason}"),
    "state.paused": ("已暂停", "paused"),
    "state.observe": ("观察模式（只记录）", "observe mode (record only)"),
    "word.none": ("无", "none"),
    "word.list_sep": ("，", ", "),  # between items of a list in a sentence
    "word.name_sep": ("、", ", "),  # between names
    "word.item_sep": ("；", "; "),  # between longer items (groups named as candidates)
    "word.connected": ("已连接", "connected"),
    "word.disconnected": ("未连接", "disconnected"),
    # Commands in a 1:1 chat with the bot (handlers.private): replies go only to the sender.
    "private.help": (
        "私聊管理群（仅限配置文件 admins 中的管理员），回复只发给你，不在群里出现：\n"
        "{usage_in}\n{usage_groups}\n"
        "<群> 可写群 id、群名或群名中的一段；群名含空格时请加引号。"
        "例如：/jianfu in 项目协调群 pause",
        "Manage a group from this private chat (only admins listed in the config's admins); "
        "replies come only to you, never into the group:\n"
        "{usage_in}\n{usage_groups}\n"
        "<group> is a group id, its name or part of it; quote a name with spaces. "
        'Example: /jianfu in "Project Team" pause',
    ),
    "private.refused": (
        "仅配置文件中列出的管理员可以私聊管理群。",
        "Only admins listed in jianfu's config can manage groups in a private chat.",
    ),
    "private.need_group": (
        "私聊时请写明对哪个群执行：/jianfu in <群> <命令>。"
        "发送 /jianfu groups 查看群列表，/jianfu help 查看说明。",
        "In a private chat, name the group: /jianfu in <group> <command>. "
        "Send /jianfu groups for the list, /jianfu help for more.",
    ),
    "private.no_group": (
        "没有找到群“{group}”。可选的群：{candidates}",
        "No group matches “{group}”. Known groups: {candidates}",
    ),
    "private.ambiguous": (
        "“{group}”对应多个群，请写群 id 或完整群名：{candidates}",
        "“{group}” matches several groups; give the id or the whole name: {candidates}",
    ),
    "private.candidate": ("{name}（{id}）", "{name} ({id})"),
    "private.unnamed": ("（未命名）", "(no name)"),
    "private.groups_head": (
        "机器人在 {platform} 上所在的群（{n} 个）：",
        "Groups the bot knows on {platform} ({n}):",
    ),
    "private.group_line": ("· {name} · {id} · {platform}", "· {name} · {id} · {platform}"),
    "private.groups_more": ("……另有 {n} 个未列出", "… and {n} more"),
    "private.groups_none": (
        "机器人在 {platform} 上还没有见过任何群。",
        "The bot has not seen any group on {platform} yet.",
    ),
    "usage.private_in": (
        "/jianfu in <群> <命令> — 对该群执行命令（pause、resume、observe、set、exempt、"
        "unexempt、forget、incidents、status、digest）",
        "/jianfu in <group> <command> — run a command on that group (pause, resume, observe, "
        "set, exempt, unexempt, forget, incidents, status, digest)",
    ),
    "usage.private_groups": (
        "/jianfu groups — 列出机器人所在的群（名称、id、平台）",
        "/jianfu groups — list the groups the bot knows (name, id, platform)",
    ),
    "usage.private_help": (
        "/jianfu help — 说明私聊管理的用法",
        "/jianfu help — explain managing groups privately",
    ),
    # Usage lines: one per command (the help lists them all, a bad argument shows one).
    "usage.help": ("/jianfu help — 显示本帮助", "/jianfu help — show this help"),
    "usage.status": (
        "/jianfu status — 当前设置和本周统计",
        "/jianfu status — settings and this week's counts",
    ),
    "usage.pause": (
        "/jianfu pause — 暂停提醒（仍记录）",
        "/jianfu pause — stop reminding (still records)",
    ),
    "usage.resume": ("/jianfu resume — 恢复提醒", "/jianfu resume — resume reminders"),
    "usage.observe": (
        "/jianfu observe on|off — 观察模式：只记录不提醒",
        "/jianfu observe on|off — observe mode: record without reminding",
    ),
    "usage.set": (
        "/jianfu set <设置项> <值> — 可设置：{keys}",
        "/jianfu set <key> <value> — keys: {keys}",
    ),
    "usage.exempt": (
        "/jianfu exempt @成员 — 不提醒该成员发起的接龙和要求",
        "/jianfu exempt @member — never remind about this member's chains and requests",
    ),
    "usage.unexempt": (
        "/jianfu unexempt @成员 — 取消豁免",
        "/jianfu unexempt @member — undo exempt",
    ),
    "usage.incidents": (
        "/jianfu incidents [条数 1-20] — 最近的记录",
        "/jianfu incidents [n 1-20] — latest incidents",
    ),
    "usage.forget": (
        "/jianfu forget @成员 — 从记录中删除该成员",
        "/jianfu forget @member — erase this member from the log",
    ),
    "usage.digest": (
        "/jianfu digest [last|this|YYYY-Www] — 每周简报",
        "/jianfu digest [last|this|YYYY-Www] — weekly digest",
    ),
    # Problems with a command's argument (shown above its usage line).
    "problem.need_member": ("请 @ 一位成员。", "Please @ a member."),
    "problem.not_member": ("群里没有 {member}。", "{member} is not a member of this group."),
    "problem.observe_arg": ("请写 on 或 off。", "Please say on or off."),
    "problem.count": ("条数应为 1 到 20 的整数。", "n must be a whole number from 1 to 20."),
    "problem.week": (
        "周应为 last、this 或 2025-W07 这样的格式（2000 到 2100 年）。",
        "The week must be last, this, or like 2025-W07 (years 2000 to 2100).",
    ),
    "problem.setting": ("{key}：{problem}", "{key}: {problem}"),
    "problem.set_args": ("请写设置项和值。", "Please give a key and a value."),
    # Why a setting value is refused (chat replies in the group's language, config errors in en).
    "setting.unknown_key": (
        "没有这个设置项（可设置：{known}）",
        "unknown setting (known: {known})",
    ),
    "setting.int_range": (
        "应为 {min} 到 {max} 之间的整数，实际为 {got}",
        "expected an integer from {min} to {max}, got {got}",
    ),
    "setting.bool": ("应为 on 或 off，实际为 {got}", "expected on/off (true/false), got {got}"),
    "setting.quiet_hours": (
        "应为 22:00-07:00 这样的时间段或 off，实际为 {got}",
        "expected a span like 22:00-07:00, or off, got {got}",
    ),
    "setting.timezone": (
        "未知时区 {got}（例如 Asia/Shanghai）",
        "unknown time zone {got} (e.g. Asia/Shanghai)",
    ),
    "setting.language": ("应为 zh-CN 或 en，实际为 {got}", "expected zh-CN or en, got {got}"),
    "setting.day": ("应为 mon 到 sun，实际为 {got}", "expected a day mon…sun, got {got}"),
    "setting.time": ("应为 HH:MM 格式，实际为 {got}", "expected a time HH:MM, got {got}"),
    "setting.members": (
        "应为成员 id 列表，实际为 {got}",
        "expected a list of member ids, got {got}",
    ),
    "setting.texts": (
        "应为 键 = 文本 的表，实际为 {got}",
        "expected a table of key = text, got {got}",
    ),
    "setting.text_key": ("没有这个文本：{got}", "no such text key: {got}"),
    "setting.text_empty": ("文本不能为空", "the text is empty"),
    "setting.text_braces": ("文本中的 {{ }} 不配对", "unbalanced {{ }} in the text"),
    "setting.text_placeholder": (
        "文本中有未知占位符 {got}（可用：{allowed}）",
        "unknown placeholder {got} in the text (allowed: {allowed})",
    ),
    "setting.text_plain": (
        "占位符只能写成 {{名称}}，不能带格式、转换或下标：{got}",
        "a placeholder must be a plain {{name}}, without format, conversion or index: {got}",
    ),
    "setting.text_long": (
        "文本最长 {max} 个字符，实际为 {n} 个",
        "the text is longer than {max} characters ({n})",
    ),
    # The weekly digest (handlers.digest). Plain text and markdown share these lines.
    "digest.title": (
        "【减负周报】{group} · {week}（{first} 至 {last}）",
        "[jianfu weekly] {group} · {week} ({first} to {last})",
    ),
    "digest.empty": (
        "【减负周报】{group} · {week}：没有记录到形式主义事件（前一周 {previous} 起）。{hint}",
        "[jianfu weekly] {group} · {week}: nothing to report (the week before: {previous}).{hint}",
    ),
    "digest.week_last": ("上周（{week}）", "last week ({week})"),
    "digest.week_this": ("本周（{week}）", "this week ({week})"),
    "digest.hint_this": (
        "查看本周至今：/jianfu digest this",
        " For this week so far: /jianfu digest this",
    ),
    "digest.total": (
        "事件 {total} 起（上周 {previous} 起）：",
        "{total} incidents (the week before: {previous}):",
    ),
    "digest.kind_line": (
        "{kind} {n}（上周 {previous}，{change}）",
        "{kind}: {n} (the week before {previous}, {change})",
    ),
    "digest.same": ("持平", "same"),
    "digest.acks_known": (
        "刷屏中的“收到”共 {acks} 条；按群成员 {members} 人计，带来 {notifications} 次消息提醒。",
        "{acks} acks were posted in pile-ups; with {members} members in the group, that is "
        "{notifications} notifications.",
    ),
    "digest.acks_bound": (
        "刷屏中的“收到”共 {acks} 条，至少带来 {notifications} 次消息提醒"
        "（群人数未知，按每次刷屏的参与人数计）。",
        "{acks} acks were posted in pile-ups: at least {notifications} notifications "
        "(group size unknown, so each pile-up counts only its own members).",
    ),
    "digest.top_head": ("刷屏最多的通知：", "Notices that drew the biggest pile-ups:"),
    "digest.top_line": (
        "{rank}. {time}「{trigger}」{members} 人回复 {messages} 条",
        "{rank}. {time} “{trigger}”: {messages} acks from {members} members",
    ),
    "digest.no_trigger": ("（无通知原文）", "(notice text not kept)"),
    "digest.demands": (
        "要求回复确认 {ack_request} 次，要求截图留痕 {proof_request} 次。",
        "Demands: {ack_request} to reply and confirm, {proof_request} for photo/screenshot proof.",
    ),
    "digest.demanders": ("发起人：{names}", "Posted by: {names}"),
    "digest.reminders": ("机器人发出提醒 {n} 次。", "The bot posted {n} reminders."),
    "digest.held": (
        "另有 {n} 起未发提醒：{reasons}。",
        "{n} incidents got no reminder: {reasons}.",
    ),
    "digest.verdict_fewer": (
        "结论：比上周少 {pct}%。",
        "Verdict: fewer than the week before by {pct}%.",
    ),
    "digest.verdict_more": (
        "结论：比上周多 {pct}%。",
        "Verdict: more than the week before by {pct}%.",
    ),
    "digest.verdict_same": ("结论：与上周持平。", "Verdict: the same as the week before."),
    "digest.verdict_new": (
        "结论：上周没有记录，这一周 {total} 起。",
        "Verdict: none the week before, {total} this one.",
    ),
    "digest.rollup_title": (
        "【减负周报汇总】{week} · {groups} 个群，按负担排序",
        "[jianfu weekly roll-up] {week} · {groups} groups, heaviest burden first",
    ),
    "digest.rollup_line": (
        "{rank}. {group}：{total} 起（上周 {previous}），“收到” {acks} 条，"
        "{notifications} 次消息提醒",
        "{rank}. {group}: {total} incidents (the week before {previous}), {acks} acks, "
        "{notifications} notifications",
    ),
    "digest.rollup_empty": (
        "{week}：没有任何群的记录。",
        "{week}: no group has anything to report.",
    ),
    **NOTICE_TEXTS,  # silent-confirmation notices (handlers.notices)
}


_FORMATTER = string.Formatter()


class UnknownText(KeyError):
    """A text key that is not in the catalogue."""


def placeholders(template: str) -> set[str]:
    """The `{names}` a template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def default_text(key: str, lang: str = "zh-CN") -> str:
    """The catalogue's text for `key` in `lang` (zh-CN for an unknown language)."""
    try:
        zh, en = CATALOGUE[key]
    except KeyError:
        raise UnknownText(key) from None
    return en if lang == "en" else zh


def text(
    key: str, lang: str = "zh-CN", overrides: Mapping[str, str] | None = None, /, **fmt: object
) -> str:
    """The text for `key`: the group's override if it has one, else the catalogue's, formatted."""
    template = default_text(key, lang)
    override = (overrides or {}).get(key)
    if override:
        try:
            return override.format(**fmt)
        except (KeyError, IndexError, ValueError):
            pass  # a broken override never silences the bot: fall back to the catalogue
    return template.format(**fmt)


def check_override(key: str, template: str) -> tuple[str, dict[str, str]] | None:
    """Why `template` cannot override `key`, as (problem text key, its fields); None when it can.

    An override may use only bare `{name}` placeholders of the text it replaces: a format spec
    (`{members:>999999999}`), a conversion (`!r`) or an index (`{x[0]}`, `{x.y}`) is refused,
    so formatting an override can never build a huge string or reach into an object."""
    if key not in CATALOGUE:
        return "setting.text_key", {"got": key}
    if not template.strip():
        return "setting.text_empty", {}
    if len(template) > MAX_OVERRIDE:
        return "setting.text_long", {"max": str(MAX_OVERRIDE), "n": str(len(template))}
    try:
        fields = [(name, spec, conv) for _, name, spec, conv in _FORMATTER.parse(template)]
    except ValueError:
        return "setting.text_braces", {}
    for name, spec, conversion in fields:
        if name is not None and (spec or conversion or not name.isidentifier()):
            shown = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            return "setting.text_plain", {"got": "{" + shown + "}"}
    used = {name for name, _, _ in fields if name}
    allowed = placeholders(default_text(key))
    extra = sorted(used - allowed)
    if extra:
        names = ", ".join("{" + name + "}" for name in sorted(allowed)) or "-"
        return "setting.text_placeholder", {"got": "{" + extra[0] + "}", "allowed": names}
    return None

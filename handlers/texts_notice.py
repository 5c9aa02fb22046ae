"""The texts of silent-confirmation notices (handlers.notices), zh-CN then en: part of the one
catalogue (`handlers.texts.CATALOGUE` takes them in), kept apart only for size."""

from __future__ import annotations

# key -> (zh-CN, en)
NOTICE_TEXTS: dict[str, tuple[str, str]] = {
    # The notice as the bot posts it, and how to confirm on each platform.
    "notice.post": (
        "【通知 #{number} · 无需回复】{poster}发布：\n{text}{due}\n——\n请勿在群里回复“收到”。{how}",
        "[Notice #{number} · no reply needed] from {poster}:\n{text}{due}\n—\n"
        "Please do not reply “received” in the group. {how}",
    ),
    "notice.due": ("\n截止：{due}", "\nDue: {due}"),
    "notice.someone": ("成员", "a member"),
    "notice.how.playground": (
        "点本条通知下方的“确认已读”按钮即可，发布人能看到谁已确认。",
        "Press “confirm” under this notice; the poster sees who has confirmed.",
    ),
    "notice.how.feishu": (
        "阅读即视为确认（飞书已读状态）；也可私聊机器人发送 1 或 {number}。",
        "Reading it counts as confirming (Feishu's read status); or send 1 or {number} to "
        "the bot privately.",
    ),
    "notice.how.wechaty": (
        "确认请私聊我发送 1 或 {number}，发布人能看到谁已确认。",
        "To confirm, send me 1 or {number} in a private chat; the poster sees who has confirmed.",
    ),
    "notice.how.default": (
        "确认请私聊机器人发送 1 或 {number}，发布人能看到谁已确认。",
        "To confirm, send 1 or {number} to the bot privately; the poster sees who has confirmed.",
    ),
    # To the poster.
    "notice.published": (
        "通知 #{number} 已发布。发送 /jianfu notice status {number} 查看谁已确认。",
        "Notice #{number} is posted. Send /jianfu notice status {number} to see who has confirmed.",
    ),
    "notice.publish_failed": (
        "通知未能发出，请稍后再试。",
        "The notice could not be posted; please try again later.",
    ),
    "notice.none": (
        "本群还没有通过机器人发布的通知。",
        "No notice has been posted through the bot here.",
    ),
    "notice.unknown": ("本群没有通知 #{number}。", "There is no notice #{number} in this group."),
    "notice.not_yours": (
        "只有通知的发布人或群管理员可以查看确认情况。",
        "Only the notice's poster or a group admin can see who has confirmed.",
    ),
    "notice.roster_head": (
        "通知 #{number}（{posted} 发布{due}）「{excerpt}」：",
        "Notice #{number} (posted {posted}{due}) “{excerpt}”: ",
    ),
    "notice.due_short": ("，截止 {due}", ", due {due}"),
    "notice.counts": ("已确认 {confirmed}/{total} 人", "{confirmed} of {total} confirmed"),
    "notice.counts_open": ("已确认 {confirmed} 人", "{confirmed} confirmed"),
    "notice.confirmed_list": ("已确认：{names}", "Confirmed: {names}"),
    "notice.pending_list": ("未确认：{names}", "Not yet: {names}"),
    "notice.pending_unknown": (
        "未确认：本平台不提供完整的群成员名单，无法列出。",
        "Not yet: this platform gives no full member list, so they cannot be named.",
    ),
    "notice.more": ("……另有 {n} 人", " … and {n} more"),
    "notice.source.button": ("（按钮）", " (button)"),
    "notice.source.private": ("（私聊）", " (private)"),
    "notice.source.read": ("（已读）", " (read)"),
    "notice.source.group_ack": ("（群内回复）", " (replied in the group)"),
    "notice.nudged": (
        "通知 #{number} 已到截止时间：已确认 {confirmed}/{total} 人，已私聊提醒未确认的 {n} 人。",
        "Notice #{number} is due: {confirmed} of {total} confirmed; the {n} who had not were "
        "reminded privately.",
    ),
    "notice.nudged_unknown": (
        "通知 #{number} 已到截止时间：已确认 {confirmed} 人；本平台无法列出未确认的成员，未发私聊提醒。",
        "Notice #{number} is due: {confirmed} confirmed; this platform cannot name who has not, "
        "so no one was reminded.",
    ),
    # To members.
    "notice.confirmed": (
        "已确认通知 #{number}，谢谢。无需在群里回复。",
        "Notice #{number} confirmed, thank you. No need to reply in the group.",
    ),
    "notice.confirmed_before": (
        "你已确认过通知 #{number}。",
        "You already confirmed notice #{number}.",
    ),
    "notice.nothing": ("没有需要你确认的通知。", "There is no notice for you to confirm."),
    "notice.nudge": (
        "提醒：通知 #{number}（截止 {due}）你还没有确认。\n「{text}」\n{how}",
        "Reminder: you have not confirmed notice #{number} (due {due}).\n“{text}”\n{how}",
    ),
    # A pile-up of acks after a notice posted through the bot: the silent way.
    "notice.stack": (
        "已有 {members} 位同事在群里回复了“收到”。通知 #{number} 无需在群里回复：{how}",
        "{members} colleagues have replied in the group. Notice #{number} needs no reply "
        "there: {how}",
    ),
    # The command.
    "cmd.notice_admins_only": (
        "本群只有管理员可以发布免回复通知。",
        "Only admins can post silent notices in this group.",
    ),
    "usage.notice": (
        "/jianfu notice <内容> [截止 HH:MM] — 由机器人发布免回复通知，成员私下确认，截止时私聊提醒未确认者；"
        "/jianfu notice status [n] — 发布人查看确认名单",
        "/jianfu notice <text> [--due HH:MM] — post a notice through the bot: no replies, "
        "members confirm privately, those who have not are reminded privately when due; "
        "/jianfu notice status [n] — the poster sees who has confirmed",
    ),
    "problem.notice_empty": ("请写通知内容。", "Please write the notice."),
    "problem.notice_long": (
        "通知最长 {limit} 个字符。",
        "A notice has at most {limit} characters.",
    ),
    "problem.notice_due": (
        "截止时间应写成“截止 HH:MM”或“--due HH:MM”。",
        "Give the due time as “--due HH:MM” (or “截止 HH:MM”).",
    ),
    "problem.notice_number": ("通知编号应为一个数字。", "A notice number is one whole number."),
    # The weekly digest.
    "digest.notices": (
        "免回复通知 {n} 条，成员静默确认，省去约 {saved} 条“收到”。",
        "{n} silent notices, confirmed without a word in the group: about {saved} "
        "“received” messages spared.",
    ),
}

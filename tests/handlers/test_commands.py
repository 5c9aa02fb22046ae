"""Admin commands: parsing, permissions, each command's effect, usage on bad input, audit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from handlers.actions import (
    Action,
    AuditCommand,
    ForgetMember,
    Post,
    RequestDigest,
    SaveGroupSettings,
)
from handlers.commands import INCIDENTS_MAX, handle, parse, usage
from handlers.context import CommandContext, IncidentRecord, PostHistory
from handlers.group_settings import GroupSettings
from handlers.texts import text
from policies.events import Message

NOW = datetime(2025, 2, 10, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "name", "args"),
    [
        ("/jianfu help", "help", ()),
        ("/jianfu", "help", ()),
        ("/jf status", "status", ()),
        ("/JF  Pause ", "pause", ()),
        ("／jianfu observe on", "observe", ("on",)),
        ("@减负助手 /jf set cooldown_minutes 10", "set", ("cooldown_minutes", "10")),
        ("@减负助手\u2005/jianfu incidents 3", "incidents", ("3",)),
        ("/jf\u3000exempt @李娜", "exempt", ("@李娜",)),
    ],
)
def test_parse_commands(typed: str, name: str, args: tuple[str, ...]) -> None:
    inv = parse(typed)
    assert inv is not None and inv.name == name and inv.args == args


@pytest.mark.parametrize(
    "typed", ["收到", "/jianfuhelp", "/jfx status", "请看 /jianfu help", "jianfu help", ""]
)
def test_not_a_command(typed: str) -> None:
    assert parse(typed) is None


def test_set_keeps_the_rest_of_the_line() -> None:
    inv = parse("/jf set text.stack 已有 {members} 位同事确认， 辛苦了")
    assert inv is not None and inv.rest == "text.stack 已有 {members} 位同事确认， 辛苦了"


def msg_from(
    sender: str = "u-owner", *, admin: bool | None = True, mentions: tuple[str, ...] = ()
) -> Message:
    return Message(
        id="c1", group_id="g", sender_id=sender, sender_name="王主任", text="", time=NOW,
        is_admin=admin, mentions=mentions,
    )  # fmt: skip


def ctx(settings: GroupSettings | None = None, **kw: object) -> CommandContext:
    return CommandContext(group_id="g", settings=settings or GroupSettings(), **kw)  # type: ignore[arg-type]


def run(typed: str, context: CommandContext | None = None, **msg_kw: object) -> list[Action]:
    inv = parse(typed)
    assert inv is not None
    return handle(inv, msg_from(**msg_kw), context or ctx())  # type: ignore[arg-type]


def reply_of(actions: list[Action]) -> str:
    posts = [a for a in actions if isinstance(a, Post)]
    assert len(posts) == 1 and posts[0].reason == "command"
    return posts[0].text


def audit_of(actions: list[Action]) -> AuditCommand:
    audit = actions[-1]
    assert isinstance(audit, AuditCommand), "every command ends with its audit row"
    assert sum(isinstance(a, AuditCommand) for a in actions) == 1
    return audit


def saved(actions: list[Action]) -> GroupSettings:
    [save] = [a for a in actions if isinstance(a, SaveGroupSettings)]
    assert save.group_id == "g"
    return save.settings


@pytest.mark.parametrize(
    ("typed", "field", "value"),
    [
        ("/jianfu pause", "paused", True),
        ("/jianfu observe on", "observe", True),
        ("/jianfu set cooldown_minutes 10", "cooldown_minutes", 10),
        ("/jianfu set quiet_hours 22:00-07:00", "quiet_hours", "22:00-07:00"),
        ("/jianfu set language en", "language", "en"),
        ("/jianfu set stack_members 3", "stack_members", 3),
        ("/jianfu exempt 李娜", "exempt", ("李娜",)),
    ],
)
def test_admin_command_changes_settings(typed: str, field: str, value: object) -> None:
    actions = run(typed)
    assert getattr(saved(actions), field) == value
    assert audit_of(actions).allowed and audit_of(actions).result == "ok"
    assert reply_of(actions)


def test_resume_and_observe_off_undo() -> None:
    paused = GroupSettings(paused=True, observe=True)
    assert not saved(run("/jf resume", ctx(paused))).paused
    assert not saved(run("/jf observe off", ctx(paused))).observe


def test_set_replies_in_the_new_language() -> None:
    actions = run("/jf set language en")
    assert reply_of(actions) == text("cmd.set_ok", "en", None, key="language", value="en")


def test_set_text_override() -> None:
    actions = run("/jf set text.stack 已有 {members} 位同事确认，辛苦了")
    assert saved(actions).texts == {"stack": "已有 {members} 位同事确认，辛苦了"}


@pytest.mark.parametrize(
    "typed",
    [
        "/jianfu status", "/jianfu pause", "/jianfu resume", "/jianfu observe on",
        "/jianfu set cooldown_minutes 10", "/jianfu exempt @李娜", "/jianfu unexempt @李娜",
        "/jianfu incidents", "/jianfu forget @李娜", "/jianfu digest",
    ],
)  # fmt: skip
@pytest.mark.parametrize("admin", [False, None])
def test_non_admin_is_refused_in_one_line_privately(typed: str, admin: bool | None) -> None:
    actions = run(typed, ctx(private_replies=True), sender="u-li", admin=admin)
    [reply] = [a for a in actions if isinstance(a, Post)]
    assert (reply.text, reply.to_member) == (text("cmd.refused"), "u-li"), "never in the group"
    assert "\n" not in reply.text
    assert not any(isinstance(a, SaveGroupSettings | ForgetMember | RequestDigest) for a in actions)
    audit = audit_of(actions)
    assert not audit.allowed and audit.result == "refused" and audit.actor_id == "u-li"


def test_config_admin_is_allowed_without_platform_word() -> None:
    actions = run("/jf pause", ctx(admins=frozenset({"u-li"})), sender="u-li", admin=None)
    assert saved(actions).paused and audit_of(actions).allowed


def test_help_is_open_to_everyone_and_lists_every_command() -> None:
    reply = reply_of(run("/jianfu help", ctx(private_replies=True), sender="u-li", admin=False))
    for name in ("status", "pause", "resume", "observe", "set", "exempt", "unexempt",
                 "incidents", "forget", "digest"):  # fmt: skip
        assert usage(name) in reply


@pytest.mark.parametrize(
    ("typed", "usage_of"),
    [
        ("/jf observe maybe", "observe"),
        ("/jf observe", "observe"),
        ("/jf set cooldown_minutes", "set"),
        ("/jf set cooldown_minutes abc", "set"),
        ("/jf set colour red", "set"),
        ("/jf set cooldown_minutes 2000000000000", "set"),
        ("/jf set timezone Asia", "set"),
        ("/jf set timezone " + "x" * 300, "set"),
        ("/jf set text.stack {members:>999999999}", "set"),
        ("/jf exempt", "exempt"),
        ("/jf unexempt", "unexempt"),
        ("/jf forget", "forget"),
        ("/jf incidents lots", "incidents"),
        ("/jf incidents 0", "incidents"),
        (f"/jf incidents {INCIDENTS_MAX + 1}", "incidents"),
        ("/jf digest 2025-W60", "digest"),
        ("/jf digest last week", "digest"),
    ],
)
def test_bad_argument_gets_the_usage_line(typed: str, usage_of: str) -> None:
    actions = run(typed)
    assert usage(usage_of) in reply_of(actions)
    assert not any(isinstance(a, SaveGroupSettings | ForgetMember) for a in actions)
    assert audit_of(actions).result == "usage"


def test_bad_setting_value_says_what_is_wrong() -> None:
    reply = reply_of(run("/jf set cooldown_minutes abc"))
    assert "cooldown_minutes" in reply and '"abc"' in reply and "整数" in reply


def test_unknown_command_is_answered_without_echoing_it_and_audited() -> None:
    actions = run("/jf https://phish.example/login 领取补贴")
    assert reply_of(actions) == text("cmd.unknown") and audit_of(actions).result == "unknown"
    assert "phish" not in reply_of(actions) and "phish" in audit_of(actions).command


@pytest.mark.parametrize("typed", ["/jf help", "/jf pause", "/jf nonsense", "/jf groups"])
def test_a_member_never_makes_the_bot_speak_in_the_group(typed: str) -> None:
    """Privately where the platform can reach them, else no reply at all; always audited."""
    privately = run(typed, ctx(private_replies=True), sender="u-li", admin=False)
    posts = [a for a in privately if isinstance(a, Post)]
    assert len(posts) == 1 and posts[0].to_member == "u-li"
    silent = run(typed, ctx(private_replies=False), sender="u-li", admin=False)
    assert not any(isinstance(a, Post) for a in silent)
    assert audit_of(silent).actor_id == "u-li" and audit_of(silent).command == typed


@pytest.mark.parametrize("typed", ["/jf groups", "/jf in 项目群 pause", "/jianfu IN x status"])
def test_private_chat_commands_in_a_group_point_to_the_private_chat(typed: str) -> None:
    actions = run(typed)
    assert reply_of(actions) == text("cmd.private_only")
    assert audit_of(actions).result == "private_only"
    assert [type(a) for a in actions] == [Post, AuditCommand], "no effect on the group"


def test_exempt_by_mention_ignores_the_bot() -> None:
    actions = run("@减负助手 /jf exempt @李娜", ctx(bot_id="bot"), mentions=("bot", "u-li"))
    assert saved(actions).exempt == ("u-li",)


def test_exempt_twice_and_unexempt_missing_change_nothing() -> None:
    group = GroupSettings(exempt=("李娜",))
    assert not any(isinstance(a, SaveGroupSettings) for a in run("/jf exempt 李娜", ctx(group)))
    assert not any(isinstance(a, SaveGroupSettings) for a in run("/jf unexempt 张伟", ctx(group)))
    assert saved(run("/jf unexempt @李娜", ctx(group))).exempt == ()


def test_forget_erases_and_keeps_the_name_out_of_the_audit() -> None:
    actions = run("/jianfu forget @李娜")
    [forget] = [a for a in actions if isinstance(a, ForgetMember)]
    assert forget == ForgetMember("g", "李娜")
    assert "李娜" not in audit_of(actions).command
    assert "李娜" not in reply_of(actions)
    assert not any(isinstance(a, SaveGroupSettings) for a in actions), "nobody was exempt"


@pytest.mark.parametrize(
    "typed", ["/jf forget @李娜", "/jf forget @李娜\u2005", "/jf forget @减负助手 @李娜"]
)
def test_forget_by_mention_also_forgets_the_name_typed_and_the_exemption(typed: str) -> None:
    group = GroupSettings(exempt=("u-li", "李娜", "u-hr"))
    actions = run(typed, ctx(group, bot_id="bot"), mentions=("bot", "u-li"))
    [forget] = [a for a in actions if isinstance(a, ForgetMember)]
    assert forget == ForgetMember("g", "u-li", ("李娜",))
    assert saved(actions).exempt == ("u-hr",)
    assert "李娜" not in audit_of(actions).command and "u-li" not in audit_of(actions).command


def record(n: int, *, reminded: bool = False) -> IncidentRecord:
    return IncidentRecord(
        id=f"g/stack/{n}", group_id="g", platform="playground", kind="stack", start=NOW,
        end=NOW, members=n + 5, messages=n + 6, trigger=f"通知{n}", trigger_sender="u-owner",
        demand_by="", reminded=reminded,
    )  # fmt: skip


def test_incidents_lists_the_latest_n() -> None:
    records = tuple(record(n, reminded=n == 0) for n in range(8))
    reply = reply_of(run("/jf incidents 3", ctx(recent_incidents=records)))
    lines = reply.splitlines()
    assert len(lines) == 4 and "3" in lines[0]
    assert "通知0" in lines[1] and "10:00" in lines[1] and text("cmd.reminded_mark") in lines[1]
    assert "通知2" in lines[3] and "通知3" not in reply
    assert len(reply_of(run("/jf incidents", ctx(recent_incidents=records))).splitlines()) == 6
    assert reply_of(run("/jf incidents")) == text("cmd.incidents_none")


def test_status_shows_settings_counts_and_adapters() -> None:
    group = GroupSettings(observe=True, quiet_hours="22:00-07:00", exempt=("李娜",))
    context = ctx(group, week_counts={"stack": 4, "ack_request": 2}, adapters={"wechaty": True})
    reply = reply_of(run("/jf status", context))
    assert text("state.observe") in reply and "22:00-07:00" in reply and "李娜" in reply
    assert f"{text('kind.stack')} 4" in reply and f"{text('kind.ack_request')} 2" in reply
    assert f"{text('kind.chain')} 0" in reply and "wechaty" in reply


def test_status_ends_with_what_the_platform_notices_about_the_group() -> None:
    key = "notice.feishu_mentions_only"
    reply = reply_of(run("/jf status", ctx(notices=(key,))))
    assert reply.endswith("\n" + text(key)) and "im:message.group_msg" in reply
    assert text(key) not in reply_of(run("/jf status", ctx()))


@pytest.mark.parametrize(("typed", "week"), [("/jf digest", "last"), ("/jf digest THIS", "this"),
                                             ("/jf digest 2025-w07", "2025-W07")])  # fmt: skip
def test_digest_request(typed: str, week: str) -> None:
    actions = run(typed)
    [request] = [a for a in actions if isinstance(a, RequestDigest)]
    assert request == RequestDigest("g", week, "zh-CN")
    assert audit_of(actions).result == "ok"


def test_status_inside_quiet_hours_says_reminders_are_held_and_until_when() -> None:
    quiet = GroupSettings(quiet_hours="09:00-11:00")  # NOW is 10:00 in Shanghai
    context = ctx(quiet, now=NOW, week_held={"quiet_hours": 2, "cooldown": 1})
    reply = reply_of(run("/jf status", context))
    assert text("state.active") not in reply
    assert text("state.held", reason="免打扰时段（至 11:00）") in reply
    assert "本周未提醒：免打扰时段 2，提醒间隔未到 1" in reply
    capped = ctx(GroupSettings(daily_cap=1), now=NOW, posts=PostHistory(NOW, 1))
    assert "今日提醒已达上限（至 02-11 00:00）" in reply_of(run("/jf status", capped))
    assert text("state.active") in reply_of(run("/jf status", ctx(now=NOW)))


def test_status_in_english_has_no_full_width_punctuation() -> None:
    group = GroupSettings(language="en", exempt=("li", "zhang"))
    context = ctx(group, now=NOW, week_counts={"stack": 1, "chain": 1}, adapters={"a": True, "b": False}, week_held={"cooldown": 1})  # fmt: skip
    reply = reply_of(run("/jf status", context))
    assert "ack pile-up 1, ack chain 1" in reply and "li, zhang" in reply
    assert not set(reply) & set("，、：；（）"), reply


ROSTER = frozenset({"u-li", "李娜", "u-owner", "王主任"})


def test_exempt_someone_not_in_a_complete_roster_is_refused() -> None:
    context = ctx(members=ROSTER, members_complete=True)
    actions = run("/jf exempt @不存在的人", context)
    assert not any(isinstance(a, SaveGroupSettings) for a in actions)
    assert reply_of(actions).startswith("群里没有 不存在的人。")
    assert audit_of(actions).result == "usage"
    assert saved(run("/jf exempt 李娜", context)).exempt == ("李娜",)


def test_exempt_by_mention_needs_no_roster() -> None:
    actions = run("/jf exempt @李娜", ctx(), mentions=("u-li",))
    assert saved(actions).exempt == ("u-li",)
    assert text("cmd.exempt_unchecked", member="u-li") not in reply_of(actions)


@pytest.mark.parametrize("members", [None, frozenset({"u-li"})])
def test_exempt_where_the_platform_cannot_tell_warns_and_keeps_it(
    members: frozenset[str] | None,
) -> None:
    actions = run("/jf exempt 老周", ctx(members=members, members_complete=False))
    assert saved(actions).exempt == ("老周",)
    assert reply_of(actions).endswith(text("cmd.exempt_unchecked", member="老周"))

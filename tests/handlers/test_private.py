"""Admin commands in a 1:1 chat: `in <group>` forms, finding the group, who may, private replies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from handlers.actions import (
    Action,
    AuditCommand,
    ForgetMember,
    Post,
    RequestDigest,
    SaveGroupSettings,
)
from handlers.context import CommandContext, GroupRecord, PrivateContext
from handlers.group_settings import GroupSettings
from handlers.private import (
    CANDIDATES_MAX,
    GROUPS_MAX,
    PrivateCommand,
    Target,
    find_groups,
    parse,
    route,
    run,
    usage,
)
from handlers.texts import text
from policies.events import Message

NOW = datetime(2025, 2, 10, 2, 0, tzinfo=UTC)
ADMIN = "wxid_boss"


def group(gid: str, name: str, platform: str = "wechaty", age: int = 0) -> GroupRecord:
    seen = NOW - timedelta(hours=age)
    return GroupRecord(id=gid, platform=platform, name=name, first_seen=seen, last_seen=seen)


GROUPS = (
    group("1001@chatroom", "项目协调群", age=1),
    group("1002@chatroom", "项目协调群（二期）", age=2),
    group("1003@chatroom", "街道办工作群", age=3),
    group("1004@chatroom", "Ops Team", age=4),
    group("1005@chatroom", "", age=5),
    group("cid-9", "街道办工作群", platform="dingtalk"),
)


def private_msg(typed: str, sender: str = ADMIN, *, admin: bool | None = None) -> Message:
    return Message(
        id="p1", group_id="", sender_id=sender, sender_name="老板", text=typed, time=NOW,
        platform="wechaty", is_admin=admin,
    )  # fmt: skip


def routed(typed: str, sender: str = ADMIN, **kw: object) -> Target | list[Action]:
    cmd = parse(typed)
    assert cmd is not None
    known = PrivateContext(groups=GROUPS, admins=frozenset({ADMIN}), language="zh-CN")
    return route(cmd, private_msg(typed, sender, **kw), known)  # type: ignore[arg-type]


def answered(typed: str, sender: str = ADMIN, **kw: object) -> tuple[Post, AuditCommand]:
    actions = routed(typed, sender, **kw)
    assert isinstance(actions, list), actions
    post, audit = actions
    assert isinstance(post, Post) and isinstance(audit, AuditCommand)
    assert post.to_member == sender and post.reason == "command"
    assert audit.actor_id == sender and audit.group_id == post.group_id
    return post, audit


# --- parsing ---


@pytest.mark.parametrize(
    ("typed", "group_", "name", "args"),
    [
        ("/jf in 项目协调群 pause", "项目协调群", "pause", ()),
        ("/jianfu in 1003@chatroom set cooldown_minutes 10", "1003@chatroom", "set",
         ("cooldown_minutes", "10")),
        ("/JF IN 街道办 Observe on", "街道办", "observe", ("on",)),
        ('/jf in "Ops Team" exempt 李娜', "Ops Team", "exempt", ("李娜",)),
        ("/jf in 「Ops Team」 status", "Ops Team", "status", ()),
        ("／jf\u3000in\u3000项目协调群\u3000digest this", "项目协调群", "digest", ("this",)),
        ("/jf in 项目协调群", "项目协调群", "help", ()),
    ],
)  # fmt: skip
def test_parse_the_in_group_form(typed: str, group_: str, name: str, args: tuple[str, ...]) -> None:
    cmd = parse(typed)
    assert cmd is not None and (cmd.name, cmd.group) == ("in", group_)
    assert cmd.command is not None and (cmd.command.name, cmd.command.args) == (name, args)
    assert cmd.command.line == cmd.line  # the audit row shows the whole private command


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("/jf groups", PrivateCommand("groups", "/jf groups")),
        ("/jianfu", PrivateCommand("help", "/jianfu")),
        ("/jf in", PrivateCommand("in", "/jf in")),
        ("/jf pause", PrivateCommand("pause", "/jf pause")),
    ],
)
def test_parse_other_private_forms(typed: str, expected: PrivateCommand) -> None:
    assert parse(typed) == expected


@pytest.mark.parametrize("typed", ["在吗？", "收到", "jianfu in 项目协调群 pause", ""])
def test_a_plain_private_message_is_no_command(typed: str) -> None:
    assert parse(typed) is None


# --- finding the group ---


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("1003@chatroom", ["1003@chatroom"]),  # an id
        ("项目协调群", ["1001@chatroom"]),  # the whole name beats a part of another one
        ("ops team", ["1004@chatroom"]),  # case-insensitive
        ("OPS", ["1004@chatroom"]),  # a unique part, any case
        ("项目", ["1001@chatroom", "1002@chatroom"]),  # ambiguous
        ("财务", []),  # unknown
    ],
)
def test_find_groups(query: str, ids: list[str]) -> None:
    assert [g.id for g in find_groups(query, GROUPS)] == ids


# --- routing ---


def test_a_known_group_becomes_the_target() -> None:
    target = routed("/jf in 街道办 pause")
    assert isinstance(target, Target) and target.group_id == "1003@chatroom"
    assert target.command.name == "pause"


def test_only_groups_of_the_senders_platform_are_found() -> None:
    target = routed("/jf in cid-9 pause")
    assert not isinstance(target, Target)
    post, audit = answered("/jf in cid-9 pause")
    assert audit.result == "no_group" and "cid-9" not in post.text.split("：", 1)[1]


def test_an_unknown_group_lists_candidates_on_one_line() -> None:
    post, audit = answered("/jf in 财务群 pause")
    assert post.group_id == "" and "\n" not in post.text
    assert post.text.startswith(text("private.no_group", group="财务群", candidates="")[:8])
    named = [g for g in GROUPS if g.platform == "wechaty"][:CANDIDATES_MAX]
    for record in named:  # the most recently seen first
        assert record.id in post.text
    assert text("private.unnamed") in post.text
    assert (audit.allowed, audit.result, audit.command) == (True, "no_group", "/jf in 财务群 pause")


def test_an_ambiguous_group_names_the_matches() -> None:
    post, audit = answered("/jf in 项目 pause")
    assert "\n" not in post.text and "1001@chatroom" in post.text and "1002@chatroom" in post.text
    assert "1003@chatroom" not in post.text and audit.result == "no_group"


@pytest.mark.parametrize("typed", ["/jf in 街道办 pause", "/jf groups", "/jf in 财务 status"])
@pytest.mark.parametrize("platform_admin", [True, None])
def test_a_non_admin_is_refused_privately_in_one_line(typed: str, platform_admin: bool) -> None:
    """Only the config's admins: the platform's admin flag in a 1:1 chat counts for nothing."""
    post, audit = answered(typed, "wxid_li", admin=platform_admin)
    assert post.text == text("private.refused") and "\n" not in post.text
    assert (audit.allowed, audit.result, audit.command) == (False, "refused", typed)
    assert audit.group_id == ("1003@chatroom" if "街道办" in typed else "")


def test_help_explains_the_in_group_form_to_anyone() -> None:
    post, audit = answered("/jf help", "wxid_li")
    assert usage("in") in post.text and usage("groups") in post.text
    assert audit.result == "ok" and audit.group_id == ""


@pytest.mark.parametrize("typed", ["/jf pause", "/jf in", "/jf status"])
def test_a_command_without_a_group_says_how_to_name_one(typed: str) -> None:
    post, audit = answered(typed)
    assert post.text == text("private.need_group") and audit.result == "usage"


def test_groups_lists_name_id_and_platform_newest_first() -> None:
    post, audit = answered("/jf groups")
    lines = post.text.splitlines()
    assert lines[0] == text("private.groups_head", platform="wechaty", n=5)
    assert lines[1] == text(
        "private.group_line", name="项目协调群", id="1001@chatroom", platform="wechaty"
    )
    assert len(lines) == 6 and "cid-9" not in post.text
    assert (audit.group_id, audit.result) == ("", "ok")


def test_groups_lists_at_most_twenty() -> None:
    many = tuple(group(f"{n}@chatroom", f"群{n}", age=n) for n in range(GROUPS_MAX + 3))
    cmd = parse("/jf groups")
    assert cmd is not None
    [post, _] = route(cmd, private_msg("/jf groups"), PrivateContext(many, frozenset({ADMIN})))
    assert isinstance(post, Post)
    lines = post.text.splitlines()
    assert len(lines) == 1 + GROUPS_MAX + 1
    assert lines[-1] == text("private.groups_more", n=3) and "群0" in lines[1]


# --- running on the target group ---


def run_on(typed: str, settings: GroupSettings | None = None) -> list[Action]:
    target = routed(typed)
    assert isinstance(target, Target)
    context = CommandContext(
        group_id=target.group_id, settings=settings or GroupSettings(), admins=frozenset({ADMIN})
    )
    return run(target, private_msg(typed), context)


@pytest.mark.parametrize(
    ("typed", "effect"),
    [
        ("/jf in 街道办 pause", SaveGroupSettings("1003@chatroom", GroupSettings(paused=True))),
        ("/jf in 街道办 observe on", SaveGroupSettings("1003@chatroom", GroupSettings(observe=True))),
        ("/jf in 街道办 set cooldown_minutes 10",
         SaveGroupSettings("1003@chatroom", GroupSettings(cooldown_minutes=10))),
        ("/jf in 街道办 exempt 李娜",
         SaveGroupSettings("1003@chatroom", GroupSettings(exempt=("李娜",)))),
        ("/jf in 街道办 forget 李娜", ForgetMember("1003@chatroom", "李娜")),
    ],
)  # fmt: skip
def test_effects_apply_to_the_named_group_and_replies_go_privately(
    typed: str, effect: Action
) -> None:
    actions = run_on(typed)
    assert actions[0] == effect
    [post] = [a for a in actions if isinstance(a, Post)]
    assert (post.group_id, post.to_member, post.reason) == ("1003@chatroom", ADMIN, "command")
    audit = actions[-1]
    assert isinstance(audit, AuditCommand) and audit.group_id == "1003@chatroom"
    assert audit.allowed and audit.result == "ok" and audit.command.startswith("/jf in 街道办 ")


def test_resume_in_a_paused_group() -> None:
    actions = run_on("/jf in 街道办 resume", GroupSettings(paused=True))
    assert actions[0] == SaveGroupSettings("1003@chatroom", GroupSettings(paused=False))


def test_forget_keeps_the_member_out_of_the_audit() -> None:
    audit = run_on("/jf in 街道办 forget 李娜")[-1]
    assert isinstance(audit, AuditCommand) and audit.command == "/jf in 街道办 forget …"


def test_status_and_incidents_answer_privately() -> None:
    for typed in ("/jf in 街道办 status", "/jf in 街道办 incidents"):
        actions = run_on(typed)
        [post] = [a for a in actions if isinstance(a, Post)]
        assert post.to_member == ADMIN and post.text
        assert not any(isinstance(a, SaveGroupSettings | ForgetMember) for a in actions)


def test_a_bad_argument_gets_the_usage_privately() -> None:
    actions = run_on("/jf in 街道办 observe maybe")
    [post] = [a for a in actions if isinstance(a, Post)]
    assert post.to_member == ADMIN and "on|off" in post.text
    assert isinstance(actions[-1], AuditCommand) and actions[-1].result == "usage"


def test_digest_is_requested_for_the_admin_alone() -> None:
    actions = run_on("/jf in 街道办 digest this")
    [request] = [a for a in actions if isinstance(a, RequestDigest)]
    assert request == RequestDigest("1003@chatroom", "this", "zh-CN", to_member=ADMIN)


def test_english_candidates_have_no_full_width_punctuation() -> None:
    from handlers.private import candidates

    groups = [g for g in GROUPS if g.platform == "wechaty"]
    shown = candidates(groups, "en")
    for name in sorted((g.name for g in groups if g.name), key=len, reverse=True):
        shown = shown.replace(name, "")  # the names are the users' own text
    assert "; " in shown and not set(shown) & set("；（），")

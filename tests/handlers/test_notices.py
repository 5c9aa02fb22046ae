"""Silent notices' decisions and texts (handlers.notices): pure, over hand-made values."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from handlers import commands
from handlers.actions import ConfirmNotice, Post, PublishNotice, RequestNoticeStatus
from handlers.context import CommandContext
from handlers.group_settings import GroupSettings
from handlers.notices import (
    Confirmation,
    NoticeError,
    NoticeRecord,
    in_group,
    is_private_confirmation,
    private_choice,
    roster_text,
    split_due,
)
from policies.detect import Step
from policies.events import Classification, Incident, Message

NOW = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai
GROUP = GroupSettings()


def notice(n: int = 1, **fields: object) -> NoticeRecord:
    base = NoticeRecord(n, "g", "wechaty", "boss", "王主任", "周五前交表", NOW, None, "ref")
    return replace(base, **fields)  # type: ignore[arg-type]


def msg(text: str, sender: str = "u1", **fields: object) -> Message:
    base = Message("m1", "g", sender, text, NOW + timedelta(minutes=5), sender_name="张伟")
    return replace(base, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rest", "body", "due"),
    [
        ("周五前交表 截止 17:30", "周五前交表", "2025-03-03 17:30"),
        ("周五前交表 --due 9:05", "周五前交表", "2025-03-04 09:05"),  # passed today: tomorrow
        ("周五前交表　截止：18:00", "周五前交表", "2025-03-03 18:00"),  # full-width space, colon
        ("截止时间另行通知", "截止时间另行通知", None),  # no time: part of the text
        ("周五前交表", "周五前交表", None),
    ],
)
def test_the_due_time_is_the_next_such_time_in_the_groups_zone(
    rest: str, body: str, due: str | None
) -> None:
    got_body, got_due = split_due(rest, GROUP, NOW)
    assert got_body == body
    assert (f"{got_due.astimezone(GROUP.zone):%Y-%m-%d %H:%M}" if got_due else None) == due


@pytest.mark.parametrize("rest", ["交表 --due 25:00", "交表 --due soon", "交表 截止 12:61"])
def test_a_bad_due_time_is_refused(rest: str) -> None:
    with pytest.raises(NoticeError):
        split_due(rest, GROUP, NOW)


@pytest.mark.parametrize(
    ("text", "is_one"),
    [("1", True), (" 收到 ", True), ("#12", True), ("收到 #12", True), ("确认12", True),
     ("OK", True), ("收到请回复", False), ("在吗", False), ("/jianfu help", False),
     ("12345678901", False), ("1 2", False)],
)  # fmt: skip
def test_which_private_texts_are_confirmations(text: str, is_one: bool) -> None:
    assert is_private_confirmation(text) is is_one


def test_a_private_confirmation_means_the_named_notice_else_the_newest_unconfirmed() -> None:
    newest, older, first = notice(7), notice(5), notice(1)
    open_ = [newest, older, first]
    assert private_choice("5", open_, frozenset()) == older
    assert private_choice("收到", open_, frozenset({7})) == older
    assert private_choice("1", open_, frozenset()) == first  # #1 is theirs: it is that one
    assert private_choice("1", [newest, older], frozenset()) == newest  # else: "yes"
    assert private_choice("9", open_, frozenset()) is None  # a number that is none of theirs
    assert private_choice("收到", open_, frozenset({1, 5, 7})) is None


def test_an_ack_after_a_notice_confirms_and_the_pile_up_reminder_points_to_the_silent_way() -> None:
    ack = Step(Classification("ack"))
    assert in_group(msg("收到"), ack, notice(), GROUP, []) == [
        ConfirmNotice(1, "u1", "张伟", "group_ack", NOW + timedelta(minutes=5))
    ]
    assert in_group(msg("收到", sender="boss"), ack, notice(), GROUP, []) == []  # the poster
    late = msg("收到", time=NOW + timedelta(days=2))
    assert in_group(late, ack, notice(), GROUP, []) == []  # long after: not about it
    stack = Incident("g/stack/m0", "g", "stack", NOW, NOW, 5, 5, "周五前交表", opened=True)
    reminder = Post("g", "已有 5 位同事确认收到……", incident_id=stack.id)
    [pointed, confirm] = in_group(
        msg("收到"), Step(ack.classification, (stack,)), notice(), GROUP, [reminder]
    )
    assert isinstance(pointed, Post) and isinstance(confirm, ConfirmNotice)
    assert pointed.text.startswith("已有 5 位同事在群里回复了“收到”。通知 #1 无需在群里回复：")
    assert "私聊我发送 1 或 1" in pointed.text
    other = Step(Classification("other"))
    assert in_group(msg("好的我看看"), other, None, GROUP, [reminder]) == [reminder]


def test_in_the_group_a_roster_gives_counts_and_names_nobody() -> None:
    confirmed = [Confirmation("u1", "张伟", "private", NOW + timedelta(minutes=3))]
    roster = {"boss": "王主任", "u1": "张伟", "u2": "李娜"}
    public = roster_text(notice(), confirmed, roster, GROUP.zone, "zh-CN", names=False)
    assert public.endswith("已确认 1/2 人") and "李娜" not in public and "张伟" not in public
    private = roster_text(notice(), confirmed, roster, GROUP.zone, "en", names=True)
    assert private.splitlines()[1:] == ["Confirmed: 张伟 10:03 (private)", "Not yet: 李娜"]
    unknown = roster_text(notice(), confirmed, None, GROUP.zone, "zh-CN", names=True)
    assert "已确认 1 人" in unknown and "无法列出" in unknown


def context(**fields: object) -> CommandContext:
    return replace(CommandContext("g", GroupSettings(), now=NOW), **fields)  # type: ignore[arg-type]


def test_any_member_may_post_unless_the_group_restricts_it() -> None:
    member = msg("/jianfu notice 明天团建 截止 09:00", sender="u2")
    inv = commands.parse(member.text)
    assert inv is not None
    [publish, _] = commands.handle(inv, member, context())
    assert isinstance(publish, PublishNotice) and publish.poster_id == "u2"
    assert publish.text == "明天团建" and publish.due is not None
    restricted = context(settings=GroupSettings(notice_admins_only=True), private_replies=True)
    [reply, _] = commands.handle(inv, member, restricted)
    assert isinstance(reply, Post) and reply.to_member == "u2" and "管理员" in reply.text


def test_status_goes_privately_where_it_can_and_a_member_never_gets_it_in_the_group() -> None:
    member = msg("/jianfu notice status 3", sender="u2")
    inv = commands.parse(member.text)
    assert inv is not None
    [asked, _] = commands.handle(inv, member, context(private_replies=True))
    assert asked == RequestNoticeStatus("g", 3, "u2", False, "zh-CN", "u2")
    assert len(commands.handle(inv, member, context())) == 1  # only the audit row
    bad = commands.parse("/jianfu notice status three")
    assert bad is not None
    [usage, _] = commands.handle(bad, replace(member, is_admin=True), context())
    assert isinstance(usage, Post) and "通知编号应为一个数字" in usage.text

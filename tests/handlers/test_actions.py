"""handlers.actions: the values handlers return for the runtime to carry out."""

from __future__ import annotations

from handlers.actions import ForgetMember


def test_forget_names_the_member_and_every_alias_once() -> None:
    forget = ForgetMember("g", "wxid_li", ("李娜", " 李娜 ", "", "wxid_li", "Lina"))
    assert forget.names == ("wxid_li", "李娜", "Lina")


def test_forget_without_aliases_is_the_member_alone() -> None:
    forget = ForgetMember("g", "李娜")
    assert forget.aliases == () and forget.names == ("李娜",)
    match forget:
        case ForgetMember(gid, member):  # how the runtime matches it today
            assert (gid, member) == ("g", "李娜")

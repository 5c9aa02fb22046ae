"""The text catalogue: every string formats in both languages; overrides are checked."""

from __future__ import annotations

import pytest

from handlers.texts import (
    CATALOGUE,
    LANGUAGES,
    MAX_OVERRIDE,
    check_override,
    placeholders,
    text,
)

SAMPLE = {
    "members": 7, "name": "frobnicate", "problem": "P", "usage": "U", "lines": "L", "key": "k",
    "value": "v", "member": "张伟", "n": 3, "time": "02-10 09:00", "kind": "K", "messages": 9,
    "reminded": "", "trigger": "T", "state": "S", "stack_members": 5, "stack_window_minutes": 30,
    "chain_participants": 5, "cooldown_minutes": 30, "daily_cap": 5, "quiet_hours": "无",
    "timezone": "Asia/Shanghai", "language": "zh-CN", "exempt": "无", "counts": "C",
    "adapters": "A", "keys": "a, b", "known": "a, b", "min": 0, "max": 9, "got": '"x"',
    "allowed": "{members}",
    "group": "G", "week": "2025-W07", "first": "02-10", "last": "02-16", "previous": 4,
    "total": 6, "change": "+2", "acks": 40, "notifications": 1200, "rank": 1, "pct": 40,
    "ack_request": 2, "proof_request": 1, "names": "N", "groups": 3,
}  # fmt: skip


@pytest.mark.parametrize("key", sorted(CATALOGUE))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_formats(key: str, lang: str) -> None:
    zh, en = CATALOGUE[key]
    assert placeholders(zh) == placeholders(en), "both languages fill in the same fields"
    fields = placeholders(zh)
    out = text(key, lang, None, **{k: SAMPLE.get(k, k.upper()) for k in fields})
    assert out.strip() and not any("{" + name + "}" in out for name in fields)


def test_reminders_are_chinese_first_and_name_nobody() -> None:
    assert text("ack_request") == CATALOGUE["ack_request"][0]
    # it points to the silent way: a notice posted through the bot, confirmed without a word
    assert "收到" in text("ack_request") and "/jianfu notice" in text("ack_request")
    assert "/jianfu notice" in text("ack_request", "en")
    assert "截图" in text("proof_request") and "定位" in text("proof_request")
    assert text("stack", "zh-CN", None, members=12).startswith("已有 12 位同事")
    assert "12 colleagues" in text("stack", "en", None, members=12)
    assert "接龙" in text("chain")


def test_override_wins_and_a_broken_one_falls_back() -> None:
    assert text("stack", "zh-CN", {"stack": "够了，{members} 人"}, members=3) == "够了，3 人"
    assert text("stack", "zh-CN", {"stack": "{nobody}"}, members=3) == text(
        "stack", "zh-CN", None, members=3
    )


@pytest.mark.parametrize(
    ("key", "template", "problem"),
    [
        ("stack", "已有{members}人", None),
        ("ack_request", "无需回复", None),
        ("nope", "x", "setting.text_key"),
        ("stack", "   ", "setting.text_empty"),
        ("stack", "已有{members人", "setting.text_braces"),
        ("ack_request", "{members} 人", "setting.text_placeholder"),
        ("stack", "{members:>999999999}", "setting.text_plain"),  # a multi-GB string
        ("stack", "{members:{members}}", "setting.text_plain"),
        ("stack", "{members!r}", "setting.text_plain"),
        ("stack", "{members[0]}", "setting.text_plain"),
        ("stack", "{members.__class__}", "setting.text_plain"),
        ("stack", "{0} 人", "setting.text_plain"),
        ("stack", "{} 人", "setting.text_plain"),
        ("stack", "{{members}} 是字面的花括号", None),
        ("stack", "已" * MAX_OVERRIDE, None),
        ("stack", "已" * (MAX_OVERRIDE + 1), "setting.text_long"),
    ],
)
def test_check_override(key: str, template: str, problem: str | None) -> None:
    found = check_override(key, template)
    assert (found[0] if found else None) == problem


def test_every_default_text_fits_as_an_override() -> None:
    for key, pair in CATALOGUE.items():
        for template in pair:
            assert check_override(key, template) is None, key

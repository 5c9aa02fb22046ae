"""`/jianfu digest [last|this|YYYY-Www]` in a group, through the runtime and a fake platform."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.digest.compose import history
from bot.runtime import Runtime
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from handlers.digest import IsoWeek
from handlers.group_settings import GroupSettings
from policies.events import Incident, IncidentKind, Message
from tests.bot.fakechat import FakeChat

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 2, 19, 10, 0, tzinfo=SH)  # Wednesday of 2025-W08


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[StoreThread[Store]]:
    thread: StoreThread[Store] = StoreThread(lambda: Store(tmp_path / "j.db"), Store.close)
    db = await thread.open()
    for n, day in enumerate((3, 4, 10, 11, 12)):  # two in W06, three in W07
        at = datetime(2025, 2, day, 9, tzinfo=SH)
        kind: IncidentKind = "stack" if n % 2 else "ack_request"
        db.upsert_incident(Incident(f"g/{kind}/{n}", "g", kind, at, at, 6, 7, "通知", "boss"))
    yield thread
    await thread.close()


def command(text: str, admin: bool = True, platform: str = "fakechat") -> Message:
    return Message(
        id="m1",
        group_id="g",
        sender_id="boss" if admin else "staff",
        sender_name="王主任" if admin else "李娜",
        text=text,
        time=NOW,
        platform=platform,
        is_admin=admin,
    )


async def run(
    store: StoreThread[Store], msg: Message, settings: Settings | None = None
) -> FakeChat:
    chat = FakeChat(msg.platform)
    runtime = Runtime(settings or Settings(), store, {chat.name: chat}, lambda: NOW)
    await runtime.handle(msg)
    return chat


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("/jianfu digest", "2025-W07（02-10 至 02-16）"),
        ("/jf digest last", "2025-W07（02-10 至 02-16）"),
        ("/jf digest 2025-W06", "2025-W06（02-03 至 02-09）"),
    ],
)
async def test_the_digest_command_posts_the_week(
    store: StoreThread[Store], typed: str, title: str
) -> None:
    chat = await run(store, command(typed))
    [(gid, text, markdown)] = chat.sent
    assert gid == "g" and not markdown and text.splitlines()[0].endswith(title)
    if title.startswith("2025-W07"):
        assert "事件 3 起（上周 2 起）：" in text and text.endswith("结论：比上周多 50%。")
    posts = store.store.db.query("SELECT reason FROM bot_posts")
    assert [row["reason"] for row in posts] == ["digest"]
    audit = list(store.store.db.query("SELECT command, result FROM audit_log"))
    assert audit == [{"command": typed, "result": "ok"}]


async def test_this_week_so_far_and_markdown_on_dingtalk(store: StoreThread[Store]) -> None:
    chat = await run(store, command("/jf digest this", platform="dingtalk"))
    [(_, text, markdown)] = chat.sent
    assert (
        markdown
        and text == "【减负周报】g · 本周（2025-W08）：没有记录到形式主义事件（前一周 3 起）。"
    )


async def test_the_group_language_is_used(store: StoreThread[Store]) -> None:
    settings = Settings(group_defaults=GroupSettings(language="en"))
    chat = await run(store, command("/jf digest"), settings)
    assert chat.sent[0][1].startswith("[jianfu weekly] g · 2025-W07 (02-10 to 02-16)")


@pytest.mark.parametrize("week", ["2025-W53", "0001-W01", "9999-W52"])
async def test_a_week_that_does_not_exist_gets_the_usage_line(
    store: StoreThread[Store], week: str
) -> None:
    chat = await run(store, command(f"/jf digest {week}"))
    [(_, text, _)] = chat.sent
    assert text.startswith(
        "周应为 last、this 或 2025-W07 这样的格式（2000 到 2100 年）。\n用法：/jianfu digest"
    )
    audit = list(store.store.db.query("SELECT command, result FROM audit_log"))
    assert audit == [{"command": f"/jf digest {week}", "result": "ok"}]


async def test_members_may_not_ask_for_it(store: StoreThread[Store]) -> None:
    chat = await run(store, command("/jf digest", admin=False))
    assert chat.sent == [], "no digest, and no refusal in the group"


def test_history_covers_eight_weeks_ending_with_the_week(tmp_path: Path) -> None:
    db = Store(tmp_path / "h.db")
    last = datetime(2025, 2, 16, 23, 59, tzinfo=SH)  # Sunday of W07, local (15:59 UTC)
    first = datetime(2024, 12, 23, 0, 0, tzinfo=SH)  # Monday of 2024-W52: the first week shown
    before = first - timedelta(seconds=1)  # 2024-W51: not shown
    for n, at in enumerate((last, first, before)):
        db.upsert_incident(Incident(f"g/stack/{n}", "g", "stack", at, at, 5, 5, "通知"))
    weeks = history(db, "g", IsoWeek(2025, 7), GroupSettings())
    assert [str(w) for w, _ in weeks] == ["2024-W52"] + [f"2025-W{n:02d}" for n in range(1, 8)]
    assert [c["stack"] for _, c in weeks] == [1, 0, 0, 0, 0, 0, 0, 1]
    db.close()


async def test_an_empty_last_week_is_named_and_says_how_to_see_this_week(
    store: StoreThread[Store],
) -> None:
    """`/jianfu digest` means last week: an empty one must not read as "this week"."""
    later = replace(command("/jianfu digest"), time=NOW + timedelta(weeks=2))
    chat = FakeChat(later.platform)
    runtime = Runtime(Settings(), store, {chat.name: chat}, lambda: NOW + timedelta(weeks=2))
    await runtime.handle(later)
    [(_, text_, _)] = chat.sent
    assert text_ == (
        "【减负周报】g · 上周（2025-W09）：没有记录到形式主义事件（前一周 0 起）。"
        "查看本周至今：/jianfu digest this"
    )
    assert "这一周" not in text_

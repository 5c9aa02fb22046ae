"""Silent notices end to end through the playground: a real server on loopback, a real SQLite
file, the page's own API (post, confirm button, private chats) and the app's nudge job.

The group: the owner 王主任, who posts the notice, and 30 members. 25 confirm with the button;
nobody says 收到 in the group; the owner's roster names the 5 who have not; at the due time
exactly those 5 get a private nudge, and the group hears nothing.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from bot.adapters.playground import Member
from bot.app import create_app
from bot.settings import Settings
from tests.conftest import FrozenClock

OWNER = "王主任"
STAFF = tuple(f"同事{i:02d}" for i in range(1, 31))  # 30 members besides the owner
MEMBERS = (Member(OWNER, is_admin=True), *(Member(name) for name in STAFF))
API = "/api/playground"


class Page:
    """The playground as the page drives it."""

    def __init__(self, client: TestClient[Any, Any], clock: FrozenClock, db: Path) -> None:
        self.client, self.clock, self.db = client, clock, db

    async def say(self, sender: str, text: str) -> None:
        self.clock.advance(seconds=10)
        resp = await self.client.post(f"{API}/messages", json={"sender": sender, "text": text})
        assert resp.status == 201, await resp.text()

    async def confirm(self, notice: int, sender: str) -> int:
        resp = await self.client.post(f"{API}/notices/{notice}/confirm", json={"sender": sender})
        return resp.status

    async def group(self) -> list[dict[str, Any]]:
        return list(await (await self.client.get(f"{API}/messages")).json())

    async def private(self, member: str) -> list[str]:
        resp = await self.client.get(f"{API}/private", params={"member": member})
        return [e["text"] for e in await resp.json()]

    async def notices(self) -> list[dict[str, Any]]:
        return list(await (await self.client.get(f"{API}/notices")).json())

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql).fetchall()


@asynccontextmanager
async def playground(
    db: Path, clock: FrozenClock, nudge_every: float = 3600
) -> AsyncIterator[Page]:
    app = create_app(
        Settings(), db_path=db, clock=clock, nudge_every=nudge_every, playground_members=MEMBERS
    )
    async with TestClient(TestServer(app, host="127.0.0.1", port=0)) as client:
        yield Page(client, clock, db)


async def until(check: Any, seconds: float = 5.0) -> None:
    """Wait for the app's background job to make `check()` true."""
    for _ in range(int(seconds / 0.02)):
        if await check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("timed out")


async def test_thirty_members_25_confirm_silently_5_nudged_privately(tmp_path: Path) -> None:
    clock = FrozenClock()  # Monday 10:00 in Shanghai
    async with playground(tmp_path / "jianfu.db", clock, nudge_every=0.02) as page:
        await page.say(OWNER, "/jianfu notice 周五前提交安全检查表，模板见共享盘。 截止 17:30")
        [command, posted] = await page.group()
        assert command["sender"] == OWNER and posted["bot"] is True
        assert "通知 #1 · 无需回复" in posted["text"] and "截止：17:30" in posted["text"]
        assert "周五前提交安全检查表" in posted["text"] and "确认已读" in posted["text"]
        assert await page.private(OWNER) == [
            "通知 #1 已发布。发送 /jianfu notice status 1 查看谁已确认。"
        ]
        [notice] = await page.notices()
        assert notice["ref"] == str(posted["id"]) and len(notice["pending"]) == 30

        confirming, silent = STAFF[:25], STAFF[25:]
        for name in confirming:
            clock.advance(minutes=1)
            assert await page.confirm(1, name) == 200
        assert await page.confirm(1, STAFF[0]) == 200  # twice: counted once

        await page.say(OWNER, "/jianfu notice status 1")
        roster = (await page.private(OWNER))[-1]
        assert roster.splitlines()[0].endswith("已确认 25/30 人")
        assert all(name in roster.splitlines()[1] for name in confirming)
        assert roster.splitlines()[2] == "未确认：" + "、".join(silent)
        assert "同事01 10:01（按钮）" in roster  # with times and how

        digest = await (await page.client.get(f"{API}/digest", params={"week": "this"})).json()
        assert "免回复通知 1 条，成员静默确认，省去约 25 条“收到”。" in digest["text"]

        group = await page.group()
        members_said = [e for e in group if not e["bot"] and e["sender"] != OWNER]
        assert members_said == []  # not a single 收到 in the group
        assert page.rows("SELECT count(*) FROM notice_nudges") == [(0,)]

        clock.advance(hours=8)  # 17:35: due
        await until(lambda: _nudged(page))
        for name in silent:
            [nudge] = await page.private(name)
            assert nudge.startswith("提醒：通知 #1（截止 17:30）你还没有确认。")
        for name in confirming:
            assert await page.private(name) == []
        told = (await page.private(OWNER))[-1]
        assert told == "通知 #1 已到截止时间：已确认 25/30 人，已私聊提醒未确认的 5 人。"
        assert await page.group() == group  # no @所有人, nothing new in the group
        nudged = page.rows("SELECT member_id FROM notice_nudges ORDER BY member_id")
        assert [m for (m,) in nudged] == list(silent)
        assert page.rows("SELECT count(*) FROM notice_confirmations WHERE source = 'button'") == [
            (25,)
        ]


async def _nudged(page: Page) -> bool:
    return page.rows("SELECT nudged_at IS NOT NULL FROM notices") == [(1,)]


async def test_nudges_due_while_the_bot_was_down_go_out_after_a_restart(tmp_path: Path) -> None:
    clock, db = FrozenClock(), tmp_path / "jianfu.db"
    async with playground(db, clock) as page:  # the nudge job would run only in an hour
        await page.say(OWNER, "/jianfu notice 明早八点前到岗 --due 11:00")
        for name in STAFF[:28]:
            assert await page.confirm(1, name) == 200
    clock.advance(hours=2)  # 12:00: due while stopped
    async with playground(db, clock) as page:  # the job runs at start-up
        await until(lambda: _nudged(page))
        assert [len(await page.private(name)) for name in STAFF] == [0] * 28 + [1, 1]
    async with playground(db, clock) as page:  # and never twice
        await asyncio.sleep(0.1)
        assert [len(await page.private(name)) for name in STAFF] == [0] * 28 + [1, 1]


async def test_group_acks_after_a_notice_count_and_the_reminder_points_to_the_silent_way(
    tmp_path: Path,
) -> None:
    async with playground(tmp_path / "jianfu.db", FrozenClock()) as page:
        await page.say(OWNER, "/jianfu notice 下午三点消防演练")
        for name in STAFF[:6]:
            await page.say(name, "收到")
        reminders = [e["text"] for e in await page.group() if e["bot"]][1:]
        assert reminders == [
            "已有 5 位同事在群里回复了“收到”。通知 #1 无需在群里回复："
            "点本条通知下方的“确认已读”按钮即可，发布人能看到谁已确认。"
        ]
        [notice] = await page.notices()
        assert [(c["member"], c["source"]) for c in notice["confirmed"]] == [
            (name, "group_ack") for name in STAFF[:6]
        ]


async def test_the_confirm_button_refuses_what_is_not_a_confirmation(tmp_path: Path) -> None:
    async with playground(tmp_path / "jianfu.db", FrozenClock()) as page:
        await page.say(OWNER, "/jianfu notice 下午三点消防演练")
        assert await page.confirm(2, STAFF[0]) == 404  # no such notice
        assert await page.confirm(1, "路人甲") == 400  # not in the group
        assert await page.confirm(1, OWNER) == 400  # the poster is not asked
        bad = await page.client.post(f"{API}/notices/1/confirm", json={"who": STAFF[0]})
        assert bad.status == 400 and "sender" in (await bad.json())["error"]
        foreign = await page.client.post(
            f"{API}/notices/1/confirm",
            json={"sender": STAFF[0]},
            headers={"Origin": "http://evil.example"},
        )
        assert foreign.status == 403
        assert page.rows("SELECT count(*) FROM notice_confirmations") == [(0,)]


async def test_members_may_post_notices_unless_admins_restrict_it(tmp_path: Path) -> None:
    async with playground(tmp_path / "jianfu.db", FrozenClock()) as page:
        await page.say(STAFF[0], "/jianfu notice 明天团建，九点楼下集合")
        assert len(await page.notices()) == 1
        await page.say(OWNER, "/jianfu set notice_admins_only on")
        await page.say(STAFF[1], "/jianfu notice 我也发一条")
        assert len(await page.notices()) == 1
        assert (await page.private(STAFF[1]))[-1] == "本群只有管理员可以发布免回复通知。"
        await page.say(STAFF[2], "/jianfu notice status 1")  # not the poster, no admin
        assert (await page.private(STAFF[2]))[-1] == "只有通知的发布人或群管理员可以查看确认情况。"
        await page.say(OWNER, "/jianfu notice status")  # an admin: the newest notice
        assert (await page.private(OWNER))[-1].startswith("通知 #1（03-03 10:00 发布）「明天团建")
        await page.say(OWNER, "/jianfu forget 同事01")
        assert page.rows("SELECT poster_id, poster_name FROM notices") == [("", "")]

"""WeChat end to end: the app `jianfu run` builds (settings → platform adapters → runtime →
store) against the fake puppet service on loopback. A 接龙 chain and a 收到 pile-up in a room
give one reminder each through MessageSendText and the right rows in the incidents table; a
killed and restarted service replays messages without duplicating anything; a configured admin
manages the room from a private chat, every reply sent to their contact, never to the room."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from fake_puppet import FakePuppet
from test_wechaty import BOT, OWNER, ROOM, TOKEN, ZHANG, env, eventually, furnish, text_payload
from wechaty_grpc.wechaty.puppet import (
    ContactPayloadResponse,
    MessagePayloadResponse,
    RoomMemberPayloadResponse,
)

from bot.adapters.wechaty import WechatyAdapter
from bot.adapters.wechaty.payloads import EventType
from bot.app import ADAPTERS, create_app, platform_adapters
from bot.cli.run import describe
from bot.settings import load_settings
from bot.store import Store
from handlers.texts import text
from tests.conftest import FrozenClock, jianfu_run, start_on_loopback

T0 = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai: no quiet hours
MEMBERS = [f"wxid_m{k}" for k in range(8)]
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强"]
BOSS = "wxid_boss"  # an admin named in the config, not a member of the room
DEMAND = "各位同事：周五前提交季度总结，收到请回复"


@dataclass
class Bot:
    fake: FakePuppet
    adapter: WechatyAdapter
    clock: FrozenClock
    db: Path
    url: str
    pushed: int = 0

    def say(self, sender: str, text: str, at: datetime, kind: int = 7, room: str = ROOM) -> str:
        """The puppet reports a new message (in the room by default); returns its id."""
        self.pushed += 1
        message_id = f"msg-{self.pushed:03d}"
        stamp = int(at.timestamp() * 1000)
        self.fake.messages[message_id] = text_payload(
            message_id, text, sender=sender, kind=kind, timestamp=stamp, room=room
        )
        self.fake.push(EventType.MESSAGE, {"messageId": message_id})
        return message_id

    async def settled(self) -> None:
        """Every message pushed so far has been handled by the runtime (the adapter handles
        one message at a time, so the payload request of a marker message proves it)."""
        self.say(MEMBERS[0], "在吗？", self.clock.now, room="")  # private: the adapter drops it
        await eventually(lambda: self.fake.calls.count("MessagePayload") >= self.pushed)

    def incidents(self) -> list[tuple[str, str, int, int, bool]]:
        store = Store(self.db)
        try:
            rows = store.incidents(ROOM, 20)
        finally:
            store.close()
        return sorted((r.kind, r.platform, r.members, r.messages, r.reminded) for r in rows)

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        with contextlib.closing(sqlite3.connect(self.db)) as conn:
            return conn.execute(sql).fetchall()

    def sent(self) -> list[tuple[str, str]]:
        """(conversation id, text) of everything the bot posted."""
        return [(s.conversation_id, s.text) for s in self.fake.sent]


@pytest.fixture
async def bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Bot]:
    monkeypatch.chdir(tmp_path)  # no ./jianfu.toml
    fake = FakePuppet(TOKEN)
    furnish(fake)
    for member, name in zip(MEMBERS, NAMES, strict=True):
        fake.members[(ROOM, member)] = RoomMemberPayloadResponse(id=member, name=name)
    await fake.start()
    db = tmp_path / "jianfu.db"
    fake.contacts[BOSS] = ContactPayloadResponse(id=BOSS, name="局长")
    settings = replace(load_settings(None, env(fake.port), {"db": str(db)}), admins=(BOSS,))
    clock = FrozenClock(T0)
    app = create_app(settings, adapters=platform_adapters(settings), clock=clock)
    assert list(app[ADAPTERS]) == ["wechaty"]  # WeChat configured: no playground
    adapter = app[ADAPTERS]["wechaty"]
    assert isinstance(adapter, WechatyAdapter)
    runner, base_url = await start_on_loopback(app)
    try:
        await fake.wait_streams(1)
        fake.push(EventType.LOGIN, {"contactId": BOT})
        await eventually(lambda: adapter.bot_id == BOT)
        yield Bot(fake, adapter, clock, db, base_url)
    finally:
        await runner.cleanup()
        await fake.kill()


async def test_a_chain_and_a_pile_up_get_one_reminder_each_even_across_a_restart(
    bot: Bot,
) -> None:
    fake = bot.fake
    # An acknowledgement 接龙: six members each re-post the list with their name added.
    items: list[str] = []
    for k in range(6):
        items.append(f"{k + 1}. {NAMES[k]}")
        text = "#接龙\n已阅读《安全生产责任书》\n\n" + "\n".join(items)
        bot.say(MEMBERS[k], text, T0 + timedelta(minutes=k), kind=10)
    await bot.settled()
    assert [(s.conversation_id, list(s.mentonal_ids)) for s in fake.sent] == [(ROOM, [])]
    assert "接龙" in fake.sent[0].text

    # Two hours later (past the cooldown): a notice, then a 收到 pile-up.
    later = T0 + timedelta(hours=2)
    bot.clock.now = later
    bot.say(OWNER, "通知：周五下午三点在三楼会议室进行消防演练。", later)
    acks = [
        bot.say(member, "收到", later + timedelta(seconds=30 * (k + 1)))
        for k, member in enumerate(MEMBERS[:6])
    ]
    await bot.settled()
    assert [s.conversation_id for s in fake.sent] == [ROOM, ROOM]
    assert fake.sent[1].text != fake.sent[0].text
    before = bot.incidents()
    assert before == [
        ("chain", "wechaty", 6, 6, True),
        ("stack", "wechaty", 6, 6, True),
    ]

    # The service dies mid-stream and comes back on the same port, replaying recent messages.
    port = fake.port
    await fake.kill()
    await eventually(lambda: not bot.adapter.status().connected)
    await fake.start(port)
    await fake.wait_streams(2)
    await eventually(lambda: bot.adapter.status().connected)
    for message_id in acks[-3:]:
        fake.push(EventType.MESSAGE, {"messageId": message_id})
    bot.say(MEMBERS[6], "收到", later + timedelta(minutes=5))  # one genuinely new 收到
    await bot.settled()
    assert len(fake.sent) == 2  # no second reminder for either incident
    assert bot.incidents() == [
        ("chain", "wechaty", 6, 6, True),
        ("stack", "wechaty", 7, 7, True),  # grew by the new 收到 only
    ]
    assert bot.adapter.reconnects >= 1


async def test_jianfu_status_says_whether_wechat_is_connected(bot: Bot) -> None:
    async def health() -> tuple[int, dict[str, Any]]:
        async with aiohttp.ClientSession() as http, http.get(bot.url + "/healthz") as response:
            return response.status, await response.json()

    status, report = await health()
    assert status == 200
    assert "wechaty: connected puppet service 127.0.0.1:" in describe(report)
    assert "logged in as 减负助手 (wxid_bot)" in describe(report)
    await bot.fake.kill()
    await eventually(lambda: not bot.adapter.status().connected)
    status, report = await health()
    assert status == 503
    [wechat] = report["adapters"]
    assert wechat["connected"] is False and "disconnected from 127.0.0.1" in wechat["detail"]
    assert TOKEN not in json.dumps(report)


async def test_jianfu_run_with_the_endpoint_set_speaks_to_the_puppet_service(
    tmp_path: Path,
) -> None:
    fake = FakePuppet(TOKEN)
    furnish(fake)
    await fake.start()
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("JIANFU_", "WECHATY_"))}
    environ.update(env(fake.port))
    try:
        async with jianfu_run(tmp_path, environ) as (url, _):
            await fake.wait_streams(1, timeout=30)
            fake.push(EventType.LOGIN, {"contactId": BOT})
            await deliver_and_wait(fake, text_payload("run-1", "/jf help", sender=OWNER))
            assert fake.calls[:2] == ["Event", "Start"] and fake.refused == []
            assert [s.conversation_id for s in fake.sent] == [ROOM]  # the help reply, in the room
            async with aiohttp.ClientSession() as http, http.get(url + "/healthz") as response:
                adapters = (await response.json())["adapters"]
            assert [(a["name"], a["connected"]) for a in adapters] == [("wechaty", True)]
    finally:
        await fake.kill()
    assert "Stop" in fake.calls  # the adapter said goodbye to the puppet service


async def deliver_and_wait(fake: FakePuppet, payload: MessagePayloadResponse) -> None:
    fake.messages[payload.id] = payload
    fake.push(EventType.MESSAGE, {"messageId": payload.id})
    await eventually(lambda: len(fake.sent) >= 1, timeout=30)


async def test_a_configured_admin_pauses_a_room_privately(bot: Bot) -> None:
    bot.say(OWNER, "大家好，下周一例会照常。", T0)  # the bot now knows the room and its topic
    bot.say(BOSS, "/jf in 项目协调群 pause", T0 + timedelta(minutes=1), room="")
    await bot.settled()
    assert bot.sent() == [(BOSS, text("cmd.paused"))]  # to the admin's contact, not the room
    assert list(bot.fake.sent[0].mentonal_ids) == []

    bot.say(OWNER, DEMAND, T0 + timedelta(minutes=2))
    await bot.settled()
    assert len(bot.fake.sent) == 1  # paused: recorded, not reminded
    assert bot.incidents() == [("ack_request", "wechaty", 1, 1, False)]
    audit = bot.rows("SELECT group_id, actor_id, command, allowed, result FROM audit_log")
    assert audit == [(ROOM, BOSS, "/jf in 项目协调群 pause", 1, "ok")]
    posts = bot.rows("SELECT group_id, reason FROM bot_posts")
    assert posts == [(ROOM, "command")]

    # Resumed privately, the next demand is reminded at once: private replies are no reminders
    # for the room's cooldown or daily cap.
    bot.say(BOSS, "/jf in 20000001@chatroom resume", T0 + timedelta(minutes=3), room="")
    bot.say(OWNER, "下午三点开会，各位收到请回复", T0 + timedelta(minutes=4))
    await bot.settled()
    assert bot.sent()[1:] == [(BOSS, text("cmd.resumed")), (ROOM, text("ack_request"))]


async def test_a_non_admin_private_command_is_refused_privately(bot: Bot) -> None:
    bot.say(OWNER, "大家好，下周一例会照常。", T0)
    bot.say(ZHANG, "/jf in 项目协调群 pause", T0 + timedelta(minutes=1), room="")
    await bot.settled()
    assert bot.sent() == [(ZHANG, text("private.refused"))]
    bot.say(OWNER, DEMAND, T0 + timedelta(minutes=2))
    await bot.settled()
    assert bot.sent()[1:] == [(ROOM, text("ack_request"))]  # not paused
    audit = bot.rows("SELECT group_id, actor_id, allowed, result FROM audit_log")
    assert audit == [(ROOM, ZHANG, 0, "refused")]


async def test_a_plain_private_message_gets_no_reply_and_stores_nothing(bot: Bot) -> None:
    bot.say(BOSS, "在吗？周末有空聊聊", T0, room="")
    await bot.settled()
    assert bot.fake.sent == []
    for table in ("groups", "incidents", "audit_log", "bot_posts"):
        assert bot.rows(f"SELECT count(*) FROM {table}") == [(0,)], table


async def test_an_admin_lists_groups_and_gets_the_digest_privately(bot: Bot) -> None:
    bot.say(OWNER, DEMAND, T0)
    bot.say(BOSS, "/jianfu groups", T0 + timedelta(minutes=1), room="")
    bot.say(BOSS, "/jf in 项目 digest this", T0 + timedelta(minutes=2), room="")
    await bot.settled()
    conversations = [conversation for conversation, _ in bot.sent()]
    assert conversations == [ROOM, BOSS, BOSS]  # the reminder, then two private answers
    groups, digest = bot.sent()[1][1], bot.sent()[2][1]
    assert "项目协调群" in groups and ROOM in groups and "wechaty" in groups
    assert "项目协调群" in digest and text("kind.ack_request") in digest
    posts = bot.rows("SELECT group_id, reason FROM bot_posts ORDER BY id")
    assert posts == [(ROOM, "reminder"), ("", "command"), (ROOM, "digest")]


async def test_the_room_size_reaches_the_store_at_most_once_an_hour(bot: Bot) -> None:
    """The digest multiplies acks by the group's size: WeChat's room payload knows it."""

    def size() -> list[tuple[Any, ...]]:
        return bot.rows(f"SELECT members FROM group_sizes WHERE group_id = '{ROOM}'")

    bot.say(ZHANG, "大家好", T0)
    await bot.settled()
    assert size() == [(5,)]  # furnish(): the bot, the owner, an admin and two members
    room = bot.fake.rooms[ROOM]
    bot.fake.rooms[ROOM] = replace(room, member_ids=[*room.member_ids, *MEMBERS])
    bot.fake.push(EventType.ROOM_JOIN, {"roomId": ROOM, "inviteeIdList": MEMBERS})
    bot.clock.now = T0 + timedelta(minutes=30)
    bot.say(ZHANG, "新同事欢迎", bot.clock.now)
    await bot.settled()
    assert size() == [(5,)]  # refreshed at most once an hour
    bot.clock.now = T0 + timedelta(minutes=61)
    bot.say(ZHANG, "下午开会", bot.clock.now)
    await bot.settled()
    assert size() == [(5 + len(MEMBERS),)]


async def test_a_members_command_is_answered_in_their_private_chat_never_in_the_room(
    bot: Bot,
) -> None:
    bot.say(ZHANG, "/jf help", T0)
    bot.say(ZHANG, "/jf 领取补贴 https://phish.example", T0 + timedelta(seconds=5))
    await bot.settled()
    sent = bot.sent()
    assert [to for to, _ in sent] == [ZHANG, ZHANG], "to the member's contact, not the room"
    assert not any("phish" in body for _, body in sent)


async def test_exempt_checks_the_room_members_it_knows_and_warns_about_the_rest(
    bot: Bot,
) -> None:
    bot.say(OWNER, f"/jf exempt {ZHANG}", T0)  # an id from the room's member list
    await bot.settled()
    bot.say(OWNER, "/jf exempt 不存在的人", T0 + timedelta(seconds=5))
    await bot.settled()
    [(_, known), (_, unknown)] = bot.sent()
    assert known == f"已将 {ZHANG} 设为豁免：其发起的接龙和要求只记录，不提醒。"
    assert "无法核对群里是否有 不存在的人" in unknown and "已将 不存在的人 设为豁免" in unknown

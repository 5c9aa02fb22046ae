"""Silent notices on WeChat, end to end: the app `jianfu run` builds against the fake puppet
service on loopback (real wechaty-grpc messages; the room's member list from its RoomPayload).

A room of the owner and 30 members: the owner posts `/jianfu notice … 截止 17:30`; 25 members
confirm by a private message to the bot ("1", "收到", "#1"), never in the room; the owner's
roster (sent to their contact) names the 5 who have not; at 17:30 exactly those 5 get a
private nudge, and the room gets nothing but the notice.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fake_puppet import FakePuppet
from test_wechaty import BOT, OWNER, ROOM, TOKEN, env, eventually, text_payload
from wechaty_grpc.wechaty.puppet import (
    ContactPayloadResponse,
    RoomMemberPayloadResponse,
    RoomPayloadResponse,
)

from bot.adapters.wechaty import WechatyAdapter
from bot.adapters.wechaty.payloads import EventType
from bot.app import ADAPTERS, create_app, platform_adapters
from bot.settings import load_settings
from tests.conftest import FrozenClock, start_on_loopback

T0 = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # Thursday 10:00 in Shanghai
STAFF = [f"wxid_s{k:02d}" for k in range(1, 31)]  # 30 members besides the owner
NAMES = {member: f"同事{k:02d}" for k, member in enumerate(STAFF, start=1)}


@dataclass
class Room:
    fake: FakePuppet
    clock: FrozenClock
    pushed: int = 0

    def say(self, sender: str, text: str, room: str = ROOM) -> None:
        """The puppet reports a message: in the room, or (room "") privately to the bot."""
        self.pushed += 1
        message_id = f"msg-{self.pushed:03d}"
        stamp = int(self.clock.now.timestamp() * 1000)
        payload = text_payload(message_id, text, sender=sender, room=room, timestamp=stamp)
        self.fake.messages[message_id] = payload
        self.fake.push(EventType.MESSAGE, {"messageId": message_id})

    def sent_to(self, conversation: str) -> list[str]:
        return [s.text for s in self.fake.sent if s.conversation_id == conversation]


@pytest.fixture
async def room(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Room]:
    monkeypatch.chdir(tmp_path)  # no ./jianfu.toml
    fake = FakePuppet(TOKEN)
    fake.rooms[ROOM] = RoomPayloadResponse(
        id=ROOM, topic="项目协调群", owner_id=OWNER, member_ids=[BOT, OWNER, *STAFF]
    )
    fake.members[(ROOM, OWNER)] = RoomMemberPayloadResponse(id=OWNER, name="王主任")
    fake.contacts[OWNER] = ContactPayloadResponse(id=OWNER, name="王主任")
    fake.contacts[BOT] = ContactPayloadResponse(id=BOT, name="减负助手")
    for member, name in NAMES.items():
        fake.members[(ROOM, member)] = RoomMemberPayloadResponse(id=member, name=name)
        fake.contacts[member] = ContactPayloadResponse(id=member, name=name)
    await fake.start()
    settings = load_settings(None, env(fake.port), {"db": str(tmp_path / "jianfu.db")})
    clock = FrozenClock(T0)
    app = create_app(
        replace(settings), adapters=platform_adapters(settings), clock=clock, nudge_every=0.05
    )
    adapter = app[ADAPTERS]["wechaty"]
    assert isinstance(adapter, WechatyAdapter) and list(app[ADAPTERS]) == ["wechaty"]
    runner, _ = await start_on_loopback(app)
    try:
        await fake.wait_streams(1)
        fake.push(EventType.LOGIN, {"contactId": BOT})
        await eventually(lambda: adapter.bot_id == BOT)
        yield Room(fake, clock)
    finally:
        await runner.cleanup()
        await fake.kill()


async def test_25_of_30_confirm_privately_the_other_5_are_nudged_privately(room: Room) -> None:
    room.say(OWNER, "/jianfu notice 周五前提交安全检查表，模板见共享盘。 截止 17:30")
    await eventually(lambda: len(room.sent_to(OWNER)) == 1)
    [notice] = room.sent_to(ROOM)
    assert notice.startswith("【通知 #1 · 无需回复】王主任发布：\n周五前提交安全检查表")
    assert "截止：17:30" in notice and "私聊我发送 1 或 1" in notice
    assert room.sent_to(OWNER) == ["通知 #1 已发布。发送 /jianfu notice status 1 查看谁已确认。"]

    confirming, silent = STAFF[:25], STAFF[25:]
    for k, member in enumerate(confirming):
        room.clock.advance(minutes=1)
        room.say(member, ("1", "收到", "#1", "收到 #1")[k % 4], room="")
    room.say(confirming[0], "1", room="")  # again: counted once
    await eventually(lambda: all(room.sent_to(m) for m in confirming))
    await eventually(lambda: len(room.sent_to(confirming[0])) == 2)
    assert room.sent_to(confirming[1]) == ["已确认通知 #1，谢谢。无需在群里回复。"]
    assert room.sent_to(confirming[0])[1] == "你已确认过通知 #1。"

    room.say(OWNER, "/jianfu notice status 1")
    await eventually(lambda: len(room.sent_to(OWNER)) == 2)
    roster = room.sent_to(OWNER)[1].splitlines()
    assert roster[0].endswith("已确认 25/30 人")
    assert roster[1].startswith("已确认：同事01 10:01（私聊）、同事02 10:02（私聊）")
    assert roster[2] == "未确认：" + "、".join(silent)  # ids: names not met yet in the room
    assert room.sent_to(ROOM) == [notice]  # not one 收到 nor a roster in the room

    room.clock.advance(hours=8)  # 18:00: past due
    await eventually(lambda: len(room.sent_to(OWNER)) == 3)
    for member in silent:
        [nudge] = room.sent_to(member)
        assert nudge.startswith("提醒：通知 #1（截止 17:30）你还没有确认。")
    for member in confirming[1:]:
        assert len(room.sent_to(member)) == 1  # only the "confirmed" answer
    assert room.sent_to(OWNER)[2] == (
        "通知 #1 已到截止时间：已确认 25/30 人，已私聊提醒未确认的 5 人。"
    )
    assert room.sent_to(ROOM) == [notice]  # no @所有人
    nudged = {s.conversation_id for s in room.fake.sent if s.text.startswith("提醒：")}
    assert nudged == set(silent)


async def test_a_private_text_that_is_no_confirmation_stays_out(room: Room) -> None:
    room.say(OWNER, "/jianfu notice 下午三点消防演练")
    await eventually(lambda: len(room.sent_to(OWNER)) == 1)
    room.say(STAFF[0], "今天下午几点开始？", room="")  # a private chat: none of the bot's business
    room.fake.contacts["wxid_stranger"] = ContactPayloadResponse(id="wxid_stranger", name="陌生人")
    room.say("wxid_stranger", "1", room="")  # not in the room: nothing to confirm
    await eventually(lambda: len(room.sent_to("wxid_stranger")) == 1)
    assert room.sent_to("wxid_stranger") == ["没有需要你确认的通知。"]
    assert room.sent_to(STAFF[0]) == []
    room.clock.advance(days=1)  # still open for a private confirmation (3 days)
    room.say(STAFF[2], "1", room="")
    await eventually(lambda: len(room.sent_to(STAFF[2])) == 1)
    assert room.sent_to(STAFF[2]) == ["已确认通知 #1，谢谢。无需在群里回复。"]

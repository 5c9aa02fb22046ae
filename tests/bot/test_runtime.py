"""End to end through the playground API: a real server on loopback, a real SQLite file.

Time is frozen with the app factory's `clock` (the detector takes time from the messages,
which the playground stamps with the same clock), so cooldowns and quiet hours are exact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.adapters.base import Adapter, AdapterError, MessageSink
from bot.app import RUNTIME, create_app
from bot.runtime import Runtime
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from handlers.actions import Post
from handlers.group_settings import GroupSettings
from handlers.texts import text
from policies.events import Message
from tests.conftest import START, FrozenClock
from tests.conftest import message as group_message

OWNER = "王主任"
DEMAND = "各位同事：周五前提交季度总结，收到请回复"
ACK_REMINDER = text("ack_request")


@dataclass
class Group:
    """The playground group as a script sees it: post, read the transcript and incidents."""

    client: TestClient[Any, Any]
    clock: FrozenClock
    db: Path

    async def say(self, sender: str, message: str, *, gap: float = 10) -> dict[str, Any]:
        self.clock.advance(seconds=gap)
        resp = await self.client.post(
            "/api/playground/messages", json={"sender": sender, "text": message}
        )
        assert resp.status == 201, await resp.text()
        return dict(await resp.json())

    async def bot_posts(self) -> list[str]:
        resp = await self.client.get("/api/playground/messages")
        return [entry["text"] for entry in await resp.json() if entry["bot"]]

    async def incidents(self) -> list[dict[str, Any]]:
        resp = await self.client.get("/api/playground/incidents")
        return list(await resp.json())

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql).fetchall()


@pytest.fixture
def make_group(tmp_path: Path) -> Callable[..., Any]:
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def make(settings: Settings | None = None) -> AsyncIterator[Group]:
        clock, db = FrozenClock(), tmp_path / "jianfu.db"
        app = create_app(settings or Settings(), db_path=db, clock=clock)
        async with TestClient(TestServer(app, host="127.0.0.1", port=0)) as client:
            yield Group(client, clock, db)

    return make


async def test_a_20_member_pile_up_gets_one_reminder_and_one_incident(make_group: Any) -> None:
    async with make_group() as group:
        await group.say(OWNER, "明天上午九点在三楼会议室开安全生产会议，请准时参加。")
        for i in range(20):
            await group.say(f"同事{i:02d}", "收到")
        assert await group.bot_posts() == [text("stack", members=5)]
        [incident] = await group.incidents()
        assert (incident["kind"], incident["members"], incident["messages"]) == ("stack", 20, 20)
        assert incident["reminded"] is True and incident["trigger"].startswith("明天上午九点")
        assert group.rows("SELECT count(*) FROM bot_posts WHERE reason = 'reminder'") == [(1,)]


async def test_a_demand_gets_one_reminder_and_one_incident(make_group: Any) -> None:
    async with make_group() as group:
        await group.say(OWNER, DEMAND)
        assert await group.bot_posts() == [ACK_REMINDER]
        [incident] = await group.incidents()
        assert incident["kind"] == "ack_request" and incident["demand_by"] == OWNER
        assert (incident["members"], incident["messages"], incident["reminded"]) == (1, 1, True)
        assert incident["trigger"] == DEMAND
        row = group.rows('SELECT "kind", "members", "messages", "reminded" FROM incidents')
        assert row == [("ack_request", 1, 1, 1)]


async def test_a_demand_not_aimed_at_the_group_shows_it_was_held_as_unsure(
    make_group: Any,
) -> None:
    async with make_group(REAL_GROUP_FOR_UNSURE) as group:
        await group.say(OWNER, "/jianfu set remind_unsure off")
        await group.say(OWNER, "收到请回复")
        assert await group.bot_posts() == [
            text("cmd.set_ok", "zh-CN", key="remind_unsure", value="off")
        ]
        [incident] = await group.incidents()
        assert (incident["kind"], incident["reminded"]) == ("ack_request", False)
        assert (incident["held_reason"], incident["held_until"]) == ("unsure", None)
        assert incident["held_label"] == "不确定是否针对全群"
        assert incident["held_label_en"] == "not clearly aimed at the whole group"
        await group.say(OWNER, "/jianfu set remind_unsure on")  # the default
        await group.say(OWNER, "下午三点开会，收到请回复")
        assert (await group.bot_posts())[-1] == ACK_REMINDER
        held = sorted((i["held_reason"], i["reminded"]) for i in await group.incidents())
        assert held == [("", True), ("unsure", False)]


REAL_GROUP_FOR_UNSURE = Settings(groups={"playground": GroupSettings(cooldown_minutes=0)})
REAL_GROUP = Settings(groups={"playground": GroupSettings()})  # a real group's defaults


async def test_the_cooldown_holds_back_a_second_reminder(make_group: Any) -> None:
    async with make_group(REAL_GROUP) as group:
        await group.say(OWNER, DEMAND)
        await group.say("李娜", "今天下班前把工位整理好，拍照发群里", gap=10 * 60)
        assert await group.bot_posts() == [ACK_REMINDER]
        [proof, demand] = await group.incidents()
        assert (proof["kind"], proof["held_reason"]) == ("proof_request", "cooldown")
        assert proof["held_label"] == "提醒间隔未到" and demand["held_reason"] == ""
        # 30 minutes after the reminder (posted at 10:00:10 Shanghai, stored in whole seconds)
        assert proof["held_until"] == "2025-03-03T02:30:10+00:00"
        await group.say(OWNER, "下午三点开会，请大家收到后回复", gap=21 * 60)  # 31 min after
        assert await group.bot_posts() == [ACK_REMINDER, ACK_REMINDER]
        reminded = sorted((i["kind"], i["reminded"]) for i in await group.incidents())
        assert reminded == [("ack_request", True), ("ack_request", True), ("proof_request", False)]


async def test_quiet_hours_record_without_posting(make_group: Any) -> None:
    async with make_group() as group:
        await group.say(OWNER, "/jianfu set quiet_hours 22:00-07:00")
        replies = await group.bot_posts()
        group.clock.now = datetime(2025, 3, 3, 15, 30, tzinfo=UTC)  # 23:30 in Shanghai
        await group.say(OWNER, DEMAND)
        assert await group.bot_posts() == replies  # nothing new
        [incident] = await group.incidents()
        assert incident["kind"] == "ack_request" and incident["reminded"] is False
        group.clock.now = datetime(2025, 3, 4, 1, 0, tzinfo=UTC)  # 09:00 next morning
        await group.say(OWNER, "下午开会，各位收到请回复")
        assert (await group.bot_posts())[-1] == ACK_REMINDER


async def test_observe_mode_records_without_posting(make_group: Any) -> None:
    async with make_group() as group:
        await group.say(OWNER, "/jianfu observe on")
        before = await group.bot_posts()
        await group.say(OWNER, DEMAND)
        assert await group.bot_posts() == before
        assert [i["reminded"] for i in await group.incidents()] == [False]
        await group.say(OWNER, "/jf observe off")
        await group.say(OWNER, "下午开会，各位收到请回复")
        assert (await group.bot_posts())[-1] == ACK_REMINDER


async def test_pause_and_resume(make_group: Any) -> None:
    async with make_group() as group:
        await group.say(OWNER, "/jianfu pause")
        assert (await group.bot_posts())[-1] == text("cmd.paused")
        await group.say(OWNER, DEMAND)
        assert ACK_REMINDER not in await group.bot_posts()
        await group.say(OWNER, "/jianfu resume")
        await group.say(OWNER, "下午开会，各位收到请回复")
        assert (await group.bot_posts())[-1] == ACK_REMINDER
        assert sorted(i["reminded"] for i in await group.incidents()) == [False, True]


async def test_an_exempt_member_is_not_reminded(make_group: Any) -> None:
    async with make_group() as group:
        await group.say(OWNER, "/jianfu exempt @李娜")
        replies = await group.bot_posts()
        await group.say("李娜", "报名参加运动会的同事请接龙，收到请回复")
        assert await group.bot_posts() == replies
        await group.say("张伟", DEMAND)
        assert (await group.bot_posts())[-1] == ACK_REMINDER
        reminded = {i["demand_by"]: i["reminded"] for i in await group.incidents()}
        assert reminded == {"李娜": False, "张伟": True}


async def test_a_non_admin_is_refused_and_audited(make_group: Any) -> None:
    async with make_group() as group:
        await group.say("李娜", "/jianfu pause")  # the playground has no private chats:
        assert await group.bot_posts() == []  # no reply at all, never one in the group
        await group.say(OWNER, DEMAND)  # not paused: the reminder goes out
        assert (await group.bot_posts())[-1] == ACK_REMINDER
        audit = group.rows("SELECT actor_id, command, allowed, result FROM audit_log")
        assert audit == [("李娜", "/jianfu pause", 0, "refused")]


async def test_per_group_config_sets_the_pile_up_threshold(make_group: Any) -> None:
    settings = Settings(groups={"playground": GroupSettings(stack_members=3)})
    async with make_group(settings) as group:
        await group.say(OWNER, "明天早上八点集合出发。")
        for name in ("李娜", "张伟", "刘洋"):
            await group.say(name, "收到")
        assert await group.bot_posts() == [text("stack", members=3)]


async def test_a_config_admin_may_use_commands(make_group: Any) -> None:
    async with make_group(Settings(admins=("李娜",))) as group:
        await group.say("李娜", "/jianfu pause")
        assert await group.bot_posts() == [text("cmd.paused")]


class BrokenAdapter(Adapter):
    """A platform that delivers messages but refuses every post."""

    name = "broken"

    def __init__(self) -> None:
        self.sink: MessageSink | None = None

    async def start(self, sink: MessageSink) -> None:
        self.sink = sink

    async def send(
        self, group_id: str, text: str, mentions: Sequence[str] = (), *, markdown: bool = False
    ) -> None:
        raise AdapterError("the platform said no")

    async def stop(self) -> None:
        self.sink = None


def message(n: int, text_: str, group_id: str = "g1") -> Message:
    return group_message(n, text_, group_id, platform="broken", sender_name=f"成员{n}")


async def test_a_failing_post_never_stops_the_listener(
    store_thread: StoreThread[Store], clock: FrozenClock
) -> None:
    runtime = Runtime(Settings(), store_thread, {"broken": BrokenAdapter()}, clock)
    await runtime.handle(message(1, DEMAND))
    await runtime.handle(message(2, "周末加班，收到请回复", group_id="g2"))
    await runtime.handle(message(3, "直接私聊", group_id=""))
    recorded = await store_thread.call(
        lambda: [store_thread.store.incidents(g, 5) for g in ("g1", "g2")]
    )
    assert [[r.kind for r in rows] for rows in recorded] == [["ack_request"]] * 2
    posts = await store_thread.call(
        store_thread.store.post_count, "g1", START, START + timedelta(days=1)
    )
    assert posts == 0  # a post that failed is not logged as posted


async def test_expiry_records_final_counts_and_retention_purges(
    store_thread: StoreThread[Store], clock: FrozenClock
) -> None:
    settings = replace(Settings(), retention_days=30)
    runtime = Runtime(settings, store_thread, {"broken": BrokenAdapter()}, clock)
    for n in range(1, 7):
        await runtime.handle(replace(message(n, "收到"), sender_id=f"u{n}"))
    clock.now = START + timedelta(hours=2)
    assert await runtime.expire() == 1
    [stack] = await store_thread.call(store_thread.store.incidents, "g1", 5)
    assert (stack.kind, stack.members, stack.messages) == ("stack", 6, 6)
    clock.now = START + timedelta(days=31)
    deleted = await runtime.purge()
    assert deleted["incidents"] == 1
    assert await store_thread.call(store_thread.store.incidents, "g1", 5) == []


async def test_status_counts_incidents_of_this_week_even_from_the_same_second(
    make_group: Any,
) -> None:
    async with make_group() as group:
        await group.say(OWNER, DEMAND)
        await group.say(OWNER, "巡查时拍照发群里", gap=0)
        await group.say(OWNER, "/jianfu status", gap=0)
        status = (await group.bot_posts())[-1]
        assert "要求回复收到 1" in status and "要求截图留痕 1" in status, status


class Recorder(Adapter):
    """A platform with 1:1 chats that records what the bot sends where."""

    name = "recorder"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, tuple[str, ...]]] = []

    async def start(self, sink: MessageSink) -> None:
        pass

    async def send(
        self, group_id: str, text: str, mentions: Sequence[str] = (), *, markdown: bool = False
    ) -> None:
        self.sent.append((group_id, text, tuple(mentions)))

    async def stop(self) -> None:
        pass


def private(n: int, text_: str, sender: str) -> Message:
    return replace(message(n, text_, group_id=""), sender_id=sender, platform="recorder")


async def test_private_messages_answer_only_admin_commands(
    store_thread: StoreThread[Store], clock: FrozenClock
) -> None:
    adapter = Recorder()
    runtime = Runtime(Settings(admins=("boss",)), store_thread, {"recorder": adapter}, clock)
    group = replace(message(1, "大家好", group_id="g1"), platform="recorder")
    await runtime.handle(replace(group, group_name="街道办工作群"))
    await runtime.handle(private(2, "在吗？", "boss"))  # not a command: ignored
    assert adapter.sent == []
    await runtime.handle(private(3, "/jf in 街道 observe on", "boss"))
    await runtime.handle(private(4, "/jf in 街道 observe on", "u9"))
    assert adapter.sent == [
        ("", text("cmd.observe_on"), ("boss",)),
        ("", text("private.refused"), ("u9",)),
    ]
    observing = await store_thread.call(store_thread.store.group_settings, "g1", GroupSettings())
    assert observing.observe
    rows = await store_thread.call(store_thread.store.audit_log, "g1", 5)
    assert [(r["actor_id"], r["result"]) for r in rows] == [("u9", "refused"), ("boss", "ok")]


async def test_a_private_post_goes_to_the_members_chat_not_the_group(make_group: Any) -> None:
    async with make_group() as group:
        runtime = group.client.app[RUNTIME]
        post = Post(group_id="playground", text="只给你看", reason="command", to_member=OWNER)
        assert await runtime.post(post, "playground") is True
        assert await group.bot_posts() == []  # not in the group's transcript
        mine = await (await group.client.get(f"/api/playground/private?member={OWNER}")).json()
        others = await (await group.client.get("/api/playground/private?member=李娜")).json()
        assert [(e["text"], e["to"]) for e in mine] == [("只给你看", OWNER)] and others == []
        assert group.rows("SELECT count(*) FROM bot_posts") == [(1,)]


async def test_a_chain_seen_again_after_a_restart_is_not_reminded_twice(make_group: Any) -> None:
    names = ["张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆", "赵磊"]

    def post(k: int) -> str:
        return "#接龙\n已学习《安全手册》\n\n" + "\n".join(
            f"{i + 1}. {n}" for i, n in enumerate(names[:k])
        )

    async with make_group() as group:
        for k in range(1, 6):
            await group.say(names[k - 1], post(k), gap=600)
        assert await group.bot_posts() == [text("chain", members=5)]
        stopped_at = group.clock.now
    async with make_group() as group:  # the same database: a restart mid-chain
        group.clock.now = stopped_at
        await group.say(names[5], post(6), gap=2 * 3600)  # past the cooldown: only memory stops it
        await group.say(names[6], post(7), gap=3600)
        assert await group.bot_posts() == [text("chain", members=5)]  # the transcript survived
        [incident] = await group.incidents()
        assert (incident["kind"], incident["members"], incident["reminded"]) == ("chain", 7, True)


async def test_a_message_that_arrives_late_is_still_recorded(make_group: Any) -> None:
    async with make_group() as group:
        await group.say("李娜", "好的")
        group.clock.advance(seconds=-120)  # the platform delivers an older message afterwards
        await group.say(OWNER, DEMAND, gap=0)
        assert [i["kind"] for i in await group.incidents()] == ["ack_request"]


async def test_a_platform_message_with_a_lone_surrogate_is_still_recorded(
    store_thread: StoreThread[Store],
) -> None:
    from bot.runtime import storable

    msg = replace(message(1, "收到请回复\ud800"), platform="broken")
    clean = storable(msg)
    assert clean.text == "收到请回复\ufffd" and storable(clean) is clean
    runtime = Runtime(Settings(), store_thread, {"broken": BrokenAdapter()}, FrozenClock())
    await runtime.handle(msg)
    [row] = await store_thread.call(store_thread.store.incidents, "g1", 5)
    assert row.kind == "ack_request"


@pytest.mark.parametrize(
    "fields",
    [
        {"sender_name": "张\ud800"},
        {"group_name": "\udfff群"},
        {"sender_id": "u\ud83d"},
        {"text": "收到\ud83d", "sender_name": "\ude00李"},  # two halves in two fields
    ],
)
def test_a_lone_surrogate_in_any_stored_field_is_replaced(fields: dict[str, str]) -> None:
    from bot.runtime import storable

    clean = storable(replace(message(1, "收到"), **fields))
    for name in fields:
        assert getattr(clean, name).encode("utf-8") and "\ufffd" in getattr(clean, name)
    kept = message(1, "收到😀")
    assert storable(kept) is kept  # nothing to replace: the message itself


async def test_exempt_in_the_playground_knows_who_is_in_the_group(make_group: Any) -> None:
    async with make_group() as group:
        await group.say("小明", "大家好")  # posting joins the group
        await group.say(OWNER, "/jianfu exempt @不存在的人")
        await group.say(OWNER, "/jianfu exempt @小明")
        refused, accepted = await group.bot_posts()
        assert refused.startswith("群里没有 不存在的人。")
        assert accepted == text("cmd.exempt_ok", member="小明")
        audit = group.rows("SELECT result FROM audit_log ORDER BY id")
        assert audit == [("usage",), ("ok",)]


async def test_a_message_demanding_proof_and_replies_is_recorded_twice_and_reminded_once(
    make_group: Any,
) -> None:
    async with make_group() as group:
        await group.say(OWNER, "巡查时请拍照发群里，收到请回复")
        kinds = sorted(row[0] for row in group.rows('SELECT "kind" FROM incidents'))
        assert kinds == ["ack_request", "proof_request"]
        assert len(await group.bot_posts()) == 1  # one message, one reminder

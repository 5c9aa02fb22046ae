"""`/jianfu forget @member` through the runtime: a platform where a mention is an id, not a name."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.runtime import Runtime
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from policies.events import Incident, Message
from tests.bot.fakechat import FakeChat

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2025, 2, 19, 10, 0, tzinfo=SH)


def said(n: int, sender: str, name: str, text: str, *mentions: str) -> Message:
    return Message(
        id=f"m{n}", group_id="g", sender_id=sender, sender_name=name, text=text,
        time=START + timedelta(minutes=n), platform="fakechat", is_admin=sender == "wxid_boss",
        mentions=mentions,
    )  # fmt: skip


async def test_forget_by_mention_leaves_neither_the_id_nor_the_name(
    store_thread: StoreThread[Store],
) -> None:
    chat = FakeChat()
    runtime = Runtime(
        Settings(), store_thread, {chat.name: chat}, lambda: START + timedelta(hours=1)
    )
    for message in (
        said(1, "wxid_boss", "王主任", "/jf exempt @李娜", "wxid_li"),
        said(2, "wxid_li", "李娜", "各位：周五前交总结，收到请回复"),
        said(3, "wxid_li", "李娜", "/jf status"),  # refused: audited with her name
        said(4, "wxid_boss", "王主任", "/jf forget @李娜\u2005", "wxid_li"),
    ):
        await runtime.handle(message)
    db = store_thread.store
    assert db.group_settings("g").exempt == ()
    rows = [
        *db.audit_log("g"),
        *db.incidents("g", 10),
        *db.db.query("SELECT text FROM bot_posts"),
        *db.db.query("SELECT json FROM group_settings"),
    ]
    assert len(rows) >= 6
    leaks = [row for row in rows if "李娜" in str(row) or "wxid_li" in str(row)]
    assert leaks == []


async def test_forgetting_a_one_character_name_leaves_other_excerpts_alone(
    store_thread: StoreThread[Store],
) -> None:
    """A member called "到": every other incident's excerpt says 收到, none of it is theirs."""
    chat = FakeChat()
    runtime = Runtime(
        Settings(), store_thread, {chat.name: chat}, lambda: START + timedelta(days=1)
    )
    db = store_thread.store
    for n in range(10):
        excerpt = f"第{n}项：各位同事周五前交材料，收到请回复"
        incident = Incident(
            id=f"g/ack_request/x{n}", group_id="g", kind="ack_request",
            start=START + timedelta(minutes=n), end=START + timedelta(minutes=n),
            members=1, messages=1, trigger=excerpt, trigger_sender=f"wxid_other{n}",
        )  # fmt: skip
        db.upsert_incident(incident, "fakechat", False, "王主任", START)
    db.record_post("g", "已收到，谢谢 @到 ，收到", "command", START)
    await runtime.handle(said(20, "wxid_dao", "到", "各位明天交表，收到请回复"))
    await runtime.handle(said(21, "wxid_boss", "王主任", "/jf forget @到", "wxid_dao"))
    others = [i for i in db.incidents("g", 50) if i.trigger_sender.startswith("wxid_other")]
    assert sorted(i.trigger for i in others) == sorted(
        f"第{n}项：各位同事周五前交材料，收到请回复" for n in range(10)
    )
    theirs = db.incident("g/ack_request/m20")
    assert theirs is not None and (theirs.trigger, theirs.trigger_sender) == ("", "")
    posts = [row["text"] for row in db.db.query("SELECT text FROM bot_posts ORDER BY id")]
    assert posts[0] == "已收到，谢谢 @… ，收到"  # the mention goes, the 收到 around it stays

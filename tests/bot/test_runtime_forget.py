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


async def test_forget_scrubs_the_detector_state_saved_and_in_memory(
    store_thread: StoreThread[Store],
) -> None:
    """The detector's state names members too (ack senders, a pile-up's members, notices with
    their excerpts, 接龙 participants): forgetting scrubs the saved row and the running state,
    and the next message's save does not bring the member back. The others still count."""
    chat = FakeChat()
    at = {"now": START}
    runtime = Runtime(Settings(), store_thread, {chat.name: chat}, lambda: at["now"])
    chain = "#接龙\n已学习《安全手册》\n\n1. 张伟\n2. 李娜"
    stream = [
        said(1, "wxid_boss", "王主任", "各位同事：周五前交季度总结，由 @李娜 汇总，收到请回复"),
        said(2, "wxid_li", "李娜", "各位：李娜的材料周四交到302，收到请回复"),
        *(said(n, f"wxid_{n}", f"同事{n}", "收到") for n in range(3, 7)),
        said(7, "wxid_li", "李娜", "收到"),
        said(8, "wxid_zhang", "张伟", chain),
        said(9, "wxid_li", "李娜", chain),
    ]
    for message in stream:
        at["now"] = message.time
        assert await runtime.handle(message)
    db = store_thread.store
    detector = runtime.pipeline.detector

    def leaks(state: object) -> list[str]:
        return [word for word in ("wxid_li", "李娜") if word in str(state)]

    await runtime.save_states()
    assert leaks(db.detector_state("g")) == ["wxid_li", "李娜"], "the state names her"
    before = detector.snapshot("g")
    assert before is not None and before["stack"] is not None
    counted = len(before["stack"]["senders"])

    at["now"] = START + timedelta(minutes=10)
    assert await runtime.handle(said(10, "wxid_boss", "王主任", "/jf forget @李娜", "wxid_li"))
    assert leaks(db.detector_state("g")) == [], "the saved state"
    after = detector.snapshot("g")
    assert after is not None and leaks(after) == [], "the running detector's state"
    assert after["stack"] is not None and len(after["stack"]["senders"]) == counted - 1
    assert "汇总" in str(after["notices"]), "the boss's notice stays, without her name"

    at["now"] = START + timedelta(minutes=11)
    assert await runtime.handle(said(11, "wxid_11", "同事11", "收到"))
    grown = detector.snapshot("g")
    assert grown is not None and len(grown["stack"]["senders"]) == counted, "others count"
    await runtime.save_states()
    assert leaks(db.detector_state("g")) == [], "saved again after the next message"

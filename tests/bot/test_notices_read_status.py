"""A platform that reports who has read the bot's message (Feishu's read-users API, DingTalk's
read status where it has one): the runtime polls `Adapter.read_by` when the roster is asked
for and at the due time, and counts each reader as a confirmation with source "read". A
platform that cannot tell (None) leaves the roster to the other ways; one whose read status
fails is logged and the roster still goes out. A real SQLite file; the platform is a small
in-test adapter with a member list and read receipts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta

from bot.adapters.base import AdapterError
from bot.runtime import Runtime
from bot.settings import Settings
from bot.store import Store
from bot.store.thread import StoreThread
from tests.bot.fakechat import FakeChat
from tests.conftest import START, FrozenClock
from tests.conftest import message as group_message

MEMBERS = {"boss": "王主任", **{f"u{k}": f"同事{k}" for k in range(1, 11)}}


class ReadReceipts(FakeChat):
    """Keeps what the bot sent; `readers` is what the platform says about the notice."""

    private_replies = True

    def __init__(self, readers: frozenset[str] | None, fail: bool = False) -> None:
        super().__init__("receipts")
        self.readers, self.fail = readers, fail
        self.asked: list[tuple[str, str]] = []

    async def send_notice(self, group_id: str, text: str) -> str:
        await self.send(group_id, text)
        return "om_notice_1"

    async def read_by(self, group_id: str, ref: str) -> frozenset[str] | None:
        self.asked.append((group_id, ref))
        if self.fail:
            raise AdapterError("receipts: 500 from the read-users API")
        return self.readers

    def roster(self, group_id: str) -> Mapping[str, str] | None:
        return MEMBERS

    def private(self, member: str) -> list[str]:
        posts = zip(self.sent, self.mentions, strict=True)
        return [text for (group, text, _), to in posts if not group and to == (member,)]


async def say(runtime: Runtime, n: int, text: str, group: str, sender: str) -> None:
    msg = group_message(n, text, group, platform="receipts", is_admin=sender == "boss")
    await runtime.handle(replace(msg, sender_id=sender, sender_name=MEMBERS.get(sender, "")))


async def publish(runtime: Runtime, due: str = "", group: str = "g1") -> None:
    line = "/jianfu notice 周五前提交安全检查表" + (f" --due {due}" if due else "")
    await say(runtime, 1, line, group, "boss")


async def ask_status(runtime: Runtime, n: int, group: str = "g1") -> None:
    await say(runtime, n, "/jianfu notice status", group, "boss")


async def test_readers_count_as_confirmations_in_the_roster_and_at_the_due_time(
    store_thread: StoreThread[Store],
) -> None:
    chat, clock = ReadReceipts(frozenset({"u1", "u2", "u3", "boss"})), FrozenClock()
    runtime = Runtime(Settings(), store_thread, {"receipts": chat}, clock)
    await publish(runtime, due="11:00")
    [(group, notice, _)] = [s for s in chat.sent if s[0]]
    assert group == "g1" and "阅读即视为确认" not in notice  # not Feishu: the default way
    await ask_status(runtime, 2)
    roster = chat.private("boss")[-1].splitlines()
    assert chat.asked == [("g1", "om_notice_1")]
    assert roster[0].endswith("已确认 3/10 人")
    assert roster[1] == "已确认：同事1 10:00（已读）、同事2 10:00（已读）、同事3 10:00（已读）"
    assert roster[2].startswith("未确认：同事10、同事4、")

    chat.readers = frozenset({"u1", "u2", "u3", "u4", "u5"})  # two more read it since
    clock.advance(hours=2)
    assert await runtime.notices.nudge_due() == 5
    assert sorted(m for m in MEMBERS if any(t.startswith("提醒：") for t in chat.private(m))) == [
        "u10", "u6", "u7", "u8", "u9",
    ]  # fmt: skip
    rows = store_thread.store.db.execute(
        "SELECT source, count(*) FROM notice_confirmations GROUP BY source"
    ).fetchall()
    assert rows == [("read", 5)]
    assert await runtime.notices.nudge_due() == 0  # once


async def test_a_platform_that_cannot_tell_or_fails_leaves_the_other_ways(
    store_thread: StoreThread[Store],
) -> None:
    for group, chat in (("g1", ReadReceipts(None)), ("g2", ReadReceipts(frozenset(), fail=True))):
        runtime = Runtime(Settings(), store_thread, {"receipts": chat}, FrozenClock())
        await publish(runtime, group=group)
        await ask_status(runtime, 2, group)
        assert chat.asked and chat.private("boss")[-1].splitlines()[0].endswith("已确认 0/10 人")


async def test_a_private_confirmation_names_the_notice_and_answers_privately(
    store_thread: StoreThread[Store],
) -> None:
    chat, clock = ReadReceipts(None), FrozenClock()
    runtime = Runtime(Settings(), store_thread, {"receipts": chat}, clock)
    await publish(runtime)
    await say(runtime, 5, "收到", "", "u4")
    assert chat.private("u4") == ["已确认通知 #1，谢谢。无需在群里回复。"]
    await say(runtime, 6, "1", "", "nobody")
    assert chat.private("nobody") == ["没有需要你确认的通知。"]
    await say(runtime, 7, "今天食堂吃什么", "", "u5")
    assert chat.private("u5") == []  # not a confirmation: ignored
    clock.now = START + timedelta(days=4)  # past OPEN_FOR: nothing left to confirm
    await say(runtime, 8, "1", "", "u6")
    assert chat.private("u6") == ["没有需要你确认的通知。"]

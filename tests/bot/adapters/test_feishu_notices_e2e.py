"""Silent notices on Feishu, end to end: the app against the fake open API on loopback. The
group's roster comes from the members API, the readers from read_users: the roster the poster
gets counts them (已读) beside a private confirmation, and at the due time only the members who
neither read nor confirmed are nudged, each at their open_id; nothing more in the group."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

import aiohttp
from fake_feishu import APP_ID, APP_SECRET, CHAT_ID, VERIFICATION_TOKEN, FakeFeishuApi, event_body

from bot.adapters.feishu import EVENTS_PATH, FeishuAdapter, FeishuSettings
from bot.app import create_app
from bot.settings import Settings
from tests.conftest import START, FrozenClock, start_on_loopback

BOSS = "ou_boss"
STAFF = {f"ou_s{k}": f"同事{k}" for k in range(1, 7)}
START_MS = int(START.timestamp() * 1000)


async def no_sleep(_: float) -> None:
    return None


async def eventually(check: Callable[[], bool], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not check():
            await asyncio.sleep(0.02)


async def test_readers_and_a_private_confirmation_count_the_rest_are_nudged(
    tmp_path: Path,
) -> None:
    api = await FakeFeishuApi().start()
    api.roster = {BOSS: "王主任", **STAFF}
    settings = FeishuSettings(
        app_id=APP_ID, app_secret=APP_SECRET, verification_token=VERIFICATION_TOKEN,
        api_base=api.base,
    )  # fmt: skip
    adapter = FeishuAdapter(settings, sleep=no_sleep)
    clock = FrozenClock()
    app = create_app(
        Settings(), db_path=tmp_path / "j.db", adapters=[adapter], clock=clock, nudge_every=0.05
    )
    runner, url = await start_on_loopback(app)

    def to(receiver: str) -> list[str]:
        return [s.text for s in api.sent if s.body["receive_id"] == receiver]

    try:
        async with aiohttp.ClientSession() as http:

            async def event(text: str, sender: str, chat_type: str = "group") -> None:
                body = event_body(text, sender=sender, chat_type=chat_type, create_ms=START_MS)
                raw = json.dumps(body, ensure_ascii=False).encode()
                async with http.post(url + EVENTS_PATH, data=raw) as response:
                    assert response.status == 200

            await event("/jianfu notice 周五前提交安全检查表 --due 11:00", BOSS)
            await eventually(lambda: len(to(BOSS)) == 1 and adapter.roster(CHAT_ID) is not None)
            [notice] = [s for s in api.sent if s.body["receive_id"] == CHAT_ID]
            assert "【通知 #1 · 无需回复】" in notice.text and "飞书已读状态" in notice.text
            api.readers[notice.message_id] = ["ou_s1", "ou_s2", "ou_s3", BOSS]
            await event("1", "ou_s4", chat_type="p2p")
            await eventually(lambda: bool(to("ou_s4")))
            assert to("ou_s4") == ["已确认通知 #1，谢谢。无需在群里回复。"]

            await event("/jianfu notice status", BOSS)
            await eventually(lambda: len(to(BOSS)) == 2)
            roster = to(BOSS)[1].splitlines()
            assert roster[0].endswith("已确认 4/6 人")
            assert "同事1 10:00（已读）" in roster[1] and "同事4 10:00（私聊）" in roster[1]
            assert roster[2] == "未确认：同事5、同事6"

            clock.advance(hours=2)
            await eventually(lambda: len(to(BOSS)) == 3)
            nudged = {s.body["receive_id"] for s in api.sent if s.text.startswith("提醒：")}
            assert nudged == {"ou_s5", "ou_s6"}
            assert all(
                s.receive_id_type == "open_id" for s in api.sent if s.text.startswith("提醒：")
            )
            assert to(BOSS)[2] == "通知 #1 已到截止时间：已确认 4/6 人，已私聊提醒未确认的 2 人。"
            assert [s.text for s in api.sent if s.body["receive_id"] == CHAT_ID] == [notice.text]
    finally:
        await runner.cleanup()
        await api.close()

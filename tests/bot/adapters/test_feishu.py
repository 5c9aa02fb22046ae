"""Feishu end to end: the app `jianfu run` builds from FEISHU_* (settings → adapters → runtime
→ store), served on loopback, with the fake Feishu open API (`fake_feishu`) for tokens, chat
info and sends. Events go in as Feishu sends them: the documented `im.message.receive_v1`
body, AES-256-CBC encrypted with the Encrypt Key and signed in `X-Lark-Signature`."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from fake_feishu import (
    APP_ID,
    APP_SECRET,
    BOT_OPEN_ID,
    CHAT_ID,
    ENCRYPT_KEY,
    VERIFICATION_TOKEN,
    FakeFeishuApi,
    at_bot,
    encrypted,
    event_body,
    signed_headers,
)

from bot.adapters.feishu import EVENTS_PATH, FeishuAdapter, FeishuSettings
from bot.adapters.feishu.openapi import OpenApi
from bot.app import ADAPTERS, create_app, platform_adapters
from bot.settings import load_settings
from bot.store import Store
from handlers.texts import text
from tests.conftest import FrozenClock, start_on_loopback, write_lock

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai: no quiet hours
OWNER = "ou_owner"
MEMBERS = [f"ou_member{k:02d}" for k in range(8)]


@dataclass
class Served:
    url: str
    http: aiohttp.ClientSession
    api: FakeFeishuApi
    adapter: FeishuAdapter
    clock: FrozenClock
    db: Path

    async def post(self, raw: bytes, headers: dict[str, str] | None = None) -> tuple[int, Any]:
        async with self.http.post(self.url + EVENTS_PATH, data=raw, headers=headers) as resp:
            return resp.status, await resp.json(content_type=None)

    async def event(self, body: dict[str, Any]) -> int:
        """Send an event as Feishu does: encrypted and signed."""
        raw = encrypted(body)
        status, _ = await self.post(raw, signed_headers(raw))
        return status

    async def say(self, sender: str, words: str, **changes: Any) -> int:
        ms = int(self.clock.now.timestamp() * 1000)
        return await self.event(event_body(words, sender=sender, create_ms=ms, **changes))

    def incidents(self) -> list[tuple[str, str, int, bool]]:
        store = Store(self.db)
        try:
            rows = store.incidents(CHAT_ID, 20)
        finally:
            store.close()
        return [(r.kind, r.platform, r.members, r.reminded) for r in rows]


def feishu_env(api: FakeFeishuApi, encrypt_key: str = ENCRYPT_KEY) -> dict[str, str]:
    env = {
        "FEISHU_APP_ID": APP_ID,
        "FEISHU_APP_SECRET": APP_SECRET,
        "FEISHU_VERIFICATION_TOKEN": VERIFICATION_TOKEN,
        "FEISHU_API_BASE": api.base,
    }
    if encrypt_key:
        env["FEISHU_ENCRYPT_KEY"] = encrypt_key
    return env


@pytest.fixture
async def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Served]:
    monkeypatch.chdir(tmp_path)  # no ./jianfu.toml
    api = await FakeFeishuApi(owner=OWNER).start()
    db = tmp_path / "jianfu.db"
    settings = load_settings(None, feishu_env(api), {"db": str(db)})
    clock = FrozenClock(NOW)
    app = create_app(settings, adapters=platform_adapters(settings), clock=clock, busy_timeout=0.1)
    assert list(app[ADAPTERS]) == ["feishu"]  # Feishu configured: no playground
    adapter = app[ADAPTERS]["feishu"]
    assert isinstance(adapter, FeishuAdapter)
    runner, base_url = await start_on_loopback(app)
    try:
        async with aiohttp.ClientSession() as http:
            url = base_url
            yield Served(url, http, api, adapter, clock, db)
    finally:
        await runner.cleanup()
        await api.close()


async def eventually(check: Callable[[], bool], timeout: float = 5.0) -> None:
    for _ in range(int(timeout / 0.02)):
        if check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met in time")


# --- the URL check ------------------------------------------------------------------------------


async def test_the_url_verification_challenge_is_answered_plain_and_encrypted(
    served: Served,
) -> None:
    challenge = {
        "challenge": "ajls384kdjx98XX",
        "token": VERIFICATION_TOKEN,
        "type": "url_verification",
    }
    status, answer = await served.post(json.dumps(challenge).encode())
    assert (status, answer) == (200, {"challenge": "ajls384kdjx98XX"})
    status, answer = await served.post(encrypted(challenge))
    assert (status, answer) == (200, {"challenge": "ajls384kdjx98XX"})
    wrong = {**challenge, "token": "not-the-token"}
    status, answer = await served.post(encrypted(wrong))
    assert status == 401 and "verification token" in answer["error"]


# --- events in ------------------------------------------------------------------------------------


async def test_an_encrypted_demand_is_recorded_and_reminded_about_with_a_bearer_token(
    served: Served,
) -> None:
    demand = "各位同事：明天上午九点开安全生产会议，收到请回复"
    assert await served.say(OWNER, demand, message_id="om_demand") == 200
    await eventually(lambda: len(served.api.sent) == 1)
    sent = served.api.sent[0]
    assert sent.receive_id_type == "chat_id" and sent.body["receive_id"] == CHAT_ID
    assert sent.token in served.api.live_tokens()
    assert "无需回复“收到”" in sent.text
    await eventually(lambda: served.incidents() == [("ack_request", "feishu", 1, True)])


async def test_a_bad_signature_is_refused_with_401_and_nothing_is_handled(served: Served) -> None:
    raw = encrypted(event_body("收到请回复：明早八点开会", sender=OWNER))
    headers = signed_headers(raw, key="another-key-of-thirty-two-chars!")
    status, answer = await served.post(raw, headers)
    assert status == 401 and "X-Lark-Signature" in answer["error"]
    unsigned = {k: v for k, v in signed_headers(raw).items() if k != "X-Lark-Signature"}
    status, _ = await served.post(raw, unsigned)
    assert status == 401
    tampered = encrypted(event_body("收到请回复：明早九点开会", sender=OWNER))
    status, _ = await served.post(tampered, signed_headers(raw))  # a signature of another body
    assert status == 401
    assert served.incidents() == [] and served.api.sent == []
    assert served.adapter.refused == 3


async def test_a_wrong_verification_token_in_an_event_is_refused(served: Served) -> None:
    status = await served.event(event_body("收到请回复：明早八点开会", token="forged"))
    assert status == 401
    assert served.incidents() == []


async def test_a_replayed_event_is_processed_once(served: Served) -> None:
    demand = event_body("全体注意：周五交总结，收到请回复", sender=OWNER, event_id="ev-1")
    raw = encrypted(demand)
    headers = signed_headers(raw)
    first, second = await asyncio.gather(served.post(raw, headers), served.post(raw, headers))
    assert first[0] == second[0] == 200
    status, _ = await served.post(raw, signed_headers(raw))  # a retry, later
    assert status == 200
    await eventually(lambda: len(served.api.sent) >= 1)
    await asyncio.sleep(0.2)
    assert len(served.api.sent) == 1
    assert [kind for kind, *_ in served.incidents()] == ["ack_request"]
    assert served.adapter.received == 1  # the adapter dropped the repeats by event_id


async def test_a_pile_up_in_the_group_gets_exactly_one_reminder(served: Served) -> None:
    notice = "通知：周五下午三点在三楼会议室进行消防演练。"
    assert await served.say(OWNER, notice) == 200
    for k, member in enumerate(MEMBERS[:7]):
        served.clock.now = NOW + timedelta(seconds=30 * (k + 1))
        assert await served.say(member, "收到") == 200
    await eventually(lambda: len(served.api.sent) >= 1)
    await asyncio.sleep(0.2)
    assert len(served.api.sent) == 1
    sent = served.api.sent[0]
    assert sent.body["receive_id"] == CHAT_ID and sent.token in served.api.live_tokens()
    await eventually(lambda: served.incidents() == [("stack", "feishu", 7, True)])
    assert served.api.refused == []


async def test_an_expired_token_is_fetched_again_and_the_reminder_still_goes_out(
    served: Served,
) -> None:
    await served.say(OWNER, "第一号通知：周一开会，各位收到请回复")
    await eventually(lambda: len(served.api.sent) == 1)
    first_token = served.api.sent[0].token
    served.api.expire_tokens()  # Feishu no longer honours it; the adapter still caches it
    served.clock.now = NOW + timedelta(hours=3)  # past the cooldown
    await served.say(OWNER, "第二号通知：周二开会，各位收到请回复")
    await eventually(lambda: len(served.api.sent) == 2)
    assert served.api.sent[1].token != first_token
    assert served.api.sent[1].token in served.api.live_tokens()
    assert len(served.api.refused) == 1  # the one try with the dead token
    assert served.api.token_requests == 2


@pytest.mark.parametrize(
    ("raw", "status", "reason"),
    [
        (b"{not json", 400, "not valid JSON"),
        (b"[1, 2]", 400, "JSON object"),
        (json.dumps({"encrypt": "!!!"}).encode(), 400, "not base64"),
        (json.dumps({"encrypt": "AAAA"}).encode(), 400, "AES blocks"),
        (encrypted({"x": 1}, key="a-wrong-key-of-some-32-characters"), 400, "decrypt"),
        (encrypted({"schema": "2.0", "header": {}}), 400, "header.event_type"),
        (json.dumps({"type": "url_verification"}).encode(), 400, "challenge"),
        (b"x" * 300_000, 413, "larger than"),
    ],
)
async def test_a_bad_body_gets_a_4xx_with_the_reason(
    served: Served, raw: bytes, status: int, reason: str
) -> None:
    answer_status, answer = await served.post(raw, signed_headers(raw))
    assert answer_status == status
    assert reason in answer["error"]


async def test_a_message_event_missing_a_field_is_refused_naming_it(served: Served) -> None:
    body = event_body("收到", sender=MEMBERS[0])
    del body["event"]["message"]["chat_type"]
    status = await served.event(body)
    assert status == 400


# --- durability ---------------------------------------------------------------------------------


async def test_an_event_the_store_cannot_record_is_answered_503_and_handled_on_redelivery(
    served: Served,
) -> None:
    demand = event_body("第三号通知：周三开会，收到请回复", sender=OWNER, event_id="ev-locked")
    await served.say(MEMBERS[0], "早")  # the store is open and migrated
    with write_lock(served.db):
        assert await served.event(demand) == 503
    assert served.incidents() == []
    assert await served.event(demand) == 200  # Feishu delivers it again
    await eventually(lambda: [k for k, *_ in served.incidents()] == ["ack_request"])


# --- group owner/admins, @-only groups ------------------------------------------------------------


async def test_the_group_owner_may_run_admin_commands_and_a_member_may_not(
    served: Served,
) -> None:
    mention = [at_bot()]
    await served.say(MEMBERS[1], "@_user_1 /jianfu pause", mentions=mention)
    await served.say(OWNER, "@_user_1 /jianfu status", mentions=mention)
    await eventually(lambda: len(served.api.sent) == 2)
    refused, status = served.api.sent
    # the member is answered privately (their 1:1 chat), the owner in the group
    assert (refused.receive_id_type, refused.body["receive_id"]) == ("open_id", MEMBERS[1])
    assert (status.receive_id_type, status.body["receive_id"]) == ("chat_id", CHAT_ID)
    assert "减负助手状态" in status.text and "减负助手状态" not in refused.text
    assert served.api.token_requests == 1  # one token for the chat info, bot info and sends


async def test_a_group_that_shows_only_at_messages_for_days_is_named_in_status(
    served: Served,
) -> None:
    mention = [at_bot()]
    notice = text("notice.feishu_mentions_only", "zh-CN")
    await served.say(OWNER, "@_user_1 /jianfu status", mentions=mention)
    await eventually(lambda: len(served.api.sent) == 1)
    assert notice not in served.api.sent[0].text  # a day-old group proves nothing yet
    for day in range(1, 4):
        served.clock.now = NOW + timedelta(days=day)
        await served.say(MEMBERS[day], f"@_user_1 第{day}天的问题", mentions=mention)
    await served.say(OWNER, "@_user_1 /jianfu status", mentions=mention)
    await eventually(lambda: len(served.api.sent) == 2)
    assert notice in served.api.sent[1].text
    assert "im:message.group_msg" in served.adapter.status().detail
    # one message that does not @ the bot: the app sees every message after all
    await served.say(MEMBERS[5], "大家好")
    await served.say(OWNER, "@_user_1 /jianfu status", mentions=mention)
    await eventually(lambda: len(served.api.sent) == 3)
    assert notice not in served.api.sent[2].text
    assert served.adapter.bot_id == BOT_OPEN_ID


async def test_the_tenant_token_is_renewed_half_an_hour_before_it_expires() -> None:
    api = await FakeFeishuApi(token_lifetime=7200).start()
    now = [1000.0]
    try:
        async with aiohttp.ClientSession() as http:
            settings = FeishuSettings(
                app_id=APP_ID,
                app_secret=APP_SECRET,
                verification_token=VERIFICATION_TOKEN,
                api_base=api.base,
            )
            client = OpenApi(settings, lambda: http, clock=lambda: now[0])
            await client.send_text(CHAT_ID, "一")
            now[0] += 7200 - 1800 - 1  # 30 min and 1 s before expiry: still good
            await client.send_text(CHAT_ID, "二")
            assert api.token_requests == 1
            now[0] += 2  # within the last 30 minutes: fetched afresh before Feishu refuses it
            await client.send_text(CHAT_ID, "三")
            assert api.token_requests == 2
    finally:
        await api.close()
    tokens = [sent.token for sent in api.sent]
    assert tokens[0] == tokens[1] != tokens[2]
    assert api.refused == []  # no call ever went out with a token Feishu had let expire


async def test_with_the_open_api_unreachable_events_are_still_handled_and_answered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    api = await FakeFeishuApi().start()
    await api.close()  # nothing listens on its port any more
    db = tmp_path / "jianfu.db"
    settings = load_settings(None, feishu_env(api), {"db": str(db)})
    app = create_app(settings, adapters=platform_adapters(settings), clock=FrozenClock(NOW))
    runner, base_url = await start_on_loopback(app)
    try:
        async with aiohttp.ClientSession() as http:
            url = base_url
            adapter = app[ADAPTERS]["feishu"]
            assert isinstance(adapter, FeishuAdapter)
            served = Served(url, http, api, adapter, FrozenClock(NOW), db)
            assert await served.say(OWNER, "明天八点开会，收到请回复") == 200
            assert await served.say(OWNER, "后天八点开会，收到请回复") == 200
            assert [kind for kind, *_ in served.incidents()] == ["ack_request", "ack_request"]
            assert "last error" in served.adapter.status().detail
    finally:
        await runner.cleanup()


async def test_names_come_from_mentions_and_name_later_senders(served: Served) -> None:
    boss = {"key": "@_user_1", "id": {"open_id": MEMBERS[2]}, "name": "王科长"}
    assert await served.say(OWNER, "@_user_1 请看一下", mentions=[boss]) == 200
    assert {MEMBERS[2], "王科长", OWNER} <= (served.adapter.members(CHAT_ID) or set())
    assert await served.say(MEMBERS[2], "明天八点开会，收到请回复") == 200
    store = Store(served.db)
    try:
        [incident] = store.incidents(CHAT_ID, 5)
    finally:
        store.close()
    assert (incident.trigger_sender, incident.demand_by) == (MEMBERS[2], "王科长")
    assert served.adapter.members("oc_unknown") is None


async def test_the_group_roster_is_read_page_by_page_and_names_senders(served: Served) -> None:
    served.api.roster = {f"ou_staff{k:03d}": f"职员{k}" for k in range(250)}
    assert await served.say(OWNER, "大家好") == 200
    await eventually(lambda: len(served.adapter.members(CHAT_ID) or ()) >= 500)
    assert served.api.member_pages == 3  # 100 + 100 + 50
    members = served.adapter.members(CHAT_ID) or frozenset()
    assert {"ou_staff000", "职员0", "ou_staff249", "职员249"} <= members
    assert await served.say("ou_staff007", "明天八点开会，收到请回复") == 200
    store = Store(served.db)
    try:
        [incident] = store.incidents(CHAT_ID, 5)
    finally:
        store.close()
    assert incident.demand_by == "职员7"

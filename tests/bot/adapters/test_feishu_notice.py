"""Feishu's side of silent-confirmation notices, against the fake open API on loopback: the
notice's message_id, who has read it (read_users, page by page, as open_ids — the ids
`Message.sender_id` carries), 1:1 confirmations in, private nudges out, and clear errors."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
from fake_feishu import APP_ID, APP_SECRET, CHAT_ID, VERIFICATION_TOKEN, FakeFeishuApi, event_body

from bot.adapters.base import AdapterError
from bot.adapters.feishu import EVENTS_PATH, FeishuAdapter, FeishuSettings
from policies.events import Message
from tests.bot.adapters.serving import on_loopback, recorder

MEMBER = "ou_84aad35d084aa403a838cf73ee18467"  # the documented sender's open_id


async def no_sleep(_: float) -> None:
    return None


@dataclass
class Bot:
    adapter: FeishuAdapter
    api: FakeFeishuApi
    url: str
    http: aiohttp.ClientSession
    received: list[Message] = field(default_factory=list)

    async def event(self, body: dict[str, Any]) -> int:
        raw = json.dumps(body, ensure_ascii=False).encode()
        async with self.http.post(self.url + EVENTS_PATH, data=raw) as response:
            return response.status


@pytest.fixture
async def bot() -> AsyncIterator[Bot]:
    api = await FakeFeishuApi().start()
    settings = FeishuSettings(
        app_id=APP_ID,
        app_secret=APP_SECRET,
        verification_token=VERIFICATION_TOKEN,
        api_base=api.base,
    )
    adapter = FeishuAdapter(settings, sleep=no_sleep)
    adapter.set_private_filter(lambda text: text in ("1", "收到") or text.startswith("/jf"))
    received: list[Message] = []
    try:
        async with on_loopback(adapter, recorder(received)) as url, aiohttp.ClientSession() as http:
            yield Bot(adapter, api, url, http, received=received)
    finally:
        await api.close()


async def test_a_notice_is_posted_in_the_group_and_its_message_id_returned(bot: Bot) -> None:
    ref = await bot.adapter.send_notice(CHAT_ID, "周五前提交安全检查表")
    [sent] = bot.api.sent
    assert (sent.receive_id_type, sent.body["receive_id"]) == ("chat_id", CHAT_ID)
    assert sent.text == "周五前提交安全检查表"
    assert ref == sent.message_id and ref.startswith("om_")


async def test_read_by_pages_through_every_reader_as_open_ids(bot: Bot) -> None:
    ref = await bot.adapter.send_notice(CHAT_ID, "通知")
    readers = [f"ou_reader{k:03d}" for k in range(230)]
    bot.api.readers[ref] = readers
    assert await bot.adapter.read_by(CHAT_ID, ref) == frozenset(readers)
    assert [q.get("page_token", "") for q in bot.api.read_queries] == ["", "100", "200"]
    assert {(q["user_id_type"], q["page_size"]) for q in bot.api.read_queries} == {
        ("open_id", "100")
    }


async def test_a_reader_is_known_by_the_id_their_messages_carry(bot: Bot) -> None:
    ref = await bot.adapter.send_notice(CHAT_ID, "通知")
    assert await bot.event(event_body("好的", sender=MEMBER)) == 200
    [said] = bot.received
    bot.api.readers[ref] = [MEMBER]
    assert await bot.adapter.read_by(CHAT_ID, ref) == {said.sender_id}


async def test_nobody_has_read_it_yet_and_no_reference_means_cannot_tell(bot: Bot) -> None:
    ref = await bot.adapter.send_notice(CHAT_ID, "通知")
    assert await bot.adapter.read_by(CHAT_ID, ref) == frozenset()
    assert await bot.adapter.read_by(CHAT_ID, "") is None
    assert bot.api.read_queries == [{"user_id_type": "open_id", "page_size": "100"}]


async def test_a_confirmation_in_the_one_to_one_chat_arrives_with_group_empty(bot: Bot) -> None:
    assert await bot.event(event_body("收到", sender=MEMBER, chat_type="p2p")) == 200
    [confirmed] = bot.received
    assert (confirmed.group_id, confirmed.sender_id, confirmed.text) == ("", MEMBER, "收到")


async def test_other_private_talk_is_answered_200_and_stays_out(bot: Bot) -> None:
    assert await bot.event(event_body("今晚吃什么", sender=MEMBER, chat_type="p2p")) == 200
    picture = event_body("", chat_type="p2p", message_type="image", content={"image_key": "k"})
    assert await bot.event(picture) == 200
    assert bot.received == []


async def test_a_private_nudge_goes_to_the_members_open_id_without_an_at(bot: Bot) -> None:
    await bot.adapter.send("", "请确认：周五前提交安全检查表", [MEMBER])
    [sent] = bot.api.sent
    assert (sent.receive_id_type, sent.body["receive_id"]) == ("open_id", MEMBER)
    assert sent.body["msg_type"] == "text"
    assert sent.text == "请确认：周五前提交安全检查表"


@pytest.mark.parametrize(
    ("faults", "says"),
    [
        (2 * [(401, '{"code": 99991663, "msg": "Invalid access token"}')], "401 code 99991663"),
        (2 * [(429, '{"code": 99991400, "msg": "request trigger frequency limit"}')], "429"),
        ([(200, "<html>bad gateway</html>")], "JSONDecodeError"),
        ([(200, '{"code": 0, "data": {"items": "ou_x"}}')], "without data.items"),
    ],
)
async def test_a_refused_read_status_call_is_a_clear_adapter_error(
    bot: Bot, faults: list[tuple[int, str]], says: str
) -> None:
    ref = await bot.adapter.send_notice(CHAT_ID, "通知")
    bot.api.faults = list(faults)
    with pytest.raises(AdapterError, match=says) as caught:
        await bot.adapter.read_by(CHAT_ID, ref)
    assert "read_users" in str(caught.value)
    assert "t-" not in str(caught.value)  # never the token
    assert bot.api.faults == []  # a 401 and a 429 were each tried once more
    assert says in bot.adapter.status().detail


async def test_a_refused_notice_post_is_a_clear_adapter_error(bot: Bot) -> None:
    bot.api.faults = [(200, "not json")]
    with pytest.raises(AdapterError, match="POST /open-apis/im/v1/messages failed"):
        await bot.adapter.send_notice(CHAT_ID, "通知")

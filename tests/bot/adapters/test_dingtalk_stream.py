"""DingTalk Stream mode: the real `dingtalk-stream` SDK against a fake gateway that runs on a
thread of its own (the SDK opens connections with blocking `requests` calls)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field

import pytest
from fake_dingtalk import (
    CHATBOT_TOPIC,
    FakeOapi,
    FakeStreamGateway,
    callback_frame,
    documented_payload,
    host_of,
)

from bot.adapters.dingtalk import DingTalkAdapter, DingTalkSettings
from policies.events import Message

CLIENT_ID = "ding-client-id"
CLIENT_SECRET = "stream-secret-41f0"


@dataclass
class StreamBot:
    adapter: DingTalkAdapter
    gateway: FakeStreamGateway
    oapi: FakeOapi
    received: list[Message] = field(default_factory=list)


@pytest.fixture
def gateway(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeStreamGateway]:
    fake = FakeStreamGateway(client_id=CLIENT_ID, client_secret=CLIENT_SECRET).start()
    # the SDK reads this when it is first imported (the adapter imports it lazily)
    monkeypatch.setenv("DINGTALK_OPENAPI_ENDPOINT", fake.base)
    yield fake
    fake.stop()


@pytest.fixture
async def oapi() -> AsyncIterator[FakeOapi]:
    fake = await FakeOapi().start()
    yield fake
    await fake.close()


async def start_bot(
    gateway: FakeStreamGateway,
    oapi: FakeOapi,
    stuck_after: float = 30.0,
    handle: Callable[[Message], object] = lambda message: None,
    delay: float = 0.0,
) -> StreamBot:
    settings = DingTalkSettings(
        stream_stuck_after=stuck_after,
        client_secret=CLIENT_SECRET,
        client_id=CLIENT_ID,
        mode="stream",
        openapi_endpoint=gateway.base,
        robot_endpoint=oapi.base,
        session_hosts=(host_of(oapi.base),),
    )
    adapter = DingTalkAdapter(settings)
    adapter.set_private_filter(lambda text: text in ("1", "收到"))  # the app's: confirmations
    bot = StreamBot(adapter, gateway, oapi)

    async def sink(message: Message) -> bool:
        bot.received.append(message)
        await asyncio.sleep(delay)  # the detector and the store's commit
        if handle(message) is False:  # the store could not record it
            return False
        await adapter.send(message.group_id, "收到，不必回复", (message.sender_id,))
        return True

    await adapter.start(sink)
    return bot


async def next_frame(gateway: FakeStreamGateway) -> dict[str, object]:
    return await asyncio.to_thread(gateway.next_received, 15)


async def wait_status(adapter: DingTalkAdapter, connected: bool, timeout: float = 15) -> str:
    async with asyncio.timeout(timeout):
        while (status := adapter.status()).connected != connected:
            await asyncio.sleep(0.05)
    return status.detail


async def test_a_callback_frame_is_replied_to_and_acked(
    gateway: FakeStreamGateway, oapi: FakeOapi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    gateway.frames.append(callback_frame(documented_payload(oapi.base), message_id="frame-1"))
    bot = await start_bot(gateway, oapi)
    try:
        ack = await next_frame(gateway)
        assert ack == {
            "code": 200,
            "headers": {"contentType": "application/json", "messageId": "frame-1"},
            "message": "",
            "data": '{"response": "OK"}',
        }
        await oapi.wait_posts(oapi.session_posts, 1)
        assert oapi.session_posts[0].body == {
            "msgtype": "text",
            "text": {"content": "收到，不必回复"},
            "at": {"atUserIds": ["user123"]},
        }
        message = bot.received[0]
        assert (message.id, message.group_id, message.text) == ("msg0xxxxx", "cid-xxx", "你好")
        assert message.is_admin is True and message.platform == "dingtalk"
        opened = gateway.opens.get(timeout=1)
        assert (opened["clientId"], opened["clientSecret"]) == (CLIENT_ID, CLIENT_SECRET)
        assert opened["subscriptions"] == [{"type": "CALLBACK", "topic": CHATBOT_TOPIC}]
        detail = await wait_status(bot.adapter, True)
        assert detail.startswith("stream: connected to 127.0.0.1:")
    finally:
        async with asyncio.timeout(15):
            await bot.adapter.stop()
    assert not bot.adapter.status().connected
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("bot.")]
    assert any("endpoint is" in line for line in ours)  # the SDK's line, ticket redacted
    assert not [line for line in ours if gateway.ticket in line or CLIENT_SECRET in line]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


async def test_the_ack_follows_the_handling_but_not_the_reply_post(
    gateway: FakeStreamGateway, oapi: FakeOapi
) -> None:
    gateway.frames.append(callback_frame(documented_payload(oapi.base), message_id="frame-1"))
    oapi.session_hold = asyncio.Event()  # DingTalk is slow to answer the reply POST
    committed: list[str] = []
    bot = await start_bot(gateway, oapi, handle=lambda m: committed.append(m.id), delay=0.5)
    try:
        ack = await next_frame(gateway)
        assert (ack["code"], committed) == (200, ["msg0xxxxx"])  # acked once handled …
        assert not oapi.session_posts  # … while the reply POST is still on its way
        oapi.session_hold.set()
        await oapi.wait_posts(oapi.session_posts, 1)
    finally:
        oapi.session_hold.set()
        await bot.adapter.stop()


async def test_a_repeated_and_a_malformed_frame_are_acked_but_not_delivered(
    gateway: FakeStreamGateway, oapi: FakeOapi
) -> None:
    payload = documented_payload(oapi.base)
    gateway.frames += [
        callback_frame(payload, message_id="frame-1"),
        callback_frame(payload, message_id="frame-1-redelivered"),
        callback_frame({**payload, "msgId": "", "conversationId": "cid-2"}, message_id="frame-2"),
    ]
    bot = await start_bot(gateway, oapi)
    try:
        acks = {}
        for _ in range(3):
            frame = await next_frame(gateway)
            acks[frame["headers"]["messageId"]] = (frame["code"], frame["data"])  # type: ignore[index]
        assert acks == {
            "frame-1": (200, '{"response": "OK"}'),
            "frame-1-redelivered": (200, '{"response": "OK"}'),
            "frame-2": (400, '{"response": "missing field: msgId"}'),
        }
        await oapi.wait_posts(oapi.session_posts, 1)
        await asyncio.sleep(0.1)
        assert [m.id for m in bot.received] == ["msg0xxxxx"]
        assert len(oapi.session_posts) == 1
    finally:
        await bot.adapter.stop()


async def test_a_private_confirmation_is_delivered_and_other_private_talk_only_acked(
    gateway: FakeStreamGateway, oapi: FakeOapi
) -> None:
    direct = {"conversationType": "1", "conversationTitle": "", "atUsers": []}
    gateway.frames += [
        callback_frame(documented_payload(oapi.base, msgId="m-chat", text={"content": "在吗"}, **direct), message_id="frame-chat"),
        callback_frame(documented_payload(oapi.base, msgId="m-ok", text={"content": "收到"}, **direct), message_id="frame-ok"),
    ]  # fmt: skip
    bot = await start_bot(gateway, oapi)
    try:
        acks = {}
        for _ in range(2):
            frame = await next_frame(gateway)
            acks[frame["headers"]["messageId"]] = frame["code"]  # type: ignore[index]
        assert acks == {"frame-chat": 200, "frame-ok": 200}
        await oapi.wait_posts(oapi.session_posts, 1)  # answered in the 1:1 chat
        assert [(m.id, m.group_id, m.text) for m in bot.received] == [("m-ok", "", "收到")]
    finally:
        await bot.adapter.stop()


async def test_a_message_the_store_could_not_record_is_acked_as_a_system_error(
    gateway: FakeStreamGateway, oapi: FakeOapi
) -> None:
    gateway.frames.append(callback_frame(documented_payload(oapi.base), message_id="frame-1"))
    bot = await start_bot(gateway, oapi, handle=lambda message: False)  # the store is locked
    try:
        ack = await next_frame(gateway)
        assert ack["code"] == 500  # a system error: DingTalk delivers it again
        assert "deliver it again" in str(ack["data"])
        assert [m.id for m in bot.received] == ["msg0xxxxx"] and not oapi.session_posts
    finally:
        await bot.adapter.stop()


async def test_a_refused_connection_shows_in_status_and_the_log(
    gateway: FakeStreamGateway, oapi: FakeOapi, caplog: pytest.LogCaptureFixture
) -> None:
    gateway.open_status = 401
    bot = await start_bot(gateway, oapi)
    try:
        async with asyncio.timeout(15):
            while "cannot open a connection" not in (detail := bot.adapter.status().detail):
                await asyncio.sleep(0.05)
        assert not bot.adapter.status().connected
        assert detail.startswith("stream: cannot open a connection (1 failed attempts in a row")
        assert "could not open a connection (1 in a row)" in caplog.text
    finally:
        started = time.monotonic()
        await bot.adapter.stop()  # the SDK is sleeping before its retry: stop does not wait it out
        assert time.monotonic() - started < 5


async def test_a_stuck_connection_attempt_shows_in_status_and_the_log(
    gateway: FakeStreamGateway, oapi: FakeOapi, caplog: pytest.LogCaptureFixture
) -> None:
    gateway.open_delay = 2.0  # the SDK's blocking request hangs (its own thread, not our loop)
    bot = await start_bot(gateway, oapi, stuck_after=0.3)
    try:
        await asyncio.sleep(0.6)  # our loop keeps running while the SDK waits
        status = bot.adapter.status()
        assert not status.connected
        assert status.detail.startswith("stream: stuck opening a connection for")
        assert "stuck opening a connection" in caplog.text
    finally:
        await bot.adapter.stop()

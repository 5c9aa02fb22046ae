"""The DingTalk adapter in callback mode, against a real aiohttp server and fake DingTalk
endpoints on loopback: signed callbacks in, session-webhook and custom-robot posts out."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
from aiohttp import web
from fake_dingtalk import (
    FakeOapi,
    dingtalk_sign,
    documented_payload,
    fresh_timestamp,
    host_of,
    signed_headers,
)

from bot.adapters.base import AdapterError
from bot.adapters.dingtalk import (
    CALLBACK_PATH,
    DingTalkAdapter,
    DingTalkConfigError,
    DingTalkSettings,
    robots_from_config,
)
from bot.adapters.dingtalk.delivery import check_callback
from bot.adapters.dingtalk.payload import parse_robot_message
from bot.adapters.dingtalk.robot import RateLimit, RobotWebhook, robot_url, sign
from bot.adapters.dingtalk.trust import UsedSigns, session_host_allowed
from bot.adapters.fields import PayloadError
from bot.message_cap import MAX_MESSAGE_CHARS
from bot.settings import load_settings
from policies.events import Message
from tests.bot.adapters.serving import on_loopback
from tests.conftest import start_on_loopback

APP_SECRET = "app-secret-Zx81"
ROBOT_TOKEN = "robot-token-77aa"
ROBOT_SECRET = "SECrobot-secret-0c3d"
NOW_RECEIVED = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # the app's clock in createAt tests


@dataclass
class Bot:
    """The adapter served on loopback, with a sink that answers like the runtime does."""

    adapter: DingTalkAdapter
    url: str
    http: aiohttp.ClientSession
    oapi: FakeOapi
    received: list[Message] = field(default_factory=list)

    async def callback(
        self, body: bytes | dict[str, Any], *, timestamp: int | None = None, sign: str | None = None
    ) -> tuple[int, Any]:
        """POST a callback signed with the app secret (or `sign`); (status, JSON answer)."""
        raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        stamp = str(timestamp if timestamp is not None else fresh_timestamp())
        headers = {"timestamp": stamp, "sign": dingtalk_sign(stamp, APP_SECRET)}
        if sign is not None:
            headers["sign"] = sign
        url = self.url + CALLBACK_PATH
        async with self.http.post(url, data=raw, headers=headers) as response:
            text = await response.text()
            return response.status, json.loads(text) if text else None


Reply = Callable[[DingTalkAdapter, Message], Awaitable[bool | None]]


async def reply_to_sender(adapter: DingTalkAdapter, message: Message) -> None:
    await adapter.send(message.group_id, f"收到：{message.text}", (message.sender_id,))


@pytest.fixture
async def oapi() -> AsyncIterator[FakeOapi]:
    fake = await FakeOapi({ROBOT_TOKEN: ROBOT_SECRET}).start()
    yield fake
    await fake.close()


async def serve(
    oapi: FakeOapi, reply: Reply = reply_to_sender, handle_bound: float = 3.0, **kwargs: Any
) -> AsyncIterator[Bot]:
    settings = DingTalkSettings(
        client_secret=APP_SECRET,
        robot_endpoint=oapi.base,
        handle_bound=handle_bound,
        session_hosts=(host_of(oapi.base),),
    )
    adapter = DingTalkAdapter(settings, **kwargs)
    received: list[Message] = []

    async def sink(message: Message) -> bool:
        received.append(message)
        return await reply(adapter, message) is not False  # False: the store failed

    async with on_loopback(adapter, sink) as url, aiohttp.ClientSession() as http:
        yield Bot(adapter, url, http, oapi, received=received)


@pytest.fixture
async def bot(oapi: FakeOapi) -> AsyncIterator[Bot]:
    async for served in serve(oapi, robots={"cid-xxx": RobotWebhook(ROBOT_TOKEN, ROBOT_SECRET)}):
        yield served


# --- normalization ---


def test_the_documented_payload_becomes_a_message() -> None:
    payload = documented_payload("https://oapi.dingtalk.com", createAt=1613630252678)
    inbound = parse_robot_message(payload)
    msg = inbound.message
    assert (msg.id, msg.group_id, msg.sender_id, msg.text) == (
        "msg0xxxxx",
        "cid-xxx",
        "user123",
        "你好",
    )
    assert (msg.sender_name, msg.group_name, msg.platform) == (
        "杨xx",
        "机器人测试-TEST",
        "dingtalk",
    )
    assert msg.is_admin is True
    assert msg.mentions == ("xxx",)
    assert msg.time == datetime(2021, 2, 18, 6, 37, 32, 678000, tzinfo=UTC)
    assert msg.raw == payload
    assert inbound.session is not None
    assert inbound.session.url == "https://oapi.dingtalk.com/robot/sendBySession?session=xxxxx"


def test_a_one_to_one_chat_has_no_group_and_admin_is_optional() -> None:
    payload = documented_payload(conversationType="1", isAdmin=None, conversationTitle="")
    msg = parse_robot_message(payload).message
    assert msg.group_id == "" and msg.is_direct
    assert msg.is_admin is None


def test_rich_text_and_pictures_are_normalized() -> None:
    rich = documented_payload(
        msgtype="richText",
        content={
            "richText": [{"text": " 请大家"}, {"downloadCode": "dc1"}, {"text": "拍照发群里"}]
        },
    )
    rich.pop("text")
    assert parse_robot_message(rich).message.text == "请大家拍照发群里"
    picture = documented_payload(msgtype="picture", content={"downloadCode": "dc1"})
    picture.pop("text")
    assert parse_robot_message(picture).message.type == "image"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"msgId": None}, "missing field: msgId"),
        ({"conversationId": ""}, "missing field: conversationId"),
        ({"conversationType": "3"}, "conversationType"),
        ({"senderStaffId": None, "senderId": None}, "senderStaffId or senderId"),
        ({"createAt": "soon"}, "createAt"),
        ({"createAt": None}, "missing field: createAt"),
        ({"text": {"content": 5}}, "text.content"),
        ({"msgtype": 7}, "msgtype must be a string"),
    ],
)
def test_bad_payloads_name_the_field(change: dict[str, Any], reason: str) -> None:
    payload = {k: v for k, v in {**documented_payload(), **change}.items() if v is not None}
    with pytest.raises(PayloadError, match=reason):
        parse_robot_message(payload)


# --- callbacks ---


async def test_a_signed_callback_is_answered_through_the_session_webhook(bot: Bot) -> None:
    assert await bot.callback(documented_payload(bot.oapi.base)) == (200, None)
    await bot.oapi.wait_posts(bot.oapi.session_posts, 1)
    post = bot.oapi.session_posts[0]
    assert post.query == {"session": "xxxxx"}
    assert post.body == {
        "msgtype": "text",
        "text": {"content": "收到：你好"},
        "at": {"atUserIds": ["user123"]},
    }
    assert [m.id for m in bot.received] == ["msg0xxxxx"]
    assert bot.received[0].is_admin is True


async def test_a_one_to_one_chat_is_answered_in_that_chat(bot: Bot) -> None:
    bot.adapter.set_private_filter(
        lambda text: text == "你好"
    )  # the app's: commands, confirmations
    payload = documented_payload(bot.oapi.base, conversationType="1", msgId="m-direct")
    payload["sessionWebhook"] += "-direct"
    assert (await bot.callback(payload)) == (200, None)
    await bot.oapi.wait_posts(bot.oapi.session_posts, 1)
    assert bot.oapi.session_posts[0].query == {"session": "xxxxx-direct"}


def good_later(base: str) -> dict[str, Any]:
    return documented_payload(base, msgId="msg-good", text={"content": " 后来的好消息"})


def bad_callbacks(payload: dict[str, Any]) -> dict[str, tuple[Any, dict[str, Any]]]:
    """Each bad callback: (body, keyword arguments of `Bot.callback`)."""
    now = int(time.time() * 1000)
    no_msg_id = {k: v for k, v in payload.items() if k != "msgId"}
    oversized = {**payload, "text": {"content": "收到" * 20_000}}
    return {
        "wrong sign": (payload, {"sign": dingtalk_sign(str(now), "not-the-secret")}),
        "garbled sign": (payload, {"sign": "%%%"}),
        "no sign": (payload, {"sign": ""}),
        "stale timestamp": (payload, {"timestamp": now - 3_700_000}),
        "future timestamp": (payload, {"timestamp": now + 3_700_000}),
        "oversized": (oversized, {}),
        "malformed": (b'{"msgId": "m1", ', {}),
        "not utf-8": (b"\xff\xfe{}", {}),
        "too deep": (b"[" * 60_000, {}),
        "not an object": (b"[1, 2, 3]", {}),
        "no msgId": (no_msg_id, {}),
    }


@pytest.mark.parametrize(
    ("kind", "status", "reason"),
    [
        ("wrong sign", 401, "sign does not match"),
        ("garbled sign", 401, "sign header is not base64"),
        ("no sign", 401, "missing timestamp or sign header"),
        ("stale timestamp", 401, "timestamp is more than an hour from now"),
        ("future timestamp", 401, "timestamp is more than an hour from now"),
        ("oversized", 413, "body is larger than 65536 bytes"),
        ("malformed", 400, "body is not valid JSON"),
        ("not utf-8", 400, "body is not valid JSON"),
        ("too deep", 400, "body is not valid JSON"),
        ("not an object", 400, "body must be a JSON object"),
        ("no msgId", 400, "missing field: msgId"),
    ],
)
async def test_bad_callbacks_get_a_4xx_and_deliver_nothing(
    bot: Bot, kind: str, status: int, reason: str
) -> None:
    body, options = bad_callbacks(documented_payload(bot.oapi.base))[kind]
    assert await bot.callback(body, **options) == (status, {"error": reason})
    # a good message afterwards is the only one delivered and answered
    assert await bot.callback(good_later(bot.oapi.base)) == (200, None)
    await bot.oapi.wait_posts(bot.oapi.session_posts, 1)
    assert [m.id for m in bot.received] == ["msg-good"]
    assert len(bot.oapi.session_posts) == 1
    assert "1 messages, 1 refused" in bot.adapter.status().detail


async def test_an_oversized_body_is_refused_even_when_streamed_without_a_length(
    bot: Bot,
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(20):
            yield b"x" * 4096

    url = bot.url + CALLBACK_PATH
    async with bot.http.post(url, data=chunks(), headers=signed_headers(APP_SECRET)) as response:
        assert response.status == 413
        assert "larger than" in (await response.json())["error"]


async def test_a_repeated_msg_id_is_processed_once(bot: Bot) -> None:
    payload = documented_payload(bot.oapi.base)
    assert (await bot.callback(payload)) == (200, None)
    assert (await bot.callback(payload)) == (200, None)  # DingTalk's retry
    assert (await bot.callback(good_later(bot.oapi.base))) == (200, None)
    await bot.oapi.wait_posts(bot.oapi.session_posts, 2)
    await asyncio.sleep(0.1)
    assert [m.id for m in bot.received] == ["msg0xxxxx", "msg-good"]
    assert len(bot.oapi.session_posts) == 2


async def test_the_answer_waits_for_the_handling_but_not_for_the_reply_post(
    oapi: FakeOapi,
) -> None:
    committed: list[str] = []

    async def record_then_reply(adapter: DingTalkAdapter, message: Message) -> None:
        await asyncio.sleep(0.3)  # the detector and the store's commit take a while
        committed.append(message.id)
        await reply_to_sender(adapter, message)  # the runtime records before it posts

    oapi.session_hold = asyncio.Event()  # DingTalk is slow to answer the reply POST
    served = serve(oapi, record_then_reply)
    bot = await anext(served)
    async with asyncio.timeout(2):  # far less than the held POST
        assert await bot.callback(documented_payload(oapi.base)) == (200, None)
    assert committed == ["msg0xxxxx"]  # answered after the message was handled …
    assert not oapi.session_posts  # … and before the reply POST was answered
    oapi.session_hold.set()
    await bot.adapter.stop()  # waits for the handler that is still replying
    assert len(oapi.session_posts) == 1
    await served.aclose()


async def test_a_message_not_handled_within_the_bound_gets_503_and_its_redelivery_waits(
    oapi: FakeOapi, caplog: pytest.LogCaptureFixture
) -> None:
    release = asyncio.Event()

    async def stuck(adapter: DingTalkAdapter, message: Message) -> None:
        await release.wait()  # e.g. the store waits for another process's lock

    served = serve(oapi, stuck, handle_bound=0.3)
    bot = await anext(served)
    started = time.monotonic()
    status, answer = await bot.callback(documented_payload(oapi.base))
    assert (status, "deliver it again" in answer["error"]) == (503, True)  # DingTalk retries
    assert 0.3 <= time.monotonic() - started < 2
    assert any("not recorded within" in r.getMessage() for r in caplog.records)
    retry = asyncio.ensure_future(bot.callback(documented_payload(oapi.base)))
    await asyncio.sleep(0.1)
    release.set()  # the first handling finishes while the retry waits for it
    assert await retry == (200, None)
    assert [m.id for m in bot.received] == ["msg0xxxxx"]  # handled once
    await served.aclose()


async def test_a_message_the_store_could_not_record_is_handled_again_when_redelivered(
    oapi: FakeOapi,
) -> None:
    outcomes = [False, True]  # the store is locked the first time

    async def recording(adapter: DingTalkAdapter, message: Message) -> bool:
        return outcomes.pop(0)

    async for bot in serve(oapi, recording):
        assert (await bot.callback(documented_payload(oapi.base)))[0] == 503
        assert (await bot.callback(documented_payload(oapi.base))) == (200, None)
        assert (await bot.callback(documented_payload(oapi.base))) == (200, None)  # a repeat
        assert [m.id for m in bot.received] == ["msg0xxxxx", "msg0xxxxx"]


async def test_a_failing_handler_does_not_stop_the_adapter(oapi: FakeOapi) -> None:
    async def broken(adapter: DingTalkAdapter, message: Message) -> None:
        if message.id == "msg0xxxxx":
            raise RuntimeError("handler bug")
        await reply_to_sender(adapter, message)

    async for bot in serve(oapi, broken):
        assert (await bot.callback(documented_payload(oapi.base))) == (200, None)
        assert (await bot.callback(good_later(oapi.base))) == (200, None)
        await oapi.wait_posts(oapi.session_posts, 1)
        assert oapi.session_posts[0].body["text"]["content"] == "收到：后来的好消息"


# --- replies: session webhook, then the group robot ---


async def test_an_expired_session_webhook_falls_back_to_the_group_robot(bot: Bot) -> None:
    expired = int(time.time() * 1000) - 1000
    payload = documented_payload(bot.oapi.base, sessionWebhookExpiredTime=expired)
    assert (await bot.callback(payload)) == (200, None)
    await bot.oapi.wait_posts(bot.oapi.robot_posts, 1)
    assert not bot.oapi.session_posts
    post = bot.oapi.robot_posts[0]  # the fake verified access_token, timestamp and sign
    assert post.query["access_token"] == ROBOT_TOKEN
    assert post.body["at"] == {"atUserIds": ["user123"]}


async def test_a_refused_session_webhook_falls_back_to_the_group_robot(bot: Bot) -> None:
    bot.oapi.session_errcode = 300001
    assert (await bot.callback(documented_payload(bot.oapi.base))) == (200, None)
    await bot.oapi.wait_posts(bot.oapi.robot_posts, 1)
    assert bot.oapi.robot_posts[0].body["text"]["content"] == "收到：你好"


async def test_markdown_posts_carry_a_title(bot: Bot) -> None:
    await bot.adapter.send("cid-xxx", "## 本周减负周报\n- 收到接龙 3 次", markdown=True)
    post = bot.oapi.robot_posts[0]
    assert post.body == {
        "msgtype": "markdown",
        "markdown": {"title": "本周减负周报", "text": "## 本周减负周报\n- 收到接龙 3 次"},
    }


async def test_a_group_without_session_or_robot_cannot_be_posted_to(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(AdapterError, match="no live session webhook"):
        await bot.adapter.send("cid-other", "周报")
    assert "no live session webhook" in bot.adapter.status().detail


async def test_a_wrong_robot_secret_is_reported_without_leaking_it(
    oapi: FakeOapi, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = RobotWebhook(ROBOT_TOKEN, "SECnot-the-right-one")
    async for bot in serve(oapi, robots={"cid-xxx": wrong}):
        with pytest.raises(AdapterError, match="errcode 310000") as raised:
            await bot.adapter.send("cid-xxx", "周报")
        for text in (str(raised.value), caplog.text, bot.adapter.status().detail):
            for secret in (ROBOT_TOKEN, "SECnot-the-right-one", APP_SECRET):
                assert secret not in text
    assert not oapi.robot_posts


def test_the_robot_url_is_signed_as_documented() -> None:
    url = robot_url("https://oapi.dingtalk.com", RobotWebhook("tok en", "SECabc"), 1700000000000)
    parts = urlsplit(url)
    assert (parts.netloc, parts.path) == ("oapi.dingtalk.com", "/robot/send")
    query = parse_qs(parts.query)
    assert query["access_token"] == ["tok en"] and query["timestamp"] == ["1700000000000"]
    assert query["sign"] == [dingtalk_sign("1700000000000", "SECabc")]
    assert "+" not in parts.query.split("sign=")[1] and "/" not in parts.query.split("sign=")[1]


class FakeClock:
    """Monotonic time that only moves when the code under test sleeps."""

    def __init__(self, on_sleep: Callable[[float], None] = lambda _: None) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []
        self.on_sleep = on_sleep

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.on_sleep(seconds)
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


async def test_the_group_robot_holds_the_21st_message_in_a_minute(oapi: FakeOapi) -> None:
    posted_when_held: list[int] = []
    clock = FakeClock(lambda _: posted_when_held.append(len(oapi.robot_posts)))
    robots = {"cid-xxx": RobotWebhook(ROBOT_TOKEN, ROBOT_SECRET)}
    async for bot in serve(oapi, robots=robots, monotonic=clock.monotonic, sleep=clock.sleep):
        for n in range(21):
            await bot.adapter.send("cid-xxx", f"第{n + 1}条")
        assert posted_when_held == [20]  # the 21st waited while 20 were out
        assert clock.sleeps == [60.0]
        assert [p.body["text"]["content"] for p in oapi.robot_posts][-1] == "第21条"
        clock.now += 30  # the first 20 left the window at +60 s: only the 21st is in it
        await bot.adapter.send("cid-xxx", "第22条")
        assert clock.sleeps == [60.0] and len(oapi.robot_posts) == 22


async def test_the_rate_limit_lets_concurrent_senders_through_in_order() -> None:
    clock = FakeClock()
    limit = RateLimit(2, 60.0, clock=clock.monotonic, sleep=clock.sleep)
    order: list[tuple[int, float]] = []

    async def one(n: int) -> None:
        await limit.acquire()
        order.append((n, clock.now))

    await asyncio.gather(*(one(n) for n in range(5)))
    assert order == [(0, 1000.0), (1, 1000.0), (2, 1060.0), (3, 1060.0), (4, 1120.0)]


# --- settings ---


def test_from_env_is_off_without_the_app_secret() -> None:
    assert DingTalkAdapter.from_env({}) is None
    assert (
        DingTalkAdapter.from_env({"DINGTALK_CLIENT_ID": "id", "DINGTALK_CLIENT_SECRET": " "})
        is None
    )


def test_from_env_reads_mode_and_endpoints() -> None:
    adapter = DingTalkAdapter.from_env(
        {
            "DINGTALK_CLIENT_SECRET": "s3cret",
            "DINGTALK_CLIENT_ID": "ding-id",
            "DINGTALK_MODE": "Stream",
            "DINGTALK_OPENAPI_ENDPOINT": "http://127.0.0.1:9/",
            "DINGTALK_ROBOT_ENDPOINT": "http://127.0.0.1:10",
        }
    )
    assert adapter is not None
    settings = adapter.settings
    assert (settings.mode, settings.client_id) == ("stream", "ding-id")
    assert settings.openapi_endpoint == "http://127.0.0.1:9"
    assert settings.robot_endpoint == "http://127.0.0.1:10"
    assert "s3cret" not in repr(settings)
    defaults = DingTalkSettings.from_env({"DINGTALK_CLIENT_SECRET": "s"})
    assert defaults is not None and defaults.mode == "callback"
    assert defaults.openapi_endpoint == "https://api.dingtalk.com"
    assert defaults.sign_window == timedelta(hours=1)


@pytest.mark.parametrize(
    ("environ", "reason"),
    [
        ({"DINGTALK_MODE": "poll"}, "DINGTALK_MODE must be callback or stream"),
        ({"DINGTALK_MODE": "stream"}, "needs DINGTALK_CLIENT_ID"),
        ({"DINGTALK_OPENAPI_ENDPOINT": "api.dingtalk.com"}, "DINGTALK_OPENAPI_ENDPOINT"),
    ],
)
def test_from_env_refuses_nonsense(environ: dict[str, str], reason: str) -> None:
    with pytest.raises(DingTalkConfigError, match=reason):
        DingTalkSettings.from_env({"DINGTALK_CLIENT_SECRET": "s", **environ})


async def test_status_says_callback_mode(bot: Bot) -> None:
    status = bot.adapter.status()
    assert status.name == "dingtalk" and status.connected
    assert status.detail.startswith("callback mode, /dingtalk/callback")


# --- the [dingtalk] table of jianfu.toml ---

ROBOT_TOML = """
[dingtalk.robots."cid-xxx"]
webhook_env = "DT_OPS_WEBHOOK"
sign_env = "DT_OPS_SIGN"
"""


def test_group_robots_come_from_the_config_with_secrets_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./jianfu.toml is picked up by accident
    config = tmp_path / "dingtalk.toml"
    config.write_text(ROBOT_TOML, encoding="utf-8")
    env = {
        "DINGTALK_CLIENT_SECRET": APP_SECRET,
        "DT_OPS_WEBHOOK": f"https://oapi.dingtalk.com/robot/send?access_token={ROBOT_TOKEN}",
        "DT_OPS_SIGN": ROBOT_SECRET,
    }
    adapter = DingTalkAdapter.from_settings(load_settings(config, env))
    assert adapter is not None
    assert adapter.robots == {"cid-xxx": RobotWebhook(ROBOT_TOKEN, ROBOT_SECRET)}
    bare = robots_from_config(
        {"robots": {"cid-1": {"webhook_env": "W", "sign_env": "S"}}},
        {"W": "just-a-token", "S": "SECx"},
    )
    assert bare == {"cid-1": RobotWebhook("just-a-token", "SECx")}
    assert DingTalkAdapter.from_settings(load_settings(None, {})) is None


@pytest.mark.parametrize(
    ("table", "env", "reason"),
    [
        ({"robot": {}}, {}, r"\[dingtalk\]: unknown key\(s\) robot"),
        ({"robots": {"cid-1": {"webhook_env": "W"}}}, {}, "exactly webhook_env and sign_env"),
        (
            {"robots": {"cid-1": {"webhook_env": "W", "sign_env": "S"}}},
            {"S": "SECx"},
            r'robots."cid-1"\]\.webhook_env: environment variable .W. is not set',
        ),
        (
            {"robots": {"cid-1": {"webhook_env": "W", "sign_env": "S"}}},
            {"W": "https://oapi.dingtalk.com/robot/send", "S": "SECx"},
            "has no access_token",
        ),
        (
            {"robots": {"cid-1": {"webhook_env": "W", "sign_env": "S"}}},
            {"W": "tok", "S": "not-a-sec"},
            "starts with SEC",
        ),
    ],
)
def test_bad_robot_tables_name_the_key(
    table: dict[str, Any], env: dict[str, str], reason: str
) -> None:
    with pytest.raises(DingTalkConfigError, match=reason):
        robots_from_config(table, env, "jianfu.toml")


def test_a_dingtalk_table_without_the_app_secret_is_an_error(tmp_path: Path) -> None:
    config = tmp_path / "jianfu.toml"
    config.write_text(ROBOT_TOML, encoding="utf-8")
    env = {"DT_OPS_WEBHOOK": "tok", "DT_OPS_SIGN": "SECx"}
    with pytest.raises(DingTalkConfigError, match=r"jianfu.toml: .* DINGTALK_CLIENT_SECRET"):
        DingTalkAdapter.from_settings(load_settings(config, env))


# --- what a signed callback is still not trusted with (issue 13) ---


@pytest.mark.parametrize("age", [timedelta(0), timedelta(minutes=59), -timedelta(minutes=59)])
async def test_a_replayed_timestamp_and_sign_carry_no_other_body(
    bot: Bot, age: timedelta, caplog: pytest.LogCaptureFixture
) -> None:
    """The sign covers only the timestamp: one captured pair must not carry a new body."""
    stamp = int((datetime.now(UTC) - age).timestamp() * 1000)
    assert await bot.callback(documented_payload(bot.oapi.base), timestamp=stamp) == (200, None)
    forged = documented_payload(
        bot.oapi.base, msgId="msg-forged", isAdmin=True, text={"content": " /jf pause"}
    )
    reason = "timestamp and sign were already used (a replayed callback)"
    assert await bot.callback(forged, timestamp=stamp) == (401, {"error": reason})
    assert await bot.callback(good_later(bot.oapi.base)) == (200, None)  # a fresh pair
    await bot.oapi.wait_posts(bot.oapi.session_posts, 2)
    assert [m.id for m in bot.received] == ["msg0xxxxx", "msg-good"]
    refusals = [r for r in caplog.records if "refused a callback with 401" in r.getMessage()]
    assert [r.levelname for r in refusals] == ["WARNING"]
    assert "already used" in refusals[0].getMessage()
    assert "2 messages, 1 refused" in bot.adapter.status().detail


def test_the_sign_window_is_the_documented_hour() -> None:
    settings = DingTalkSettings.from_env({"DINGTALK_CLIENT_SECRET": "s"})
    assert settings is not None and settings.sign_window == timedelta(hours=1)


def test_used_signs_stay_bounded_and_never_let_a_forgotten_pair_back() -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    ms = int(now.timestamp() * 1000)
    used = UsedSigns(timedelta(hours=1), limit=3)
    assert [used.claim(str(ms - n), now) for n in (4, 3, 2, 1)] == [None] * 4
    assert len(used) == 3  # the oldest went …
    refused = used.claim(str(ms - 4), now)
    assert refused == ("replay_forgotten", "timestamp is older than the replay memory holds")
    assert used.claim(str(ms - 5), now) is not None  # … and everything before it
    assert used.claim(str(ms - 1), now) is not None  # still remembered
    later = now + timedelta(hours=1, seconds=1)  # all out of the window: memory is freed
    assert used.claim(str(ms + 3_600_500), later) is None and len(used) == 1
    used.release(str(ms + 3_600_500))  # a 5xx answer: DingTalk may retry with these headers
    assert used.claim(str(ms + 3_600_500), later) is None


@pytest.fixture
async def admin_port() -> AsyncIterator[tuple[int, list[str]]]:
    """Something on loopback a forged payload would like the bot to POST to."""
    hits: list[str] = []

    async def record(request: web.Request) -> web.Response:
        hits.append(request.path)
        return web.json_response({"errcode": 0})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", record)
    runner, _ = await start_on_loopback(app)
    yield runner.addresses[0][1], hits
    await runner.cleanup()


@pytest.mark.parametrize(
    "webhook",
    [
        "http://127.0.0.1:{port}/admin/shutdown",
        "http://localhost:{port}/admin",
        "https://oapi.dingtalk.com@127.0.0.1:{port}/robot/sendBySession",
        "http://169.254.169.254/latest/meta-data/",
    ],
)
async def test_a_session_webhook_off_dingtalk_is_never_posted_to(
    bot: Bot,
    admin_port: tuple[int, list[str]],
    webhook: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    port, hits = admin_port
    payload = documented_payload(bot.oapi.base, sessionWebhook=webhook.format(port=port))
    assert await bot.callback(payload) == (200, None)
    await bot.oapi.wait_posts(bot.oapi.robot_posts, 1)  # answered through the group's robot
    assert hits == [] and bot.oapi.session_posts == []
    warned = [r.getMessage() for r in caplog.records if "not a DingTalk host" in r.getMessage()]
    assert len(warned) == 1 and "admin" not in warned[0] and "meta-data" not in warned[0]


@pytest.mark.parametrize(
    ("url", "hosts", "allowed"),
    [
        ("https://oapi.dingtalk.com/robot/sendBySession?session=x", (), True),
        ("https://OAPI.dingtalk.com:443/robot/sendBySession?session=x", (), True),
        ("http://oapi.dingtalk.com/robot/sendBySession?session=x", (), False),
        ("https://oapi.dingtalk.com:8443/robot/sendBySession", (), False),
        ("https://oapi.dingtalk.com.evil.example/robot/sendBySession", (), False),
        ("https://user:pw@oapi.dingtalk.com/robot/sendBySession", (), False),
        ("ftp://oapi.dingtalk.com/x", (), False),
        ("https://[::1/x", (), False),
        ("http://127.0.0.1:8080/robot/sendBySession", ("127.0.0.1:8080",), True),
        ("http://127.0.0.1:8081/robot/sendBySession", ("127.0.0.1:8080",), False),
        ("https://gw.corp.example/robot", ("gw.corp.example",), True),
        ("https://gw.corp.example:9443/robot", ("gw.corp.example",), False),
        ("https://oapi.dingtalk.com?session=x", (), True),
        ("https://oapi.dingtalk.com#x", (), True),
        ("https://oapi.dingtalk.com@evil.example/robot?session=x", (), False),
        ("https://evil.example?@oapi.dingtalk.com/robot", (), False),
        ("https://evil.example#@oapi.dingtalk.com/robot", (), False),
        ("https://evil.example\\@oapi.dingtalk.com/robot", (), False),
        ("oapi.dingtalk.com/robot", (), False),
    ],
)
def test_which_session_hosts_are_allowed(url: str, hosts: tuple[str, ...], allowed: bool) -> None:
    assert session_host_allowed(url, hosts) is allowed


def test_dingtalk_session_hosts_come_from_the_environment() -> None:
    env = {"DINGTALK_CLIENT_SECRET": "s", "DINGTALK_SESSION_HOSTS": " GW.corp:8443, [::1]:9 ,x"}
    settings = DingTalkSettings.from_env(env)
    assert settings is not None
    assert settings.session_hosts == ("gw.corp:8443", "::1:9", "x")
    for bad in ("http://gw.corp", "gw.corp:port", "gw.corp/x", "a@b"):
        with pytest.raises(DingTalkConfigError, match=r"DINGTALK_SESSION_HOSTS: .* host"):
            DingTalkSettings.from_env({**env, "DINGTALK_SESSION_HOSTS": bad})


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        (datetime(2099, 1, 1, tzinfo=UTC), NOW_RECEIVED + timedelta(minutes=5)),
        (datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC), NOW_RECEIVED - timedelta(minutes=5)),
        (NOW_RECEIVED - timedelta(seconds=3), NOW_RECEIVED - timedelta(seconds=3)),
    ],
)
async def test_create_at_is_clamped_to_the_receive_time(
    oapi: FakeOapi, sent: datetime, kept: datetime, caplog: pytest.LogCaptureFixture
) -> None:
    """createAt is the sender's say-so: 2099 would stamp every later incident, 1970 would be
    purged at once. The receive time comes from the injected clock."""
    async for bot in serve(oapi, clock=lambda: NOW_RECEIVED):
        payload = documented_payload(oapi.base, createAt=int(sent.timestamp() * 1000))
        assert await bot.callback(payload) == (200, None)
        await oapi.wait_posts(oapi.session_posts, 1)
        assert bot.received[0].time == kept
    warned = [r.getMessage() for r in caplog.records if "says it was sent at" in r.getMessage()]
    assert len(warned) == (sent != kept)


async def test_a_huge_message_is_cut_for_detection_and_logged(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    huge = "收" * (MAX_MESSAGE_CHARS + 2000)  # 36 KB: under the 64 KiB body cap
    payload = documented_payload(bot.oapi.base, text={"content": " " + huge})
    assert await bot.callback(payload) == (200, None)
    await bot.oapi.wait_posts(bot.oapi.session_posts, 1)
    assert bot.received[0].text == huge[:MAX_MESSAGE_CHARS]
    assert any("only the first 10000 are checked" in r.getMessage() for r in caplog.records)


async def test_a_5xx_answer_gives_the_timestamp_back_for_dingtalks_retry(oapi: FakeOapi) -> None:
    settings = DingTalkSettings(client_secret=APP_SECRET, session_hosts=(host_of(oapi.base),))
    adapter = DingTalkAdapter(settings)
    app = web.Application()
    adapter.setup_routes(app)
    runner, base_url = await start_on_loopback(app)
    received: list[Message] = []

    async def sink(message: Message) -> None:
        received.append(message)

    try:
        async with aiohttp.ClientSession() as http:
            bot = Bot(adapter, base_url, http, oapi)
            stamp = fresh_timestamp()
            payload = documented_payload(oapi.base)
            assert (await bot.callback(payload, timestamp=stamp))[0] == 503  # not started yet
            await adapter.start(sink)
            assert await bot.callback(payload, timestamp=stamp) == (200, None)  # the retry
            assert (await bot.callback(payload, timestamp=stamp))[0] == 401  # but only once
            await adapter.stop()
    finally:
        await runner.cleanup()
    assert [m.id for m in received] == ["msg0xxxxx"]


def test_each_signature_is_the_documented_hmac_of_its_own_timestamp() -> None:
    # one keyed HMAC per secret is copied for every signature: nothing of one carries over,
    # and a callback signed with each is accepted (`check_callback` uses the same digest)
    def documented(timestamp: str, secret: str) -> str:
        mac = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256)
        return base64.b64encode(mac.digest()).decode()

    pairs = [("1700000000000", APP_SECRET), ("1700000000001", "SECabc")] * 2
    pairs += [("1700000000002", APP_SECRET)]
    assert [sign(t, s) for t, s in pairs] == [documented(t, s) for t, s in pairs]
    now = datetime.fromtimestamp(1700000000, UTC)
    for t, s in pairs:
        assert check_callback(t, documented(t, s), s, now, timedelta(hours=1)) is None
        assert check_callback(t, documented(t, s), s + "x", now, timedelta(hours=1)) is not None

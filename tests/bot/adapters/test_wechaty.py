"""The WeChat adapter against a fake Wechaty puppet service on loopback (real wechaty-grpc wire)."""

from __future__ import annotations

import asyncio
import logging
import random
import shutil
import ssl
import subprocess
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fake_puppet import FakePuppet
from wechaty_grpc.wechaty.puppet import (
    ContactPayloadResponse,
    MessagePayloadResponse,
    RoomMemberPayloadResponse,
    RoomPayloadResponse,
)

from bot.adapters.base import AdapterError, MessageSink
from bot.adapters.wechaty import (
    ENV_CA_CERT,
    ENV_ENDPOINT,
    ENV_NO_TLS,
    ENV_SERVER_NAME,
    ENV_TOKEN,
    WechatyAdapter,
    WechatyConfig,
    WechatyConfigError,
)
from bot.adapters.wechaty.payloads import EventType
from bot.app import is_command
from bot.message_cap import MAX_MESSAGE_CHARS
from policies.events import Message

TOKEN = "insecure_6f1b8d3e-5c1a-4c55-9d5e-2a7c1f00beef"
ROOM = "20000001@chatroom"
BOT = "wxid_bot"
OWNER = "wxid_owner"
ADMIN = "wxid_admin"
ZHANG = "wxid_zhang"
LI = "wxid_li"
SENT_AT_MS = 1_732_600_000_123  # 2024-11-26 05:46:40.123 UTC
CHAIN_TEXT = "#接龙\n周五下班前阅读安全通知\n\n1. 张三 已阅\n2. 李四 已阅"


def ms_time(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def text_payload(
    message_id: str,
    text: str,
    sender: str = ZHANG,
    room: str = ROOM,
    kind: int = 7,
    mentions: tuple[str, ...] = (),
    timestamp: int = SENT_AT_MS,
) -> MessagePayloadResponse:
    return MessagePayloadResponse(
        id=message_id,
        text=text,
        timestamp=timestamp,
        type=kind,
        from_id=sender,
        room_id=room,
        to_id="" if room else BOT,
        mention_ids=list(mentions),
    )


def furnish(fake: FakePuppet) -> None:
    """One room with an owner, an admin and two members; names as WeChat shows them."""
    fake.rooms[ROOM] = RoomPayloadResponse(
        id=ROOM,
        topic="项目协调群",
        owner_id=OWNER,
        admin_ids=[ADMIN],
        member_ids=[BOT, OWNER, ADMIN, ZHANG, LI],
    )
    fake.members[(ROOM, ZHANG)] = RoomMemberPayloadResponse(
        id=ZHANG, room_alias="张三(市场部)", name="张三"
    )
    fake.members[(ROOM, LI)] = RoomMemberPayloadResponse(id=LI, room_alias="", name="李四")
    fake.members[(ROOM, OWNER)] = RoomMemberPayloadResponse(id=OWNER, name="王主任")
    fake.members[(ROOM, ADMIN)] = RoomMemberPayloadResponse(id=ADMIN, name="赵秘书")
    fake.contacts[BOT] = ContactPayloadResponse(id=BOT, name="减负助手")
    fake.contacts[ZHANG] = ContactPayloadResponse(id=ZHANG, name="张三")
    fake.contacts["wxid_stranger"] = ContactPayloadResponse(id="wxid_stranger", name="陌生人")


class Sleeps:
    """Records back-off delays and waits a moment instead of the real delay."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        await asyncio.sleep(0.02)


class Inbox:
    """The sink: collects delivered messages."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self._queue: asyncio.Queue[Message] = asyncio.Queue()

    async def __call__(self, message: Message) -> None:
        self.messages.append(message)
        self._queue.put_nowait(message)

    async def next(self, timeout: float = 10.0) -> Message:
        return await asyncio.wait_for(self._queue.get(), timeout)

    async def nothing_more(self, fake: FakePuppet, marker: str) -> None:
        """Push a marker message and check it is the next one delivered."""
        fake.messages[marker] = text_payload(marker, "marker")
        fake.push(EventType.MESSAGE, {"messageId": marker})
        assert (await self.next()).id == marker


async def eventually(check: Callable[[], bool], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not check():
            await asyncio.sleep(0.01)


def env(port: int, token: str = TOKEN, **extra: str) -> dict[str, str]:
    return {ENV_ENDPOINT: f"127.0.0.1:{port}", ENV_TOKEN: token, ENV_NO_TLS: "true", **extra}


@pytest.fixture
async def fake() -> AsyncIterator[FakePuppet]:
    puppet = FakePuppet(TOKEN)
    furnish(puppet)
    await puppet.start()
    yield puppet
    await puppet.kill()


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
async def connected(
    fake: FakePuppet, sleeps: Sleeps
) -> AsyncIterator[tuple[WechatyAdapter, Inbox]]:
    """An adapter logged in as BOT, with its stream open."""
    adapter = WechatyAdapter.from_env(env(fake.port), rng=random.Random(5), sleep=sleeps)
    assert adapter is not None
    adapter.set_private_filter(is_command)  # as create_app does
    inbox = Inbox()
    await adapter.start(inbox)
    await fake.wait_streams(1)
    await eventually(lambda: adapter.status().connected)
    fake.push(EventType.LOGIN, {"contactId": BOT})
    await eventually(lambda: "logged in" in adapter.status().detail)
    yield adapter, inbox
    await adapter.stop()


async def deliver(fake: FakePuppet, inbox: Inbox, payload: MessagePayloadResponse) -> Message:
    fake.messages[payload.id] = payload
    fake.push(EventType.MESSAGE, {"messageId": payload.id})
    return await inbox.next()


# -- configuration -----------------------------------------------------------------------------


def test_no_endpoint_is_a_named_error_saying_what_to_set() -> None:
    with pytest.raises(WechatyConfigError, match=ENV_ENDPOINT) as info:
        WechatyConfig.from_env({ENV_TOKEN: TOKEN})
    assert TOKEN not in str(info.value)
    with pytest.raises(WechatyConfigError, match=ENV_ENDPOINT):
        WechatyAdapter.from_env({ENV_TOKEN: TOKEN})


def test_no_wechaty_variables_means_no_adapter() -> None:
    assert WechatyAdapter.from_env({"PATH": "/usr/bin"}) is None


@pytest.mark.parametrize("endpoint", ["puppet.example.com", "host:port", ":8788", "h:70000"])
def test_a_bad_endpoint_is_refused(endpoint: str) -> None:
    with pytest.raises(WechatyConfigError, match="host:port"):
        WechatyConfig.from_env({ENV_ENDPOINT: endpoint})


def test_tls_is_on_by_default_with_the_token_prefix_as_server_name() -> None:
    config = WechatyConfig.from_env({ENV_ENDPOINT: "gateway.lan:8788", ENV_TOKEN: TOKEN})
    assert (config.host, config.port, config.tls) == ("gateway.lan", 8788, True)
    assert config.server_name == "insecure"
    assert config.ssl_context() is not None
    assert config.metadata() == {"authorization": f"Wechaty {TOKEN}"}
    assert TOKEN not in repr(config)


def test_server_name_override_plaintext_and_ipv6() -> None:
    config = WechatyConfig.from_env(
        {
            ENV_ENDPOINT: "[::1]:8788",
            ENV_TOKEN: "puppet_paimon_abc",
            ENV_SERVER_NAME: "gw.example.org",
            ENV_NO_TLS: "TRUE",
        }
    )
    assert (config.host, config.endpoint, config.server_name) == (
        "::1",
        "[::1]:8788",
        "gw.example.org",
    )
    assert config.tls is False and config.ssl_context() is None
    plain = WechatyConfig.from_env({ENV_ENDPOINT: "h:1", ENV_TOKEN: "0b5f2a5c-uuid-only"})
    assert plain.server_name == ""  # no prefix: the endpoint host is checked


def test_the_wechaty_table_of_jianfu_toml_under_the_environment() -> None:
    table = {"endpoint": "gateway.lan:8788", "no_tls_insecure_client": True}
    config = WechatyConfig.from_env({ENV_TOKEN: TOKEN}, table)
    assert (config.endpoint, config.tls, config.token) == ("gateway.lan:8788", False, TOKEN)
    config = WechatyConfig.from_env({ENV_ENDPOINT: "other.lan:9000"}, table)
    assert config.endpoint == "other.lan:9000"  # the variable wins
    with pytest.raises(WechatyConfigError, match=r"\[wechaty\]\.token: unknown key"):
        WechatyConfig.from_env({}, {"endpoint": "h:1", "token": "x"})
    with pytest.raises(WechatyConfigError, match=r"no_tls_insecure_client: expected a bool"):
        WechatyConfig.from_env({}, {"endpoint": "h:1", "no_tls_insecure_client": "yes"})
    with pytest.raises(WechatyConfigError, match=ENV_ENDPOINT):
        WechatyAdapter.from_env({}, {})  # a [wechaty] table without an endpoint


def test_a_missing_ca_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "ca.pem"
    with pytest.raises(WechatyConfigError, match=ENV_CA_CERT):
        WechatyConfig.from_env({ENV_ENDPOINT: "h:1", ENV_CA_CERT: str(missing)})


# -- connection and normalization ----------------------------------------------------------------


async def test_stream_opens_before_start_with_token_metadata_and_authority(
    fake: FakePuppet, connected: tuple[WechatyAdapter, Inbox]
) -> None:
    adapter, _ = connected
    assert fake.calls[:2] == ["Event", "Start"]
    assert fake.refused == []
    assert set(fake.authorities) == {TOKEN}
    # the display name arrives with the contact payload, fetched after the login event
    await eventually(lambda: "减负助手 (wxid_bot)" in adapter.status().detail)
    assert adapter.status().connected
    assert adapter.bot_id == BOT


async def test_room_text_is_normalized_with_nickname_topic_and_mentions(
    fake: FakePuppet, connected: tuple[WechatyAdapter, Inbox]
) -> None:
    _, inbox = connected
    msg = await deliver(
        fake, inbox, text_payload("m1", "收到", mentions=(OWNER,), timestamp=SENT_AT_MS)
    )
    assert (msg.id, msg.group_id, msg.sender_id, msg.text) == ("m1", ROOM, ZHANG, "收到")
    assert (msg.sender_name, msg.group_name, msg.type) == ("张三(市场部)", "项目协调群", "text")
    assert (msg.platform, msg.is_admin, msg.mentions) == ("wechaty", False, (OWNER,))
    assert msg.time == ms_time(SENT_AT_MS)


async def test_group_note_type_10_is_a_chain(
    fake: FakePuppet, connected: tuple[WechatyAdapter, Inbox]
) -> None:
    _, inbox = connected
    msg = await deliver(fake, inbox, text_payload("m2", CHAIN_TEXT, sender=LI, kind=10))
    assert (msg.type, msg.text, msg.sender_name) == ("chain", CHAIN_TEXT, "李四")


async def test_a_huge_message_is_cut_for_detection_and_logged(
    fake: FakePuppet, connected: tuple[WechatyAdapter, Inbox], caplog: pytest.LogCaptureFixture
) -> None:
    _, inbox = connected
    huge = "收到" * MAX_MESSAGE_CHARS
    msg = await deliver(fake, inbox, text_payload("m-huge", huge))
    assert msg.text == huge[:MAX_MESSAGE_CHARS]
    assert any(
        f"message m-huge has {2 * MAX_MESSAGE_CHARS} characters; only the first" in r.getMessage()
        for r in caplog.records
    )


@pytest.mark.parametrize(("sender", "admin"), [(OWNER, True), (ADMIN, True), (LI, False)])
async def test_admin_comes_from_the_room_owner_and_admin_ids(
    fake: FakePuppet, connected: tuple[WechatyAdapter, Inbox], sender: str, admin: bool
) -> None:
    _, inbox = connected
    msg = await deliver(fake, inbox, text_payload("m3", "请大家回复收到", sender=sender))
    assert msg.is_admin is admin


async def test_seconds_timestamps_and_images(
    fake: FakePuppet, connected: tuple[WechatyAdapter, Inbox]
) -> None:
    _, inbox = connected
    msg = await deliver(fake, inbox, text_payload("m4", "<img/>", kind=6, timestamp=1_732_600_000))
    assert (msg.type, msg.text) == ("image", "")
    assert msg.time == datetime.fromtimestamp(1_732_600_000, tz=UTC)


async def test_private_chats_and_own_messages_are_ignored_except_admin_commands(
    fake: FakePuppet, connected: tuple[WechatyAdapter, Inbox]
) -> None:
    _, inbox = connected
    for message_id, payload in [
        ("p1", text_payload("p1", "在吗？", sender="wxid_stranger", room="")),
        ("p2", text_payload("p2", "/jfx 不是命令", sender="wxid_stranger", room="")),
        ("own", text_payload("own", "收到", sender=BOT)),
    ]:
        fake.messages[message_id] = payload
        fake.push(EventType.MESSAGE, {"messageId": message_id})
    command = await deliver(
        fake, inbox, text_payload("p3", " /jf status ", sender="wxid_stranger", room="")
    )
    assert (command.id, command.group_id, command.text) == ("p3", "", "/jf status")
    assert (command.sender_name, command.is_admin, command.is_direct) == ("陌生人", None, True)
    assert [m.id for m in inbox.messages] == ["p3"]
    assert "MessagePayload" in fake.calls


async def test_topic_change_refreshes_the_cached_room(
    fake: FakePuppet, connected: tuple[WechatyAdapter, Inbox]
) -> None:
    _, inbox = connected
    assert (await deliver(fake, inbox, text_payload("t1", "收到"))).group_name == "项目协调群"
    fake.rooms[ROOM] = RoomPayloadResponse(id=ROOM, topic="项目群(新)", owner_id=LI)
    assert (await deliver(fake, inbox, text_payload("t2", "收到"))).group_name == "项目协调群"
    fake.push(EventType.ROOM_TOPIC, {"roomId": ROOM, "newTopic": "项目群(新)", "oldTopic": ""})
    msg = await deliver(fake, inbox, text_payload("t3", "收到", sender=LI))
    assert (msg.group_name, msg.is_admin) == ("项目群(新)", True)
    assert fake.calls.count("RoomPayload") == 2


async def test_unknown_events_and_malformed_payloads_are_logged_and_skipped(
    fake: FakePuppet, connected: tuple[WechatyAdapter, Inbox], caplog: pytest.LogCaptureFixture
) -> None:
    adapter, inbox = connected
    caplog.set_level(logging.WARNING, logger="bot.adapters.wechaty")
    fake.push(32, {"data": "a newer server's event"})
    fake.push(EventType.MESSAGE, "{not json")
    fake.push(EventType.MESSAGE, '["m1"]')
    fake.push(EventType.MESSAGE, {"id": "no messageId key"})
    fake.push(EventType.ROOM_JOIN, {"inviteeIdList": [LI]})
    fake.push(EventType.MESSAGE, {"messageId": "gone"})  # NOT_FOUND from the service
    msg = await deliver(fake, inbox, text_payload("after", "收到"))
    assert msg.id == "after" and [m.id for m in inbox.messages] == ["after"]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("unknown type 32" in w for w in warnings)
    assert any("malformed payload: not JSON" in w for w in warnings)
    assert any("expected a JSON object, got list" in w for w in warnings)
    assert any("missing string field 'messageId'" in w for w in warnings)
    assert any("room-join event with a malformed payload" in w for w in warnings)
    assert any("NOT_FOUND" in w for w in warnings)
    assert adapter.status().connected and adapter.reconnects == 0


@asynccontextmanager
async def streaming(fake: FakePuppet, sleeps: Sleeps, sink: MessageSink) -> AsyncIterator[None]:
    """An adapter delivering to `sink`, its event stream open (stopped after the block)."""
    adapter = WechatyAdapter.from_env(env(fake.port), sleep=sleeps)
    assert adapter is not None
    await adapter.start(sink)
    try:
        await fake.wait_streams(1)
        yield
    finally:
        await adapter.stop()


async def test_a_failing_sink_does_not_stop_the_stream(
    fake: FakePuppet, sleeps: Sleeps, caplog: pytest.LogCaptureFixture
) -> None:
    got: list[str] = []

    async def sink(message: Message) -> None:
        got.append(message.id)
        if message.id == "boom":
            raise RuntimeError("handler bug")

    async with streaming(fake, sleeps, sink):
        for message_id in ("boom", "fine"):
            fake.messages[message_id] = text_payload(message_id, "收到")
            fake.push(EventType.MESSAGE, {"messageId": message_id})
        await eventually(lambda: got == ["boom", "fine"])
        assert "handling message boom failed" in caplog.text


async def test_a_message_the_store_could_not_record_is_handed_over_again(
    fake: FakePuppet, sleeps: Sleeps, caplog: pytest.LogCaptureFixture
) -> None:
    outcomes = [False, False, True]  # the database is locked for a moment
    got: list[str] = []

    async def sink(message: Message) -> bool:
        got.append(message.id)
        return outcomes.pop(0) if outcomes else True

    async with streaming(fake, sleeps, sink):
        for message_id in ("locked", "after"):
            fake.messages[message_id] = text_payload(message_id, "收到")
            fake.push(EventType.MESSAGE, {"messageId": message_id})
        await eventually(lambda: got == ["locked", "locked", "locked", "after"])  # in order
        assert sleeps.delays[:2] == [0.5, 1.0]
        assert "message locked not recorded; again in 0.5 s" in caplog.text


# -- sending ---------------------------------------------------------------------------------------


async def test_send_posts_message_send_text_to_the_room_with_mention_ids(
    fake: FakePuppet, connected: tuple[WechatyAdapter, Inbox]
) -> None:
    adapter, _ = connected
    await adapter.send(ROOM, "温馨提示：不必逐一回复收到。", [ZHANG, LI])
    [request] = fake.sent
    assert request.conversation_id == ROOM
    assert list(request.mentonal_ids) == [ZHANG, LI]
    assert request.text == "@张三(市场部)\u2005@李四\u2005温馨提示：不必逐一回复收到。"
    await adapter.send(ROOM, "@李四 已知悉", [LI], markdown=True)
    assert fake.sent[1].text == "@李四 已知悉"


async def test_send_refusal_and_disconnection_are_adapter_errors(
    fake: FakePuppet, connected: tuple[WechatyAdapter, Inbox]
) -> None:
    adapter, _ = connected
    with pytest.raises(AdapterError, match=r"refused: NOT_FOUND no conversation 'gone@chatroom'"):
        await adapter.send("gone@chatroom", "hi")
    await adapter.send(ZHANG, "私聊回复")  # a contact id is a conversation too
    assert [(r.conversation_id, r.text) for r in fake.sent] == [(ZHANG, "私聊回复")]
    await adapter.stop()
    with pytest.raises(AdapterError, match="not connected"):
        await adapter.send(ROOM, "hi")


# -- authentication and resilience -----------------------------------------------------------------


async def test_a_wrong_token_is_refused_and_shown_in_status(
    fake: FakePuppet, sleeps: Sleeps, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot")  # (hpack's own DEBUG log shows headers)
    wrong = "insecure_wrong-token-123"
    adapter = WechatyAdapter.from_env(env(fake.port, token=wrong), sleep=sleeps)
    assert adapter is not None
    await adapter.start(Inbox())
    try:
        await eventually(lambda: len(sleeps.delays) >= 2)
        status = adapter.status()
        assert not status.connected
        assert "token refused (UNAUTHENTICATED)" in status.detail
        assert set(fake.refused) >= {"Event", "Start"} and fake.streams_opened == 0
        assert wrong not in caplog.text and wrong not in status.detail
        with pytest.raises(AdapterError, match="not connected"):
            await adapter.send(ROOM, "hi")
    finally:
        await adapter.stop()
    assert adapter.status().detail == "stopped"


async def test_a_killed_service_is_reconnected_without_duplicates(
    fake: FakePuppet,
    sleeps: Sleeps,
    connected: tuple[WechatyAdapter, Inbox],
    caplog: pytest.LogCaptureFixture,
) -> None:
    adapter, inbox = connected
    caplog.set_level(logging.INFO, logger="bot.adapters.wechaty")
    assert (await deliver(fake, inbox, text_payload("r1", "收到"))).id == "r1"
    port = fake.port
    await fake.kill()
    await eventually(lambda: not adapter.status().connected)
    await eventually(lambda: len(sleeps.delays) >= 2)  # at least one refused reconnect
    assert "disconnected" in adapter.status().detail
    await fake.start(port)
    await fake.wait_streams(2)
    await eventually(lambda: adapter.status().connected)
    fake.push(EventType.MESSAGE, {"messageId": "r1"})  # the restarted service replays r1
    assert (await deliver(fake, inbox, text_payload("r2", "收到"))).id == "r2"
    assert [m.id for m in inbox.messages] == ["r1", "r2"]
    assert adapter.reconnects >= 1
    assert all(0 <= delay <= 60 for delay in sleeps.delays)
    assert "reconnecting in" in caplog.text and "connected to puppet service" in caplog.text


async def test_stop_calls_stop_and_leaves_no_task(
    fake: FakePuppet, connected: tuple[WechatyAdapter, Inbox], caplog: pytest.LogCaptureFixture
) -> None:
    adapter, _ = connected
    caplog.set_level(logging.INFO, logger="bot.adapters.wechaty")
    await adapter.stop()
    assert "Stop" in fake.calls
    assert "disconnected" not in caplog.text  # the stream the Stop ended is no failure
    assert not [t for t in asyncio.all_tasks() if t.get_name() == "wechaty-events"]
    assert adapter.status() == adapter.status().__class__("wechaty", False, "stopped")


# -- TLS -------------------------------------------------------------------------------------------


def openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def tls_files(tmp_path: Path) -> Path:
    """A CA and a server certificate whose only name is the CN `insecure`, like Wechaty's own."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make test certificates")
    key = ["-newkey", "rsa:2048", "-nodes"]
    openssl("req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=jianfu-test-root-ca", cwd=tmp_path)  # fmt: skip
    openssl("req", *key, "-keyout", "server.key", "-out", "server.csr",
            "-subj", "/CN=insecure", cwd=tmp_path)  # fmt: skip
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", "server.pem", "-days", "2", cwd=tmp_path)  # fmt: skip
    return tmp_path


def server_tls(files: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(files / "server.pem", files / "server.key")
    context.set_alpn_protocols(["h2"])
    return context


async def test_tls_with_the_token_prefix_as_server_name_and_a_ca_file(
    tls_files: Path, sleeps: Sleeps
) -> None:
    fake = FakePuppet(TOKEN)
    furnish(fake)
    await fake.start(tls=server_tls(tls_files))
    ca_pem = (tls_files / "ca.pem").read_text()
    inbox = Inbox()
    adapters = [
        WechatyAdapter.from_env(
            {ENV_ENDPOINT: f"127.0.0.1:{fake.port}", ENV_TOKEN: TOKEN, ENV_CA_CERT: ca},
            sleep=sleeps,
        )
        for ca in (str(tls_files / "ca.pem"), ca_pem)  # a file, or the PEM text itself
    ]
    try:
        for number, adapter in enumerate(adapters, start=1):
            assert adapter is not None and adapter.config.tls
            await adapter.start(inbox)
            await fake.wait_streams(number)
            message = await deliver(fake, inbox, text_payload(f"tls{number}", "收到"))
            assert message.group_name == "项目协调群"
        assert sleeps.delays == []  # both connected at the first attempt
    finally:
        for adapter in adapters:
            assert adapter is not None
            await adapter.stop()
        await fake.kill()


async def test_tls_without_the_ca_is_refused_and_reported(tls_files: Path, sleeps: Sleeps) -> None:
    fake = FakePuppet(TOKEN)
    await fake.start(tls=server_tls(tls_files))
    adapter = WechatyAdapter.from_env(
        {ENV_ENDPOINT: f"127.0.0.1:{fake.port}", ENV_TOKEN: TOKEN}, sleep=sleeps
    )
    assert adapter is not None
    await adapter.start(Inbox())
    try:
        await eventually(lambda: len(sleeps.delays) >= 1)
        status = adapter.status()
        assert not status.connected and "CERTIFICATE_VERIFY_FAILED" in status.detail
        assert fake.calls == []
    finally:
        await adapter.stop()
        await fake.kill()

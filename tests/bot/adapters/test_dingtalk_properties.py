"""Property-based: whatever arrives at the DingTalk entry points, the answer is a clear 4xx or
a delivered message — never an exception, a 5xx, or a message that skipped the checks.

Examples per `make test`: 150 payloads through `parse_robot_message`, 60 signed callback bodies
and 40 header pairs through the live callback route."""

from __future__ import annotations

import json
import string
from collections.abc import AsyncIterator
from typing import Any

import pytest
from fake_dingtalk import FakeOapi, dingtalk_sign, documented_payload, fresh_timestamp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_dingtalk import APP_SECRET, Bot, serve

from bot.adapters.dingtalk import CALLBACK_PATH
from bot.adapters.dingtalk.payload import Inbound, parse_robot_message
from bot.adapters.fields import PayloadError
from bot.message_cap import MAX_MESSAGE_CHARS

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = sorted(documented_payload())
SHARED = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def payloads(draw: st.DrawFn) -> Any:
    """The documented payload with some fields dropped or replaced by any JSON, or any JSON."""
    if draw(st.booleans()):
        return draw(JSON)
    payload = documented_payload("https://oapi.dingtalk.com")
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=5, unique=True)):
        if draw(st.booleans()):
            payload.pop(name)
        else:
            payload[name] = draw(JSON)
    return payload


@settings(max_examples=150, deadline=None)
@given(payloads())
def test_any_payload_is_a_message_or_a_named_payload_error(payload: Any) -> None:
    try:
        inbound = parse_robot_message(payload)
    except PayloadError as exc:
        assert str(exc)
        return
    assert isinstance(inbound, Inbound)
    message = inbound.message
    assert message.id and isinstance(message.text, str) and message.time.tzinfo is not None
    assert message.group_id == (
        payload["conversationId"] if payload["conversationType"] == "2" else ""
    )


@pytest.fixture
async def bot() -> AsyncIterator[Bot]:
    oapi = await FakeOapi().start()
    async for served in serve(oapi):
        yield served
    await oapi.close()


BODIES = (
    st.binary(max_size=300)
    | JSON.map(lambda v: json.dumps(v).encode())
    | payloads().map(lambda v: json.dumps(v, ensure_ascii=False).encode())
    | st.text(max_size=MAX_MESSAGE_CHARS + 50).map(
        lambda t: json.dumps(documented_payload(msgId=f"m-{len(t)}-{hash(t)}", text={"content": t}),
                             ensure_ascii=False).encode()
    )
)  # fmt: skip


@settings(SHARED, max_examples=60)
@given(body=BODIES)
async def test_any_signed_body_gets_200_or_a_4xx_with_a_reason(bot: Bot, body: bytes) -> None:
    status, answer = await bot.callback(body)
    assert status in (200, 400, 413), (status, answer)
    if status != 200:
        assert isinstance(answer, dict) and answer["error"]
    for message in bot.received:
        assert len(message.text) <= MAX_MESSAGE_CHARS


HEADER_TEXT = st.text(alphabet=string.printable.strip(), max_size=60)


@settings(SHARED, max_examples=40)
@given(timestamp=HEADER_TEXT, sign=HEADER_TEXT)
async def test_any_header_pair_without_the_secret_is_refused(
    bot: Bot, timestamp: str, sign: str
) -> None:
    headers = {"timestamp": timestamp, "sign": sign}
    body = json.dumps(documented_payload(msgId="m-headers")).encode()
    async with bot.http.post(bot.url + CALLBACK_PATH, data=body, headers=headers) as response:
        assert response.status == 401
        assert (await response.json())["error"]
    assert bot.received == []
    good = str(fresh_timestamp())  # the route still works
    assert dingtalk_sign(good, APP_SECRET)

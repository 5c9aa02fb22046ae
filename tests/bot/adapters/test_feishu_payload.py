"""Feishu event bodies → `Message`, the envelope (decryption against the fake's own AES
encryption), and the five-a-second send rate."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from fake_feishu import ENCRYPT_KEY, VERIFICATION_TOKEN, encrypted, event_body

from bot.adapters.feishu.envelope import EnvelopeError, decrypt
from bot.adapters.feishu.openapi import SendRate
from bot.adapters.feishu.payload import Challenge, Event, parse_body
from bot.adapters.fields import PayloadError

DOCUMENTED = {  # the protocol notes' example, verbatim
    "schema": "2.0",
    "header": {
        "event_id": "5e3702a84e847582be8db7fb73283c02",
        "event_type": "im.message.receive_v1",
        "create_time": "1608725989000",
        "token": "rvaYgkND1GOiu5MM0E1rncYC6PLtF7JV",
        "app_id": "cli_9f5343c580712544",
        "tenant_key": "2ca1d211f64f6438",
    },
    "event": {
        "sender": {
            "sender_id": {
                "union_id": "on_8ed6aa67826108097d9ee143816345",
                "user_id": "e33ggbyz",
                "open_id": "ou_84aad35d084aa403a838cf73ee18467",
            },
            "sender_type": "user",
            "tenant_key": "736588c9260f175e",
        },
        "message": {
            "message_id": "om_5ce6d572455d361153b7cb51da133945",
            "root_id": "",
            "parent_id": "",
            "create_time": "1609073151345",
            "chat_id": "oc_5ce6d572455d361153b7xx51da133945",
            "chat_type": "group",
            "message_type": "text",
            "content": '{"text":"@_user_1 收到"}',
            "mentions": [
                {
                    "key": "@_user_1",
                    "id": {"open_id": "ou_84aad35d084aa403a838cf73ee18467"},
                    "name": "Tom",
                    "tenant_key": "736588c9260f175e",
                }
            ],
        },
    },
}


def message_of(body: Any) -> Any:
    event = parse_body(body)
    assert isinstance(event, Event)
    return event.message


def test_the_documented_event_becomes_a_message_with_the_mention_named() -> None:
    event = parse_body(DOCUMENTED)
    assert isinstance(event, Event)
    assert (event.event_id, event.token) == ("5e3702a84e847582be8db7fb73283c02", VERIFICATION_TOKEN)
    msg = event.message
    assert msg is not None
    assert msg.id == "om_5ce6d572455d361153b7cb51da133945"
    assert msg.group_id == "oc_5ce6d572455d361153b7xx51da133945"
    assert msg.sender_id == "ou_84aad35d084aa403a838cf73ee18467"
    assert msg.text == "@Tom 收到"
    assert msg.mentions == ("ou_84aad35d084aa403a838cf73ee18467",)
    assert msg.time == datetime(2020, 12, 27, 12, 45, 51, 345000, tzinfo=UTC)
    assert msg.platform == "feishu" and msg.type == "text"


def test_a_post_message_becomes_lines_of_text_with_mentions_named() -> None:
    post = {
        "title": "安全检查通知",
        "content": [
            [{"tag": "text", "text": "请各位 "}, {"tag": "at", "user_id": "@_user_12"}],
            [{"tag": "text", "text": "拍照发群里，"}, {"tag": "a", "text": "表格", "href": "h"}],
            [{"tag": "img", "image_key": "img_1"}],
        ],
    }
    mentions = [
        {"key": "@_user_1", "id": {"open_id": "ou_a"}, "name": "甲"},
        {"key": "@_user_12", "id": {"open_id": "ou_b"}, "name": "王科长"},
    ]
    body = event_body("", message_type="post", content=post, mentions=mentions)
    msg = message_of(body)
    assert msg.text == "安全检查通知\n请各位 @王科长\n拍照发群里，表格"  # @_user_12 is not @_user_1
    assert msg.mentions == ("ou_a", "ou_b")


def test_a_locale_wrapped_post_is_read_too() -> None:
    post = {"zh_cn": {"title": "", "content": [[{"tag": "text", "text": "收到请回复"}]]}}
    assert message_of(event_body("", message_type="post", content=post)).text == "收到请回复"


@pytest.mark.parametrize(
    ("changes", "group", "kind", "text"),
    [
        ({"chat_type": "p2p"}, "", "text", "你好"),
        ({"message_type": "image", "content": {"image_key": "img_x"}}, "oc_1", "image", ""),
        ({"message_type": "sticker", "content": {"file_key": "f"}}, "oc_1", "other", ""),
    ],
)
def test_chat_types_and_message_types(
    changes: dict[str, Any], group: str, kind: str, text: str
) -> None:
    msg = message_of(event_body("你好", chat_id="oc_1", **changes))
    assert (msg.group_id, msg.type, msg.text) == (group, kind, text)


def test_an_app_sender_and_other_event_types_carry_no_message() -> None:
    body = event_body("收到")
    body["event"]["sender"]["sender_type"] = "app"
    assert message_of(body) is None
    other = {"schema": "2.0", "header": {"event_id": "e", "event_type": "im.chat.updated_v1"}}
    assert message_of(other) is None


def test_the_challenge() -> None:
    assert parse_body({"challenge": "c1", "token": "t", "type": "url_verification"}) == Challenge(
        "c1", "t"
    )


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda b: b["event"]["message"].pop("message_id"), "message.message_id"),
        (lambda b: b["event"]["sender"].pop("sender_id"), "sender.sender_id"),
        (lambda b: b["event"]["message"].update(content="not json"), "message.content"),
        (lambda b: b["event"]["message"].update(create_time="soon"), "create_time"),
        (lambda b: b.update(schema="1.0"), "schema 2.0"),
        (lambda b: b.pop("event"), "event"),
    ],
)
def test_a_malformed_event_names_the_field(mutate: Any, reason: str) -> None:
    body = event_body("收到")
    mutate(body)
    with pytest.raises(PayloadError, match=reason.replace(".", r"\.")):
        parse_body(body)


def test_decrypt_reads_what_the_fake_encrypts_and_refuses_the_wrong_key() -> None:
    body = event_body("收到")
    # A fixed IV: with a random one, the wrong key's output ends in valid PKCS#7 padding about
    # once in 256 runs (a flaky failure, seen once), and padding is all the wrong key can trip.
    wrapped = json.loads(encrypted(body, iv=bytes(range(16))))["encrypt"]
    assert json.loads(decrypt(wrapped, ENCRYPT_KEY)) == body
    with pytest.raises(EnvelopeError):
        decrypt(wrapped, "a-different-key-of-32-characters")


async def test_at_most_five_sends_a_second_per_group() -> None:
    now = [0.0]
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    rate = SendRate(5, lambda: now[0], sleep)
    times = []
    for _ in range(12):
        await rate.wait()
        times.append(now[0])
    assert times == [0.0] * 5 + [1.0] * 5 + [2.0] * 2
    assert all(sum(1 for t in times if start <= t < start + 1) <= 5 for start in times)

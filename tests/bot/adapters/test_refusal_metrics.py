"""What operators see of refused callbacks: `jianfu_refusals_total{adapter,reason}` on
`/metrics` counts each replayed, forged or foreign one by reason — never with the token, the
signature or the timestamp in it. The app `jianfu run` builds, on loopback, callbacks signed
(or mis-signed) as DingTalk and Feishu send them."""

from __future__ import annotations

import json
import time
from typing import Any

import aiohttp
from fake_dingtalk import FakeOapi, dingtalk_sign, documented_payload, host_of
from fake_feishu import (
    APP_ID,
    APP_SECRET,
    ENCRYPT_KEY,
    VERIFICATION_TOKEN,
    FakeFeishuApi,
    encrypted,
    event_body,
    signed_headers,
)

from bot.adapters.dingtalk import CALLBACK_PATH, DingTalkAdapter, DingTalkSettings
from bot.adapters.dingtalk.adapter import REFUSAL_REASONS as DINGTALK_REASONS
from bot.adapters.feishu import EVENTS_PATH, FeishuAdapter, FeishuSettings
from bot.adapters.feishu.adapter import REFUSAL_REASONS as FEISHU_REASONS
from bot.app import create_app
from bot.settings import Settings
from tests.conftest import Samples, scrape, start_on_loopback

SECRET = "refusals-app-secret"


def refusals(samples: Samples, adapter: str) -> dict[str, float]:
    """`jianfu_refusals_total` of one adapter, by reason."""
    return {
        dict(labels)["reason"]: value
        for (name, labels), value in samples.items()
        if name == "jianfu_refusals_total" and dict(labels)["adapter"] == adapter
    }


async def dingtalk(
    http: aiohttp.ClientSession, url: str, payload: dict[str, Any], stamp: str, sign: str
) -> int:
    body = json.dumps(payload, ensure_ascii=False).encode()
    headers = {"timestamp": stamp, "sign": sign}
    async with http.post(url + CALLBACK_PATH, data=body, headers=headers) as resp:
        return resp.status


async def test_dingtalk_replays_forgeries_and_foreign_hosts_are_counted_by_reason() -> None:
    oapi = await FakeOapi().start()
    settings = DingTalkSettings(client_secret=SECRET, session_hosts=(host_of(oapi.base),))
    app = create_app(Settings(), db_path=":memory:", adapters=[DingTalkAdapter(settings)])
    runner, url = await start_on_loopback(app)
    stamp = str(int(time.time() * 1000))
    good_sign = dingtalk_sign(stamp, SECRET)
    try:
        async with aiohttp.ClientSession() as http:
            before, _ = await scrape(http, url)
            first = documented_payload(oapi.base, msgId="m-first")
            assert await dingtalk(http, url, first, stamp, good_sign) == 200
            forged = documented_payload(oapi.base, msgId="m-replay", isAdmin=True)
            assert await dingtalk(http, url, forged, stamp, good_sign) == 401  # replayed
            other = str(int(stamp) + 1)
            wrong = dingtalk_sign(other, "not-the-secret")
            assert await dingtalk(http, url, forged, other, wrong) == 401  # forged sign
            assert await dingtalk(http, url, forged, other, "") == 401  # no sign at all
            foreign = documented_payload(
                "http://169.254.169.254", msgId="m-foreign", text={"content": " 你好"}
            )
            third = str(int(stamp) + 2)
            signed = dingtalk_sign(third, SECRET)
            assert await dingtalk(http, url, foreign, third, signed) == 200  # no reply there
            samples, page = await scrape(http, url)
    finally:
        await runner.cleanup()
        await oapi.close()
    assert refusals(before, "dingtalk") == dict.fromkeys(DINGTALK_REASONS, 0)  # all, from 0
    counted = {reason: n for reason, n in refusals(samples, "dingtalk").items() if n}
    assert counted == {"replayed": 1, "bad_sign": 1, "missing_sign": 1, "foreign_reply_host": 1}
    for secret_part in (SECRET, good_sign, wrong, signed, stamp, other, third):
        assert secret_part not in page


async def feishu(http: aiohttp.ClientSession, url: str, raw: bytes, headers: dict[str, str]) -> int:
    async with http.post(url + EVENTS_PATH, data=raw, headers=headers) as resp:
        return resp.status


async def test_feishu_events_with_a_wrong_token_or_signature_are_counted_by_reason() -> None:
    api = await FakeFeishuApi().start()
    settings = FeishuSettings(
        app_id=APP_ID,
        app_secret=APP_SECRET,
        verification_token=VERIFICATION_TOKEN,
        encrypt_key=ENCRYPT_KEY,
        api_base=api.base,
    )
    app = create_app(Settings(), db_path=":memory:", adapters=[FeishuAdapter(settings)])
    runner, url = await start_on_loopback(app)
    try:
        async with aiohttp.ClientSession() as http:
            raw = encrypted(event_body("你好", event_id="ev-good"))
            assert await feishu(http, url, raw, signed_headers(raw)) == 200
            forged = encrypted(event_body("/jianfu pause", event_id="ev-forged"))
            headers = signed_headers(raw)  # the good event's signature on another body
            assert await feishu(http, url, forged, headers) == 401
            bad_token = encrypted(event_body("你好", event_id="ev-token", token="guessed"))
            assert await feishu(http, url, bad_token, signed_headers(bad_token)) == 401
            plain = {"Content-Type": "application/json"}
            assert await feishu(http, url, raw, plain) == 401  # no signature headers
            assert await feishu(http, url, b"{not json", plain) == 400
            samples, page = await scrape(http, url)
    finally:
        await runner.cleanup()
        await api.close()
    by_reason = refusals(samples, "feishu")
    assert set(by_reason) == set(FEISHU_REASONS)
    counted = {reason: n for reason, n in by_reason.items() if n}
    assert counted == {"bad_sign": 1, "bad_token": 1, "missing_sign": 1, "bad_body": 1}
    for secret_part in (VERIFICATION_TOKEN, ENCRYPT_KEY, headers["X-Lark-Signature"]):
        assert secret_part not in page

"""Two `jianfu run` processes — two DingTalk robots' workers — on one PostgreSQL database,
against the fake DingTalk server (signed callbacks in, session-webhook replies and custom
robot posts out, the real wire format). The weekly digest is due when they start: one of
them posts it, and is SIGKILLed while DingTalk holds that post. It is restarted; the restarted
worker does not post the digest again, and with the other worker receives the same group's
message: one incident, one reminder. And the group's cooldown holds across the two processes.
"""

from __future__ import annotations

import asyncio
import os
import signal
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
from fake_dingtalk import (
    FakeOapi,
    documented_payload,
    host_of,
    post_callback,
)

from bot.adapters.dingtalk import CALLBACK_PATH
from bot.store import Store
from policies.events import Incident
from tests.conftest import jianfu_run, write

SECRET = "two-workers-app-secret"
ROBOT_TOKEN, ROBOT_SIGN = "tok-ops", "SEC-two-workers"
GROUP = "cid-ops"
SH = ZoneInfo("Asia/Shanghai")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Worker = tuple[str, asyncio.subprocess.Process]


def config(tmp_path: Path) -> str:
    """The digest due since 00:00 today (Shanghai), so each worker's first pass owes it."""
    today = DAYS[datetime.now(SH).weekday()]
    return write(
        tmp_path,
        "jianfu.toml",
        f'[group_defaults]\ndigest_day = "{today}"\ndigest_time = "00:00"\n\n'
        f'[dingtalk.robots."{GROUP}"]\nwebhook_env = "OPS_HOOK"\nsign_env = "OPS_SIGN"\n',
    )


def seed(url: str) -> None:
    """A group seen three weeks ago, with an incident last week: last week's digest is due."""
    now = datetime.now(UTC)
    store = Store(url)
    store.touch_group(GROUP, "dingtalk", "运维群", now - timedelta(days=21))
    at = now - timedelta(days=7)
    store.upsert_incident(
        Incident(
            id=f"{GROUP}/ack_request/old", group_id=GROUP, kind="ack_request", start=at, end=at,
            members=1, messages=1, trigger="周五前报送材料，各位收到请回复", trigger_sender="boss",
        ),
        "dingtalk",
    )  # fmt: skip
    store.close()


def worker(tmp_path: Path, env: dict[str, str]) -> AbstractAsyncContextManager[Worker]:
    """`jianfu run` on a free port, on env's JIANFU_DB; its URL and process."""
    return jianfu_run(tmp_path, env, db=None)


async def callback(http: aiohttp.ClientSession, url: str, payload: dict[str, Any]) -> int:
    return await post_callback(http, url + CALLBACK_PATH, payload, SECRET)


def rows(url: str, sql: str) -> list[dict[str, Any]]:
    store = Store(url)
    try:
        return list(store.db.query(sql))
    finally:
        store.close()


async def test_two_processes_one_database_one_digest_after_a_sigkill(
    tmp_path: Path, pg_url: str
) -> None:
    oapi = await FakeOapi({ROBOT_TOKEN: ROBOT_SIGN}).start()
    oapi.robot_hold = asyncio.Event()  # DingTalk takes the digest and does not answer
    seed(pg_url)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIANFU_", "DINGTALK_"))}
    env |= {
        "JIANFU_DB": pg_url,
        "JIANFU_CONFIG": config(tmp_path),
        "DINGTALK_CLIENT_SECRET": SECRET,
        "DINGTALK_SESSION_HOSTS": host_of(oapi.base),
        "DINGTALK_ROBOT_ENDPOINT": oapi.base,
        "OPS_HOOK": f"{oapi.base}/robot/send?access_token={ROBOT_TOKEN}",
        "OPS_SIGN": ROBOT_SIGN,
    }
    try:
        async with (
            worker(tmp_path, env) as (url_a, a),
            worker(tmp_path, env) as (url_b, b),
            aiohttp.ClientSession() as http,
        ):
            await oapi.wait_posts(oapi.robot_received, 1, timeout=30)  # one worker posts it
            [claim] = rows(pg_url, "SELECT status, claimed_by FROM digests")
            pid = int(str(claim["claimed_by"]).rsplit(":", 1)[1])
            poster, url_survivor = (a, url_b) if pid == a.pid else (b, url_a)
            poster.send_signal(signal.SIGKILL)  # mid-post: DingTalk has the digest, unanswered
            assert await poster.wait() == -signal.SIGKILL
            oapi.robot_hold.set()

            async with worker(tmp_path, env) as (url_c, _):  # the killed worker, restarted
                demand = documented_payload(
                    oapi.base, conversationId=GROUP, msgId="m-demand",
                    text={"content": " 明天九点开安全会，各位收到请回复"},
                )  # fmt: skip
                statuses = await asyncio.gather(
                    callback(http, url_survivor, demand), callback(http, url_c, demand)
                )
                assert statuses == [200, 200], "both workers took the same message"
                await oapi.wait_posts(oapi.session_posts, 1)
                await asyncio.sleep(2)  # a second reminder, or digest, would have come by now
            assert len(oapi.session_posts) == 1, "one reminder from the two workers"
            found = rows(pg_url, f"SELECT id FROM incidents WHERE id LIKE '{GROUP}/%m-demand'")
            assert len(found) == 1, "one incident"
            assert len(oapi.robot_received) == 1, "the digest reached DingTalk once"
            [after] = rows(pg_url, "SELECT status, claimed_by FROM digests")
            assert after == claim, "claimed by the killed worker, not sent again"
    finally:
        await oapi.close()


async def test_two_processes_share_the_group_cooldown(tmp_path: Path, pg_url: str) -> None:
    """B read the group's reminder history (none) just before A reminded; a second demand
    reaches B within seconds, while B's history in memory is not read again yet: held back,
    reason cooldown — one reminder in the group, as with one worker."""
    oapi = await FakeOapi({ROBOT_TOKEN: ROBOT_SIGN}).start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIANFU_", "DINGTALK_"))}
    env |= {
        "JIANFU_DB": pg_url,
        "JIANFU_CONFIG": write(
            tmp_path, "jianfu.toml", "[group_defaults]\ncooldown_minutes = 30\n"
        ),
        "DINGTALK_CLIENT_SECRET": SECRET,
        "DINGTALK_SESSION_HOSTS": host_of(oapi.base),
    }

    def said(msg_id: str, text: str) -> dict[str, Any]:
        return documented_payload(
            oapi.base, conversationId=GROUP, msgId=msg_id, text={"content": text}
        )

    try:
        async with (
            worker(tmp_path, env) as (url_a, _),
            worker(tmp_path, env) as (url_b, _),
            aiohttp.ClientSession() as http,
        ):
            assert await callback(http, url_b, said("m-chat", "今天下午三点开会")) == 200
            assert (
                await callback(http, url_a, said("m-d1", " 明天九点开安全会，各位收到请回复"))
                == 200
            )
            await oapi.wait_posts(oapi.session_posts, 1)
            assert (
                await callback(http, url_b, said("m-d2", " 周五前报送材料，各位收到请回复")) == 200
            )
            held = rows(pg_url, "SELECT id, reminded, held_reason FROM incidents ORDER BY id")
            assert [(r["id"], r["reminded"], r["held_reason"]) for r in held] == [
                (f"{GROUP}/ack_request/m-d1", 1, ""),
                (f"{GROUP}/ack_request/m-d2", 0, "cooldown"),
            ]
        assert len(oapi.session_posts) == 1, "one reminder in the group"
    finally:
        await oapi.close()

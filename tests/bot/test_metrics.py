"""`GET /metrics`: Prometheus text format, parsed back with prometheus-client's own parser."""

from __future__ import annotations

from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer
from prometheus_client.parser import text_string_to_metric_families

from bot.app import create_app
from bot.settings import Settings

NOTICE = "各位同事：周五下午三点开安全生产会议，请准时参加。"


async def test_metrics_count_messages_incidents_posts_refusals_and_latency(tmp_path: Path) -> None:
    app = create_app(Settings(), db_path=tmp_path / "j.db")
    async with TestClient(TestServer(app, host="127.0.0.1", port=0)) as client:
        lines = [("王主任", NOTICE)] + [
            (name, "收到") for name in ("李娜", "张伟", "刘洋", "陈静", "赵磊")
        ]
        lines.append(("王主任", "明天交材料，各位收到请回复"))
        for sender, text in lines:
            resp = await client.post(
                "/api/playground/messages", json={"sender": sender, "text": text}
            )
            assert resp.status == 201
        bad = await client.post("/api/playground/messages", data=b"not json")
        assert bad.status == 415  # not JSON: refused
        bad = await client.post("/api/playground/messages", json={"sender": "李娜"})
        assert bad.status == 400  # no text: refused
        resp = await client.get("/metrics")
        assert resp.status == 200
        assert resp.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        body = await resp.text()
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(body)
        for s in family.samples
    }
    assert samples[("jianfu_messages_total", (("platform", "playground"),))] == 7
    assert samples[("jianfu_incidents_total", (("kind", "stack"),))] == 1
    assert samples[("jianfu_incidents_total", (("kind", "ack_request"),))] == 1
    assert samples[("jianfu_posts_total", (("reason", "reminder"),))] == 2  # no cooldown here
    refusals = ("jianfu_refusals_total", (("adapter", "playground"), ("reason", "unspecified")))
    assert samples[refusals] == 2
    assert samples[("jianfu_shed_total", (("adapter", "playground"),))] == 0
    assert samples[("jianfu_adapter_reconnects_total", (("adapter", "playground"),))] == 0
    assert samples[("jianfu_store_errors_total", ())] == 0
    assert samples[("jianfu_handling_seconds_count", ())] == 7

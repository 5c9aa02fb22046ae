"""What the bot counts, for `GET /metrics` (Prometheus text format, `prometheus-client`).

One registry per app (never the library's global one), so two apps in one process — tests —
count apart. The runtime counts messages, incidents, posts, store errors and handling time;
refusals, sheds and reconnects are read from the adapters when scraped (plain ints the
adapters keep: their `refusals` by reason — or `refused`, reason `unspecified` —, `shed` and
`reconnects` counts, 0 for an adapter without them): nothing is counted per message for them.

| metric | type | labels |
|---|---|---|
| `jianfu_messages_total` | counter | `platform` |
| `jianfu_incidents_total` | counter | `kind` (new incidents) |
| `jianfu_posts_total` | counter | `reason` (reminder, command, digest: posts that went out) |
| `jianfu_refusals_total` | counter | `adapter`, `reason` (requests refused with a 4xx — `bad_sign`, `replayed`, `bad_token`, `too_large`…: each adapter's `REFUSAL_REASONS` —, and DingTalk reply URLs on a foreign host) |
| `jianfu_shed_total` | counter | `adapter` (callbacks answered 503 busy: `max_pending` messages were in flight) |
| `jianfu_adapter_reconnects_total` | counter | `adapter` |
| `jianfu_store_errors_total` | counter | — (writes that failed: the message is delivered again) |
| `jianfu_commands_unfinished` | gauge | — (commands claimed over 4 minutes ago and never finished: their worker died, `bot.unfinished`) |
| `jianfu_handling_seconds` | histogram | — (one message, from the adapter to handled) |
| `jianfu_commits_total` | counter | — (group-commit transactions, `bot.commits`) |
| `jianfu_committed_messages_total` | counter | — (messages in them: ÷ commits = batch size) |
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """The bot's counters in a registry of their own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.messages = Counter(
            "jianfu_messages", "Messages seen", ["platform"], registry=self.registry
        )
        self.incidents = Counter(
            "jianfu_incidents", "New incidents recorded", ["kind"], registry=self.registry
        )
        self.posts = Counter(
            "jianfu_posts", "Posts the bot made", ["reason"], registry=self.registry
        )
        self.store_errors = Counter(
            "jianfu_store_errors", "Store writes that failed", registry=self.registry
        )
        self.commits = Counter(
            "jianfu_commits", "Group-commit transactions tried", registry=self.registry
        )
        self.committed = Counter(
            "jianfu_committed_messages",
            "Messages in the group-commit transactions",
            registry=self.registry,
        )
        self.handling = Histogram(
            "jianfu_handling_seconds",
            "Seconds to handle one message",
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )

    def watch_adapters(self, adapters: Callable[[], Mapping[str, Any]]) -> None:
        """Report the adapters' refusals, sheds and reconnects at every scrape."""
        self.registry.register(_AdapterCounts(adapters))

    def watch_commands(self, unfinished: Callable[[], int]) -> None:
        """Report the unfinished command claims (`bot.unfinished`) at every scrape."""
        self.registry.register(_Unfinished(unfinished))

    def text(self) -> bytes:
        return generate_latest(self.registry)


class _AdapterCounts(Collector):
    def __init__(self, adapters: Callable[[], Mapping[str, Any]]) -> None:
        self._adapters = adapters

    def collect(self) -> Iterable[CounterMetricFamily]:
        refusals = CounterMetricFamily(
            "jianfu_refusals",
            "Requests an adapter refused, by reason",
            labels=["adapter", "reason"],
        )
        shed = CounterMetricFamily(
            "jianfu_shed", "Callbacks answered 503 busy (too many in flight)", labels=["adapter"]
        )
        reconnects = CounterMetricFamily(
            "jianfu_adapter_reconnects", "Times an adapter reconnected", labels=["adapter"]
        )
        for name, adapter in sorted(self._adapters().items()):
            for reason, count in _refusals(adapter).items():
                refusals.add_metric([name, reason], float(count))
            shed.add_metric([name], float(getattr(adapter, "shed", 0)))
            reconnects.add_metric([name], float(getattr(adapter, "reconnects", 0)))
        yield refusals
        yield shed
        yield reconnects


class _Unfinished(Collector):
    def __init__(self, unfinished: Callable[[], int]) -> None:
        self._unfinished = unfinished

    def collect(self) -> Iterable[GaugeMetricFamily]:
        yield GaugeMetricFamily(
            "jianfu_commands_unfinished",
            "Commands claimed long ago and never finished (their worker died)",
            value=float(self._unfinished()),
        )


def _refusals(adapter: Any) -> Mapping[str, int]:
    """An adapter's refusals by reason; one that counts no reasons: its total, `unspecified`."""
    by_reason = getattr(adapter, "refusals", None)
    if isinstance(by_reason, Mapping):
        return by_reason
    return {"unspecified": int(getattr(adapter, "refused", 0))}


METRICS = web.AppKey("metrics", Metrics)


async def metrics_page(request: web.Request) -> web.Response:
    """`GET /metrics`: the app's metrics in Prometheus text format."""
    body = request.app[METRICS].text()
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})

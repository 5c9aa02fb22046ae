"""Requests an adapter refused, counted by reason for `/metrics`.

A refusal's reason is a short fixed label (`bad_sign`, `replayed`, `too_large`…), chosen by
the adapter's code — never anything taken from the request: no token, no signature, no
timestamp, no body. The detail beside it (what the log line and the 4xx answer say) is fixed
text too. The counts are plain ints, read when `/metrics` is scraped
(`jianfu_refusals_total{adapter,reason}`): a refusal costs a dict update, an accepted request
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from bot.adapters.delivery import InFlight


class Refused(NamedTuple):
    """Why a request is refused: `reason`, the metric's label; `detail`, the sentence."""

    reason: str
    detail: str


class Refusals:
    """One adapter's refusals by reason. Every reason it can give is listed up front, so
    `/metrics` shows each one from the start (at 0), not only once it happened."""

    __slots__ = ("by_reason",)

    def __init__(self, reasons: Iterable[str]) -> None:
        self.by_reason: dict[str, int] = dict.fromkeys(reasons, 0)

    def count(self, refused: Refused) -> None:
        self.by_reason[refused.reason] = self.by_reason.get(refused.reason, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.by_reason.values())

    def counts(self) -> Mapping[str, int]:
        return dict(self.by_reason)


class WebhookCounts:
    """What a webhook adapter (DingTalk, Feishu) shows on `/metrics`: its refusals and the
    deliveries it shed. The adapter sets `_refusals` and `_inflight` in its `__init__`."""

    _refusals: Refusals
    _inflight: InFlight

    @property
    def refused(self) -> int:
        """Requests refused (signature, token, body, payload…; DingTalk: foreign reply URLs)."""
        return self._refusals.total

    @property
    def refusals(self) -> Mapping[str, int]:
        """`refused` by reason (the adapter's `REFUSAL_REASONS`), for `/metrics`."""
        return self._refusals.counts()

    @property
    def shed(self) -> int:
        """Deliveries answered 503 because `max_pending` messages were being handled."""
        return self._inflight.shed_count

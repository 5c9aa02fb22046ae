"""Event payload decoding: anything unusable is a MalformedPayload, never a crash."""

from __future__ import annotations

import pytest

from bot.adapters.wechaty.payloads import MalformedPayload, event_body


@pytest.mark.parametrize(
    "payload",
    ["{", "[1, 2]", '"text"', "[" * 100_000 + "]" * 100_000, '{"n": ' + "9" * 5000 + "}"],
    ids=["truncated", "array", "string", "nested-too-deep", "huge-number"],
)
def test_unusable_payloads_are_malformed(payload: str) -> None:
    with pytest.raises(MalformedPayload):
        event_body(payload)


def test_a_good_payload_and_an_empty_one() -> None:
    assert event_body('{"messageId": "m1"}') == {"messageId": "m1"}
    assert event_body("  ") == {}

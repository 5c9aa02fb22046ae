"""The scan readers' fast paths give what the plain calls give: `records.loads` is
`json.loads` (every value, every error), `formats.parse_time` is `datetime.fromisoformat`
with one tzinfo object per offset."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.history.formats import parse_time
from bot.history.records import loads

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=8,
)
# What may stand around a value, and what breaks it: whitespace JSON allows and some it does
# not (\x0b, \u3000), a BOM, extra data, a cut.
PADS = st.sampled_from(["", " ", "\n", "\r\n", "\t ", "\x0b", "\u3000", "\ufeff", "x", "{}", ","])


def outcome(parse: object, line: str) -> tuple[str, object]:
    assert callable(parse)
    try:
        return "value", parse(line)
    except Exception as exc:  # the type and message must be the same too
        return type(exc).__name__, str(exc)


@settings(max_examples=300)
@given(JSON_VALUES, PADS, PADS, st.integers(0, 40))
@example({"time": "2026-03-02T08:46:30+08:00", "text": "收到"}, "", "\n", 0)
def test_loads_is_json_loads(value: object, before: str, after: str, cut: int) -> None:
    line = before + json.dumps(value, ensure_ascii=bool(cut % 2)) + after
    for text in (line, line[: len(line) - cut]):
        assert outcome(loads, text) == outcome(json.loads, text)


@pytest.mark.parametrize(
    "line",
    ['{"a": 1}\n', '{"a": 1} \r\n', ' {"a": 1}', '\ufeff{"a": 1}', '{"a": 1}}', "[1,", "", "nul"],
)
def test_loads_on_the_shapes_a_file_has(line: str) -> None:
    assert outcome(loads, line) == outcome(json.loads, line)


def test_loads_refuses_deep_nesting_as_json_loads_does() -> None:
    line = "[" * 100_000 + "]" * 100_000
    assert outcome(loads, line)[0] == outcome(json.loads, line)[0] == "RecursionError"


# Offsets an export may carry, and the ends of the range (one tzinfo is kept per offset, for
# the first 64 an export has: a handful here).
OFFSETS = st.sampled_from(
    ["+08:00", "+00:00", "Z", "-05:00", "+05:45", "-03:30", "+08:00:30", "+23:59:59", "-23:59:59"]
)


@settings(max_examples=200)
@given(st.datetimes(datetime(1970, 1, 1), datetime(2100, 12, 31, 23, 59, 59)), OFFSETS)
@example(datetime(1970, 1, 1), "+23:59:59")
@example(datetime(2100, 12, 31, 23, 59, 59), "-23:59:59")
def test_parse_time_is_fromisoformat_with_a_shared_offset(naive: datetime, offset: str) -> None:
    text = naive.isoformat() + offset
    expected = datetime.fromisoformat(text)
    first, again = parse_time(text, None), parse_time(text, None)
    assert repr(first) == repr(expected) and first.fold == expected.fold
    assert first.tzinfo is again.tzinfo  # one object per offset: compared as plain times

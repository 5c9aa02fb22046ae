"""A `Message` must carry a timezone-aware time, whatever kind of tzinfo makes it one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest

from policies.events import Message


class _Unknown(tzinfo):
    """A tzinfo that does not know its offset: the time is naive in effect."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None


@pytest.mark.parametrize("zone", [UTC, timezone(timedelta(hours=8)), ZoneInfo("Asia/Shanghai")])
def test_aware_times_are_taken(zone: tzinfo) -> None:
    when = datetime(2026, 3, 2, 8, 46, tzinfo=zone)
    assert Message("m1", "g", "u1", "收到", when).time == when


@pytest.mark.parametrize("zone", [None, _Unknown()])
def test_naive_times_are_refused(zone: tzinfo | None) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Message("m1", "g", "u1", "收到", datetime(2026, 3, 2, 8, 46, tzinfo=zone))

"""Time zones by IANA name (Asia/Shanghai, UTC): the one check for every place a name comes in.

A group's `timezone` (`/jianfu set`, the config), the config's top-level `timezone` and
`jianfu scan --tz` all go through `zone_named`. `ZoneInfo` alone is not a check: a directory
of the zone database ("Asia") raises IsADirectoryError, an overlong name OSError, a data file
("zone.tab") ValueError — here every one of them is an `UnknownZone`. `week_bounds` is the one
place a local ISO week (Monday 00:00 to the next Monday) is computed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MAX_NAME = 64  # characters; the longest IANA name has 32
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*")  # "Area/Place", "Etc/GMT+8"


class UnknownZone(ValueError):
    """A name that is not a time zone of the IANA database."""

    def __init__(self, name: object) -> None:
        self.name = name
        super().__init__(f"unknown time zone {name!r} (an IANA name like Asia/Shanghai or UTC)")


def zone_named(name: object) -> ZoneInfo:
    """The time zone called `name`; `UnknownZone` for anything that is not a zone's name."""
    if not isinstance(name, str) or len(name) > MAX_NAME or not _NAME.fullmatch(name):
        raise UnknownZone(name)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a directory, a long name
        raise UnknownZone(name) from None


def week_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """[Monday 00:00, next Monday 00:00) in `zone`'s local time of the ISO week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return datetime.combine(monday, time(), zone), datetime.combine(
        monday + timedelta(days=7), time(), zone
    )

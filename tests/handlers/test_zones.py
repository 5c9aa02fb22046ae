"""zone_named: the one time-zone check (settings, the config, `jianfu scan --tz`)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from handlers.zones import UnknownZone, zone_named


@pytest.mark.parametrize(
    "name", ["Asia/Shanghai", "UTC", "Etc/GMT+8", "Etc/GMT-14", "America/Argentina/ComodRivadavia"]
)
def test_a_zone_name_gives_the_zone(name: str) -> None:
    assert zone_named(name) == ZoneInfo(name)


@pytest.mark.parametrize(
    "name",
    [
        "Asia",  # a directory of the zone database: IsADirectoryError from ZoneInfo
        "America/Argentina",  # a nested directory
        "x" * 300,  # OSError ENAMETOOLONG from ZoneInfo
        "A" * 65,
        "zone.tab",  # a data file of the database: ValueError from ZoneInfo
        "../etc/passwd",
        "/etc/passwd",
        "Asia/Shanghai\x00",
        "Asia//Shanghai",
        "\ud800",
        "Mars/Olympus",
        "",
        " ",
        8,
        None,
    ],
)
def test_anything_else_is_an_unknown_zone(name: object) -> None:
    with pytest.raises(UnknownZone) as caught:
        zone_named(name)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == (
        f"unknown time zone {name!r} (an IANA name like Asia/Shanghai or UTC)"
    )

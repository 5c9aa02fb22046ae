"""GroupSettings: `/jianfu set` parsing, storage round trips, quiet hours, detector options."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime, timedelta

import pytest

from handlers.group_settings import GroupSettings, SettingError
from policies.detect import DetectorOptions

BASE = GroupSettings()
FIELD_LINES = {
    line.split(":")[0].strip(): line
    for line in inspect.getsource(GroupSettings).splitlines()
    if " = " in line and "#" in line
}


@pytest.mark.parametrize(
    ("key", "raw", "field", "value"),
    [
        ("stack_members", "8", "stack_members", 8),
        ("stack_window_minutes", " 45 ", "stack_window_minutes", 45),
        ("chain_participants", "3", "chain_participants", 3),
        ("cooldown_minutes", "0", "cooldown_minutes", 0),
        ("daily_cap", "2", "daily_cap", 2),
        ("quiet_hours", "22:00-07:00", "quiet_hours", "22:00-07:00"),
        ("quiet_hours", "8:00 - 9:30", "quiet_hours", "08:00-09:30"),
        ("quiet_hours", "off", "quiet_hours", None),
        ("timezone", "Europe/Berlin", "timezone", "Europe/Berlin"),
        ("language", "EN", "language", "en"),
        ("language", "zh", "language", "zh-CN"),
        ("digest_day", "Friday", "digest_day", "fri"),
        ("digest_time", "8:05", "digest_time", "08:05"),
        ("digest_names", "on", "digest_names", True),
    ],
)
def test_with_value_sets_a_key(key: str, raw: str, field: str, value: object) -> None:
    changed = BASE.with_value(key, raw)
    assert getattr(changed, field) == value
    assert changed.changes_from(BASE) == {field: value} or getattr(BASE, field) == value


@pytest.mark.parametrize(
    ("key", "raw", "problem"),
    [
        ("stack_members", "abc", "setting.int_range"),
        ("stack_members", "1", "setting.int_range"),
        ("cooldown_minutes", "-5", "setting.int_range"),
        ("cooldown_minutes", "2000000000000", "setting.int_range"),
        ("cooldown_minutes", "10081", "setting.int_range"),
        ("cooldown_minutes", "9" * 5000, "setting.int_range"),  # int() itself would refuse it
        ("stack_window_minutes", "1441", "setting.int_range"),
        ("stack_window_minutes", "0", "setting.int_range"),
        ("chain_participants", "1001", "setting.int_range"),
        ("daily_cap", "101", "setting.int_range"),
        ("daily_cap", "1.5", "setting.int_range"),
        ("quiet_hours", "22:00", "setting.quiet_hours"),
        ("quiet_hours", "25:00-07:00", "setting.quiet_hours"),
        ("quiet_hours", "07:00-07:00", "setting.quiet_hours"),
        ("timezone", "Mars/Olympus", "setting.timezone"),
        ("timezone", "Asia", "setting.timezone"),  # a directory: IsADirectoryError
        ("timezone", "Asia/" + "x" * 300, "setting.timezone"),  # ENAMETOOLONG
        ("timezone", "zone.tab", "setting.timezone"),
        ("language", "fr", "setting.language"),
        ("digest_day", "someday", "setting.day"),
        ("digest_time", "9am", "setting.time"),
        ("digest_names", "maybe", "setting.bool"),
        ("paused", "on", "setting.unknown_key"),  # has its own command
        ("colour", "red", "setting.unknown_key"),
        ("text.stack", "{who} 收到", "setting.text_placeholder"),
        ("text.nope", "x", "setting.text_key"),
        ("text.stack", "{members:>999999999}", "setting.text_plain"),
        ("text.stack", "长" * 401, "setting.text_long"),
    ],
)
def test_with_value_refuses_bad_input(key: str, raw: str, problem: str) -> None:
    with pytest.raises(SettingError) as caught:
        BASE.with_value(key, raw)
    assert caught.value.problem == problem
    assert caught.value.key == key
    assert caught.value.message("zh-CN") and caught.value.message("en") in str(caught.value)


def test_error_message_names_the_value() -> None:
    with pytest.raises(
        SettingError, match=r'cooldown_minutes: expected an integer from 0 to 10080, got "abc"'
    ):
        BASE.with_value("cooldown_minutes", "abc")


@pytest.mark.parametrize(
    ("key", "low", "high"),
    [
        ("stack_members", 2, 1000),
        ("stack_window_minutes", 1, 1440),
        ("chain_participants", 2, 1000),
        ("cooldown_minutes", 0, 10080),
        ("daily_cap", 0, 100),
    ],
)
def test_integer_settings_accept_their_whole_range_and_nothing_more(
    key: str, low: int, high: int
) -> None:
    assert getattr(BASE.with_value(key, str(low)), key) == low
    assert getattr(BASE.with_value(key, str(high)), key) == high
    for bad in (low - 1, high + 1, 10**30):
        with pytest.raises(SettingError, match=rf"{key}: expected an integer from {low} to {high}"):
            BASE.with_value(key, str(bad))
        with pytest.raises(SettingError, match=rf"{key}: .* from {low} to {high}, got {bad}"):
            GroupSettings.from_dict({key: bad})
    comment = FIELD_LINES[key].split("#", 1)[1]
    assert f"({low}–{high}" in comment, "the range is documented (docs/configuration.md)"


def test_a_format_spec_is_refused_with_the_placeholder_named() -> None:
    with pytest.raises(SettingError) as caught:
        BASE.with_value("text.stack", "已有{members:>999999999}人")
    assert str(caught.value) == (
        "text.stack: a placeholder must be a plain {name}, without format, conversion or index: "
        "{members:>999999999}"
    )
    assert caught.value.message("zh-CN").startswith("占位符只能写成 {名称}")


def test_overrides_stored_before_with_a_format_spec_are_dropped_when_read_back() -> None:
    stored = {"texts": {"stack": "{members:>999999999}"}, "daily_cap": 3}
    settings = GroupSettings.from_dict(stored, BASE, strict=False)  # what the store does
    assert settings.texts == {} and settings.daily_cap == 3


def test_an_out_of_range_value_stored_before_is_dropped_when_read_back() -> None:
    stored = {"cooldown_minutes": 2_000_000_000_000, "daily_cap": 3}  # saved by an older jianfu
    settings = GroupSettings.from_dict(stored, BASE, strict=False)  # what the store does
    assert settings.cooldown_minutes == BASE.cooldown_minutes and settings.daily_cap == 3


def test_the_largest_values_still_give_usable_times() -> None:
    widest = GroupSettings.from_dict({"cooldown_minutes": 10080, "stack_window_minutes": 1440})
    now = datetime(2025, 2, 10, tzinfo=UTC)
    assert now - widest.cooldown < now
    assert widest.detector_options().stack_window == timedelta(days=1)


def test_forgetting_drops_a_member_by_id_and_by_name() -> None:
    group = BASE.with_value("stack_members", "3")
    group = GroupSettings.from_dict({"exempt": ["wxid_li", "李娜", "wxid_hr"]}, group)
    kept = group.forgetting("wxid_li", "李娜")
    assert kept.exempt == ("wxid_hr",) and kept.stack_members == 3
    assert kept.forgetting("nobody") is kept, "nothing to drop: the same settings"


def test_text_override_set_and_reset() -> None:
    custom = BASE.with_value("text.stack", "已有{members}人确认，大家辛苦了")
    assert custom.texts == {"stack": "已有{members}人确认，大家辛苦了"}
    assert custom.with_value("text.stack", "default").texts == {}
    assert BASE.texts == {}, "the original is untouched"


def test_storage_round_trip_keeps_only_changes() -> None:
    changed = BASE.with_value("cooldown_minutes", "10").with_value("text.chain", "无需接龙")
    changed = changed.with_flag("observe", True)
    stored = changed.changes_from(BASE)
    assert stored == {"cooldown_minutes": 10, "observe": True, "texts": {"chain": "无需接龙"}}
    assert GroupSettings.from_dict(stored, BASE) == changed
    assert GroupSettings.from_dict(changed.to_dict()) == changed


def test_from_dict_strict_and_lenient() -> None:
    bad = {"cooldown_minutes": "abc", "daily_cap": 1, "colour": "red"}
    with pytest.raises(SettingError):
        GroupSettings.from_dict(bad)
    lenient = GroupSettings.from_dict(bad, strict=False)
    assert lenient.daily_cap == 1 and lenient.cooldown_minutes == BASE.cooldown_minutes


def at_shanghai(hour: int, minute: int = 0) -> datetime:
    """A UTC instant that is hour:minute in Asia/Shanghai (UTC+8) on 2025-02-10."""
    return datetime(2025, 2, 10, hour, minute, tzinfo=UTC) - timedelta(hours=8)


@pytest.mark.parametrize(
    ("span", "hour", "minute", "quiet"),
    [
        ("22:00-07:00", 23, 30, True),
        ("22:00-07:00", 2, 0, True),
        ("22:00-07:00", 6, 59, True),
        ("22:00-07:00", 7, 0, False),
        ("22:00-07:00", 21, 59, False),
        ("22:00-07:00", 22, 0, True),
        ("12:00-13:30", 12, 45, True),
        ("12:00-13:30", 13, 30, False),
        ("12:00-13:30", 23, 0, False),
        (None, 3, 0, False),
    ],
)
def test_quiet_hours_in_the_group_time_zone(
    span: str | None, hour: int, minute: int, quiet: bool
) -> None:
    group = GroupSettings(quiet_hours=span)
    assert group.quiet_at(at_shanghai(hour, minute)) is quiet


def test_quiet_hours_follow_the_time_zone() -> None:
    berlin = GroupSettings(quiet_hours="22:00-07:00", timezone="Europe/Berlin")
    assert berlin.quiet_at(datetime(2025, 2, 10, 22, 30, tzinfo=UTC))  # 23:30 in Berlin
    assert not berlin.quiet_at(datetime(2025, 2, 10, 8, 0, tzinfo=UTC))  # 09:00 in Berlin


def test_detector_options() -> None:
    options = GroupSettings(stack_members=3, stack_window_minutes=10).detector_options()
    assert isinstance(options, DetectorOptions)
    assert options.stack_members == 3 and options.stack_window == timedelta(minutes=10)
    assert options.chain_participants == 5


def test_exempt_matches_ids_and_never_empty() -> None:
    group = GroupSettings(exempt=("wxid_a", "李娜"))
    assert group.is_exempt("wxid_a") and group.is_exempt("", "李娜")
    assert not group.is_exempt("", "") and not group.is_exempt("wxid_b")


def test_week_of_is_the_local_iso_week() -> None:
    sunday_night = at_shanghai(23, 30) - timedelta(days=1)  # Sun 2025-02-09 23:30 local
    since, until = GroupSettings().week_of(sunday_night)
    assert since.isoformat() == "2025-02-03T00:00:00+08:00"
    assert until.isoformat() == "2025-02-10T00:00:00+08:00"
    assert GroupSettings().week_of(at_shanghai(0, 0))[0] == until
    utc_since, _ = GroupSettings(timezone="UTC").week_of(sunday_night)
    assert utc_since.isoformat() == "2025-02-03T00:00:00+00:00"

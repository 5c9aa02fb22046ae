"""Per-group settings: thresholds, etiquette, language, digest schedule.

One frozen value per group. It comes from the config (`[group_defaults]`, `[groups."<id>"]`),
is changed by admins with `/jianfu set <key> <value>` (`with_value`), and is stored as the
changes from the config's values (`changes_from` / `from_dict`). Every value is validated here,
once; a refused value raises `SettingError` naming the key and the problem.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from handlers.texts import LANGUAGES, Language, check_override, text
from handlers.zones import UnknownZone, week_bounds, zone_named
from policies.detect import DetectorOptions

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_OFF = {"off", "none", "no", "false", "0", "关", "关闭", "无"}
_ON = {"on", "yes", "true", "1", "开", "开启"}
_SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–~～至到]\s*(\d{1,2}):(\d{2})\s*$")
_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")
_INTEGER = re.compile(r"\s*-?\d{1,12}\s*")  # longer digit strings are out of every range anyway

# The integer settings and their inclusive ranges: a value outside is refused (`/jianfu set`,
# the config, stored changes), so no later arithmetic on it can overflow.
INT_RANGES: dict[str, tuple[int, int]] = {
    "stack_members": (2, 1000),
    "stack_window_minutes": (1, 24 * 60),
    "chain_participants": (2, 1000),
    "cooldown_minutes": (0, 7 * 24 * 60),
    "daily_cap": (0, 100),
}


class SettingError(ValueError):
    """A value that does not fit its setting. `problem` is a text key of handlers.texts."""

    def __init__(self, key: str, problem: str, /, **fmt: object) -> None:
        self.key = key
        self.problem = problem
        self.fmt = fmt
        super().__init__(f"{key}: {self.message('en')}")

    def message(self, lang: str = "zh-CN") -> str:
        """The problem alone, in `lang` (the caller adds where the value came from)."""
        return text(self.problem, lang, None, **self.fmt)


@dataclass(frozen=True, slots=True)
class GroupSettings:
    """How jianfu behaves in one group. Every field has a default."""

    stack_members: int = 5  # distinct members whose 收到 make a pile-up, and a reminder (2–1000)
    stack_window_minutes: int = 30  # acks further apart than this start a new pile-up (1–1440)
    chain_participants: int = 5  # participants after which an ack 接龙 is an incident (2–1000)
    cooldown_minutes: int = 30  # minimum time between two reminders in a group (0–10080 = a week)
    daily_cap: int = 5  # at most this many reminders per group per local day (0–100; 0 = none)
    quiet_hours: str | None = None  # "22:00-07:00" (local time, may cross midnight) or None
    timezone: str = "Asia/Shanghai"  # IANA zone for quiet hours, "today" and the digest
    language: Language = "zh-CN"  # language of reminders and replies: "zh-CN" | "en"
    observe: bool = False  # dry run: record incidents, never post reminders
    paused: bool = False  # admin paused reminders; incidents are still recorded
    texts: Mapping[str, str] = field(default_factory=dict, hash=False)  # text key -> override
    exempt: tuple[str, ...] = ()  # member ids (or names) whose demands/chains are never reminded
    digest_day: str = "mon"  # weekday the weekly digest is posted: mon … sun
    digest_time: str = "09:00"  # local time the weekly digest is posted, HH:MM
    digest_names: bool = False  # may the digest name who posted demands?
    notice_admins_only: bool = False  # may only admins post `/jianfu notice`? (else any member)
    remind_unsure: bool = True  # remind demands not clearly aimed at the whole group too?

    def with_value(self, key: str, raw: str) -> GroupSettings:
        """A copy with `key` set from the text an admin typed. `text.<key>` sets a text
        override ("default" removes it). Raises `SettingError`."""
        if key.startswith("text."):
            return self._with_text(key.removeprefix("text."), raw)
        parse = _PARSERS.get(key)
        if parse is None or key not in SETTABLE:
            raise SettingError(key, "setting.unknown_key", known=", ".join(SETTABLE))
        return replace(self, **{key: parse(key, raw.strip())})

    def forgetting(self, *members: str) -> GroupSettings:
        """A copy without these ids/names in `exempt` (`/jianfu forget`); self when none is."""
        exempt = tuple(m for m in self.exempt if m not in members)
        return self if exempt == self.exempt else replace(self, exempt=exempt)

    def with_flag(self, key: str, value: bool) -> GroupSettings:
        """A copy with `observe` or `paused` switched."""
        if key == "observe":
            return replace(self, observe=value)
        if key == "paused":
            return replace(self, paused=value)
        raise SettingError(key, "setting.unknown_key", known="observe, paused")

    def _with_text(self, key: str, raw: str) -> GroupSettings:
        texts = dict(self.texts)
        if raw.strip().lower() in {"default", "reset", "默认"}:
            texts.pop(key, None)
        else:
            _check_text(f"text.{key}", key, raw.strip())
            texts[key] = raw.strip()
        return replace(self, texts=texts)

    def to_dict(self) -> dict[str, Any]:
        """Every field as plain JSON-able values."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["texts"] = dict(self.texts)
        out["exempt"] = list(self.exempt)
        return out

    def changes_from(self, base: GroupSettings) -> dict[str, Any]:
        """The fields that differ from `base` (what the store keeps for a group)."""
        mine, theirs = self.to_dict(), base.to_dict()
        return {key: value for key, value in mine.items() if theirs[key] != value}

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], base: GroupSettings | None = None, *, strict: bool = True
    ) -> GroupSettings:
        """`base` (default: all defaults) with the values in `data` (typed, as TOML/JSON give
        them). Raises `SettingError` on the first bad key; `strict=False` skips bad keys."""
        changes: dict[str, Any] = {}
        for key, value in data.items():
            try:
                changes[key] = _from_plain(key, value)
            except SettingError:
                if strict:
                    raise
        return replace(base or cls(), **changes)

    def quiet_at(self, now: datetime) -> bool:
        """Is `now` inside the group's quiet hours (in the group's time zone)?"""
        if not self.quiet_hours:
            return False
        start, end = parse_span(self.quiet_hours)
        local = now.astimezone(self.zone).time()
        if start < end:
            return start <= local < end
        return local >= start or local < end  # the span crosses midnight

    def week_of(self, now: datetime) -> tuple[datetime, datetime]:
        """The ISO week (Monday 00:00 to the next Monday, local time) that contains `now`."""
        return week_bounds(now.astimezone(self.zone).date(), self.zone)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def cooldown(self) -> timedelta:
        return timedelta(minutes=self.cooldown_minutes)

    def is_exempt(self, *member: str) -> bool:
        """Is any of these ids/names exempt? Empty strings never match."""
        return any(m and m in self.exempt for m in member)

    def detector_options(self) -> DetectorOptions:
        """The detector thresholds for this group."""
        return DetectorOptions(
            stack_members=self.stack_members,
            stack_window=timedelta(minutes=self.stack_window_minutes),
            chain_participants=self.chain_participants,
        )

    def describe(self, key: str) -> str:
        """A setting's value as an admin would type it."""
        value = getattr(self, key)
        if isinstance(value, bool):
            return "on" if value else "off"
        return "off" if value is None else str(value)


def parse_span(raw: str) -> tuple[time, time]:
    """ "22:00-07:00" → (22:00, 07:00). Raises ValueError."""
    match = _SPAN.match(raw)
    if not match:
        raise ValueError(raw)
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    start, end = time(h1, m1), time(h2, m2)  # ValueError when out of range
    if start == end:
        raise ValueError(raw)
    return start, end


def _got(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _int_parser(name: str) -> Callable[[str, object], int]:
    low, high = INT_RANGES[name]

    def parse(key: str, value: object) -> int:
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and _INTEGER.fullmatch(value):
            number = int(value)
        if number is None or not low <= number <= high:
            raise SettingError(key, "setting.int_range", min=low, max=high, got=_got(value))
        return number

    return parse


def _bool(key: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _ON or word in _OFF:
        return word in _ON
    raise SettingError(key, "setting.bool", got=_got(value))


def _quiet_hours(key: str, value: object) -> str | None:
    if value is None or value is False or (isinstance(value, str) and value.strip() in _OFF):
        return None
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        start, end = parse_span(value)
    except ValueError:
        raise SettingError(key, "setting.quiet_hours", got=_got(value)) from None
    return f"{start:%H:%M}-{end:%H:%M}"


def _timezone(key: str, value: object) -> str:
    name = value.strip() if isinstance(value, str) else value
    try:
        zone_named(name)
    except UnknownZone:
        raise SettingError(key, "setting.timezone", got=_got(value)) from None
    return str(name)


def _language(key: str, value: object) -> Language:
    word = str(value).strip().lower() if isinstance(value, str) else ""
    aliases: dict[str, Language] = {"zh-cn": "zh-CN", "zh": "zh-CN", "中文": "zh-CN", "en": "en"}
    if word in aliases and aliases[word] in LANGUAGES:
        return aliases[word]
    raise SettingError(key, "setting.language", got=_got(value))


def _day(key: str, value: object) -> str:
    word = str(value).strip().lower()[:3] if isinstance(value, str) else ""
    if word not in DAYS:
        raise SettingError(key, "setting.day", got=_got(value))
    return word


def _clock(key: str, value: object) -> str:
    match = _CLOCK.match(value) if isinstance(value, str) else None
    try:
        if not match:
            raise ValueError
        return f"{time(int(match[1]), int(match[2])):%H:%M}"
    except ValueError:
        raise SettingError(key, "setting.time", got=_got(value)) from None


def _members(key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part for part in re.split(r"[\s,，]+", value) if part]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise SettingError(key, "setting.members", got=_got(value))
    return tuple(dict.fromkeys(v.strip().lstrip("@") for v in value if v.strip()))


def _texts(key: str, value: object) -> dict[str, str]:
    if not isinstance(value, Mapping) or not all(isinstance(v, str) for v in value.values()):
        raise SettingError(key, "setting.texts", got=_got(value))
    for name, template in value.items():
        _check_text(f"{key}.{name}", name, template)
    return dict(value)


def _check_text(setting: str, key: str, template: str) -> None:
    problem = check_override(key, template)
    if problem is not None:
        raise SettingError(setting, problem[0], **problem[1])


_PARSERS: dict[str, Callable[[str, Any], Any]] = {
    **{key: _int_parser(key) for key in INT_RANGES},
    "quiet_hours": _quiet_hours,
    "timezone": _timezone,
    "language": _language,
    "observe": _bool,
    "paused": _bool,
    "texts": _texts,
    "exempt": _members,
    "digest_day": _day,
    "digest_time": _clock,
    "digest_names": _bool,
    "notice_admins_only": _bool,
    "remind_unsure": _bool,
}

# Keys `/jianfu set` accepts (observe, paused and exempt have their own commands), plus text.<key>.
SETTABLE: tuple[str, ...] = (
    "stack_members",
    "stack_window_minutes",
    "chain_participants",
    "cooldown_minutes",
    "daily_cap",
    "quiet_hours",
    "timezone",
    "language",
    "digest_day",
    "digest_time",
    "digest_names",
    "notice_admins_only",
    "remind_unsure",
)


def _from_plain(key: str, value: object) -> Any:
    parse = _PARSERS.get(key)
    if parse is None:
        raise SettingError(key, "setting.unknown_key", known=", ".join(_PARSERS))
    return parse(key, value)

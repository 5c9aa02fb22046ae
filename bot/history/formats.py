"""The export formats: fields (times, texts, ids), the jianfu JSONL/CSV and conversation
formats, and the third-party CSV flavours (WeChatMsg, PyWxDump, chatlog), each row → `Message`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, tzinfo
from itertools import chain
from pathlib import Path
from typing import Any

from bot.history.records import (
    _WXID_PREFIX,
    DEFAULT_TZ,
    STDIN,
    STRICT,
    YEARS,
    Conversation,
    Expectation,
    ExportError,
    Located,
    Peeked,
    ReadNotes,
    _csv_rows,
    display_name,
    json_objects,
    zone,
)
from policies.events import Message, MessageType

# ---------------------------------------------------------------- fields


# The fixed offsets times were read with, one object each (`_shared_offset`).
_OFFSETS: dict[tzinfo, tzinfo] = {}
_MAX_OFFSETS = 64  # an export has one or two; past this many, times keep their own


def _shared_offset(time: datetime) -> datetime:
    """`time` (aware, from `fromisoformat`) with the one tzinfo object kept for its fixed
    offset. `fromisoformat` makes a new one for every time it reads, and comparing or
    subtracting two aware times whose tzinfo objects differ asks both for their offsets —
    the detector does that for every message (~15 % of its bookkeeping); with one object it
    compares them as plain times. (Equal offsets are equal `timezone`s: the same times.)
    `astimezone` to an equal offset gives the same wall time as `replace(tzinfo=…)`, for less
    than half its cost (measured: ~4k instructions, `replace` ~11k: it parses its keywords and
    then the new time's); it needs a year away from the ends of the calendar (`_in_years`)."""
    zone = time.tzinfo
    assert zone is not None
    shared = _OFFSETS.get(zone)
    if shared is None:
        if len(_OFFSETS) >= _MAX_OFFSETS:
            return time
        shared = _OFFSETS.setdefault(zone, zone)
    return time if shared is zone else time.astimezone(shared)


def parse_time(value: Any, tz: tzinfo | None) -> datetime:
    """An ISO 8601 time; naive times take `tz`. ValueError says what is wrong."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"bad time {value!r}: expected ISO 8601 like 2026-03-02T08:46:30+08:00")
    try:
        time = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(
            f"bad time {value!r}: expected ISO 8601 like 2026-03-02T08:46:30+08:00"
        ) from None
    if time.tzinfo is None:
        if tz is None:
            raise ValueError(f"time {value!r} has no UTC offset (add +08:00, or pass --tz)")
        return _in_years(time.replace(tzinfo=tz), value)
    return _shared_offset(_in_years(time, value))


def unix_time(value: str, tz: tzinfo) -> datetime:
    """Seconds since 1970 (WeChat's CreateTime), shown in `tz`. ValueError when not a time."""
    try:
        time = datetime.fromtimestamp(int(value), tz)
    except (OverflowError, OSError, ValueError):
        raise ValueError(f"bad time {value!r}: not a Unix time in seconds") from None
    return _in_years(time, value)


def _in_years(time: datetime, value: object) -> datetime:
    """`time`, when its year is one chat history can have (later arithmetic cannot overflow)."""
    first, last = YEARS
    if not first <= time.year <= last:
        raise ValueError(f"bad time {value!r}: the year must be from {first} to {last}")
    return time


def _text_field(obj: dict[str, Any], key: str, *, required: bool = True) -> str:
    value = obj.get(key)
    if type(value) is str:  # the common case, first (this runs a million times a scan)
        return value
    if value is None:
        if required:
            raise ValueError(f'missing "{key}"')
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f'"{key}" must be a string, not {type(value).__name__}')
    return str(value)


def _required_id(obj: dict[str, Any], key: str) -> str:
    value = _text_field(obj, key)
    if not value or value.isspace():
        raise ValueError(f'empty "{key}"')
    return value


def text_of(obj: dict[str, Any]) -> str:
    """The `text` of a record: a string (may be empty). ValueError if missing or not a string."""
    value = obj.get("text")
    if value is None:
        raise ValueError('missing "text"')
    if not isinstance(value, str):
        raise ValueError(f'"text" must be a string, not {type(value).__name__}')
    return value


def _default_group(path: str) -> str:
    return "default" if path == STDIN else Path(path).stem


# ---------------------------------------------------------------- jianfu formats


def _jianfu_message(
    obj: dict[str, Any], fallback_id: str, group: str, tz: tzinfo | None
) -> Message:
    if "time" not in obj:
        raise ValueError('missing "time"')
    time = parse_time(obj["time"], tz)
    return Message(
        id=_text_field(obj, "id", required=False) or fallback_id,
        group_id=_text_field(obj, "group", required=False) or group,
        sender_id=_required_id(obj, "sender"),
        text=text_of(obj),
        time=time,
        sender_name=_text_field(obj, "sender_name", required=False),
        platform="scan",
    )


def _read_jsonl(
    path: str, start: Peeked, tz: tzinfo | None, notes: ReadNotes = STRICT
) -> Iterator[Located]:
    name = display_name(path)
    stem = _default_group(path)
    objects = json_objects(path, start, notes)
    first = next(objects, None)
    if first is None:
        return
    if "messages" in first[1] and "expect" in first[1]:
        yield from _conversation_stream(path, chain([first], objects), tz, notes)
        return
    for number, obj in chain([first], objects):
        try:
            message = _jianfu_message(obj, f"{stem}:{number}", stem, tz)
        except ValueError as exc:
            notes.skip(ExportError(f"{name}:{number}", str(exc)))
            continue
        yield Located(path, number, message)


def _conversation_stream(
    path: str,
    objects: Iterable[tuple[int, dict[str, Any]]],
    tz: tzinfo | None,
    notes: ReadNotes = STRICT,
) -> Iterator[Located]:
    for number, obj in objects:
        try:
            conversation = _conversation(path, number, obj, tz)
        except ExportError as exc:
            notes.skip(exc)
            continue
        for message in conversation.messages:
            yield Located(path, number, message)


def _conversation(path: str, number: int, obj: dict[str, Any], tz: tzinfo | None) -> Conversation:
    where = f"{display_name(path)}:{number}"
    try:
        name = _required_id(obj, "name")
        group = _text_field(obj, "group", required=False) or name
        raw = obj.get("messages")
        if not isinstance(raw, list) or not raw:
            raise ValueError('"messages" must be a non-empty list')
        expect = _expectation(obj.get("expect"))
    except ValueError as exc:
        raise ExportError(where, str(exc)) from None
    messages = []
    for index, item in enumerate(raw, 1):
        try:
            if not isinstance(item, dict):
                raise ValueError("expected an object")
            record = {"time": item.get("t", item.get("time")), **item, "group": group}
            if record["time"] is None:
                raise ValueError('missing "t"')
            messages.append(_jianfu_message(record, f"{name}#{index}", group, tz))
        except ValueError as exc:
            raise ExportError(where, f"message {index}: {exc}") from None
    return Conversation(name, group, tuple(messages), expect, number)


def _expectation(raw: Any) -> Expectation:
    if not isinstance(raw, dict):
        raise ValueError('"expect" must be an object')

    def count(key: str) -> int:
        value = raw.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f'"expect.{key}" must be a count')
        return value

    def flag(key: str) -> bool:
        value = raw.get(key, False)
        if not isinstance(value, bool):
            raise ValueError(f'"expect.{key}" must be true or false')
        return value

    return Expectation(flag("stack"), flag("chain"), count("ack_request"), count("proof_request"))


def read_conversations(path: str, tz: tzinfo | None = None) -> Iterator[Conversation]:
    """Conversations of a dev-conversations JSONL file (times without an offset: `tz`,
    default `DEFAULT_TZ`)."""
    tz = tz or zone(DEFAULT_TZ)
    for number, obj in json_objects(path):
        yield _conversation(path, number, obj, tz)


# ---------------------------------------------------------------- third-party CSV exports

RowReader = Callable[[dict[str, str], str, tzinfo], Message | None]

_WECHATMSG = {"localId", "Type", "SubType", "IsSender", "CreateTime", "StrContent", "StrTime"}
_PYWXDUMP = {"MsgSvrID", "type_name", "is_sender", "talker", "room_name", "msg", "CreateTime"}
_CHATLOG = {"Time", "SenderName", "Sender", "TalkerName", "Talker", "Content"}
_JIANFU = ("time", "sender", "text")

# WeChat message types: (type, subtype) → (MessageType, placeholder text as WeChat shows it).
_WECHAT_MEDIA: dict[str, tuple[MessageType, str]] = {
    "3": ("image", "[图片]"),
    "34": ("other", "[语音]"),
    "43": ("other", "[视频]"),
    "47": ("image", "[表情包]"),
    "48": ("other", "[位置]"),
}
_WECHAT_APPS: dict[str, tuple[MessageType, str]] = {  # Type 49 by SubType (57 quote = text)
    "5": ("other", "[链接]"),
    "6": ("other", "[文件]"),
    "53": ("chain", "接龙"),  # the list itself is not exported
}
_PYWXDUMP_MEDIA: dict[str, tuple[MessageType, str]] = {
    "图片": ("image", "[图片]"),
    "语音": ("other", "[语音]"),
    "视频": ("other", "[视频]"),
    "动画表情": ("image", "[表情包]"),
    "位置": ("other", "[位置]"),
    "接龙": ("chain", "接龙"),
}


def _strip_sender_prefix(text: str, sender: str) -> tuple[str, str]:
    """Split `wxid_x:\\n` off raw group content; returns (sender, text)."""
    match = _WXID_PREFIX.match(text)
    if match and (
        not sender
        or match.group(1) in (sender, sender.removeprefix("wxid_"))
        or match.group(1).startswith("wxid_")
    ):
        return sender or match.group(1), text[match.end() :]
    return sender, text


def _row_sender(text: str, named: str, is_sender: str, column: str) -> tuple[str, str]:
    """A WeChat database export's sender (its `column`, "self" for the account's own
    messages, else the `wxid_x:` prefix of group content) and the text without that prefix;
    ValueError when none of them names one."""
    sender = named.strip() or ("self" if is_sender == "1" else "")
    sender, text = _strip_sender_prefix(text, sender)
    if not sender:
        raise ValueError(f'missing "{column}"')
    return sender, text


def _wechatmsg_row(group: str) -> RowReader:
    def read(row: dict[str, str], fallback_id: str, tz: tzinfo) -> Message | None:
        kind, sub = row["Type"].strip(), row.get("SubType", "").strip()
        if kind == "10000":
            return None  # system notice (joined, recalled, …)
        mtype: MessageType = "text"
        text = row["StrContent"]
        if kind in _WECHAT_MEDIA:
            mtype, text = _WECHAT_MEDIA[kind]
        elif kind == "49":
            mtype, text = (
                _WECHAT_APPS.get(sub, ("other", "[分享]")) if sub != "57" else (mtype, text)
            )
        created = row["CreateTime"].strip()
        time = unix_time(created, tz) if created.isdigit() else parse_time(row["StrTime"], tz)
        sender, text = _row_sender(text, row.get("Sender", ""), row["IsSender"], "Sender")
        return Message(
            id=row["localId"].strip() or fallback_id,
            group_id=group,
            sender_id=sender,
            text=text,
            time=time,
            sender_name=row.get("NickName", "") or row.get("Remark", ""),
            platform="scan",
            type=mtype,
        )

    return read


def _pywxdump_row(group: str) -> RowReader:
    def read(row: dict[str, str], fallback_id: str, tz: tzinfo) -> Message | None:
        kind = row["type_name"].strip()
        if kind in ("系统通知", "撤回消息"):
            return None
        mtype, text = _PYWXDUMP_MEDIA.get(kind, ("text", row["msg"]))
        sender, text = _row_sender(text, row["talker"], row["is_sender"], "talker")
        return Message(
            id=row["MsgSvrID"].strip() or fallback_id,
            group_id=row["room_name"].strip() or group,
            sender_id=sender,
            text=text,
            time=parse_time(row["CreateTime"], tz),
            platform="scan",
            type=mtype,
        )

    return read


def _chatlog_row(group: str) -> RowReader:
    def read(row: dict[str, str], fallback_id: str, tz: tzinfo) -> Message | None:
        sender = row["Sender"].strip()
        if not sender:
            raise ValueError('missing "Sender"')
        return Message(
            id=fallback_id,
            group_id=row["Talker"].strip() or group,
            sender_id=sender,
            text=row["Content"],
            time=parse_time(row["Time"], tz),
            sender_name=row["SenderName"],
            platform="scan",
            group_name=row["TalkerName"],
        )

    return read


def _jianfu_row(group: str, tz: tzinfo | None) -> RowReader:
    def read(row: dict[str, str], fallback_id: str, _tz: tzinfo) -> Message | None:
        return _jianfu_message(dict(row), fallback_id, group, tz)

    return read


def _csv_flavour(path: str, header: list[str], tz: tzinfo | None) -> tuple[RowReader, tzinfo]:
    columns = set(header)
    stem = _default_group(path)
    local = tz or zone(DEFAULT_TZ)
    if columns >= _WECHATMSG:
        group = stem.removesuffix("_utf8") if path != STDIN else stem
        return _wechatmsg_row(group), local
    if columns >= _PYWXDUMP:
        return _pywxdump_row(stem), local
    if columns >= _CHATLOG:
        return _chatlog_row(stem), local
    for column in _JIANFU:
        if column not in columns:
            raise ExportError(
                f"{display_name(path)}:1",
                f'missing column "{column}" (expected time,sender,text[,group,sender_name]'
                " or a WeChatMsg / PyWxDump / chatlog CSV export)",
            )
    return _jianfu_row(stem, tz), local


def _read_csv(
    path: str, lines: Iterator[tuple[int, str]], tz: tzinfo | None, notes: ReadNotes = STRICT
) -> Iterator[Located]:
    header, rows = _csv_rows(path, lines, notes)
    read, local = _csv_flavour(path, header, tz)
    stem = _default_group(path)
    name = display_name(path)
    for number, row in rows:
        try:
            message = read(row, f"{stem}:{number}", local)
        except ValueError as exc:
            notes.skip(ExportError(f"{name}:{number}", str(exc)))
            continue
        if message is not None:
            yield Located(path, number, message)

"""Read exported chat history and labelled corpora into `policies.events.Message` streams.

Every reader streams one line (or CSV record) at a time, so a year of history never sits in
memory. Formats, told apart by their first line:

- jianfu JSONL: one object per line, `time` (ISO 8601), `sender`, `text`, optional
  `group` (default: the file's stem), `sender_name`, `id`;
- jianfu CSV with the same columns (UTF-8, with or without BOM);
- the dev-conversations JSONL (`name`, `group`, `messages[{t, sender, text}]`, `expect`);
- WeChatMsg (留痕) CSV, PyWxDump CSV and chatlog CSV (see docs: "Offline audit").

One rule for every format: a time without a UTC offset is local time in `tz` (default
Asia/Shanghai, what Chinese export tools mean); a time with an offset keeps it. Any bad input
raises `ExportError` naming the file and line — unless the reader was given `ReadNotes` with a
`skip_bad` budget: then up to that many bad records (a line that is not UTF-8, not JSON, a CSV
record with an unclosed quote or the wrong number of fields, a missing or bad field) are
skipped and noted. CSV is read strictly: a quote left open is an error at the line it opened
on, never a field that swallows the rest of the file. A message longer than
`MAX_MESSAGE_CHARS` is cut to it for detection, and counted in the notes.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from bot.message_cap import capped
from handlers.zones import zone_named
from policies.events import LABELS, Label, Message, MessageType

DEFAULT_TZ = "Asia/Shanghai"  # what Chinese export tools mean by a time without offset
YEARS = (1970, 2100)  # years a message may carry (0001 or 9999 overflow on the way to UTC)
STDIN = "-"

# Raw WeChat 4.x group content starts with the sender's id and a newline.
_WXID_PREFIX = re.compile(r"^(wxid_[A-Za-z0-9_-]+|[A-Za-z][A-Za-z0-9_-]{5,19}):\n")


class ExportError(Exception):
    """Input that cannot be read; `str()` is one line: `file:line: reason`."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


@dataclass(slots=True)
class ReadNotes:
    """What a read let pass: bad records it skipped (at most `skip_bad`, then the next one
    raises) and messages it cut to `MAX_MESSAGE_CHARS`. Shared by the files of one scan."""

    skip_bad: int = 0  # bad records that may be skipped (`jianfu scan --skip-bad N`)
    skipped: list[ExportError] = field(default_factory=list)  # each skipped record, in order
    truncated: int = 0  # messages longer than MAX_MESSAGE_CHARS, cut for detection

    def skip(self, error: ExportError) -> None:
        """Note `error` as a skipped record, or raise it when the budget is spent."""
        if len(self.skipped) >= self.skip_bad:
            raise error
        self.skipped.append(error)


STRICT = ReadNotes()  # no skipping: the first bad record raises (so it is never changed)


class Located(NamedTuple):
    """A message and where it was read from (for error messages). A tuple: one per message."""

    path: str  # as the user gave it; "-" is standard input
    line: int  # 1-based line where the record starts
    message: Message

    @property
    def where(self) -> str:
        return f"{display_name(self.path)}:{self.line}"


@dataclass(frozen=True, slots=True)
class Expectation:
    """What `jianfu scan` should report for one dev conversation."""

    stack: bool  # a `stack` incident exists
    chain: bool  # a `chain` incident exists
    ack_request: int  # number of `ack_request` incidents
    proof_request: int  # number of `proof_request` incidents


@dataclass(frozen=True, slots=True)
class Conversation:
    """One conversation of the dev-conversations format."""

    name: str
    group: str
    messages: tuple[Message, ...]
    expect: Expectation
    line: int  # line of the file it came from


def display_name(path: str) -> str:
    return "<stdin>" if path == STDIN else path


def zone(name: str) -> tzinfo:
    """The time zone called `name`, e.g. Asia/Shanghai; `UnknownZone` (a ValueError) if not."""
    return zone_named(name)


# ---------------------------------------------------------------- lines and records


def _open(path: str) -> BinaryIO:
    if path == STDIN:
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise ExportError(path, "no such file") from None
    except IsADirectoryError:
        raise ExportError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise ExportError(path, exc.strerror or str(exc)) from None


def numbered_lines(path: str, notes: ReadNotes = STRICT) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line of a UTF-8 file (BOM dropped), decoded one at a time."""
    stream = _open(path)
    try:
        for number, raw in enumerate(stream, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                notes.skip(
                    ExportError(
                        f"{display_name(path)}:{number}",
                        f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at column "
                        f"{exc.start + 1}); convert it first, e.g. iconv -f GBK -t UTF-8",
                    )
                )
                continue
            if number == 1 and line.startswith("\ufeff"):
                line = line[1:]
            yield number, line
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


Peeked = tuple[int, str, Iterator[tuple[int, str]]]


def _first_content(path: str, notes: ReadNotes = STRICT) -> Peeked:
    """The first non-blank line (number, text) and an iterator over all lines from it on."""
    lines = numbered_lines(path, notes)
    for number, line in lines:
        if line.strip():
            return number, line, chain([(number, line)], lines)
    raise ExportError(display_name(path), "empty file")


def json_objects(
    path: str, start: Peeked | None = None, notes: ReadNotes = STRICT
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) of each non-blank line of a JSONL file.

    `start` is what `_first_content` returned when the caller already peeked at the file.
    """
    first_line, first, lines = start or _first_content(path, notes)
    name = display_name(path)
    if first.lstrip().startswith("["):
        raise ExportError(
            f"{name}:{first_line}", "a JSON array; expected JSON Lines (one object per line)"
        )
    for number, line in lines:
        if line.isspace():
            continue
        try:
            obj = _json_object(f"{name}:{number}", line)
        except ExportError as exc:
            notes.skip(exc)
            continue
        yield number, obj


def _json_object(where: str, line: str) -> dict[str, Any]:
    """The JSON object on `line`; ExportError (at `where`) says what is wrong."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        exc = _json_error(line)
        raise ExportError(where, f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise ExportError(where, "invalid JSON: nested too deeply") from None
    except (ValueError, OverflowError) as exc:  # e.g. an integer of 5000 digits
        reason = str(exc).split(";")[0]  # not Python's advice on raising the limit
        raise ExportError(where, f"invalid JSON: {reason}") from None
    if not isinstance(obj, dict):
        raise ExportError(where, "expected a JSON object")
    if "\\u" in line:  # only a \u escape can make a string UTF-8 cannot hold
        _check_unicode(where, obj)
    return obj


def _check_unicode(where: str, obj: dict[str, Any]) -> None:
    """ExportError when a string of `obj` holds a lone surrogate (e.g. "\\ud800")."""
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start].encode("unicode_escape").decode("ascii")
        raise ExportError(where, f"not valid Unicode text: a lone surrogate {bad}") from None


def _json_error(line: str) -> json.JSONDecodeError:
    """The error for `line` without its line break (so the column is on the right line)."""
    try:
        json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        return exc
    raise AssertionError("unreachable: the line did not parse before")


class _CsvFeed:
    """Physical lines for `csv`, one record at a time, so a bad record can be skipped line by
    line: after one, its first line is dropped and the lines after it are read again (an
    unclosed quote must not take the rest of the file with it)."""

    def __init__(self, lines: Iterator[tuple[int, str]]) -> None:
        self._lines = lines
        self._again: list[tuple[int, str]] = []  # to read again, last first
        self.taken: list[tuple[int, str]] = []  # the lines of the record being read
        self._reader = csv.reader(self, strict=True)

    def __iter__(self) -> _CsvFeed:
        return self

    def __next__(self) -> str:
        number, line = self._again.pop() if self._again else next(self._lines)
        self.taken.append((number, line))
        return line

    def record(self) -> list[str] | None:
        """The next record's fields (None at the end); `csv.Error` for a bad one."""
        self.taken = []
        try:
            return next(self._reader, None)
        except csv.Error:
            self._reader = csv.reader(self, strict=True)  # start clean after the bad record
            raise

    @property
    def line(self) -> int:
        """The line the last record started on."""
        return self.taken[0][0] if self.taken else 0

    def drop_first_line(self) -> None:
        """After a bad record: read every line of it but the first again."""
        self._again.extend(reversed(self.taken[1:]))
        self.taken = []


def _csv_reason(exc: csv.Error, feed: _CsvFeed) -> str:
    if "unexpected end of data" in str(exc) or len(feed.taken) > 1:
        return f"bad CSV: a quote opened on this line is never closed ({exc})"
    return f"bad CSV: {exc}"


def _csv_rows(
    path: str, lines: Iterator[tuple[int, str]], notes: ReadNotes = STRICT
) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header of a CSV file and (start line, row) of each record after it."""
    name = display_name(path)
    feed = _CsvFeed(lines)
    try:
        first = feed.record()
    except csv.Error as exc:
        raise ExportError(f"{name}:{feed.line}", _csv_reason(exc, feed)) from None
    header = [cell.strip() for cell in first or []]

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        while True:
            try:
                row = feed.record()
            except csv.Error as exc:
                start = feed.line
                notes.skip(ExportError(f"{name}:{start}", _csv_reason(exc, feed)))
                feed.drop_first_line()
                continue
            if row is None:
                return
            if not row or row == [""]:
                continue
            if len(row) != len(header):
                error = f"expected {len(header)} fields, found {len(row)}"
                notes.skip(ExportError(f"{name}:{feed.line}", error))
                if len(feed.taken) > 1:  # a stray quote may have joined lines: read them again
                    feed.drop_first_line()
                continue
            yield feed.line, dict(zip(header, row, strict=True))

    return header, rows()


# ---------------------------------------------------------------- fields


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
        time = time.replace(tzinfo=tz)
    return _in_years(time, value)


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
        sender = row.get("Sender", "").strip() or ("self" if row["IsSender"] == "1" else "")
        sender, text = _strip_sender_prefix(text, sender)
        if not sender:
            raise ValueError('missing "Sender"')
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
        sender = row["talker"].strip() or ("self" if row["is_sender"] == "1" else "")
        sender, text = _strip_sender_prefix(text, sender)
        if not sender:
            raise ValueError('missing "talker"')
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


# ---------------------------------------------------------------- public readers


def read_messages(
    path: str, tz: tzinfo | None = None, notes: ReadNotes | None = None
) -> Iterator[Located]:
    """Every message of one export file, in file order, texts cut to `MAX_MESSAGE_CHARS`.
    Times without an offset are local in `tz` (default `DEFAULT_TZ`), in every format.
    Raises ExportError (after `notes.skip_bad` skipped bad records); empty → error."""
    tz = tz or zone(DEFAULT_TZ)
    notes = notes if notes is not None else ReadNotes()
    start = _first_content(path, notes)
    if start[1].lstrip().startswith(("{", "[")):
        records: Iterator[Located] = _read_jsonl(path, start, tz, notes)
    else:
        records = _read_csv(path, start[2], tz, notes)
    first = next(records, None)
    if first is None:
        raise ExportError(display_name(path), "no messages")
    for record in chain([first], records):
        cut = capped(record.message)
        if cut is not None:
            notes.truncated += 1
            record = record._replace(message=cut)
        yield record


def in_group_order(records: Iterable[Located]) -> Iterator[Located]:
    """Pass records through; ExportError when one is older than the last of its group."""
    last: dict[str, Located] = {}
    for record in records:
        message = record.message
        group = message.group_id
        previous = last.get(group)
        if previous is not None and message.time < previous.message.time:
            raise ExportError(
                record.where,
                f"out of time order: {record.message.time.isoformat()} is earlier than "
                f"{previous.message.time.isoformat()} at {previous.where} in group {group!r}"
                " (sort the export by time)",
            )
        last[group] = record
        yield record


def read_texts(path: str) -> Iterator[tuple[int, dict[str, Any], str]]:
    """(line, object, text) of a JSONL file whose objects each have a string "text"."""
    name = display_name(path)
    count = 0
    for number, obj in json_objects(path):
        try:
            text = text_of(obj)
        except ValueError as exc:
            raise ExportError(f"{name}:{number}", str(exc)) from None
        count += 1
        yield number, obj, text
    if not count:
        raise ExportError(name, "no records")


def read_labelled(path: str) -> Iterator[tuple[int, str, Label]]:
    """(line, text, gold label) of a labelled JSONL corpus."""
    name = display_name(path)
    for number, obj, text in read_texts(path):
        label = obj.get("label")
        if label is None:
            raise ExportError(f"{name}:{number}", 'missing "label"')
        if label not in LABELS:
            raise ExportError(
                f"{name}:{number}", f"unknown label {label!r} (one of {', '.join(LABELS)})"
            )
        yield number, text, label

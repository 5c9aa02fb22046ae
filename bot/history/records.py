"""Exported history as lines and records: the types every reader shares (`ExportError`,
`ReadNotes`, `Located`, `Conversation`), and the strict line, JSON and CSV readers that name
the file and line of anything bad. See `bot.history.exports` for the formats."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import tzinfo
from itertools import chain
from typing import Any, BinaryIO, NamedTuple

from handlers.zones import zone_named
from policies.events import Message

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
            obj = _json_object(name, number, line)
        except ExportError as exc:
            notes.skip(exc)
            continue
        yield number, obj


# The C scanner `json.loads` runs, called without the Python layers around it (`loads`); a
# decoder sets it in its __init__, which typeshed does not declare.
_SCAN_ONCE: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_JSON_SPACE = " \t\n\r"  # the whitespace `json.loads` allows around a document


def loads(line: str) -> Any:
    """`json.loads(line)`, faster on a line whose value starts at its first character (every
    line a JSONL writer makes): the value is scanned as `json.loads` scans it and kept when
    nothing but JSON whitespace follows. Any other line (leading space, a BOM, extra data, an
    error) is given to `json.loads` itself, so every result and every error is its own."""
    try:
        obj, end = _SCAN_ONCE(line, 0)
    except Exception:  # StopIteration (no value at 0), JSONDecodeError, RecursionError …
        return json.loads(line)
    if end == len(line) or not line[end:].strip(_JSON_SPACE):
        return obj
    return json.loads(line)  # "Extra data"


def _json_object(name: str, number: int, line: str) -> dict[str, Any]:
    """The JSON object on `line`; ExportError (at `name:number`) says what is wrong."""
    try:
        obj = loads(line)
    except (ValueError, OverflowError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        raise ExportError(f"{name}:{number}", _json_reason(exc, line)) from None
    if not isinstance(obj, dict):
        raise ExportError(f"{name}:{number}", "expected a JSON object")
    if "\\u" in line:  # only a \u escape can make a string UTF-8 cannot hold
        _check_unicode(f"{name}:{number}", obj)
    return obj


def _json_reason(exc: Exception, line: str) -> str:
    """What is wrong with the JSON on `line`, which `loads` refused with `exc`."""
    if isinstance(exc, json.JSONDecodeError):
        error = _json_error(line)
        return f"invalid JSON: {error.msg} (column {error.colno})"
    if isinstance(exc, RecursionError):
        return "invalid JSON: nested too deeply"
    reason = str(exc).split(";")[0]  # e.g. an integer of 5000 digits: not Python's advice
    return f"invalid JSON: {reason}"  # on raising the limit


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

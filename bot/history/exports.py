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

from collections.abc import Iterable, Iterator
from datetime import tzinfo
from itertools import chain
from typing import Any

from bot.history.formats import (
    _read_csv,
    _read_jsonl,
    read_conversations,
    text_of,
)
from bot.history.records import (
    DEFAULT_TZ,
    Conversation,
    ExportError,
    Located,
    ReadNotes,
    _first_content,
    display_name,
    json_objects,
    zone,
)
from bot.message_cap import capped
from policies.events import LABELS, Label

__all__ = [  # the readers and types callers use (bot.history.records and .formats have the rest)
    "Conversation",
    "ExportError",
    "Located",
    "ReadNotes",
    "in_group_order",
    "read_conversations",
    "read_labelled",
    "read_messages",
    "read_texts",
    "zone",
]

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

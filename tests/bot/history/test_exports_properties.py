"""Property-based: whatever a history file holds, the `scan` readers yield messages or raise
`ExportError` naming the file (and line) — never another exception, never a message beyond
`MAX_MESSAGE_CHARS`; with `--skip-bad` every record-level problem is skipped and counted.

Examples per `make test`: 120 CSV files, 80 JSON Lines files, 60 arbitrary byte files."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.history.exports import ExportError, Located, ReadNotes, read_messages
from bot.message_cap import MAX_MESSAGE_CHARS

CELL = st.text(alphabet=st.sampled_from('收到a1,"\n\r \t:+-T'), max_size=12) | st.sampled_from(
    ["2026-03-02T08:46:30+08:00", "2026-03-02 08:46:30", "u1", "wxid_a", "1709340390", "收到"]
)
HEADERS = st.sampled_from(
    [
        "time,sender,text",
        "localId,Type,SubType,IsSender,CreateTime,StrContent,StrTime,Sender",
        "MsgSvrID,type_name,is_sender,talker,room_name,msg,CreateTime",
        "Time,SenderName,Sender,TalkerName,Talker,Content",
    ]
)


@st.composite
def csv_files(draw: st.DrawFn) -> str:
    header = draw(HEADERS)
    width = header.count(",") + 1
    rows = draw(st.lists(st.lists(CELL, min_size=width - 1, max_size=width + 1), max_size=8))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow(row)
    body = out.getvalue()
    if draw(st.booleans()):  # break the quoting somewhere
        at = draw(st.integers(0, len(body)))
        body = body[:at] + '"' + body[at:]
    return header + "\n" + body


RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "time": st.sampled_from(["2026-03-02T08:46:30+08:00", "2026-03-02", "x", 5]),
        "sender": st.text(max_size=5) | st.integers(),
        "text": st.text(max_size=20) | st.none(),
        "group": st.text(max_size=5),
    },
)
JSONL_LINES = st.lists(
    RECORDS.map(lambda r: json.dumps(r, ensure_ascii=False)) | st.text(max_size=20), max_size=8
)


def read(content: bytes, notes: ReadNotes, suffix: str) -> Iterator[Located]:
    handle, path = tempfile.mkstemp(suffix=suffix)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        yield from read_messages(path, None, notes)
    finally:
        os.unlink(path)


def first_line(content: bytes) -> int:
    """The number of the first line that is not blank (a CSV file's header)."""
    for number, raw in enumerate(content.split(b"\n"), 1):
        try:
            line = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            continue  # skipped by a lenient read
        if line.strip():
            return number
    return 0


def check(content: bytes, suffix: str) -> None:
    """Strict: messages or an ExportError. Lenient: the same, and no record-level errors."""
    for notes in (ReadNotes(), ReadNotes(skip_bad=10_000)):
        try:
            found = list(read(content, notes, suffix))
        except ExportError as exc:
            assert str(exc).startswith("/") and exc.reason
            if notes.skip_bad:  # only what is wrong with the whole file may still stop a read
                header = exc.reason.startswith("bad CSV") and exc.where.endswith(
                    f":{first_line(content)}"
                )
                assert header or any(
                    reason in exc.reason
                    for reason in ("empty file", "no messages", "missing column", "a JSON array")
                ), exc.reason
            continue
        assert found
        lines = content.count(b"\n") + 1
        assert all(1 <= r.line <= lines for r in found)
        assert all(len(r.message.text) <= MAX_MESSAGE_CHARS for r in found)
        assert len(notes.skipped) <= lines


@settings(max_examples=120, deadline=None)
@given(csv_files())
def test_any_csv_gives_messages_or_a_located_error(text: str) -> None:
    check(text.encode(), ".csv")


@settings(max_examples=80, deadline=None)
@given(JSONL_LINES)
def test_any_json_lines_give_messages_or_a_located_error(lines: list[str]) -> None:
    check(("\n".join(lines) + "\n").encode(), ".jsonl")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_messages_or_a_located_error(content: bytes) -> None:
    check(content, ".txt")

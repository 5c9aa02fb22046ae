"""The offline audit's library: detection over an export's records (the live bot's
`bot.pipeline`), the scan's notes and its per-group summary table.
"""

from __future__ import annotations

import gc
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TextIO

from bot.history.exports import (
    Located,
    ReadNotes,
)
from bot.message_cap import MAX_MESSAGE_CHARS
from bot.pipeline import OptionsFor, Pipeline, scan
from policies.detect import Detector, DetectorOptions
from policies.events import INCIDENT_KINDS, Incident


@dataclass(slots=True)
class ScanTally:
    """What a scan read, for the summary."""

    messages: int = 0
    groups: set[str] | None = None
    notes: ReadNotes | None = None  # bad lines skipped, messages cut to MAX_MESSAGE_CHARS


def detect(
    records: Iterable[Located], options: DetectorOptions | OptionsFor, jobs: int = 1
) -> list[Incident]:
    """Feed messages in order through the live bot's `Pipeline` (`options`: for every group,
    or each group's); the last report of each incident, sorted (`bot.pipeline.scan`). With
    `jobs` > 1 the groups are split over that many worker processes
    (`bot.history.workers`): the same incidents in the same order."""
    options_for = options if callable(options) else (lambda _gid: options)
    messages = (record.message for record in records)
    with rare_collections():
        if jobs > 1:
            from bot.history.workers import detect_in_workers

            return detect_in_workers(messages, options_for, jobs)
        return scan(messages, Pipeline(options_for, Detector()))


@contextmanager
def rare_collections(young: int = 50_000) -> Iterator[None]:
    """The garbage collector's youngest generation collected every `young` new objects
    instead of 700, for the length of a scan (then as it was). What a scan keeps grows all
    along (the classifier's cache, each group's state, the incidents found) and creates few
    cycles, so the default collected ~1/8 of a 1M-message scan's CPU time (300k-message
    slice: 12.5 → 11.1 s, ~1/3 of it in full collections rescanning what is kept)."""
    before = gc.get_threshold()
    gc.set_threshold(young, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def incident_json(incident: Incident) -> dict[str, Any]:
    return {
        "group": incident.group_id,
        "kind": incident.kind,
        "start": incident.start.isoformat(),
        "end": incident.end.isoformat(),
        "members": incident.members,
        "messages": incident.messages,
        "trigger": incident.trigger,
    }


def report_notes(notes: ReadNotes | None, out: TextIO, shown: int = 20) -> None:
    """What the read let pass: each skipped line (the first `shown`) and the count of
    messages cut to MAX_MESSAGE_CHARS for detection."""
    if notes is None:
        return
    if notes.skipped:
        out.write(f"skipped {len(notes.skipped)} bad lines (--skip-bad {notes.skip_bad}):\n")
        out.writelines(f"  {error}\n" for error in notes.skipped[:shown])
        if len(notes.skipped) > shown:
            out.write(f"  … and {len(notes.skipped) - shown} more\n")
    if notes.truncated:
        out.write(
            f"{notes.truncated} messages longer than {MAX_MESSAGE_CHARS} characters were cut "
            f"to {MAX_MESSAGE_CHARS} for detection\n"
        )


def width(text: str) -> int:
    """Terminal columns of `text` (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, columns: int) -> str:
    """`text` cut (with …) and padded to exactly `columns` terminal columns."""
    used = width(text)
    if used <= columns:
        return text + " " * (columns - used)
    out, used = [], 0
    for ch in text:
        if used + width(ch) > columns - 1:
            break
        out.append(ch)
        used += width(ch)
    return "".join(out) + "…" + " " * (columns - used - 1)


def print_summary(incidents: Sequence[Incident], tally: ScanTally, out: TextIO) -> None:
    by_group: dict[str, list[Incident]] = {}
    for incident in incidents:
        by_group.setdefault(incident.group_id, []).append(incident)
    groups = len(tally.groups or ())
    out.write(
        f"{tally.messages} messages in {groups} groups: {len(incidents)} incidents "
        f"in {len(by_group)} groups\n"
    )
    notes = tally.notes
    if notes is not None and (notes.skipped or notes.truncated):
        out.write(
            f"{len(notes.skipped)} bad lines skipped, {notes.truncated} messages cut to "
            f"{MAX_MESSAGE_CHARS} characters\n"
        )
    if not by_group:
        return
    name_cols = min(32, max(width("group"), *(width(g) for g in by_group)))
    header = fit("group", name_cols) + "".join(f"{k:>15}" for k in INCIDENT_KINDS)
    out.write(f"\n{header}  biggest pile-up\n")
    totals: Counter[str] = Counter()
    for group, found in by_group.items():
        counts = Counter(i.kind for i in found)
        totals.update(counts)
        cells = "".join(f"{counts[k]:>15}" for k in INCIDENT_KINDS)
        out.write(f"{fit(group, name_cols)}{cells}  {_biggest(found)}\n")
    cells = "".join(f"{totals[k]:>15}" for k in INCIDENT_KINDS)
    out.write(f"{fit('total', name_cols)}{cells}\n")


def _biggest(incidents: Sequence[Incident]) -> str:
    piles = [i for i in incidents if i.kind in ("stack", "chain")]
    if not piles:
        return "-"
    top = max(piles, key=lambda i: (i.members, i.messages, -i.start.timestamp()))
    when = top.start.strftime("%Y-%m-%d %H:%M")
    return f"{top.kind} of {top.members} members / {top.messages} messages at {when}"

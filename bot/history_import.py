"""`jianfu scan FILE --db PATH`: record the incidents found in exported history in the store.

Idempotent: an incident's id is "<group>/<kind>/<first message id>" and message ids are the
export's own (WeChatMsg localId, PyWxDump MsgSvrID, jianfu `id`) or "<file stem>:<line>",
so scanning the same export again upserts the same rows and adds nothing. (A different
`--stack-members`/`--stack-window` can start a pile-up at a different message, and so give
it a different id: keep the thresholds when re-importing.)

Groups are noted with platform "scan" (unless the bot already knows them from a live platform)
and first/last seen set to the export's first and last message, so `jianfu digest` can name
them and the scheduler never tries to post to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bot.exports import Located
from bot.store.file import database_errors, open_store
from policies.events import Incident

PLATFORM = "scan"


@dataclass(slots=True)
class SeenGroups:
    """What the scan saw of each group: names of senders, the group's title, its time span."""

    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (group, sender) -> name
    titles: dict[str, str] = field(default_factory=dict)
    spans: dict[str, tuple[datetime, datetime]] = field(default_factory=dict)

    def watch(self, records: Iterable[Located]) -> Iterator[Located]:
        """Pass records through, noting names and times."""
        for record in records:
            msg = record.message
            if msg.sender_name:
                self.names[msg.group_id, msg.sender_id] = msg.sender_name
            if msg.group_name:
                self.titles[msg.group_id] = msg.group_name
            first, last = self.spans.get(msg.group_id, (msg.time, msg.time))
            self.spans[msg.group_id] = (min(first, msg.time), max(last, msg.time))
            yield record


@dataclass(frozen=True, slots=True)
class Imported:
    incidents: int  # incidents written (new or updated)
    new: int  # of which were not in the database before
    groups: int


def record_history(
    incidents: Iterable[Incident], seen: SeenGroups, db: Path, now: datetime | None = None
) -> Imported:
    """Upsert every incident (one transaction) and note its group; returns the counts.
    Raises `DatabaseUnavailable` when `db` cannot be opened or written."""
    now = now or datetime.now(UTC)
    store = open_store(db)
    try:
        with database_errors(db, "write to"), store.db.atomic():
            for gid, (first, last) in sorted(seen.spans.items()):
                title = seen.titles.get(gid, "")
                store.touch_group(gid, PLATFORM, title, first)
                store.touch_group(gid, PLATFORM, title, last)
            total = new = 0
            for incident in incidents:
                by = seen.names.get((incident.group_id, incident.trigger_sender), "")
                new += store.upsert_incident(incident, PLATFORM, False, by, now)
                total += 1
    finally:
        store.close()
    return Imported(incidents=total, new=new, groups=len(seen.spans))

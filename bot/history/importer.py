"""`jianfu scan FILE --db PATH`: record the incidents found in exported history in the store.

Idempotent: an incident's id is "<group>/<kind>/<first message id>" and message ids are the
export's own (WeChatMsg localId, PyWxDump MsgSvrID, jianfu `id`) or "<file stem>:<line>",
so scanning the same export again upserts the same rows and adds nothing. (A different
`--stack-members`/`--stack-window` can start a pile-up at a different message, and so give
it a different id: keep the thresholds when re-importing.)

Each group is scanned with its own thresholds, as the live bot would use them
(`saved_options`: the config's `[groups."<id>"]` and what admins saved with `/jianfu set`),
unless the command line gives thresholds for every group.

Groups are noted with platform "scan" (unless the bot already knows them from a live platform)
and first/last seen set to the export's first and last message, so `jianfu digest` can name
them and the scheduler never tries to post to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bot.groups import effective_settings
from bot.history.exports import Located
from bot.pipeline import OptionsFor
from bot.settings import load_settings
from bot.store.file import database_errors, open_store
from policies.detect import DetectorOptions
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
    incidents: Iterable[Incident], seen: SeenGroups, db: str | Path, now: datetime | None = None
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


def saved_options(db: str | Path) -> OptionsFor:
    """Each group's detector options as the live bot would feed its messages with: its
    effective settings (`bot.groups`) for the groups with saved settings in `db`, the
    config's for others.
    The configuration is the one `jianfu run` would load here (`JIANFU_CONFIG`, else
    ./jianfu.toml, else the defaults). Raises `DatabaseUnavailable`, `ConfigError`."""
    settings = load_settings()
    store = open_store(db)
    try:
        with database_errors(db, "read"):
            known = {
                gid: effective_settings(settings, store, gid).detector_options()
                for gid in store.groups_with_saved_settings()
            }
    finally:
        store.close()

    def options_for(group_id: str) -> DetectorOptions:
        options = known.get(group_id)
        return options or settings.group_settings(group_id).detector_options()

    return options_for

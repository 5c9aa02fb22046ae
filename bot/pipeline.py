"""Messages → incidents: one `Detector` fed with each group's own detector options.

The live runtime (`bot.runtime`) and `jianfu scan` both feed messages through a `Pipeline`,
so scan finds what the live bot would with the same settings. The runtime tells it a group's
effective options as it reads them (`use`); scan gives a function that looks them up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from policies.detect import Detector, DetectorOptions, Step
from policies.events import Incident, Message

OptionsFor = Callable[[str], DetectorOptions]  # group id → its detector options


class Pipeline:
    """A `Detector` and the options each group's messages are fed with.

    `defaults(group_id)` gives a group's options until `use` sets them (the runtime keeps them
    from a group's last message or settings change, so `expire` needs no store read).
    `clamp_late`: the live bot counts a slightly late message at its group's latest time;
    an offline scan refuses messages out of order (`Detector.feed`)."""

    def __init__(
        self, defaults: OptionsFor, detector: Detector | None = None, *, clamp_late: bool = False
    ) -> None:
        self.detector = detector or Detector()
        self._defaults = defaults
        self._options: dict[str, DetectorOptions] = {}
        self._clamp_late = clamp_late

    def use(self, group_id: str, options: DetectorOptions) -> None:
        """Feed the group's messages with `options` from now on."""
        self._options[group_id] = options

    def forget(self, group_id: str) -> None:
        """Drop the group's kept options (it left memory; `defaults` applies again)."""
        self._options.pop(group_id, None)

    def groups(self) -> set[str]:
        """Groups whose options are kept."""
        return set(self._options)

    def options_for(self, group_id: str) -> DetectorOptions:
        options = self._options.get(group_id)
        return options or self._defaults(group_id)

    def feed(self, msg: Message) -> Step:
        """One message through the detector, with its group's options."""
        options = self.options_for(msg.group_id)
        return self.detector.feed(msg, options, clamp_late=self._clamp_late)

    def expire(self, now: datetime) -> list[Incident]:
        """Close what has been idle for longer than its group's window."""
        return self.detector.expire(now, options_for=self.options_for)

    def close_all(self) -> list[Incident]:
        return self.detector.close_all()


def incident_order(incident: Incident) -> tuple[Any, ...]:
    """How scan sorts incidents: by group, start, kind and id (unique: one key per incident)."""
    return (incident.group_id, incident.start, incident.kind, incident.id)


def scan(messages: Iterable[Message], pipeline: Pipeline) -> list[Incident]:
    """Feed messages (in time order within each group) and close everything at the end; the
    last report of each incident, sorted by group, start, kind and id.

    `expire()` is not called: an export is sorted only within each group, so no global clock
    can tell that another group went quiet. Each group's windows are pruned as it is fed, and
    `close_all()` settles everything at the end."""
    latest: dict[str, Incident] = {}
    for msg in messages:
        for incident in pipeline.feed(msg).incidents:
            latest[incident.id] = incident
    for incident in pipeline.close_all():
        latest[incident.id] = incident
    return sorted(latest.values(), key=incident_order)

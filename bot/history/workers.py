"""`jianfu scan --jobs N`: the detection split by group over N worker processes.

Groups are independent (a `Detector` keeps state per group, and nothing across groups), so each
group's messages can go to one worker, in their order. The parent reads the export exactly as
a one-process scan does — every check, every error naming file and line, every note, in file
order (`bot.history.exports`) — and sends each message to the worker that owns its group (the
groups in the order they first appear, dealt round) in batches, with the options of the groups
new to that worker. Each worker feeds its messages through the live bot's `Pipeline` with
`bot.pipeline.scan`, the code a one-process scan runs, and sends back its incidents sorted;
the parent merges the sorted lists on the same key (`incident_order`, unique per incident), so
the result is the same list in the same order as one process gives.

Workers are spawned, not forked (the parent may have threads), and import only the detector.
A worker that dies or fails is a `ScanWorkerError` naming it and how; the others are stopped.
"""

from __future__ import annotations

import heapq
import multiprocessing
import signal
import traceback
from collections.abc import Iterable, Iterator
from contextlib import suppress
from datetime import datetime
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any

from bot.history.audit import rare_collections
from bot.pipeline import OptionsFor, Pipeline, incident_order, scan
from policies.detect import Detector, DetectorOptions
from policies.events import Incident, Message

BATCH = 2_000  # messages a send carries (~300 KB pickled): few sends, little held back

# A message as it crosses to a worker: every field but `raw` (no reader of an export sets it,
# and the detector never reads it), as a tuple — pickled several times faster than a Message.
Wire = tuple[str, str, str, str, datetime, str, str, Any, bool | None, tuple[str, ...], str]
Batch = tuple[dict[str, DetectorOptions], list[Wire]]  # options of groups new to the worker


class ScanWorkerError(Exception):
    """A worker process died or failed; `str()` says which one and how."""


def _wire(m: Message) -> Wire:
    return (
        m.id,
        m.group_id,
        m.sender_id,
        m.text,
        m.time,
        m.sender_name,
        m.platform,
        m.type,
        m.is_admin,
        m.mentions,
        m.group_name,
    )


def detect_in_workers(
    messages: Iterable[Message], options_for: OptionsFor, jobs: int
) -> list[Incident]:
    """`bot.pipeline.scan` of `messages` (in time order within each group), each group on one
    of `jobs` worker processes; the same incidents in the same order as one process gives.
    `options_for(group)` is asked once per group, here. Raises `ScanWorkerError`, and whatever
    reading `messages` raises (the workers are stopped first)."""
    owner: dict[str, int] = {}
    batches: list[list[Wire]] = [[] for _ in range(jobs)]
    fresh: list[dict[str, DetectorOptions]] = [{} for _ in range(jobs)]
    with _Workers(jobs) as workers:
        for msg in messages:
            group = msg.group_id
            worker = owner.get(group)
            if worker is None:
                worker = owner[group] = len(owner) % jobs
                fresh[worker][group] = options_for(group)
            batch = batches[worker]
            batch.append(_wire(msg))
            if len(batch) >= BATCH:
                workers.send(worker, (fresh[worker], batch))
                batches[worker], fresh[worker] = [], {}
        for worker in range(jobs):
            workers.send(worker, (fresh[worker], batches[worker]))
            workers.send(worker, None)
        found = [workers.result(worker) for worker in range(jobs)]
    return list(heapq.merge(*found, key=incident_order))


class _Workers:
    """`jobs` spawned worker processes, each with a pipe in and a pipe out."""

    def __init__(self, jobs: int) -> None:
        context = multiprocessing.get_context("spawn")
        self._processes: list[BaseProcess] = []
        self._inboxes: list[Connection] = []
        self._outboxes: list[Connection] = []
        try:
            for index in range(jobs):
                inbox, to_worker = context.Pipe(duplex=False)
                from_worker, outbox = context.Pipe(duplex=False)
                process = context.Process(
                    target=_work,
                    args=(inbox, outbox),
                    name=f"jianfu-scan-{index + 1}",
                    daemon=True,  # never outlives the scan
                )
                process.start()
                inbox.close()  # the worker's ends: with only its copies open, its death
                outbox.close()  # breaks our pipes instead of leaving us waiting
                self._processes.append(process)
                self._inboxes.append(to_worker)
                self._outboxes.append(from_worker)
        except BaseException:
            self.stop()
            raise

    def __enter__(self) -> _Workers:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def send(self, worker: int, batch: Batch | None) -> None:
        """A batch for `worker` (None: no more)."""
        try:
            self._inboxes[worker].send(batch)
        except OSError:  # BrokenPipeError: it is gone
            raise self._died(worker) from None

    def result(self, worker: int) -> list[Incident]:
        """The incidents `worker` found, sorted by `incident_order`."""
        try:
            answer, payload = self._outboxes[worker].recv()
        except (EOFError, OSError):
            raise self._died(worker) from None
        if answer == "error":
            raise ScanWorkerError(f"{self._name(worker)} failed: {payload}")
        return [Incident(*fields) for fields in payload]

    def stop(self) -> None:
        """Close every pipe (a worker still reading stops at the end of its input) and wait
        for the workers; those still running after a few seconds are terminated."""
        for connection in (*self._inboxes, *self._outboxes):
            connection.close()
        for process in self._processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join()

    def _name(self, worker: int) -> str:
        process = self._processes[worker]
        return f"scan worker {worker + 1} of {len(self._processes)} (pid {process.pid})"

    def _died(self, worker: int) -> ScanWorkerError:
        process = self._processes[worker]
        process.join(timeout=5)
        code = process.exitcode
        if code is None:
            how = "stopped answering"
        elif code < 0:
            how = f"was killed by {signal.Signals(-code).name}"
        else:
            how = f"exited with status {code}"
        return ScanWorkerError(
            f"{self._name(worker)} {how} before it finished; no incidents were reported "
            "(out of memory? try fewer --jobs)"
        )


def _work(inbox: Connection, outbox: Connection) -> None:
    """A worker: scan the messages of the batches on `inbox` until None, then send back
    ("done", incidents as field tuples, sorted) or ("error", what went wrong)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    options: dict[str, DetectorOptions] = {}
    pipeline = Pipeline(options.__getitem__, Detector())
    try:
        with rare_collections():
            found = scan(_received(inbox, options), pipeline)
        answer: tuple[str, Any] = ("done", [_fields(incident) for incident in found])
    except EOFError:
        return  # the parent closed our input before the end: it stopped, nothing to answer
    except Exception as exc:
        answer = ("error", "".join(traceback.format_exception_only(exc)).strip())
    with suppress(OSError):  # the parent is gone
        outbox.send(answer)


def _received(inbox: Connection, options: dict[str, DetectorOptions]) -> Iterator[Message]:
    while True:
        batch: Batch | None = inbox.recv()
        if batch is None:
            return
        fresh, wires = batch
        options.update(fresh)
        for wire in wires:
            yield Message(*wire)


def _fields(incident: Incident) -> tuple[Any, ...]:
    return (
        incident.id,
        incident.group_id,
        incident.kind,
        incident.start,
        incident.end,
        incident.members,
        incident.messages,
        incident.trigger,
        incident.trigger_sender,
        incident.trigger_message_id,
        incident.opened,
        incident.closed,
    )

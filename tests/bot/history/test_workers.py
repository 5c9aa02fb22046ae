"""`jianfu scan --jobs N` (bot.history.workers): the groups split over worker processes give
the same incidents in the same order as one process; bad input still names file and line;
a worker that dies is a clear error."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.history.audit import detect
from bot.history.exports import Located, ReadNotes, in_group_order, read_messages
from bot.history.workers import BATCH, ScanWorkerError
from policies.detect import DetectorOptions
from tests.conftest import write

CORPORA = Path(__file__).resolve().parents[3] / "corpora"
CONVERSATIONS = [
    CORPORA / "dev_conversations.jsonl",
    CORPORA / "pattern_conversations.jsonl",
    CORPORA / "real" / "real_conversations.jsonl",
]


def export_lines(copies: int) -> list[str]:
    """The corpora's conversations (pile-ups, 接龙, demands, chatter), each copied into
    `copies` groups a few minutes apart, interleaved in one time-ordered JSONL export."""
    rows = []
    for path in CONVERSATIONS:
        for record in read_messages(str(path)):
            msg = record.message
            for copy in range(copies):
                time = msg.time + timedelta(minutes=7 * copy)
                group = f"{msg.group_id}#{copy}"
                rows.append((time, group, msg.sender_id, msg.text))
    rows.sort(key=lambda row: row[0])  # stable: each group keeps its order
    return [
        json.dumps({"time": t.isoformat(), "group": g, "sender": s, "text": x}, ensure_ascii=False)
        + "\n"
        for t, g, s, x in rows
    ]


@pytest.fixture(scope="module")
def big_export(tmp_path_factory: pytest.TempPathFactory) -> str:
    lines = export_lines(copies=30)
    assert len(lines) > 2 * BATCH  # several batches per worker
    path = tmp_path_factory.mktemp("export") / "export.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return str(path)


def records(path: str) -> Iterator[Located]:
    return in_group_order(read_messages(path, None, ReadNotes()))


def by_group(group: str) -> DetectorOptions:
    """Options that differ between groups, as saved settings do."""
    return DetectorOptions(stack_members=3 + ord(group[-1]) % 3)


@pytest.mark.parametrize("jobs", [2, 3])
def test_same_incidents_in_the_same_order_as_one_process(big_export: str, jobs: int) -> None:
    one = detect(records(big_export), DetectorOptions(), jobs=1)
    assert {i.kind for i in one} == {"stack", "chain", "ack_request", "proof_request"}
    assert detect(records(big_export), DetectorOptions(), jobs=jobs) == one


def test_each_group_keeps_its_own_options_in_a_worker(big_export: str) -> None:
    one = detect(records(big_export), by_group, jobs=1)
    assert one != detect(records(big_export), DetectorOptions(), jobs=1)  # the options matter
    assert detect(records(big_export), by_group, jobs=2) == one


def test_cli_output_is_the_same_with_jobs(
    capsys: pytest.CaptureFixture[str], big_export: str
) -> None:
    outputs = []
    for argv in (["--jobs", "1"], ["--jobs", "2"], []):
        assert main(["scan", *argv, big_export, str(CONVERSATIONS[0])]) == 0
        outputs.append(capsys.readouterr())
    assert outputs[0].out and outputs[0] == outputs[1] == outputs[2]
    for argv in (["--jobs", "1"], ["--jobs", "2"]):
        assert main(["scan", "--summary", *argv, big_export]) == 0
        outputs.append(capsys.readouterr())
    assert outputs[3] == outputs[4]


def swapped_in_a_group(lines: list[str], start: int) -> list[str]:
    """`lines` with the first two messages of one group after `start` swapped (out of order)."""
    rows = [json.loads(line) for line in lines]
    first = start
    later = next(
        i
        for i in range(first + 1, len(rows))
        if rows[i]["group"] == rows[first]["group"] and rows[i]["time"] != rows[first]["time"]
    )
    swapped = list(lines)
    swapped[first], swapped[later] = swapped[later], swapped[first]
    return swapped


def test_bad_lines_are_named_as_in_one_process(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = export_lines(copies=10)
    bad = [*lines[:2500], '{"time": "2026-03-02T08:47", "sender": "u"\n', *lines[2500:]]
    path = write(tmp_path, "bad.jsonl", "".join(bad))
    unsorted = write(tmp_path, "unsorted.jsonl", "".join(swapped_in_a_group(lines, 2500)))
    for argv in (
        [path],
        ["--skip-bad", "1", "--summary", path],
        [unsorted],
    ):
        answers = []
        for jobs in ("1", "2"):
            status = main(["scan", "--jobs", jobs, *argv])
            answers.append((status, *capsys.readouterr()))
        assert answers[0] == answers[1]
    assert main(["scan", "--jobs", "2", path]) == 2
    assert capsys.readouterr().err.startswith(f"jianfu: error: {path}:2501: invalid JSON")
    assert main(["scan", "--jobs", "2", unsorted]) == 2
    assert "out of time order" in capsys.readouterr().err


def test_a_worker_that_dies_is_a_clear_error(big_export: str) -> None:
    def killing_one() -> Iterator[Located]:
        for number, record in enumerate(records(big_export)):
            if number == BATCH * 2:  # the workers are busy by now
                worker = multiprocessing.active_children()[0]
                assert worker.pid is not None and worker.name.startswith("jianfu-scan-")
                os.kill(worker.pid, signal.SIGKILL)
            yield record

    with pytest.raises(
        ScanWorkerError, match=r"scan worker \d of 2 \(pid \d+\) was killed by SIGKILL"
    ):
        detect(killing_one(), DetectorOptions(), jobs=2)
    assert not [p for p in multiprocessing.active_children() if p.name.startswith("jianfu-scan")]


def test_jobs_must_be_positive(capsys: pytest.CaptureFixture[str], big_export: str) -> None:
    assert main(["scan", "--jobs", "0", big_export]) == 2
    assert capsys.readouterr().err == "jianfu: error: --jobs must be 1 or more, got 0\n"

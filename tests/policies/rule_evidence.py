"""For every alternative of every detector regex: how many corpus lines is it the only reason for?

An alternative (a word in a list, a branch of a pattern) that decides exactly one line of all
our labelled text was written for that line, and the held-out sets will not have it. Removing
each alternative in turn and re-classifying the lines that contain its literal text tells how
many labels depend on it alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from policies import ack, chain, classify, guards, proof, reply, signature, sure, text

ROOT = Path(__file__).resolve().parents[2]
MODULES: tuple[ModuleType, ...] = (ack, guards, reply, proof, chain, signature, sure)
_LITERAL = re.compile(r"[\u4e00-\u9fff]{1,}")


@dataclass(frozen=True, slots=True)
class Alternative:
    module: str
    name: str  # module attribute (and index, for a tuple of (cue, pattern))
    source: str  # the alternative's own pattern text
    start: int
    end: int  # its span in the whole pattern


def corpus_lines() -> list[str]:
    real = ROOT / "corpora" / "real"
    files = [ROOT / "corpora" / "dev_messages.jsonl", real / "real_messages.jsonl"]
    files += [real / "lookalike_messages.jsonl", real / "recall_messages.jsonl"]
    files += sorted((ROOT / "tests" / "fixtures").glob("probe*_messages.jsonl"))
    lines: list[str] = []
    for path in files:
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                lines.append(json.loads(raw)["text"])
    return lines


def branches(pattern: str) -> Iterator[tuple[int, int]]:
    """Spans of every alternative of every alternation (any depth) in a regex source."""
    stack: list[list[int]] = [[0]]  # per open group: the start of each alternative, then |'s
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            continue
        if ch == "(":
            start = i + 1
            if pattern.startswith("?", start):  # (?:  (?=  (?!  (?<=  (?<!  (?P<name>
                close = pattern.find(":", start) if pattern[start + 1] in ":P" else start + 1
                start = pattern.find(">", start) + 1 if pattern[start + 1] == "P" else close + 1
                if pattern[i + 2] in "=!" or pattern[i + 2 : i + 4] in ("<=", "<!"):
                    start = i + (4 if pattern[i + 2] == "<" else 3)
            stack.append([start])
        elif ch == "|":
            stack[-1].append(i + 1)
        elif ch == ")":
            yield from _spans(stack.pop(), i)
        i += 1
    yield from _spans(stack.pop(), len(pattern))


def _spans(starts: list[int], end: int) -> Iterator[tuple[int, int]]:
    if len(starts) < 2:
        return
    ends = [s - 1 for s in starts[1:]] + [end]
    yield from zip(starts, ends, strict=True)


def _class_end(pattern: str, i: int) -> int:
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def patterns(module: ModuleType) -> Iterator[tuple[str, re.Pattern[str]]]:
    for name, value in vars(module).items():
        if isinstance(value, re.Pattern):
            yield name, value
        elif (
            isinstance(value, tuple)
            and value
            and all(
                isinstance(v, tuple) and len(v) >= 2 and isinstance(v[-1], re.Pattern)
                for v in value
            )
        ):
            for index, row in enumerate(value):
                yield f"{name}[{index}]", row[-1]  # (cue, pattern) or (cue, gates, pattern)


def _set(module: ModuleType, name: str, pattern: re.Pattern[str]) -> None:
    if "[" in name:
        attr, index = name[:-1].split("[")
        rows = list(getattr(module, attr))
        rows[int(index)] = (*rows[int(index)][:-1], pattern)
        setattr(module, attr, tuple(rows))
    else:
        setattr(module, name, pattern)


def _labels(lines: list[str]) -> list[tuple[str, bool]]:
    """Each line's label and whether its demand is `sure` (policies.sure changes no label)."""
    classify.classify.cache_clear()
    chain.parse_chain.cache_clear()
    return [(found.label, found.sure) for found in map(classify.classify, lines)]


def one_line_rules(labelled: list[str], other: list[str]) -> list[tuple[Alternative, str]]:
    """Alternatives whose literal occurs in exactly one line of all the corpora (`labelled` and
    `other`, e.g. the non-work text) and which alone decide that line's label or `sure`."""
    lines = labelled + other
    folded = [text.fold(line) for line in lines]
    found: list[tuple[Alternative, str]] = []
    for module in MODULES:
        for name, compiled in list(patterns(module)):
            source = compiled.pattern
            for start, end in sorted(set(branches(source))):
                branch = source[start:end]
                if "|" in branch:
                    continue  # a branch of branches: its own branches are checked one by one
                literal = max(_LITERAL.findall(branch), key=len, default="")
                hits = [k for k, f in enumerate(folded) if literal in f] if literal else []
                if len(hits) != 1:
                    continue
                line = lines[hits[0]]
                before = _labels([line])
                try:
                    without = re.compile(_without(source, start, end), compiled.flags)
                except re.error:
                    continue
                _set(module, name, without)
                try:
                    after = _labels([line])
                finally:
                    _set(module, name, compiled)
                if after != before:
                    found.append(
                        (Alternative(module.__name__, name, source[start:end], start, end), line)
                    )
    _labels([])
    return found


def _without(source: str, start: int, end: int) -> str:
    """`source` with the branch at start:end and one of the bars beside it removed."""
    if start and source[start - 1] == "|":
        return source[: start - 1] + source[end:]
    return source[:start] + source[end + 1 :]  # a group's first branch: drop the bar after it


def noise_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted((ROOT / "corpora" / "noise").glob("*.txt")):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines

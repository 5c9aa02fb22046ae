"""Do two source trees' `jianfu scan` find the same incidents? For speed rounds, which must
change no result (`classify_identity.py` checks the classifier alone).

    git archive main | tar -x -C /tmp/main
    python benchmarks/scan_identity.py /tmp/main .                    # 200k generated messages
    python benchmarks/scan_identity.py /tmp/main . --messages 1000000

Writes one generated multi-group export (`bench_classify.export_lines`: chatter, notices, the
pile-ups they cause, 接龙 lists, demands), then runs each tree's `jianfu scan` on it, in its own
process, as JSONL, as `--summary`, with thresholds of its own (`--stack-members 3
--stack-window 10 --chain-participants 3`) and with `--jobs 2`; and as JSONL on each open
conversation file of the corpora (held-out sets are left out). Prints, per run, the incidents
and whether the two outputs are byte for byte the same — never a message's text.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_classify import export_lines

ROOT = Path(__file__).resolve().parent.parent
HELD_OUT = (
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout_conversations",
    "probe9",
)
RUNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("JSONL", ()),
    ("--summary", ("--summary",)),
    (
        "own thresholds",
        ("--stack-members", "3", "--stack-window", "10", "--chain-participants", "3"),
    ),
    ("--jobs 2", ("--jobs", "2")),
)


def conversation_files(tree: Path) -> list[str]:
    """The open conversation files (relative to `tree`), held-out sets left out."""
    found = sorted(tree.glob("corpora/**/*conversations.jsonl"))
    found += sorted(tree.glob("tests/fixtures/*conversations.jsonl"))
    names = [str(path.relative_to(tree)) for path in found]
    return [name for name in names if not any(mark in name for mark in HELD_OUT)]


def scan(tree: Path, files: list[str], flags: tuple[str, ...]) -> bytes:
    """What the tree's `jianfu scan FILES FLAGS` prints (it must succeed)."""
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "scan", *files, *flags],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"{tree}: jianfu scan failed: {done.stderr.decode(errors='replace')[-500:]}")
    return done.stdout


def compare(name: str, before: bytes, after: bytes) -> bool:
    same = before == after
    digest = hashlib.sha1(after).hexdigest()[:12]
    lines = after.count(b"\n")
    verdict = "identical" if same else f"DIFFER (before {len(before)} bytes, after {len(after)})"
    print(f"  {name:<40} {lines:>8} lines  {verdict}  (digest {digest})")
    return same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--messages", type=int, default=200_000, help="generated export size")
    parser.add_argument("--groups", type=int, default=2_000, help="groups in it")
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args(argv)
    before, after = args.before.resolve(), args.after.resolve()
    same = True
    with tempfile.TemporaryDirectory(prefix="jianfu-scan-identity-") as tmp:
        export = Path(tmp) / "export.jsonl"
        with export.open("w", encoding="utf-8") as out:
            out.writelines(export_lines(args.messages, args.groups, seed=args.seed))
        print(f"generated export: {args.messages:,} messages in {args.groups} groups")
        for name, flags in RUNS:
            files = [str(export)]
            same &= compare(name, scan(before, files, flags), scan(after, files, flags))
    names = conversation_files(after)
    if names != conversation_files(before):
        print("the trees hold different conversation files: compare trees with the same corpora")
        return 2
    print(f"open conversation files: {len(names)}")
    for name in names:
        same &= compare(name, scan(before, [name], ()), scan(after, [name], ()))
    print("scan output: " + ("identical" if same else "DIFFERENT"))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

"""Write a generated source file, or check that the checked-in one is current (`--check`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def write_or_check(target: Path, text: str, *, check: bool, remedy: str) -> int:
    """Write `text` to `target`; with `check`, exit status 1 (and say `remedy`) when they differ."""
    if check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target.name} is stale: run `{remedy}`", file=sys.stderr)
            return 1
        print(f"{target.name}: up to date")
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target.name} ({len(text) // 1024} KB)")
    return 0


def main(
    argv: list[str] | None, doc: str, target: Path, render: Callable[[], str], remedy: str
) -> int:
    """A generator's command line: `--check` exits 1 when `target` is stale, else it is rewritten
    (`render` runs only once the arguments are read: `--help` builds nothing)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--check", action="store_true", help=f"exit 1 when {target.name} is stale")
    args = parser.parse_args(argv)
    return write_or_check(target, render(), check=args.check, remedy=remedy)

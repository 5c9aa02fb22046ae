"""Write a generated source file, or check that the checked-in one is current (`--check`)."""

from __future__ import annotations

import sys
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

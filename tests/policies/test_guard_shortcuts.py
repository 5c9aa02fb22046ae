"""The guards' cheap first checks change no answer: `told` returns at once on a 请 (each of its
readings needs the 请 absent), `addresses_one` looks for the many before the one."""

from __future__ import annotations

import json
from pathlib import Path

from policies import guards
from policies.text import fold

ROOT = Path(__file__).resolve().parents[2]


def _told_in_full(folded: str) -> str | None:
    """`told` read as it was written before its shortcut."""
    rule = guards._NARRATED.search(folded)
    asked_first = rule is not None and guards._ASKS.search(folded, 0, rule.start()) is not None
    if rule is not None and not asked_first and "请" not in folded:
        return rule.group()
    told_ = guards._TOLD.search(folded)
    asked = guards._ASKS_READERS.search(folded)
    if told_ is not None and asked is None:
        return told_.group()
    return guards._habit(folded) or guards._about_one(folded) or guards._someone_said(folded)


def _texts() -> list[str]:
    path = ROOT / "corpora" / "dev_messages.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [fold(row["text"]) for row in rows]


def test_a_please_asks_the_readers_in_both_readings() -> None:
    assert guards._ASKS_READERS.search("请") is not None  # what the shortcut relies on
    assert guards.told("该县要求驻村干部每天拍照发群") is not None
    assert guards.told("该县要求驻村干部每天拍照发群,请各村照做") is None


def test_told_and_addresses_one_answer_as_in_full_on_the_dev_set() -> None:
    texts = _texts()
    for folded in texts + [t + "请" for t in texts[:200]]:
        assert guards.told(folded) == _told_in_full(folded)
        one = bool(guards._ONE_ADDRESSEE.search(folded)) or guards.asks_if_there(folded) is not None
        assert guards.addresses_one(folded) == (one and not guards.GROUP_ADDRESSEE.search(folded))

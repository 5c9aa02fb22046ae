"""`policies.segment` replaces jieba.posseg's Viterbi with one that skips the transitions jieba's
table lacks: its result must be jieba's own to the bit (probability and route), on every run of
characters the dictionary leaves to it."""

from __future__ import annotations

import json
from pathlib import Path

import jieba.posseg
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

from policies import segment

ROOT = Path(__file__).resolve().parents[2]


def _runs(texts: list[str]) -> list[str]:
    """The runs jieba.posseg hands to its Viterbi while it tags `texts`."""
    found: list[str] = []

    def record(obs: str, *tables: object) -> object:
        found.append(obs)
        return segment._JIEBA_VITERBI(obs, *tables)

    jieba.posseg.viterbi = record
    try:
        for text in texts:
            jieba.posseg.lcut(text)
    finally:
        jieba.posseg.viterbi = segment._viterbi
    return list(dict.fromkeys(found))


def _same(runs: list[str]) -> None:
    for obs in runs:
        tables = (char_state_tab_P, start_P, trans_P, emit_P)
        assert segment._viterbi(obs, *tables) == segment._JIEBA_VITERBI(obs, *tables), obs


def test_posseg_calls_the_fast_viterbi() -> None:
    assert jieba.posseg.viterbi is segment._viterbi


def test_the_same_route_on_the_open_sets() -> None:
    path = ROOT / "corpora" / "real" / "real_messages.jsonl"
    texts = [json.loads(line)["text"][:80] for line in path.open(encoding="utf-8") if line.strip()]
    runs = _runs(texts[:400])
    assert len(runs) > 100
    _same(runs)


def test_the_same_route_on_unseen_runs() -> None:
    """Names, typos, mixed scripts, a lone character: words no dictionary has."""
    _same(
        ["嘎嘣脆", "郑晓瑜收", "乌鲁木齐路", "丌官", "abc", "龘靐", "x", "卍卐", "喵喵喵喵喵喵喵喵"]
    )

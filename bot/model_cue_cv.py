"""Would a veto that knows the rules' cue do better? Nested k-fold cross-validation.

    python -m bot.model_cue_cv               # 5 outer folds, 4 inner, lost demand weighed 8
    python -m bot.model_cue_cv --cost 4

`bot.model_cv` retrains the shipped model's label posterior. This asks a narrower question of
the lines where the rules make a demand the model may judge (`bot.model_cv.rules_reading`): is
it a true demand? Logistic regression over what the rules expose — the cue, the cue with `sure`
(the demand aimed at the group), whether a second demand rides along, the length in bands —
and the character 1–3 grams. Trained on dev, probes 1–8 and the other folds of the real open
sets (`SETS`, counted `OPEN_WEIGHT` times), classes weighted to balance. A veto is allowed per
cue, under a threshold chosen for that cue by an inner cross-validation on the training folds
alone (the accused it spares minus `--cost` times the demands it loses; no gain, no veto), so
no threshold is set on the fold it is scored on. The held-out sets are never read.
"""

from __future__ import annotations

import argparse
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.model_build import ROOT, training_files
from bot.model_cv import DEMANDS, TUNING, Line, figures, read, rules_reading
from policies import model
from policies.classify import classify
from policies.events import Label
from policies.normalize import normalize
from policies.sure import sure_cue

SETS = (*TUNING, ROOT / "corpora" / "real" / "recall_messages.jsonl")
OPEN_WEIGHT = 3  # a real open line counts this many times against a session-written one
THRESHOLDS = (0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
LENGTHS = (10, 20, 40, 60, 150)  # length bands' upper bounds (the last band is open)


@dataclass(frozen=True, slots=True)
class Judged:
    """A rules' demand the model may judge, with what the rules say about it."""

    line: Line
    cue: str  # the rule's cue, e.g. "demand:reply-confirmation"
    sure: bool  # the demand is aimed at the whole group (`policies.sure`)
    also: bool  # a second demand rides along
    true: bool  # the gold label is a demand: the rules were right to speak
    weight: float  # how much the line counts in training


def judged(line: Line, weight: float) -> Judged:
    found = classify(line.text)
    cues = tuple(r for r in found.reasons if r != "model:veto")
    sure = sure_cue(line.text, normalize(line.text).folded, cues) is not None
    return Judged(line, cues[0], sure, len(cues) > 1, line.gold in DEMANDS, weight)


def features(item: Judged) -> dict[str, float]:
    body = normalize(item.line.text).body
    found = set(model.grams(item.line.text))
    norm = 1 / math.sqrt(max(1, len(found)))
    band = next((f"len<={n}" for n in LENGTHS if len(body) <= n), f"len>{LENGTHS[-1]}")
    named = {
        f"cue:{item.cue}": 1.0,
        f"cue:{item.cue}:sure={item.sure}": 1.0,
        f"sure={item.sure}": 1.0,
        f"also={item.also}": 1.0,
        band: 1.0,
        "bias": 1.0,
    }
    return {gram: norm for gram in found} | named


class CueVeto:
    """P(the rules' demand is true): logistic regression, SGD, L2, a fixed visiting order."""

    def __init__(self, items: Sequence[Judged], epochs: int = 15) -> None:
        xs = [features(item) for item in items]
        seen = Counter(name for x in xs for name in x)
        self.w = {name: 0.0 for name, n in seen.items() if n >= 2}
        true = sum(1 for item in items if item.true)
        balance = {
            True: len(items) / (2 * max(1, true)),
            False: len(items) / (2 * max(1, len(items) - true)),
        }
        order = list(range(len(items)))
        for epoch in range(epochs):
            order.sort(key=lambda i: (i * 2654435761 + epoch * 40503) % 4294967291)
            rate = 0.5 / (1 + epoch)
            for i in order:
                item = items[i]
                step = (self._p(xs[i]) - item.true) * balance[item.true] * item.weight
                for name, v in xs[i].items():
                    if name in self.w:
                        self.w[name] -= rate * (step * v + 1e-4 * self.w[name])

    def _p(self, x: dict[str, float]) -> float:
        s = sum(self.w.get(name, 0.0) * v for name, v in x.items())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, s))))

    def __call__(self, item: Judged) -> float:
        return self._p(features(item))


def out_of_fold(base: list[Judged], items: list[Judged], folds: int) -> list[float]:
    """P(true) for each of `items`, by a model trained on `base` and the other folds."""
    found = [0.0] * len(items)
    for fold in range(folds):
        fitted = CueVeto(base + [it for i, it in enumerate(items) if i % folds != fold])
        for i, item in enumerate(items):
            if i % folds == fold:
                found[i] = fitted(item)
    return found


def thresholds(items: list[Judged], scores: list[float], cost: float) -> dict[str, float]:
    """Per cue, the threshold that spares the most accused for `cost` per demand lost (0: none)."""
    chosen: dict[str, float] = {}
    for cue in {item.cue for item in items}:
        mine = [(s, it.true) for it, s in zip(items, scores, strict=True) if it.cue == cue]
        gains = [
            (sum(cost * -1 if true else 1 for s, true in mine if s < t), t) for t in THRESHOLDS
        ]
        gain, best = max(gains, key=lambda g: (g[0], -g[1]))
        chosen[cue] = best if gain > 0 else 0.0
    return chosen


def vetoed(base: list[Judged], items: list[Judged], folds: int, cost: float) -> set[int]:
    """Indexes of `items` vetoed out of fold, each fold's thresholds set by an inner CV."""
    out: set[int] = set()
    for fold in range(folds):
        train = [it for i, it in enumerate(items) if i % folds != fold]
        limits = thresholds(train, out_of_fold(base, train, folds - 1), cost)
        fitted = CueVeto(base + train)
        for i, item in enumerate(items):
            if i % folds == fold and fitted(item) < limits.get(item.cue, 0.0):
                out.add(i)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cost", type=float, default=8.0, help="a lost demand, in accused")
    args = parser.parse_args(argv)
    lines = [Line(t, g, *rules_reading(t)) for path in SETS for t, g in read(path)]
    training = [Line(t, g, *rules_reading(t)) for p in training_files() for t, g in read(p)]
    base = [judged(line, 1.0) for line in training if line.judged]
    where = [i for i, line in enumerate(lines) if line.judged]
    items = [judged(lines[i], OPEN_WEIGHT) for i in where]
    veto = {where[i] for i in vetoed(base, items, args.folds, args.cost)}

    start = 0
    for path in SETS:
        span = range(start, start + len(read(path)))
        start += len(span)
        print(f"{path.relative_to(ROOT)} ({len(span)} lines)")
        shipped: list[tuple[Label, Label]] = [
            (lines[i].gold, classify(lines[i].text).label) for i in span
        ]
        for name, pairs in (
            ("rules alone", [(lines[i].gold, lines[i].rules) for i in span]),
            ("shipped model", shipped),
            (
                "cue veto, out of fold",
                [(lines[i].gold, "other" if i in veto else lines[i].rules) for i in span],
            ),
            (
                "cue veto or shipped",
                [(g, "other" if i in veto else s) for i, (g, s) in zip(span, shipped, strict=True)],
            ),
        ):
            print(f"  {name:<24} {figures(pairs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

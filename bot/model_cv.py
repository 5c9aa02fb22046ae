"""Would the model veto better if it also learned from real text? k-fold cross-validation.

    python -m bot.model_cv                       # naive Bayes, 5 folds
    python -m bot.model_cv --kind lr             # logistic regression over the same grams
    python -m bot.model_cv --weight 3 --any-length

The shipped model (`policies.model`) is trained on short work-chat lines only (dev, probes 1–8).
This trains it again on those plus the real tuning sets (`TUNING`) minus one fold, and lets it
judge the rules' demands in that fold: every tuning line is scored by a model that never saw it,
so the figure is not a training-set figure. The held-out sets (heldout*, probe 9) are never read.

The rules' verdict is read from `classify` itself (a demand the shipped model vetoed carries
`model:veto` after its cue), so the rules are the product's; only the veto is re-decided.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.evaluation import score
from bot.model_build import MIN_COUNT, ROOT, training_files
from policies import model
from policies.classify import UNVETOED_REPLY, classify
from policies.events import LABELS, Label
from policies.proof import STRUCTURED_SHAPES

TUNING = (
    ROOT / "corpora" / "real" / "real_messages.jsonl",
    ROOT / "corpora" / "real" / "lookalike_messages.jsonl",
)
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
DEMANDS = ("ack_request", "proof_request")


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    gold: Label
    rules: Label  # the label the rules give, before any veto
    judged: Label | None  # the demand the model is asked about (None: not the model's to veto)


def rules_reading(text: str) -> tuple[Label, Label | None]:
    """(the rules' label, the demand a veto would judge) — from `classify`'s own verdict."""
    found = classify(text)
    if "model:veto" in found.reasons:
        vetoed: Label = "proof_request" if found.reasons[0].startswith("proof:") else "ack_request"
        return vetoed, vetoed
    if found.label == "proof_request" and found.reasons[0] not in STRUCTURED_SHAPES:
        return found.label, "proof_request"
    if found.label == "ack_request" and found.reasons[0] not in UNVETOED_REPLY:
        return found.label, "ack_request"
    return found.label, None  # no demand, or one the model may not veto (a chase, a done check-in)


def read(path: Path) -> list[tuple[str, Label]]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line)
    return [(row["text"], row["label"]) for row in rows]


class NaiveBayes:
    """`policies.model`'s naive Bayes, fitted in memory (same grams, smoothing, √n scaling)."""

    def __init__(self, rows: Sequence[tuple[str, Label]], weights: Sequence[int]) -> None:
        counts = {label: Counter[str]() for label in LABELS}
        priors: Counter[str] = Counter()
        for (text, label), weight in zip(rows, weights, strict=True):
            priors[label] += weight
            for gram in model.grams(text):
                counts[label][gram] += weight
        overall: Counter[str] = Counter()
        for per_label in counts.values():
            overall.update(per_label)
        denominators = [sum(counts[label].values()) + len(overall) for label in LABELS]
        self.unseen = tuple(-math.log(d) for d in denominators)
        known = sum(priors.values())
        self.prior = [
            math.log(priors[label] / known) if priors[label] else -99.0 for label in LABELS
        ]
        self.table = {
            gram: tuple(
                math.log(counts[label][gram] + 1) - math.log(d)
                for label, d in zip(LABELS, denominators, strict=True)
            )
            for gram, n in overall.items()
            if n >= MIN_COUNT and "\t" not in gram and "\n" not in gram
        }

    def __call__(self, text: str) -> dict[str, float]:
        found = model.grams(text)
        rows = [self.table.get(gram, self.unseen) for gram in found]
        evidence = [sum(c) for c in zip(*rows, strict=True)] if rows else list(self.unseen)
        scale = math.sqrt(max(1, len(found)))
        return _softmax([p + e / scale for p, e in zip(self.prior, evidence, strict=True)])


def _features(text: str) -> dict[str, float]:
    """Gram presence over √(distinct grams), so a long text does not outvote a short one, and
    the message's length in four bands (a notice is short; a column telling of one is long)."""
    found = set(model.grams(text))
    norm = 1 / math.sqrt(max(1, len(found)))
    n = len(text)
    bands = [
        ("#≤20", n <= 20),
        ("#≤60", 20 < n <= 60),
        ("#≤150", 60 < n <= 150),
        ("#>150", n > 150),
    ]
    return {gram: norm for gram in found} | {name: 1.0 for name, on in bands if on} | {"#": 1.0}


class LogisticRegression:
    """Multinomial logistic regression over the same grams: SGD, L2, a fixed visiting order."""

    def __init__(
        self, rows: Sequence[tuple[str, Label]], weights: Sequence[int], epochs: int = 12
    ) -> None:
        xs = [_features(text) for text, _ in rows]
        seen = Counter(name for x in xs for name in x)
        self.w = {name: [0.0] * len(LABELS) for name, n in seen.items() if n >= 2}
        ys = [LABELS.index(label) for _, label in rows]
        order = list(range(len(rows)))
        for epoch in range(epochs):
            order.sort(key=lambda i: (i * 2654435761 + epoch * 40503) % 4294967291)
            rate = 0.5 / (1 + epoch)
            for i in order:
                x = {k: v for k, v in xs[i].items() if k in self.w}
                p = self._probabilities(x)
                p[ys[i]] -= 1.0
                for name, v in x.items():
                    row = self.w[name]
                    for k in range(len(LABELS)):
                        row[k] -= rate * weights[i] * (p[k] * v + 1e-4 * row[k])

    def _probabilities(self, x: dict[str, float]) -> list[float]:
        s = [0.0] * len(LABELS)
        for name, v in x.items():
            for k, w in enumerate(self.w.get(name, ())):
                s[k] += w * v
        return list(_softmax(s).values())

    def __call__(self, text: str) -> dict[str, float]:
        return dict(zip(LABELS, self._probabilities(_features(text)), strict=True))


def _softmax(scores: Sequence[float]) -> dict[str, float]:
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    return {label: e / sum(exp) for label, e in zip(LABELS, exp, strict=True)}


def out_of_fold(
    lines: list[Line], kind: str, folds: int, weight: int
) -> dict[int, dict[str, float]]:
    """For each judged tuning line, the posterior of a model trained without its fold."""
    base = [row for path in training_files() if path not in TUNING for row in read(path)]
    judged: dict[int, dict[str, float]] = {}
    for fold in range(folds):
        rest = [(ln.text, ln.gold) for i, ln in enumerate(lines) if i % folds != fold]
        weights = [1] * len(base) + [weight] * len(rest)
        fitted = (NaiveBayes if kind == "nb" else LogisticRegression)(base + rest, weights)
        for i, ln in enumerate(lines):
            if i % folds == fold and ln.judged:
                judged[i] = fitted(ln.text)
    return judged


def decide(
    line: Line, posterior: dict[str, float] | None, below: float, limit: int | None
) -> Label:
    """The label after the veto, as `policies.model.vetoes` decides it, for another posterior."""
    if line.judged is None or posterior is None:
        return line.rules
    if not model.judges(line.text, limit):
        return line.rules
    return "other" if model.disagrees(posterior, line.judged, below) else line.rules


def figures(pairs: list[tuple[Label, Label]]) -> str:
    s = score(pairs)
    demands = sum(1 for gold, _ in pairs if gold in DEMANDS)
    found = sum(1 for gold, said in pairs if gold in DEMANDS and said == gold)
    return f"macro-F1 {s.macro_f1:.3f}  accused {s.accused:>2}  demands {found}/{demands}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=("nb", "lr"), default="nb")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--weight", type=int, default=1, help="counts of each real line")
    parser.add_argument("--any-length", action="store_true", help="judge every length")
    args = parser.parse_args(argv)
    sets = [(path, read(path)) for path in TUNING]
    lines = [Line(t, g, *rules_reading(t)) for _, rows in sets for t, g in rows]
    posteriors = out_of_fold(lines, args.kind, args.folds, args.weight)
    limit = None if args.any_length else model.JUDGED_CHARS

    start = 0
    for path, rows in sets:
        span = range(start, start + len(rows))
        start += len(rows)
        print(f"{path.relative_to(ROOT)} ({len(rows)} lines)")
        rows_out = [
            ("rules alone", [(lines[i].gold, lines[i].rules) for i in span]),
            (
                "shipped model (never saw it)",
                [(lines[i].gold, classify(lines[i].text).label) for i in span],
            ),
        ]
        for below in THRESHOLDS:
            decided = [
                (lines[i].gold, decide(lines[i], posteriors.get(i), below, limit)) for i in span
            ]
            rows_out.append((f"{args.kind} out of fold, veto < {below:.2f}", decided))
        for name, pairs in rows_out:
            print(f"  {name:<30} {figures(pairs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

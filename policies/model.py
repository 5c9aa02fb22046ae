"""A second opinion from data: naive Bayes over character 1–3 grams of the normalized text.

The rules decide; the model can only veto. A demand is the one label that makes the bot speak
to a whole group, so when the rules say `ack_request` or `proof_request` (by one of the weaker
proof shapes: `policies.proof.STRUCTURED_SHAPES` carry their own evidence) but the model, trained
on the labelled corpora (`bot/model_build.py`), gives that label less than `VETO_BELOW` of its
probability and finds no demand likeliest, the message is `other` with the cue `model:veto` —
unless it opens with a salutation to the group (各位客户经理：…, `policies.sure.salutes_group`):
such a notice is one by its form, and the grams would weigh only its topic. Measured on text
it was not trained on (README, "What it detects"; docs/detection.md, round six): it raises
demand precision on the held-out probe set and spares one accused line in each real set it
touches, at the cost of one true demand in each of three probe sets.

Pure and deterministic: the weights are a generated Python module, parsed on first use.
"""

from __future__ import annotations

import math
from functools import lru_cache

from policies.events import Label
from policies.normalize import normalize
from policies.sure import salutes_group

JUDGED_CHARS = 60  # longer messages (once normalized) carry enough structure for the rules alone
VETO_BELOW = 0.2  # the model's probability for the rules' demand label under which it vetoes


def grams(text: str) -> list[str]:
    """Character 1-, 2- and 3-grams of what the rules read: the folded text without @mentions,
    emoji, stickers or signature (a sticker or a name says nothing about the message)."""
    folded = normalize(text).body
    return [folded[i : i + n] for n in (1, 2, 3) for i in range(len(folded) - n + 1)]


@lru_cache(maxsize=1)
def _weights() -> tuple[tuple[str, ...], list[float], list[float], dict[str, tuple[float, ...]]]:
    from policies import model_weights as w

    denominators = [total + w.VOCABULARY for total in w.TOTALS]
    log_unseen = [-math.log(d) for d in denominators]
    known = sum(w.PRIORS)
    log_prior = [math.log(n / known) for n in w.PRIORS]
    table: dict[str, tuple[float, ...]] = {}
    for row in w.GRAMS.splitlines():
        gram, _, counts = row.partition("\t")
        table[gram] = tuple(
            math.log(int(c) + 1) - math.log(d)
            for c, d in zip(counts.split(","), denominators, strict=True)
        )
    return w.LABELS, log_prior, log_unseen, table


def posterior(text: str) -> dict[str, float]:
    """The model's probability for each label.

    The evidence of n grams is divided by √n: naive Bayes multiplies one factor per gram as if
    they were independent, and a 300-character notice would otherwise be judged with absurd
    certainty (P = 0.000) on style alone. Temperature and threshold were chosen on the real
    quoted messages (`corpora/real/`).
    """
    labels, log_prior, log_unseen, table = _weights()
    found = grams(text)
    unseen = tuple(log_unseen)
    rows = [table.get(gram, unseen) for gram in found]
    evidence = [sum(column) for column in zip(*rows, strict=True)] if rows else unseen
    scale = math.sqrt(max(1, len(found)))
    scores = [prior + e / scale for prior, e in zip(log_prior, evidence, strict=True)]
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    return {label: e / total for label, e in zip(labels, exp, strict=True)}


def vetoes(text: str, label: Label) -> bool:
    """Does the model disagree with the rules' demand `label` for `text`: it gives the label
    less than `VETO_BELOW` and reads the message as no demand at all?"""
    return judges(text, JUDGED_CHARS) and disagrees(posterior(text), label, VETO_BELOW)


def judges(text: str, limit: int | None) -> bool:
    """Is the rules' demand in `text` the model's to judge? Not when the message is longer than
    `limit` (None: any length) — a long notice: the rules' structure is the better judge, and
    it is costly — nor when it opens with a salutation to the group (各位客户经理：, 伙伴们，):
    a notice by its form, whose topic words (客户, 海报) are all the grams would weigh."""
    if limit is not None and too_long(text, limit):
        return False
    return salutes_group(normalize(text).folded) is None


def too_long(text: str, limit: int) -> bool:
    """Longer than `limit` characters, also without its signature and stickers."""
    return len(text) > limit and len(normalize(text).body) > limit


def disagrees(found: dict[str, float], label: Label, below: float) -> bool:
    """Does the posterior `found` veto the rules' demand `label`: under `below` for it, and no
    demand the likeliest label? (A forward-then-reply demand reads to the model like a proof
    demand: it confuses the two demands, and its veto is for messages that are none.)"""
    if found.get(label, 0.0) >= below:
        return False
    return max(found, key=found.__getitem__) not in ("ack_request", "proof_request")

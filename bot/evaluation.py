"""Scoring the classifier: labelled sets, the way people really type them, and non-work text.

- `score` / `gate_verdicts`: precision, recall, F1 per label, macro-F1 and the product's gates
  (macro-F1 ≥ 0.95; precision ≥ 0.97 for the two demands — a false accusation in front of a
  whole group is worse than a miss).
- `VARIANTS`: the same labelled messages as people type them — Traditional script (and Taiwan's
  words), a signature after ("-办公室王芳", any mark) or before ("【三组李四】", "王芳："), "1。",
  "1、" or "①" numbering, an @mention before or after, the message typed twice (glued or with
  a space or mark between), full- or half-width marks, an emoji or sticker, 。！～ at the end.
  Each is a deterministic rewrite that keeps the gold label.
- `noise_flags`: how many lines of real non-work text (dialogue, reviews, news) get any label
  but `other`: each one is a false alarm.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import opencc

from policies.classify import classify
from policies.events import LABELS, Label

PRECISION_GATES: tuple[tuple[Label, float], ...] = (("ack_request", 0.97), ("proof_request", 0.97))
MACRO_F1_GATE = 0.95


@dataclass(frozen=True, slots=True)
class LabelScore:
    label: Label
    precision: float
    recall: float
    f1: float
    support: int  # gold messages with this label


@dataclass(frozen=True, slots=True)
class Scores:
    per_label: tuple[LabelScore, ...]
    macro_f1: float  # mean F1 over the labels present in gold or predictions
    accuracy: float
    confusion: Counter[tuple[Label, Label]]  # (gold, predicted) → count
    total: int

    def precision(self, label: Label) -> float:
        return next((s.precision for s in self.per_label if s.label == label), 0.0)

    @property
    def accused(self) -> int:
        """`other` messages labelled a demand: the bot would speak to a group for nothing."""
        return self.confusion["other", "ack_request"] + self.confusion["other", "proof_request"]


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def score(pairs: Iterable[tuple[Label, Label]]) -> Scores:
    """Precision, recall, F1 per label, macro-F1 and the confusion of (gold, predicted) pairs."""
    confusion: Counter[tuple[Label, Label]] = Counter(pairs)
    total = sum(confusion.values())
    per_label = []
    for label in LABELS:
        hit = confusion[label, label]
        gold = sum(n for (g, _), n in confusion.items() if g == label)
        said = sum(n for (_, p), n in confusion.items() if p == label)
        if not gold and not said:
            continue
        precision, recall = _ratio(hit, said), _ratio(hit, gold)
        f1 = _ratio(2 * hit, gold + said)
        per_label.append(LabelScore(label, precision, recall, f1, gold))
    macro = sum(s.f1 for s in per_label) / len(per_label) if per_label else 0.0
    correct = sum(confusion[label, label] for label in LABELS)
    return Scores(tuple(per_label), macro, _ratio(correct, total), confusion, total)


def gate_verdicts(scores: Scores) -> list[tuple[str, float, float, bool]]:
    """(name, value, threshold, passed) for each quality gate."""
    gates = [
        (f"{label} precision", scores.precision(label), threshold)
        for label, threshold in PRECISION_GATES
    ]
    gates.append(("macro-F1", scores.macro_f1, MACRO_F1_GATE))
    return [(name, value, limit, value >= limit) for name, value, limit in gates]


def label_all(rows: Iterable[tuple[str, Label]]) -> list[tuple[Label, Label]]:
    """(gold, predicted) for each (text, gold) row."""
    return [(gold, classify(text).label) for text, gold in rows]


@dataclass(frozen=True, slots=True)
class Reminded:
    """What the group would hear: demands labelled (before) and those sure enough to remind."""

    demands: int  # gold demands (ack_request, proof_request)
    demands_flagged: int  # gold demands labelled a demand: each reminded before `sure`
    demands_reminded: int  # … and sure (`Classification.sure`): reminded by default now
    accused: int  # `other` lines labelled a demand: each was a reminder for nothing
    accused_reminded: int  # … and sure: the accusations the group still hears

    def line(self) -> str:
        return (
            f"reminded: demands {self.demands_reminded}/{self.demands} "
            f"(every demand: {self.demands_flagged}/{self.demands}), "
            f"other accused {self.accused_reminded}/{self.accused}"
        )


def reminded(rows: Iterable[tuple[str, Label]]) -> Reminded:
    """Count, over (text, gold) rows, the demands that would be reminded with and without the
    `sure` verdict (a group with `remind_unsure` off hears only sure ones; on is the default)."""
    counts: Counter[str] = Counter()
    for text, gold in rows:
        found = classify(text)
        demand = gold in ("ack_request", "proof_request")
        counts["demands"] += demand
        if found.label not in ("ack_request", "proof_request"):
            continue
        key = "demands" if demand else "accused" if gold == "other" else ""
        if key:
            counts[f"{key}_flagged" if demand else key] += 1
            counts[f"{key}_reminded"] += found.sure
    return Reminded(
        counts["demands"],
        counts["demands_flagged"],
        counts["demands_reminded"],
        counts["accused"],
        counts["accused_reminded"],
    )


# -- the same messages as people type them ----------------------------------------------------

_S2T = opencc.OpenCC("s2t")
_S2TWP = opencc.OpenCC("s2twp")  # Taiwan script and words: 视频 → 影片, 发送 → 傳送
_SIGNATURES = ("-办公室王芳", "（三组 李四）", " —财务科张伟", "，综治办刘洋", " 602室家长")
# How else people sign: any dash or bracket, a space, 、, a unit's box, 部门-姓名, a tilde.
_SIGNED_ANY = (
    "—办公室王芳",
    "（三组李四）",
    " 财务科 张伟",
    "、综治办刘洋",
    "【教务处】",
    "～王芳",
    "(王芳 办公室)",
    " 办公室-王芳",
    " 三组李四",
    "--后勤部赵磊",
)
_SPEAKERS = ("办公室王芳：", "【三组李四】", "财务科张伟 ", "王芳-办公室：")
_SIGNED_ACK_FRONT = ("三组李四", "财务科张伟", "602室家长")  # 三组李四收到: no mark between
_MENTIONS = ("@王主任 ", "@所有人 ", "@张三\u2005")
_MENTIONS_AFTER = (" @王主任", " @所有人", "@张三 @李四", " @全体成员")
_NUMBERED = re.compile(r"(?m)^(\s*)(\d{1,2})[.、．)）]\s*")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_STICKERS = ("[强]", "👍", "[抱拳]", "🙏", "[OK]", "👌🏻", "[玫瑰]", "💪")
_TAILS = ("。", "！", "～", "！！", "~~", "。。。", "!!!", "～～")
_GAPS = (" ", "\n", "，", "。")
_HALF_WIDTH = str.maketrans("，。！？：；（）【】“”", ',.!?:;()[]""')


def _pick(options: tuple[str, ...], text: str) -> str:
    return options[zlib.crc32(text.encode("utf-8")) % len(options)]


def traditional(text: str, label: Label) -> str:
    return str(_S2T.convert(text))


def taiwan(text: str, label: Label) -> str:
    """Traditional script with Taiwan's words (影片, 傳送, 即時, 社群)."""
    return str(_S2TWP.convert(text))


def signed(text: str, label: Label) -> str:
    """A signature after the message (a 接龙 list is signed by its items, so it stays)."""
    return text if label == "chain" else text.rstrip() + _pick(_SIGNATURES, text)


def signed_any(text: str, label: Label) -> str:
    """A signature after the message in any of the ways people set it off."""
    return text if label == "chain" else text.rstrip() + _pick(_SIGNED_ANY, text)


def signed_front(text: str, label: Label) -> str:
    """The speaker first: "办公室王芳：…", "【三组李四】…", an ack as "三组李四收到"."""
    if label == "chain":
        return text
    body = text.lstrip()
    if label != "ack":
        return _pick(_SPEAKERS, text) + body
    glue = "" if "\u4e00" <= body[:1] <= "\u9fff" else " "  # 三组李四收到, 三组李四 ok
    return _pick(_SIGNED_ACK_FRONT, text) + glue + body


def numbered(text: str, label: Label) -> str:
    """Numbered lines written "1。" instead of "1."."""
    return _NUMBERED.sub(lambda m: m.group(1) + m.group(2) + "。", text)


def numbered_other(text: str, label: Label) -> str:
    """Numbered lines written "1、", "1：", "1，" or "①"."""
    mark = _pick(("、", "：", "，", "circled"), text)

    def renumber(match: re.Match[str]) -> str:
        number = int(match.group(2))
        if mark == "circled" and 1 <= number <= len(_CIRCLED):
            return match.group(1) + _CIRCLED[number - 1]
        return match.group(1) + match.group(2) + ("、" if mark == "circled" else mark)

    return _NUMBERED.sub(renumber, text)


def mentioned(text: str, label: Label) -> str:
    return text if label == "chain" else _pick(_MENTIONS, text) + text


def mentioned_after(text: str, label: Label) -> str:
    return text if label == "chain" else text.rstrip() + _pick(_MENTIONS_AFTER, text)


def twice(text: str, label: Label) -> str:
    """The message typed (or pasted) twice in one post."""
    return text if label == "chain" else text + text


def twice_spaced(text: str, label: Label) -> str:
    """Typed twice with a space, a line break or a mark between."""
    return text if label == "chain" else text + _pick(_GAPS, text) + text


def full_width(text: str, label: Label) -> str:
    """Letters, digits and marks typed full width (ＯＫ, 扣１, ！)."""
    return "".join(
        chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else "\u3000" if ch == " " else ch for ch in text
    )


def half_width(text: str, label: Label) -> str:
    """Chinese marks typed half width ("收到,谢谢!", "[接龙]")."""
    return text.translate(_HALF_WIDTH)


def with_sticker(text: str, label: Label) -> str:
    """An emoji or a sticker after the message (收到[强], 请回复👍)."""
    return text if label == "chain" else text.rstrip() + _pick(_STICKERS, text)


def trailing_marks(text: str, label: Label) -> str:
    """The message ending on marks of tone (。 ！！ ～～ 。。。) instead of its own."""
    if label == "chain":
        return text
    return text.rstrip().rstrip("。！!～~.") + _pick(_TAILS, text)


Variant = Callable[[str, Label], str]
# The first five are the ways the issue names; the rest are how else people type.
VARIANTS: tuple[tuple[str, Variant], ...] = (
    ("traditional", traditional),
    ("signed", signed),
    ("numbered 1。", numbered),
    ("@mention", mentioned),
    ("typed twice", twice),
    ("taiwan words", taiwan),
    ("signed any", signed_any),
    ("signed first", signed_front),
    ("numbered 1、①", numbered_other),
    ("@ after", mentioned_after),
    ("twice spaced", twice_spaced),
    ("full width", full_width),
    ("half width", half_width),
    ("sticker", with_sticker),
    ("!~ at end", trailing_marks),
)


# -- false alarms on non-work text ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NoiseResult:
    name: str
    lines: int
    flagged: Counter[Label]  # label → lines that got it (anything but other is a false alarm)
    examples: tuple[tuple[int, Label, str], ...]  # (line number, label, text), the first few

    @property
    def rate(self) -> float:
        return _ratio(sum(self.flagged.values()), self.lines)


def noise_flags(path: Path, keep: int = 5) -> NoiseResult:
    """Classify every non-empty line of a plain-text file of non-work Chinese."""
    flagged: Counter[Label] = Counter()
    examples: list[tuple[int, Label, str]] = []
    lines = 0
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            text = raw.strip()
            if not text:
                continue
            lines += 1
            label = classify(text).label
            if label != "other":
                flagged[label] += 1
                if len(examples) < keep:
                    examples.append((number, label, text))
    return NoiseResult(path.name, lines, flagged, tuple(examples))

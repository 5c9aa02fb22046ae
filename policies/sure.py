"""Is a demand sure enough to say so in front of the whole group? (`Classification.sure`)

Every demand is an incident; the reminder is spoken only when the demand is aimed at the group
by its structure, judged from what already fired and the frame around it:

- addressed: the group named (大家, 各位, 全体, 所有人 / @所有人, 每人, 各单位, 同学们, everyone);
  the members the reading condition picks out (看到的…, 收到通知的…: `policies.reply.READ_CONDITION`);
  the reply asked *in* the group (在群里);
- collective by shape: a chase of those who have not replied, a line to copy and post, a
  check-in, a must-reply (务必/全员…回复), a dictated reply format (回复格式：部门+姓名+收到);
  a structured proof shape (a quota, a routine, the moment, a check-in, a forward's screenshot,
  a chase) or a trace purpose (留痕);
- binding: an obligation (务必, 一律, 尽快, 抓紧) or a deadline (`policies.listener.deadline`:
  17:00前, 下班前, a time word then 前: 今晚…前, 周日前, 月底前);
- for proof, an activity the picture proves (巡查, 学习, 转发 …).

A demand said to one person (您, 你好 — a mail-merge template's each recipient) is aimed at no
group, whatever else it has: it is recorded, its reminder held.

A bare imperative with none of these ("收到请回复", "拍照发群里") is still a demand and recorded,
but it is as likely a prompt, a test line or chat pasted into the group: its reminder is held
(`unsure`) when the group turned `remind_unsure` off (it is on by default).
"""

from __future__ import annotations

import functools
import re

from policies import proof
from policies.guards import WHOLE_GROUP, addresses_one
from policies.lead import compile_lead
from policies.listener import deadline
from policies.reply import READ_CONDITION
from policies.segment import CLAUSE_END, tag_words, word_tags
from policies.signature import is_signature
from policies.text import fold

# Reply shapes that name the group's members or give a collective order.
COLLECTIVE_REPLY = frozenset(
    ("demand:chase-non-repliers", "demand:copy-and-post", "demand:check-in", "demand:must-reply")
)
COLLECTIVE_PROOF = proof.STRUCTURED_SHAPES | {"proof:trace"}
# 看到的请回复, 收到通知的同事: those the reading condition (`policies.reply.READ_CONDITION`)
# picks out, its verb of reading then 的 within the clause.
_PICKED_OUT = re.compile(r"[^，,。]{0,4}的")
_FRAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("in-group", compile_lead(r"在本?群(?!众)")),  # where to do it, not where to send
    ("format", compile_lead(r"(回复|接龙)(格式|模板)|[+＋]\s?(姓名|名字|部门|单位|班级)")),
    ("obliged", compile_lead(r"务必|一律|尽快|抓紧")),
)

# A notice's salutation: the message opens (after a 【title】) by naming the group it speaks to
# and a mark — 各位客户经理：, 全体党员：, 伙伴们，, 亲爱的同学们：, 大家好！, Hi all, — the form a
# notice takes whatever its topic. 大家平时… is a subject, not a salutation; 家人们 is a stream's.
_GROUP_NOUN = r"各位|全体|所有|各(单位|部门|科室|班|村|社区|组|小组|支部|网格|车间|校|年级)"
_SALUTATION = re.compile(
    r"^(【[^】]{1,12}】|\[[^\]]{1,12}\])?\s*"
    r"((" + _GROUP_NOUN + r")[^,，:：。.!！?？\s]{0,8}"
    r"|[^,，:：。.!！?？\s]{0,6}[生学师长志事友伴员部兄弟]们|大家好?)\s?[,，:：!！]"
    r"|^\s*(hi|hello|dear) (all|everyone)\b|^\s*(everyone|all)\s?[,:]"
)


def salutes_group(folded: str) -> re.Match[str] | None:
    """The salutation `folded` opens with, naming the group it speaks to (None: it names none
    at its start), also after the speaker's signature and a colon (办公室王芳：各位同事：…).
    The model's veto leaves such a notice to the rules (`policies.model`)."""
    found = _SALUTATION.search(folded)
    if found is None and ":" in folded:
        speaker, _, said = folded.partition(":")
        found = _SALUTATION.search(said) if is_signature(speaker) else None
    return found


def sure_cue(text: str, folded: str, reasons: tuple[str, ...]) -> str | None:
    """Why the demand with cues `reasons` is aimed at the group (None: not clearly)."""
    if addresses_one(folded):
        return None  # said to one person (您, 你好: a mail-merge's each recipient), not the group
    # `folded` has lost its @mentions: @所有人 / @all are read in the text as typed (folded) —
    # when that is another text (most notices have no mention, emoji or stray space to lose).
    found = _addressed(folded)
    if not found and (typed := fold(text)) != folded:
        found = _addressed(typed)
    if found:
        return f"sure:addressed ({found})"
    for cue in reasons:
        if cue in COLLECTIVE_REPLY or cue in COLLECTIVE_PROOF:
            return f"sure:shape ({cue})"
    picked = _picked_out(folded)
    if picked:
        return f"sure:picked-out ({picked})"
    for name, pattern in _FRAMES:
        framed = pattern.search(folded)
        if framed:
            return f"sure:{name} ({framed.group()})"
    due = deadline(folded)  # by the clock, the day's end, the time asked for or the day
    if due:
        return f"sure:due ({due})"
    proved = any(cue.startswith("proof:") for cue in reasons) and proof.proves_activity(folded)
    return f"sure:proves ({proved.group()})" if proved else None


def _addressed(folded: str) -> str | None:
    """The group named (`policies.guards.WHOLE_GROUP`), as written — not 各 before a verb and its
    count (正反面各拍一张: each one does it; jieba's tags v then m), which names no unit."""
    for found in WHOLE_GROUP.finditer(folded):
        if not (found.group().startswith("各") and _each_does(folded, found.start())):
            return found.group()
    return None


# 各, a verb and the start of its count fit in this many characters (各拍一张, 各上传一份): only
# they are tagged — a clause with 各位 at its head would otherwise be tagged whole for every notice.
_EACH_DOES_SPAN = 6
_CLAUSE_MARK = re.compile(f"[{CLAUSE_END}]")  # what ends a clause (`policies.segment`)


def _each_does(folded: str, at: int) -> bool:
    """Whether the 各 at `at` stands alone before a verb and its count (各拍一张, 各发一张)."""
    span = folded[at : at + _EACH_DOES_SPAN]  # up to its clause's end, if nearer: only the window
    cut = _CLAUSE_MARK.search(span)  # is searched for it, not the whole notice (the window
    span = span[: cut.start()] if cut else span  # cut at its clause's mark: `clause_span`)
    if not _verb_then_count(span[1:]):
        return False  # no dictionary verb then numeral after 各 (各位同事): nothing to tag
    tagged = tag_words(span)  # dictionary words: 各 拍 一张
    flags = [flag[:1] for _, flag in tagged[1:3]]
    return tagged[0][0] == "各" and flags == ["v", "m"]


@functools.cache
def _numeral_starts() -> frozenset[str]:
    """The characters the dictionary's numerals (tagged m…) start with: ~120 of them, read once
    from the dictionary (no word list of the rules)."""
    return frozenset(word[0] for word, tag in word_tags().items() if tag[:1] == "m")


def _numeral_start(chars: str) -> bool:
    """Whether any of `chars` starts a word the dictionary tags a numeral."""
    return not _numeral_starts().isdisjoint(chars)


def _verb_then_count(after: str) -> bool:
    """Whether `after` opens with a word the dictionary tags a verb, then one it tags a numeral —
    what tagging 各 and `after` needs to find; looked up first, as most 各 are 各位 and 各单位.
    The numeral starts after the verb's first character: with no character there that starts
    one (各位同事们), no word is looked up."""
    if not _numeral_start(after[1:]):
        return False
    tags = word_tags()
    for verb_end in range(1, len(after)):
        if tags.get(after[:verb_end], "").startswith("v"):
            rest = after[verb_end:]
            if any(tags.get(rest[:end], "").startswith("m") for end in range(1, len(rest) + 1)):
                return True
    return False


def _picked_out(folded: str) -> str | None:
    """The members a reading condition picks out (看到的, 收到通知的), as written."""
    for found in READ_CONDITION.finditer(folded):
        if found.group(1):
            the = _PICKED_OUT.match(folded, found.end(1))
            if the:
                return folded[found.start() : the.end()]
    return None

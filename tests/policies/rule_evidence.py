"""For every piece of every detector rule: how many corpus lines is it the only reason for?

A piece — an alternative of an alternation (anywhere: in a lookahead or a lookbehind, positive
or negative), a member of a character class with two or more literal members ([测检]), a word
of a word list the policies look words up in at run time (a frozenset, a dict), a Chinese
character a str.translate table rewrites (ack's 噢 → 哦), a word of a module constant a function
reads (a tuple of words, a string of characters looked up in, a one-word string, a (word, tag)
pair: `word_constants`), a word of a literal gate's groups (reply._GATE: `literal_gates`) — that decides
exactly one line of all our labelled text was written for that line, and the held-out sets will
not have it. Removing each piece in turn and re-classifying the lines it can change tells how
many labels depend on it alone.

Which lines can a piece change? Every line is classified once with every pattern noting the
calls made of it. A piece whose removal can only narrow its pattern gets an empty group at its
end: the calls whose matches went through it (the group is set) are the only ones it can
change. A piece whose removal may widen its pattern (in a negative lookaround, a member of a
[^…]) can change only calls whose text has the literals it and the branches around it need. Of
those calls, the ones that answer otherwise without the piece name the lines to re-classify;
counting stops at two.

Not checked (structure, or no word): boundaries and marks ($, \\s, [，。！]); ranges and
categories; classes of more than TABLE_MIN members; signature's word tables, joined into several
patterns each; tables of marks, widths and modifiers; patterns compiled inside functions; literals written inside a function's body
(`"会" in piece`): only module constants are seen.

Why the first version missed 让我 in `(?=…|以便|让我)` after a 1: it looked only at alternatives
whose longest Chinese literal occurs in exactly one line of all the corpora. 让我 is in 146 of
them and decides one (在的话扣个1让我看到你呀) — as do most pieces of a lookaround or a class,
whose literal is common, or (自[测检]) whose literal is 自. It also patched one binding of a
pattern bound twice (reply._ACK_REQUEST and reply._SHAPES hold one object) and left the guards'
caches answering with the old pattern.

A pattern object is patched wherever it is bound (`reply.NOT_DEMAND` is `guards.NOT_DEMAND`),
and every text cache of the policies is cleared around each change.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from policies import (
    ack,
    chain,
    classify,
    detect,
    explain,
    guards,
    listener,
    model,
    narration,
    normalize,
    proof,
    reply,
    segment,
    signature,
    sure,
    text,
)

_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

ROOT = Path(__file__).resolve().parents[2]
# The modules whose rules are checked, and every module a pattern or word list may be bound in.
MODULES: tuple[ModuleType, ...] = (
    ack,
    guards,
    reply,
    proof,
    listener,  # the day or the deadline (proof's _DEADLINE and sure's due frame, until s29)
    narration,
    chain,
    signature,
    sure,
    segment,
    normalize,
    text,
)
_BOUND_IN: tuple[ModuleType, ...] = (*MODULES, classify, detect, explain, model)
# Sets only scored, never read: heldout2…, probe 9 and any later numbered one.
HELD_OUT = re.compile(r"(?:heldout[0-9]+|probe(?:9|[1-9][0-9]+))_")
# Signature's word tables (lists of titles, unit words, kin words, surnames, departments).
_TABLES = [
    value
    for value in vars(signature).values()
    if isinstance(value, list | tuple)
    and len(value) >= 5
    and all(isinstance(v, str) for v in value)
]
# A class with more literal members than this is a table (Traditional characters, surnames),
# built from a list, not a word list written by hand: its members are not checked one by one.
TABLE_MIN = 40


@dataclass(frozen=True, slots=True)
class Alternative:
    module: str
    name: str  # module attribute (and index, for a tuple of (cue, pattern))
    source: str  # the piece's own text
    start: int
    end: int  # its span in the whole pattern (0, 0 for a word of a word list)
    kind: str = "branch"  # branch | class member | word, and where: "… in negative lookahead"


def open_sets() -> list[Path]:
    """Every labelled message set that may be read: the dev set, the real quotes and the
    probes — not the held-out ones (matched by name, so a new heldoutN is left out too)."""
    real = sorted((ROOT / "corpora" / "real").glob("*_messages.jsonl"))
    probes = sorted((ROOT / "tests" / "fixtures").glob("probe*_messages.jsonl"))
    files = [ROOT / "corpora" / "dev_messages.jsonl", *real, *probes]
    return [path for path in files if not HELD_OUT.match(path.name)]


def corpus_lines() -> list[str]:
    lines: list[str] = []
    for path in open_sets():
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                lines.append(json.loads(raw)["text"])
    return lines


def noise_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted((ROOT / "corpora" / "noise").glob("*.txt")):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


# ---------------------------------------------------------------------------------------------
# The pieces of a regex source


@dataclass(frozen=True, slots=True)
class _Piece:
    start: int
    end: int  # the piece's text
    cut: tuple[int, int]  # what removing it removes (a branch takes a bar with it)
    kind: str
    widens: bool = False  # in a negative lookaround or a [^…]: removing it may widen the pattern
    klass: tuple[int, int] = (0, 0)  # a member's class


def branches(pattern: str) -> Iterator[tuple[int, int]]:
    """Spans of every alternative of every alternation (any depth) in a regex source."""
    for piece in _scan(pattern)[0]:
        if piece.kind.startswith("branch"):
            yield piece.start, piece.end


def pieces(pattern: str) -> list[_Piece]:
    """The branches without a bar of their own (a branch of branches is checked branch by
    branch) and the literal members of the classes with two or more of them."""
    found, _ = _scan(pattern)
    bars = list(_bars(pattern))
    return [
        p
        for p in found
        if not (
            p.kind.startswith("branch") and bisect_left(bars, p.start) < bisect_left(bars, p.end)
        )
    ]


def _bars(pattern: str) -> Iterator[int]:
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "[":
            i = _class_end(pattern, i)
            continue
        if pattern[i] == "|":
            yield i
        i += 1


_LOOKAROUND = {
    "=": "lookahead",
    "!": "negative lookahead",
    "<=": "lookbehind",
    "<!": "negative lookbehind",
}


def _scan(pattern: str) -> tuple[list[_Piece], list[tuple[int, int]]]:
    """Every branch and class member, with where it stands; and the span of every branch
    (the whole pattern first), for the literals around a piece."""
    found: list[_Piece] = []
    # per open group: the start of each alternative, and where it stands (lookahead …)
    stack: list[tuple[list[int], str, bool]] = [([0], "", False)]
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            end = _class_end(pattern, i)
            if not _is_lead_guard(pattern, i, end):
                found += _members(pattern, i, end, stack[-1][1], stack[-1][2])
            i = end
            continue
        if ch == "(":
            start, where, negative = i + 1, stack[-1][1], stack[-1][2]
            if pattern.startswith("?", start):  # (?:  (?=  (?!  (?<=  (?<!  (?P<name>
                close = pattern.find(":", start) if pattern[start + 1] in ":P" else start + 1
                start = pattern.find(">", start) + 1 if pattern[start + 1] == "P" else close + 1
                for mark, name in _LOOKAROUND.items():
                    if pattern.startswith(mark, i + 2):
                        start, where = i + 2 + len(mark), name
                        negative = negative or "!" in mark
                        break
            stack.append(([start], where, negative))
        elif ch == "|":
            stack[-1][0].append(i + 1)
        elif ch == ")":
            starts, where, negative = stack.pop()
            found += _branch_pieces(starts, i, where, negative)
        i += 1
    starts, where, negative = stack.pop()
    found += _branch_pieces(starts, len(pattern), where, negative)
    spans = [(0, len(pattern))] + [(p.start, p.end) for p in found if p.kind.startswith("branch")]
    return found, spans


def _branch_pieces(starts: list[int], end: int, where: str, negative: bool) -> Iterator[_Piece]:
    if len(starts) < 2:
        return
    ends = [s - 1 for s in starts[1:]] + [end]
    kind = f"branch in {where}" if where else "branch"
    for k, (s, e) in enumerate(zip(starts, ends, strict=True)):
        cut = (s - 1, e) if k else (s, e + 1)  # a group's first branch: drop the bar after it
        yield _Piece(s, e, cut, kind, negative)


def _class_end(pattern: str, i: int) -> int:
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _is_lead_guard(pattern: str, i: int, end: int) -> bool:
    """`policies.lead`'s guard `(?=[…])(?:` in front of a pattern: made from its branches."""
    return i == 3 and pattern.startswith("(?=[") and pattern.startswith(")(?:", end)


def _members(pattern: str, i: int, end: int, where: str, negative: bool) -> list[_Piece]:
    """The literal members of the class at i:end (not ranges, not \\s, \\d …), when it has two
    or more of them and is no table."""
    j = i + 1
    negated = j < end and pattern[j] == "^"
    j += negated
    literal: list[tuple[int, int]] = []
    while j < end - 1:
        width = 2 if pattern[j] == "\\" else 1
        if pattern[j] == "\\" and (pattern[j + 1].isalnum()):
            j += width  # \s \d \w \u… : a category or a code, no word
            continue
        if pattern.startswith("-", j + width) and j + width + 1 < end - 1:
            j += width + 1 + (2 if pattern[j + width + 1] == "\\" else 1)  # a range
            continue
        literal.append((j, j + width))
        j += width
    if len(literal) < 2 or len(literal) > TABLE_MIN:
        return []
    kind = "negated class member" if negated else "class member"
    kind = f"{kind} in {where}" if where else kind
    widens = negative or negated  # a negative lookaround keeps no group: no mark either
    return [_Piece(s, e, (s, e), kind, widens, (i, end)) for s, e in literal]


def _is_word(source: str, piece: _Piece) -> bool:
    text_ = source[piece.start : piece.end]
    return text_[-1].isalnum() if "class member" in piece.kind else _has_word(text_)


def _tabled(source: str) -> list[tuple[int, int]]:
    """Where `source` holds one of signature's tables joined (titles, unit words, kin, surnames):
    a word there may be joined into several patterns, and removing it from one is no removal."""
    spans: list[tuple[int, int]] = []
    for table in _TABLES:
        for joined in ("|".join(table), "|".join(w for w in table if len(w) > 1)):
            at = source.find(joined)
            while joined and at >= 0:
                spans.append((at, at + len(joined)))
                at = source.find(joined, at + 1)
    return spans


def _has_word(source: str) -> bool:
    """Does a piece name a word — a letter, digit or character of its own, anywhere in it? A
    boundary ($, \\s, [，。！]) or a mark is structure, and no word: it is not checked."""
    try:
        parsed = _parser.parse(source)
    except (re.error, IndexError):
        return True
    return any(chr(arg).isalnum() for op, arg in _literals(list(parsed)) if op is _c.LITERAL)


def _literals(items: list[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
    for op, arg in items:
        if op is _c.LITERAL:
            yield op, arg
        elif op is _c.IN:
            yield from _literals(list(arg))
        elif op is _c.BRANCH:
            for branch in arg[1]:
                yield from _literals(list(branch))
        elif op is _c.SUBPATTERN:
            yield from _literals(list(arg[-1]))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            yield from _literals(list(arg[2]))
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            yield from _literals(list(arg[1]))


def _needs(source: str) -> list[str]:
    """Literal runs that every match of `source` contains (lower case)."""
    try:
        parsed = _parser.parse(source)
    except (re.error, IndexError):
        return []
    runs: list[str] = []
    _collect(list(parsed), runs)
    return runs


def _collect(items: list[tuple[Any, Any]], runs: list[str]) -> None:
    run: list[str] = []
    for op, arg in items:
        if op is _c.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            runs.append("".join(run))
            run = []
        if op is _c.SUBPATTERN:
            _collect(list(arg[-1]), runs)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and arg[0] >= 1:
            _collect(list(arg[2]), runs)
        elif op is _c.ASSERT:  # a positive lookaround's text is in the line too
            _collect(list(arg[1]), runs)
    if run:
        runs.append("".join(run))


def _marked(source: str, found: list[_Piece]) -> tuple[str, dict[_Piece, str]]:
    """`source` with an empty named group at the end of each piece that can only narrow the
    pattern when removed (a class with such members spelled as an alternation of them): the
    group is set in a match exactly when the match went through the piece. A match that did
    not go through it is found the same without it."""
    names: dict[_Piece, str] = {}
    edits: list[tuple[int, int, str]] = []
    classes: dict[tuple[int, int], list[_Piece]] = {}
    for k, piece in enumerate(found):
        if piece.widens:
            continue
        names[piece] = f"_m{k}"
        if piece.klass != (0, 0):
            classes.setdefault(piece.klass, []).append(piece)
        else:
            edits.append((piece.end, piece.end, f"(?P<{names[piece]}>)"))
    for (i, end), members in classes.items():
        spans = {(m.start, m.end) for m in members}
        alternatives = []
        for m in members:
            member = source[m.start : m.end]
            member = member if member.startswith("\\") else re.escape(member)
            alternatives.append(f"{member}(?P<{names[m]}>)")
        rest = "".join(
            source[j] for j in range(i + 1, end - 1) if not any(s <= j < e for s, e in spans)
        )
        if rest:
            alternatives.append(f"[{rest}]")
        edits.append((i, end, "(?:" + "|".join(alternatives) + ")"))
    marked = source
    for start, end, text_ in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
        marked = marked[:start] + text_ + marked[end:]
    return marked, names


# ---------------------------------------------------------------------------------------------
# Where rules are bound, and how to change one


Binding = tuple[ModuleType, str]


def patterns(module: ModuleType) -> Iterator[tuple[str, re.Pattern[str]]]:
    for name, value in vars(module).items():
        if isinstance(value, re.Pattern):
            yield name, value
        elif (
            isinstance(value, tuple)
            and value
            and all(
                isinstance(v, tuple) and len(v) >= 2 and isinstance(v[-1], re.Pattern)
                for v in value
            )
        ):
            for index, row in enumerate(value):
                yield f"{name}[{index}]", row[-1]  # (cue, pattern) or (cue, gates, pattern)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def word_lists(module: ModuleType) -> Iterator[tuple[str, frozenset[str] | set[str] | dict]]:
    """Sets of words (frozensets, sets), dicts keyed by words and translate tables rewriting
    Chinese characters: looked up at run time.
    Cue names (demand:…, proof:…) are no words."""
    for name, value in vars(module).items():
        if isinstance(value, dict) and value and all(isinstance(k, int) for k in value):
            if any(_is_cjk(chr(k)) for k in value):
                yield name, value  # a str.translate table: each Chinese character it rewrites
            continue
        if isinstance(value, frozenset | set | dict) and value:
            keys = list(value)
            if name.startswith("__") or not all(isinstance(k, str) for k in keys):
                continue
            if any(":" in k for k in keys) or all(len(k) == 1 and not _is_cjk(k) for k in keys):
                continue  # cue names; a table of marks, widths or modifiers
            yield name, value


def _get(module: ModuleType, name: str) -> Any:
    if "[" in name:
        attr, index = name[:-1].split("[")
        return getattr(module, attr)[int(index)][-1]
    return getattr(module, name)


def _set(module: ModuleType, name: str, value: Any) -> None:
    if "[" in name:
        attr, index = name[:-1].split("[")
        rows = list(getattr(module, attr))
        rows[int(index)] = (*rows[int(index)][:-1], value)
        setattr(module, attr, tuple(rows))
    else:
        setattr(module, name, value)


def _bindings() -> dict[int, list[Binding]]:
    """Every module attribute (or (cue, pattern) row) each pattern or word list is bound to."""
    found: dict[int, list[Binding]] = {}
    for module in _BOUND_IN:
        for name, compiled in patterns(module):
            found.setdefault(id(compiled), []).append((module, name))
        for name, words in word_lists(module):
            found.setdefault(id(words), []).append((module, name))
    return found


def _caches() -> list[Callable[[], None]]:
    """The text caches of the policies (not the model's weights: no rule reads them; not jieba's
    tag table, `segment.word_tags`, nor the classes read off it, `segment.words_tagged`: a file
    read once, the same whatever a pattern says — clearing it reloaded 349k dictionary lines for
    every piece counted)."""
    tables = (
        getattr(model, "_weights", None),
        getattr(segment, "word_tags", None),
        getattr(segment, "words_tagged", None),  # the dictionary's classes by tag, from word_tags
    )
    clears: dict[int, Callable[[], None]] = {}  # fold is bound in many modules: once
    for module in _BOUND_IN:
        for value in vars(module).values():
            clear = getattr(value, "cache_clear", None)
            if clear is not None and not any(value is table for table in tables):
                clears[id(value)] = clear
    return list(clears.values())


# ---------------------------------------------------------------------------------------------
# Word constants: tuples of words and strings of characters looked up at run time


def word_constants(module: ModuleType) -> Iterator[tuple[str, tuple[str, ...] | str, str]]:
    """Module constants of words the policies read at run time, and how each is read:

    - "class": a string of two or more Chinese characters looked up in (`word[0] in
      _REPLY_VERB`) or gone through (`any(n in text for n in _SOME)`) — each character a word,
      as the members of a [...] of a pattern (no more than TABLE_MIN of them: a longer one is a
      table);
    - "tuple": a tuple of strings with a Chinese word in it (`for pronoun in _THIRD`,
      `text.startswith(_BANNING)`) — each Chinese member a word;
    - "word": any other string of Chinese characters a function reads (`_NEGATION not in near`,
      `text.startswith(_ADVICE)`) — one word;
    - "pair": a word and its tag (`_MODAL = ("会", "v")`) — the word.

    A constant only joined into a pattern at import is the pattern's to check (no function
    reads it); tags (v, n) and marks are no words."""
    try:
        tree = ast.parse(inspect.getsource(module))
    except (OSError, TypeError):
        return
    looked_up: set[str] = set()  # looked up in, or gone through: a class of characters
    read: set[str] = set()  # any name a function reads
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            looked_up.update(
                right.id
                for op, right in zip(node.ops, node.comparators, strict=True)
                if isinstance(op, ast.In | ast.NotIn) and isinstance(right, ast.Name)
            )
        elif isinstance(node, ast.For | ast.comprehension) and isinstance(node.iter, ast.Name):
            looked_up.add(node.iter.id)
        elif isinstance(node, ast.FunctionDef):
            read.update(
                name.id
                for name in ast.walk(node)
                if isinstance(name, ast.Name) and isinstance(name.ctx, ast.Load)
            )
    for name in sorted(read):
        value = vars(module).get(name)
        if isinstance(value, str) and 0 < len(value) <= TABLE_MIN and all(map(_is_cjk, value)):
            yield name, value, "class" if name in looked_up and len(value) > 1 else "word"
        elif isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
            if not any(_is_cjk(ch) for v in value for ch in v):
                continue  # tags, marks
            pair = len(value) == 2 and _is_tag(value[1]) and not _is_tag(value[0])
            yield name, value, "pair" if pair else "tuple"


def _is_tag(word: str) -> bool:
    """A part of speech as jieba tags it (v, n, uj, eng): lower-case Latin letters."""
    return word.isascii() and word.isalpha() and word.islower()


_NO_WORD = "\x00"  # what a one-word constant is bound to when its word is removed: it never occurs


def _constant_bindings(name: str, value: object) -> list[Binding]:
    """Where a constant is bound: its name in every module that has it (imported). Two names
    of one module may hold one string object (的 twice), each a rule of its own."""
    return [(module, name) for module in _BOUND_IN if vars(module).get(name) is value]


def _constant_words(
    lines: _Lines, module: ModuleType, name: str, value: tuple[str, ...] | str, how: str
) -> list[tuple[Alternative, str]]:
    found: list[tuple[Alternative, str]] = []
    where = _constant_bindings(name, value)
    if how == "word":
        members = [value] if isinstance(value, str) else []
    elif how == "pair":
        members = [value[0]]
    else:
        members = sorted({m for m in value if any(map(_is_cjk, m))})
    for member in members:
        ids = lines.having([member])
        if not ids:
            continue
        smaller: Any
        if how == "class":
            smaller, kind = str(value).replace(member, ""), "character in str"
        elif how == "tuple":
            smaller, kind = tuple(v for v in value if v != member), "word in tuple"
        elif how == "pair":
            smaller, kind = (_NO_WORD, *value[1:]), "word of a (word, tag) pair"
        else:
            smaller, kind = _NO_WORD, "word constant"
        changed = _changed(lines, ids, where, smaller)
        if len(changed) == 1:
            found.append(
                (Alternative(module.__name__, name, member, 0, 0, kind), lines.lines[changed[0]])
            )
    return found


# ---------------------------------------------------------------------------------------------
# Counting

SMALL = 64  # a piece whose literals are in this many lines or fewer: re-classify them all


class _Recorder:
    """A pattern that notes every call made of it, and the line being classified."""

    __slots__ = ("calls", "compiled", "flags", "groupindex", "groups", "pattern")
    line = -1

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self.compiled = compiled
        self.calls: dict[tuple[Any, ...], list[int]] = {}
        self.pattern, self.flags = compiled.pattern, compiled.flags
        self.groups, self.groupindex = compiled.groups, compiled.groupindex

    def _call(self, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        key = (method, args, tuple(sorted(kwargs.items()))) if kwargs else (method, args)
        lines = self.calls.get(key)
        if lines is None:
            self.calls[key] = [_Recorder.line]
        elif lines[-1] != _Recorder.line:
            lines.append(_Recorder.line)
        return getattr(self.compiled, method)(*args, **kwargs)

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("search", args, kwargs)

    def match(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("match", args, kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("fullmatch", args, kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("finditer", args, kwargs)

    def findall(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("findall", args, kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("sub", args, kwargs)

    def subn(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("subn", args, kwargs)

    def split(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("split", args, kwargs)


def _answer(compiled: re.Pattern[str], key: tuple[Any, ...]) -> Any:
    """What a recorded call answers, in a form that compares (matches by span and groups)."""
    method, args = key[0], key[1]
    kwargs = dict(key[2]) if len(key) > 2 else {}
    found = getattr(compiled, method)(*args, **kwargs)
    if isinstance(found, re.Match):
        return found.span(), found.groups(), found.lastindex
    if method == "finditer":
        return [(m.span(), m.groups(), m.lastindex) for m in found]
    return found


def _input(key: tuple[Any, ...]) -> str:
    args = key[1]
    text_ = args[1] if key[0] in ("sub", "subn") else args[0]
    return text_ if isinstance(text_, str) else ""


class _Lines:
    """The lines, an index of their characters (as posted and folded, lower case), each line's
    label, and every call each pattern was asked while they were classified."""

    def __init__(self, lines: list[str], bound: dict[int, list[Binding]]) -> None:
        self.lines = lines
        self.texts = [f"{text.fold(line)}\n{line.lower()}" for line in lines]
        self.index: dict[str, set[int]] = {}
        for k, both in enumerate(self.texts):
            for ch in set(both):
                self.index.setdefault(ch, set()).add(k)
        self.labels, self.calls = _record(lines, bound)
        self._keys: dict[int, tuple[list[tuple[Any, ...]], dict[str, set[int]]]] = {}
        self.answers: dict[int, dict[tuple[Any, ...], Any]] = {}  # each pattern's, as it is

    def having(self, needs: list[str]) -> list[int]:
        """The lines with every one of `needs` in them (all lines when none)."""
        needs = [n.lower() for n in needs if n]
        if not needs:
            return list(range(len(self.lines)))
        chars = sorted({ch for n in needs for ch in n}, key=lambda ch: len(self.index.get(ch, ())))
        ids = set(self.index.get(chars[0], ()))
        for ch in chars[1:4]:
            ids &= self.index.get(ch, set())
            if not ids:
                return []
        return sorted(k for k in ids if all(n in self.texts[k] for n in needs))

    def used(
        self, compiled: re.Pattern[str], marked: re.Pattern[str]
    ) -> dict[str, list[tuple[Any, ...]]]:
        """Per mark of `marked`: the calls made of `compiled` that went through it."""
        marks = {k - 1: name for name, k in marked.groupindex.items() if name.startswith("_m")}
        used: dict[str, list[tuple[Any, ...]]] = {}
        for key in self.calls.get(id(compiled), {}):
            method, args = key[0], key[1]
            kwargs = dict(key[2]) if len(key) > 2 else {}
            if method in ("search", "match", "fullmatch"):
                found = getattr(marked, method)(*args, **kwargs)
                matches = [found] if found is not None else []
            elif method in ("finditer", "findall"):
                matches = list(marked.finditer(*args, **kwargs))
            else:  # sub, subn, split: the matches they replace or split at, and maybe more
                matches = list(marked.finditer(_input(key)))
            went = {
                marks[k]
                for m in matches
                for k, g in enumerate(m.groups())
                if g is not None and k in marks
            }
            for name in went:
                used.setdefault(name, []).append(key)
        return used

    def asked(
        self, compiled: re.Pattern[str], needs: list[str]
    ) -> dict[tuple[Any, ...], list[int]]:
        """The calls made of `compiled` whose text has every one of `needs` in it."""
        calls = self.calls.get(id(compiled), {})
        if id(compiled) not in self._keys:
            keys = list(calls)
            index: dict[str, set[int]] = {}
            for k, key in enumerate(keys):
                for ch in set(_input(key)):
                    index.setdefault(ch, set()).add(k)
            self._keys[id(compiled)] = keys, index
        keys, index = self._keys[id(compiled)]
        chars = sorted({ch for n in needs for ch in n}, key=lambda ch: len(index.get(ch, ())))
        ids = set(index.get(chars[0], ())) if chars else set(range(len(keys)))
        for ch in chars[1:4]:
            ids &= index.get(ch, set())
        asked = ((keys[k], _input(keys[k])) for k in sorted(ids))
        return {key: calls[key] for key, text_ in asked if all(n in text_ for n in needs)}


def _record(
    lines: list[str], bound: dict[int, list[Binding]]
) -> tuple[list[tuple[str, bool]], dict[int, dict[tuple[Any, ...], list[int]]]]:
    """Every line's label, classified with every pattern noting the calls made of it."""
    recorders: dict[int, _Recorder] = {}
    for key, where in bound.items():
        compiled = _get(*where[0])
        if isinstance(compiled, re.Pattern):
            recorders[key] = _Recorder(compiled)
            for module, name in where:
                _set(module, name, recorders[key])
    try:
        _clear()
        labels = []
        for k, line in enumerate(lines):
            _Recorder.line = k
            labels.append(_label(line))
    finally:
        for key, recorder in recorders.items():
            for module, name in bound[key]:
                _set(module, name, recorder.compiled)
        _clear()
    return labels, {key: recorder.calls for key, recorder in recorders.items()}


def _label(line: str) -> tuple[str, bool]:
    """A line's label and whether its demand is `sure` (policies.sure changes no label)."""
    try:
        found = classify.classify(line)
    except (IndexError, ValueError, KeyError, re.error):  # a piece the code relies on, removed
        return "error", False
    return found.label, found.sure


_CLEARS: list[Callable[[], None]] = []


def _clear() -> None:
    if not _CLEARS:
        _CLEARS.extend(_caches())
    for clear in _CLEARS:
        clear()


def _differing(
    lines: _Lines,
    compiled: re.Pattern[str],
    without: re.Pattern[str],
    asked: dict[tuple[Any, ...], list[int]],
) -> Iterator[int]:
    """The lines of the calls `without` answers otherwise than `compiled`, as they are found."""
    answers = lines.answers.setdefault(id(compiled), {})
    seen: set[int] = set()
    for key, ids in asked.items():
        if key not in answers:
            answers[key] = _answer(compiled, key)
        if answers[key] != _answer(without, key):
            yield from (k for k in ids if k not in seen)
            seen.update(ids)


def _changed(lines: _Lines, ids: Iterable[int], where: list[Binding], value: Any) -> list[int]:
    """The lines (of `ids`) whose label changes with `value` bound `where`; at most two."""
    was = _get(*where[0])
    _clear()
    for module, name in where:
        _set(module, name, value)
    changed: list[int] = []
    try:
        for k in ids:
            if _label(lines.lines[k]) != lines.labels[k]:
                changed.append(k)
                if len(changed) == 2:
                    break
    finally:
        for module, name in where:
            _set(module, name, was)
        _clear()
    return changed


# ---------------------------------------------------------------------------------------------
# Literal gates: the words a shape cannot match without (reply._GATE), one group a shape


def literal_gates(module: ModuleType) -> Iterator[tuple[str, Any]]:
    """Module constants that gate patterns by their literals: a value with the groups of words it
    was built from (`groups`), a pass that finds them (`scan`, `bits`), and a constructor (`of`)
    that builds it again from groups — `policies.reply._LiteralGate`. A word of a group lets the
    shapes of that group be tried on a text that has it: one that alone decides one line is a
    rule for that line, as a word of a word list is."""
    for name, value in vars(module).items():
        groups = getattr(value, "groups", None)
        if (
            not isinstance(value, type)
            and isinstance(getattr(value, "scan", None), re.Pattern)
            and isinstance(getattr(value, "bits", None), dict)
            and isinstance(groups, tuple)
            and callable(getattr(type(value), "of", None))
        ):
            yield name, value


def _gate_bit(gate: Any, folded: str, k: int) -> bool:
    """Whether `gate` finds a word of its group `k` in `folded`."""
    return any(gate.bits[word] >> k & 1 for word in gate.scan.findall(folded))


def _gate_words(
    lines: _Lines, module: ModuleType, name: str, gate: Any
) -> list[tuple[Alternative, str]]:
    """Each word of each group of `gate`, removed from that group in turn: the lines whose label
    changes. Of many lines with the word, only those whose folded text then loses the group are
    classified again (the texts a shape is tried on are that text, its quotes or framed replies
    blanked: they hold no word of the group the whole text lacks)."""
    found: list[tuple[Alternative, str]] = []
    where = [(m, name) for m in _BOUND_IN if vars(m).get(name) is gate]
    for k, group in enumerate(gate.groups):
        for word in group:
            ids = lines.having([word])
            if not ids:
                continue
            groups = [
                tuple(w for w in g if w != word) if j == k else g for j, g in enumerate(gate.groups)
            ]
            smaller = type(gate).of(groups)
            if len(ids) > SMALL:
                folded = [text.fold(lines.lines[i]) for i in ids]
                ids = [i for i, f in zip(ids, folded, strict=True) if not _gate_bit(smaller, f, k)]
            changed = _changed(lines, ids, where, smaller)
            if len(changed) == 1:
                alternative = Alternative(
                    module.__name__, f"{name}[{k}]", word, 0, 0, "word of a literal gate"
                )
                found.append((alternative, lines.lines[changed[0]]))
    return found


def one_line_rules(labelled: list[str], other: list[str]) -> list[tuple[Alternative, str]]:
    """Pieces that alone decide the label (or `sure`) of exactly one line of all the corpora
    (`labelled` and `other`, e.g. the non-work text)."""
    bound = _bindings()
    lines = _Lines(labelled + other, bound)
    found: list[tuple[Alternative, str]] = []
    seen: set[int] = set()
    constants_seen: set[tuple[str, int]] = set()
    for module in MODULES:
        for name, compiled in list(patterns(module)):
            if id(compiled) not in seen:
                seen.add(id(compiled))
                found += _pattern_pieces(lines, module, name, compiled, bound[id(compiled)])
        for name, words in list(word_lists(module)):
            if id(words) not in seen:
                seen.add(id(words))
                found += _words(lines, module, name, words, bound[id(words)])
        for name, constant, how in list(word_constants(module)):
            if (name, id(constant)) not in constants_seen:
                constants_seen.add((name, id(constant)))
                found += _constant_words(lines, module, name, constant, how)
        for name, gate in list(literal_gates(module)):
            if id(gate) not in seen:
                seen.add(id(gate))
                found += _gate_words(lines, module, name, gate)
    return found


def _pattern_pieces(
    lines: _Lines,
    module: ModuleType,
    name: str,
    compiled: re.Pattern[str],
    where: list[Binding],
) -> list[tuple[Alternative, str]]:
    source = compiled.pattern
    found: list[tuple[Alternative, str]] = []
    if not lines.calls.get(id(compiled)):
        return found  # no line asked it anything
    _, spans = _scan(source)
    needs_of = {span: _needs(source[span[0] : span[1]]) for span in spans}
    tabled = _tabled(source)
    all_pieces = [
        piece
        for piece in pieces(source)
        if _is_word(source, piece)
        and not any(s <= piece.start and piece.end <= e for s, e in tabled)
    ]
    marked_source, names = _marked(source, all_pieces)
    try:
        marked = re.compile(marked_source, compiled.flags)
    except (re.error, RecursionError):
        names = {}
    used = lines.used(compiled, marked) if names else {}
    calls = lines.calls[id(compiled)]
    for piece in all_pieces:
        if piece in names:  # narrows when removed: the calls that went through it
            asked = {key: calls[key] for key in used.get(names[piece], ())}
            ids = sorted({k for lines_ in asked.values() for k in lines_})
        else:
            needs = _needs(source[piece.start : piece.end])
            if "class member" in piece.kind:
                needs = [source[piece.start : piece.end].removeprefix("\\")]
            needs += [
                need
                for span, around in needs_of.items()
                if span[0] <= piece.start
                and piece.end <= span[1]
                and span != (piece.start, piece.end)
                for need in around
            ]
            ids = lines.having(needs)
            asked = lines.asked(compiled, needs) if ids else {}
            consulted = {k for lines_ in asked.values() for k in lines_}
            ids = [k for k in ids if k in consulted]
        if not ids:
            continue  # no line's label can depend on it
        try:
            without = re.compile(source[: piece.cut[0]] + source[piece.cut[1] :], compiled.flags)
        except re.error:
            continue
        candidates: Iterable[int] = ids
        if len(ids) > SMALL:  # only the lines on which it answers otherwise
            candidates = _differing(lines, compiled, without, asked)
        changed = _changed(lines, candidates, where, without)
        if len(changed) == 1:
            text_ = source[piece.start : piece.end]
            alternative = Alternative(
                module.__name__, name, text_, piece.start, piece.end, piece.kind
            )
            found.append((alternative, lines.lines[changed[0]]))
    return found


def _words(
    lines: _Lines,
    module: ModuleType,
    name: str,
    words: frozenset[str] | set[str] | dict,
    where: list[Binding],
) -> list[tuple[Alternative, str]]:
    found: list[tuple[Alternative, str]] = []
    for word in sorted(words):
        table = isinstance(word, int)  # a str.translate table, keyed by code point
        text = chr(word) if table else word
        if table and not _is_cjk(text):
            continue  # a mark or a width: not a word
        ids = lines.having([text])
        if not ids:
            continue
        if isinstance(words, dict):
            smaller: Any = {k: v for k, v in words.items() if k != word}
        else:
            smaller = type(words)(w for w in words if w != word)
        changed = _changed(lines, ids, where, smaller)
        if len(changed) == 1:
            kind = "character in translate table" if table else f"word in {type(words).__name__}"
            found.append(
                (Alternative(module.__name__, name, text, 0, 0, kind), lines.lines[changed[0]])
            )
    return found

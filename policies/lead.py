"""Compile a detector pattern knowing the characters a match can start with.

Python's regex engine skips ahead cheaply only when every alternative of a pattern starts with a
plain literal, or the pattern with one class: it keeps the set of first characters (its info
block) and scans for one of them. One alternative that starts with a group, a class, a
lookbehind or `\\b` makes it try the whole alternation at every position of a 500-character
notice. The set of characters a match can start with is worked out from the parsed pattern and
written into the compiled pattern's info block, as the engine would write it for literals: it
only skips positions where no match can start, so matches, their spans and their groups are
unchanged, and `.pattern` is the pattern as written. (A guard `(?=[…])` in front of the pattern
did the same, but was itself tried at every position: about half as fast on the bench's texts.)
A digit or a space (`\\d`, `\\s`) joins the set as the category it is. When the set cannot be
bounded (a pattern may start with `.`, `\\w`, a negated class or match nothing), the pattern is
compiled as it is — and so it is when the engine keeps a literal prefix or a set by itself.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_parser: Any = importlib.import_module("re._parser")  # the stdlib's own regex parser
_c: Any = importlib.import_module("re._constants")
_compiler: Any = importlib.import_module("re._compiler")
_sre: Any = importlib.import_module("_sre")  # the engine `re._compiler` hands its code to
_MAXCODE = _compiler.MAXCODE
_WIDE_RANGE = 3000  # a class spanning more characters than this is no useful guard
# Categories that bound a guard as they are, written into it as their escapes (digits, spaces: few
# characters of a Chinese text); \w or a negated category would let nearly every one through.
_GUARD_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_SPACE: r"\s"}
_ESCAPES = frozenset(_GUARD_CATEGORIES.values())


def compile_lead(pattern: str, flags: int = 0, *, groups: bool = True) -> re.Pattern[str]:
    """`re.compile(pattern)`, told the characters a match can start with when they are known.

    `groups=False` (a pattern whose match is only tested, or read whole: `.group()`, its span)
    compiles its groups as non-capturing ones: the same matches, found without saving and
    restoring the groups at every alternative tried (a guard of 58 alternatives, most of them
    opening with a group, searches a notice about 40 % faster). Its match has no groups — when
    it is compiled here: a pattern compiled as it is keeps them."""
    if _skips_ahead(pattern, flags):
        return _joined(pattern, flags)
    parsed = _parser.parse(pattern, flags)
    starts, can_be_empty = _first(parsed.data)
    if starts is None or can_be_empty or not starts:
        return re.compile(pattern, flags)
    if flags & re.IGNORECASE or parsed.getwidth()[0] == 0:
        guard = "".join(ch if ch in _ESCAPES else re.escape(ch) for ch in sorted(starts))
        return re.compile(f"(?=[{guard}])(?:{pattern})", flags)
    if not groups:
        _uncapture(parsed.data)
    _spread_heads(parsed)
    _group_heads(parsed)
    compiled = _compile_starting(pattern, parsed, flags, starts, groups)
    STARTING.append(compiled)
    return compiled


def first_chars(compiled: re.Pattern[str]) -> frozenset[str] | None:
    """The characters a non-empty match of `compiled` can start with, or None when they are not
    known as characters (a category, `.`, a negated or very wide class, a case-insensitive
    pattern). A match tried where the text holds none of them is empty or no match: a gate that
    is exact. Read from the pattern's source, so a pattern swapped for another (as the rule
    evidence test does) is read as it is then."""
    if compiled.flags & re.IGNORECASE:
        return None
    starts, _ = _first(_parser.parse(compiled.pattern, compiled.flags).data)
    if starts is None or starts & _ESCAPES:
        return None
    return frozenset(starts)


def _nested(op: Any, arg: Any) -> list[Any]:
    """The item lists nested in one parsed item (a group's, a branch's alternatives, a repeat's,
    a lookaround's, an atomic group's): what a walk over a parsed pattern goes down into."""
    if op is _c.SUBPATTERN:
        return [arg[3]]
    if op is _c.BRANCH:
        return list(arg[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return [arg[2]]
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [arg[1]]
    if op is _c.ATOMIC_GROUP:
        return [arg]
    return []


def _uncapture(items: Any) -> None:
    """Make every group of a parsed pattern non-capturing, in place (a back-reference to one
    would then read nothing: refused)."""
    for k, (op, arg) in enumerate(items):
        if op in (_c.GROUPREF, _c.GROUPREF_EXISTS):
            raise ValueError("a pattern with a back-reference needs its groups")
        if op is _c.SUBPATTERN:
            items[k] = (op, (None, *arg[1:]))
        for nested in _nested(op, arg):
            _uncapture(nested)


def _spread_heads(pattern: Any) -> None:
    """Give every alternative of every branch in `pattern` (in place) a head the engine can test.

    Trying a branch at a position, the engine skips an alternative whose first item is a literal
    or a class the character there is not in; one that opens with a non-capturing group of
    alternatives is entered, and its own branch tried, wherever the pattern is tried (in a guard
    of many alternatives, at every first character of a notice). `(?:a|b)c` is spread into
    `ac|bc`: the same attempts in the same order, so the same matches, each alternative now
    tested at its head. Capturing groups stay as they are (their head is the mark they save)."""
    for k, (op, arg) in enumerate(pattern.data):
        if op is _c.BRANCH:
            arg = (arg[0], [spread for alt in arg[1] for spread in _spread(pattern.state, alt)])
            pattern.data[k] = (op, arg)
        for nested in _nested(op, arg):
            _spread_heads(nested)


def _spread(state: Any, alternative: Any) -> list[Any]:
    """`alternative` as the alternatives its head group's alternatives make, each followed by
    the rest of it (a head group's own items come into line first)."""
    if not alternative.data:
        return [alternative]
    (op, arg), rest = alternative.data[0], alternative.data[1:]
    if op is _c.SUBPATTERN and arg[0] is None and not (arg[1] or arg[2]):
        return _spread(state, _parser.SubPattern(state, [*arg[3].data, *rest]))
    if op is _c.BRANCH:
        return [
            spread
            for inner in arg[1]
            for spread in _spread(state, _parser.SubPattern(state, [*inner.data, *rest]))
        ]
    return [alternative]


def _group_heads(pattern: Any) -> None:
    """Join, in every branch of `pattern` (in place), the alternatives that open with the same
    literal into one that opens with it once: `ab|ac|d` becomes `a(?:b|c)|d`, and so on inside.

    Trying a branch at a position, the engine tests the head of every alternative in turn (a
    guard of a hundred alternatives, a hundred tests wherever it is tried); joined, it tests
    each character once. Only the alternatives that can match where the text has that literal
    are ever tried there, and they keep their order: one is moved ahead only of alternatives
    that cannot start with its literal (nor match nothing) — so the same alternative matches
    first, and the matches are the same."""
    for k, (op, arg) in enumerate(pattern.data):
        for nested in _nested(op, arg):
            _group_heads(nested)
        if op is _c.BRANCH:
            pattern.data[k] = (op, (arg[0], _grouped(pattern.state, list(arg[1]))))


def _grouped(state: Any, alternatives: list[Any]) -> list[Any]:
    """`alternatives` with those that open with the same literal joined (`_group_heads`)."""
    entries: list[tuple[str | None, set[str] | None, list[Any]]] = []  # head, firsts, members
    for alternative in alternatives:
        head = None
        if alternative.data and alternative.data[0][0] is _c.LITERAL:
            head = chr(alternative.data[0][1])
        starts, empty = _first(list(alternative.data))
        firsts = None if empty else starts
        at = next(
            (j for j in reversed(range(len(entries))) if head and entries[j][0] == head), None
        )
        if (
            head is not None
            and at is not None
            and all(later[1] is not None and head not in later[1] for later in entries[at + 1 :])
        ):
            entries[at][2].append(alternative)
            continue
        entries.append((head, firsts, [alternative]))
    grouped = []
    for head, _, members in entries:
        if head is None or len(members) == 1:
            grouped.extend(members)
            continue
        rests = _grouped(state, [_parser.SubPattern(state, m.data[1:]) for m in members])
        tail = rests[0].data if len(rests) == 1 else [(_c.BRANCH, (None, rests))]
        grouped.append(_parser.SubPattern(state, [(_c.LITERAL, ord(head)), *tail]))
    return grouped


# The patterns compiled with their first characters in their info block (for the tests).
STARTING: list[re.Pattern[str]] = []


def _compile_starting(
    pattern: str, parsed: Any, flags: int, starts: set[str], groups: bool = True
) -> re.Pattern[str]:
    """`pattern` compiled as `re.compile` does, with `starts` as the set of first characters in
    its info block — the set the engine keeps by itself for a pattern of literal alternatives:
    it scans for one of them, and tries the pattern only there. Compiled as `re._compiler`
    compiles (its `_code` and `compile`), the info block written here; `.pattern` is `pattern`."""
    flags |= parsed.state.flags
    low, high = parsed.getwidth()
    escaped = {escape: category for category, escape in _GUARD_CATEGORIES.items()}
    members = [
        (_c.CATEGORY, escaped[ch]) if ch in escaped else (_c.LITERAL, ord(ch))
        for ch in sorted(starts)
    ]
    charset, _ = _compiler._optimize_charset(members)
    code = [_c.INFO, 0, _c.SRE_INFO_CHARSET, min(low, _MAXCODE), min(high, _MAXCODE)]
    _compiler._compile_charset(charset, flags, code)
    code[1] = len(code) - 1  # the info block's length, after its opcode
    _compiler._compile(code, parsed.data, flags)
    code.append(_c.SUCCESS)
    count = parsed.state.groups if groups else 1  # group 0, the match, is always there
    groupindex = parsed.state.groupdict if groups else {}
    indexgroup: list[str | None] = [None] * count
    for name, index in groupindex.items():
        indexgroup[index] = name
    compiled: re.Pattern[str] = _sre.compile(
        pattern, flags, code, count - 1, groupindex, tuple(indexgroup)
    )
    return compiled


def _joined(pattern: str, flags: int) -> re.Pattern[str]:
    """`pattern`, which the engine skips ahead on by itself, compiled with the alternatives that
    open with one literal joined under it (`_group_heads`): at each position where a match can
    start the engine tests each head once, not every alternative's. Its own info block (prefix
    or first characters) is kept, computed from the joined pattern as `re.compile` computes it;
    case-insensitive patterns, and any the join leaves unchanged, are compiled as they are."""
    plain = re.compile(pattern, flags)
    if flags & re.IGNORECASE:
        return plain
    parsed = _parser.parse(pattern, flags)
    before = repr(parsed.data)
    _group_heads(parsed)
    if repr(parsed.data) == before or parsed.state.flags & re.IGNORECASE:
        return plain
    flags |= parsed.state.flags
    code = _compiler._code(parsed, flags)
    if not (code[0] == _c.INFO and code[2] & (_c.SRE_INFO_PREFIX | _c.SRE_INFO_CHARSET)):
        return plain  # the join cost the engine its skip: kept as it was
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in parsed.state.groupdict.items():
        indexgroup[index] = name
    compiled: re.Pattern[str] = _sre.compile(
        pattern, flags, code, parsed.state.groups - 1, parsed.state.groupdict, tuple(indexgroup)
    )
    JOINED.append(compiled)
    return compiled


# The patterns the engine skips ahead on by itself, compiled with their heads joined (the tests).
JOINED: list[re.Pattern[str]] = []


def _skips_ahead(pattern: str, flags: int) -> bool:
    """Does the compiled pattern carry a literal prefix or a set of first characters (its info
    block), from which the engine finds where a match can start without trying it?"""
    code = _compiler._code(_parser.parse(pattern, flags), flags)
    return code[0] == _c.INFO and bool(code[2] & (_c.SRE_INFO_PREFIX | _c.SRE_INFO_CHARSET))


def _first(items: list[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """The characters a sequence can start with (None: any), and whether it can be empty; a
    category bounds it as its escape (`_GUARD_CATEGORIES`)."""
    found: set[str] = set()
    for op, arg in items:
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # zero width: the next item gives the first character
        starts, empty = _first_of(op, arg)
        if starts is None:
            return None, False
        found |= starts
        if not empty:
            return found, False
    return found, True


def _first_of(op: Any, arg: Any) -> tuple[set[str] | None, bool]:
    if op is _c.LITERAL:
        return {chr(arg)}, False
    if op is _c.IN:
        return _class(arg), False
    if op is _c.SUBPATTERN:
        return _first(list(arg[3]))
    if op is _c.BRANCH:
        found: set[str] = set()
        empty = False
        for alternative in arg[1]:
            starts, alt_empty = _first(list(alternative))
            if starts is None:
                return None, False
            found |= starts
            empty = empty or alt_empty
        return found, empty
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, _, body = arg
        starts, empty = _first(list(body))
        return starts, empty or low == 0
    return None, False  # any character, a category (\s, \d), a back-reference …


def _class(items: list[tuple[Any, Any]]) -> set[str] | None:
    found: set[str] = set()
    for op, arg in items:
        if op is _c.LITERAL:
            found.add(chr(arg))
        elif op is _c.RANGE and arg[1] - arg[0] <= _WIDE_RANGE:
            found.update(map(chr, range(arg[0], arg[1] + 1)))
        elif op is _c.CATEGORY and arg in _GUARD_CATEGORIES:
            found.add(_GUARD_CATEGORIES[arg])
        else:
            return None  # a negated class, a category, a very wide range
    return found

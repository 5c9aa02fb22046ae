"""Word-boundary checks with jieba, for the few messages where boundaries decide the label.

"收到的请回复" asks those who received it to reply; "请把收到的验证码回复给我" asks for a
code. Only messages that already matched a reply-after-reading cue come here, so the common
short messages never pay for segmentation.
"""

from __future__ import annotations

import functools
import re
import sys
from math import inf, log

import jieba

jieba.setLogLevel(30)  # logging.WARNING: no start-up chatter on stderr

# Marks that end a clause. jieba cuts its text into blocks at every mark and tags each block
# alone, so the clause holding a position tags as it would within the whole message.
CLAUSE_END = "，,。"


def clause_span(folded: str, at: int) -> tuple[int, int]:
    """Where the clause of `folded` holding position `at` starts and ends (its mark, or the end)."""
    start = -1  # the last mark before `at` (marks are one character), then the first from it
    for mark in CLAUSE_END:
        found = folded.rfind(mark, 0, at)
        if found > start:
            start = found
    end = len(folded)
    for mark in CLAUSE_END:
        found = folded.find(mark, at, end)
        if found >= 0:
            end = found
    return start + 1, end


# What jieba's tagger (`jieba.posseg`, dictionary words only) cuts into blocks and reads: runs of
# CJK, ASCII letters and digits and +#&._; between them, every other character stands alone.
_BLOCK = re.compile(r"([\u4e00-\u9fd5a-zA-Z0-9+#&\._]+)")
_BETWEEN = re.compile(r"(\r\n|\s)")
_ASCII = re.compile(r"[a-zA-Z0-9]")
_NUMBER = re.compile(r"[\.0-9]+")
_LATIN = re.compile(r"[a-zA-Z0-9]+")


@functools.cache
def word_tags() -> dict[str, str]:
    """The part of speech of each dictionary word, from jieba's own dictionary (word, frequency,
    tag a line) — the column jieba's tagger reads, loaded once, without the tagger's HMM tables."""
    tags: dict[str, str] = {}
    with jieba.dt.get_dict_file() as lines:
        for line in lines:
            word, _, tag = line.decode("utf-8").split()
            tags[word] = sys.intern(tag)
    return tags


@functools.cache
def words_tagged(tag: str) -> frozenset[str]:
    """Every dictionary word jieba tags `tag` — a closed class its dictionary defines (uv: the
    particle of a manner adverbial, 地, alone), looked up before a text is tagged."""
    return frozenset(word for word, flag in word_tags().items() if flag == tag)


@functools.cache
def words_opening(tag: str) -> dict[str, tuple[str, ...]]:
    """The dictionary words jieba tags `tag` (`words_tagged`), by their first character: a text
    whose first word is one starts with one of those its first character opens — a gate read
    before the text is tagged."""
    opening: dict[str, list[str]] = {}
    for word in sorted(words_tagged(tag)):
        opening.setdefault(word[0], []).append(word)
    return {first: tuple(words) for first, words in opening.items()}


def alone_at(text: str, at: int) -> bool:
    """Whether the character at `at` of `text` is a word of its own, tagged x, in any clause
    holding it: a mark, a symbol, a space (not a line's end: \\r\\n is one word) — known
    without tagging."""
    return not _BLOCK.match(text, at) and text[at] not in "\r\n"


def tag_words(text: str) -> list[tuple[str, str]]:
    """`text` cut into the dictionary's words (jieba's route, no guessing of unknown words), each
    with its part of speech — the cut and the tags of `jieba.posseg.lcut(text, HMM=False)`: a run
    of ASCII letters and digits is one word (eng), a word not in the dictionary is x."""
    tags = word_tags()
    jieba.dt.check_initialized()
    freq: dict[str, int] = jieba.dt.FREQ
    logtotal = log(jieba.dt.total)
    tagged: list[tuple[str, str]] = []
    # `re.split` with a group: the runs it cuts at (odd places) between what lies around them
    for index, block in enumerate(_BLOCK.split(text)):
        if not block:
            continue
        if not index % 2:
            for piece in _BETWEEN.split(block):
                if _BETWEEN.fullmatch(piece):
                    tagged.append((piece, "x"))
                    continue
                latin = bool(_LATIN.match(piece))
                for char in piece:
                    tag = "m" if _NUMBER.match(char) else "eng" if latin else "x"
                    tagged.append((char, tag))
            continue
        ends = _route(block, freq, logtotal)
        at, run = 0, ""
        while at < len(block):
            end = ends[at]
            word = block[at:end]
            if end - at == 1 and _ASCII.fullmatch(word):
                run += word
            else:
                if run:
                    tagged.append((run, "eng"))
                    run = ""
                tagged.append((word, tags.get(word, "x")))
            at = end
        if run:
            tagged.append((run, "eng"))
    return tagged


def _route(block: str, freq: dict[str, int], logtotal: float) -> list[int]:
    """Where the word starting at each position of `block` ends on jieba's route (its `get_DAG`
    then `calc`, the same sums in the same order, the same ties): each fragment looked up once,
    weighed as the walk finds it, from the last position back (jieba looks each word up twice
    more, and keeps every position's words in lists first)."""
    size = len(block)
    unknown = log(1) - logtotal  # a character the dictionary does not hold: a word of its own
    score = [0.0] * (size + 1)
    ends = [0] * size
    # from the last position back, as `calc` goes: each start's words (its prefixes the dictionary
    # holds, in order of their end) weighed against the route after them as they are found
    for start in range(size - 1, -1, -1):
        best, last = -inf, start
        at = start
        count = freq.get(block[start])
        while count is not None:  # a prefix of some word (0) or a word itself
            if count:
                total = (log(count) - logtotal) + score[at + 1]
                if total >= best:  # in order of their end: on a tie the longer wins
                    best, last = total, at
            at += 1
            if at >= size:
                break
            count = freq.get(block[start : at + 1])
        if best == -inf:  # no word starts here: the character alone
            best = unknown + score[start + 1]
        score[start] = best
        ends[start] = last + 1
    return ends


def words_at(folded: str, at: int) -> tuple[tuple[int, str, str], ...]:
    """The words of the clause of `folded` holding position `at` (`tag_clause`), each with where
    it starts in `folded` and its part of speech."""
    start, end = clause_span(folded, at)
    return _clause_words(folded, start, end)


# The clauses tagged last, by message and span: the readers of one message ask for the words of
# one clause again and again (a shot's clause: the clause of time before it, then the order before
# it; each picture of a clause). Keyed by the whole message, a clause is never reused from
# another message; a few dozen cover the readers of one message.
_CLAUSES_KEPT = 64


@functools.lru_cache(maxsize=_CLAUSES_KEPT)
def _clause_words(folded: str, start: int, end: int) -> tuple[tuple[int, str, str], ...]:
    """The words of `folded[start:end]` (`tag_words`), each with where it starts in `folded`."""
    words = []
    for word, flag in tag_words(folded[start:end]):
        words.append((start, word, flag))
        start += len(word)
    return tuple(words)


def tag_clause(folded: str, at: int) -> tuple[int, list[tuple[str, str]]]:
    """The clause of `folded` holding position `at`: where it starts, and its words (the
    dictionary's, `tag_words`) with their part of speech — a message's other clauses are not
    tagged."""
    start, end = clause_span(folded, at)
    return start, [(word, flag) for _, word, flag in _clause_words(folded, start, end)]

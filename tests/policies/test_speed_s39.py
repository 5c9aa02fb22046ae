"""s39-speed: the route walked in one backward pass, and the chain verdicts made once, change no
answer — `segment._route` cuts every block of the corpus lines where jieba's own `get_DAG` then
`calc` cut it (the lists of words it kept first, written out here as it was)."""

from __future__ import annotations

from math import log

import jieba

from policies import segment
from policies.classify import LISTED_CHAIN, PLATFORM_CHAIN, classify
from policies.events import Classification
from tests.policies.rule_evidence import corpus_lines


def _route_with_lists(block: str, freq: dict[str, int], logtotal: float) -> list[int]:
    """`segment._route` as it was before s39: every position's words kept in lists, then weighed."""
    size = len(block)
    edges: list[list[tuple[float, int]]] = []
    for start in range(size):
        words: list[tuple[float, int]] = []
        at = start
        count = freq.get(block[start])
        while count is not None:
            if count:
                words.append((log(count) - logtotal, at))
            at += 1
            if at >= size:
                break
            count = freq.get(block[start : at + 1])
        edges.append(words or [(log(1) - logtotal, start)])
    score = [0.0] * (size + 1)
    ends = [0] * size
    for start in range(size - 1, -1, -1):
        best, last = -float("inf"), start
        for weight, at in edges[start]:
            total = weight + score[at + 1]
            if total >= best:
                best, last = total, at
        score[start] = best
        ends[start] = last + 1
    return ends


def _jieba_route(block: str) -> list[int]:
    """Where jieba's own route (`get_DAG`, `calc`) ends the word starting at each position."""
    dag = jieba.dt.get_DAG(block)
    route: dict[int, tuple[float, int]] = {}
    jieba.dt.calc(block, dag, route)
    return [route[start][1] + 1 for start in range(len(block))]


def _blocks() -> list[str]:
    lines = corpus_lines()
    return [
        block
        for line in lines
        for index, block in enumerate(segment._BLOCK.split(line))
        if index % 2 and block
    ]


def test_the_route_is_jiebas_on_a_few_blocks() -> None:
    jieba.dt.check_initialized()
    freq, logtotal = jieba.dt.FREQ, log(jieba.dt.total)
    for block in ("收到的请回复", "请把收到的验证码回复给我", "检查完拍照发群里", "abc123", "囧"):
        assert segment._route(block, freq, logtotal) == _jieba_route(block), block


def test_the_route_is_cut_as_with_its_lists_on_every_corpus_block() -> None:
    jieba.dt.check_initialized()
    freq, logtotal = jieba.dt.FREQ, log(jieba.dt.total)
    blocks = _blocks()
    assert len(blocks) > 1000
    for block in blocks:
        assert segment._route(block, freq, logtotal) == _route_with_lists(block, freq, logtotal)


def test_the_chain_verdicts_made_once_are_those_made_each_time() -> None:
    assert Classification("chain", ("chain:platform-type",)) == PLATFORM_CHAIN
    assert Classification("chain", ("chain:list",)) == LISTED_CHAIN
    assert classify("随便什么", "chain") == PLATFORM_CHAIN
    listed = classify("#接龙\n周五体检\n\n1. 张三\n2. 李四")
    assert listed == Classification("chain", ("chain:list",))

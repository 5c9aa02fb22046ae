"""s33-speed: the reply shapes' literal groups are found in one pass of a text (`reply._GATE`),
where one search a group read it again. The pass must pick exactly the shapes the groups pick:
a shape is tried when the text holds a literal of each of its groups — overlapping literals
(会复 and 复制 in 会复制) and literals inside longer ones (扣 in 扣1, 报 in 报个到) included."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policies import reply


def _by_group(text: str) -> list[tuple[str, re.Pattern[str]]]:
    """The shapes as the groups pick them, one `in` a literal."""
    return [
        (name, pattern)
        for name, needs, pattern in reply._ACK_REQUEST
        if all(
            any(word in text for word in group)
            if isinstance(group, tuple)
            else group.search(text) is not None
            for group in needs
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        "会复制以下内容发群里",  # 会复 then 复制, overlapping: both found
        "回复制度的意见",  # 回复 then 复制
        "请扣1",  # 扣 inside 扣1
        "进群后报个到",  # 报 inside 报个到
        "看完请回复收到",
        "please reply with ok",  # Latin literals
        "收到",  # one group of a two-group shape only
        "",
        "今天开会",  # none
    ],
)
def test_one_pass_picks_the_shapes_the_groups_pick(text: str) -> None:
    assert reply._literal_shapes(text) == _by_group(text)


_LETTERS = "".join(
    sorted(
        {
            ch
            for _, needs, _ in reply._ACK_REQUEST
            for group in needs
            if isinstance(group, tuple)
            for w in group
            for ch in w
        }
    )
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_LETTERS + "的了，。 ", max_size=14))
def test_one_pass_on_any_text_of_the_literals_letters(text: str) -> None:
    assert reply._literal_shapes(text) == _by_group(text)

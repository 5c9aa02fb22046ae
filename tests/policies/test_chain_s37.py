"""A notice pasted twice in one post is read once before the 接龙 check (s37): its second copy's
numbered points would otherwise stand under the first copy's call for the 接龙 as if they were
members' lines. A list posted twice is still a list."""

from __future__ import annotations

import pytest

from policies.classify import classify
from tests.policies.test_chain_s36 import MEMBER_LISTS, REPORT_LAUNCH, VIDEO_LAUNCH


@pytest.mark.parametrize("gap", ["", "\n", " ", "。"])
@pytest.mark.parametrize("text", [REPORT_LAUNCH, VIDEO_LAUNCH])
def test_a_notice_pasted_twice_is_still_no_list(text: str, gap: str) -> None:
    assert classify(text + gap + text).label == "ack_request"


@pytest.mark.parametrize("gap", ["", "\n"])
@pytest.mark.parametrize("text", MEMBER_LISTS)
def test_a_list_pasted_twice_stays_a_chain(text: str, gap: str) -> None:
    assert classify(text + gap + text).label == "chain"


def test_two_different_lists_in_one_post_are_a_chain() -> None:
    assert classify(MEMBER_LISTS[0] + "\n" + MEMBER_LISTS[2]).label == "chain"

"""s39-proofrec: a picture posted in a team's channel named by its hash — both sides of the boundary.

A channel named by its hash (in #progress, to #site-checks) is the group's place, as "in the group"
is (`proof._IN_THE_GROUP`): a picture posted there on an order (must, please) or as a progress
report (`proof.progress_reported`: the imperative of posting opening the text, the channel
#progress) is a trace sent to the group (proof:to-group). Stays out: the bare imperative to another
channel (a picture shared, help asked, a poll's option), the channel's report told or planned (he
drops, the bot posts, I'll send), a hashtag after another word (share on X with #tag), a text posted
in #progress.

These lines are made up for the tests (the corpus lines are in the open sets).
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "proof_request": [
        "Post a screenshot in #progress once your build passes!",
        "Post a photo in #progress with your finished poster!",
        "Team leads must post a photo to #site-checks after the walkthrough.",
        "Please post a screenshot in #daily-ops after the backup finishes.",
    ],
    "other": [
        "He drops a screenshot in #progress every Friday.",
        "I'll send a screenshot in #progress tonight.",
        "We will post a screenshot in #progress after the demo.",
        "The bot posts a screenshot in #progress every hour.",
        "Stuck? Post a screenshot in #help-desk.",
        "Post a screenshot in #general if you like the new logo.",
        "Maya posts a screenshot in #design and leaves.",
        "Share your screenshot on X with #MyBuild and tag us.",
        "Please post the build log in #progress.",
        "Post a picture in the channel below.",
        "截图发群里，我们一起看看怎么回事",
    ],
}


@pytest.mark.parametrize(
    ("label", "text"), [(label, text) for label, texts in CASES.items() for text in texts]
)
def test_s39_picture_posted_in_a_hash_channel(label: str, text: str) -> None:
    assert classify(text).label == label, text

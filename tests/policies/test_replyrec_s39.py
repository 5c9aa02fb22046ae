"""s39-replyrec: an acknowledgement asked of the whole channel by a broadcast mention — both sides.

The channel named by a broadcast mention (@channel, @all) and asked right after it to acknowledge
(please ack, please acknowledge), with nothing of its own after the verb or the receipt only: a
demand for a confirmation posted by the channel's members (`reply.broadcast_ack`, read on the text
as posted: the shapes read a message with its mentions taken out). Stays out: a broadcast mention
with a notice and no demand, one role or person mentioned (@oncall, @Tracy), a test's run named as
what is acknowledged, a status post that acknowledges, a letter's request with no mention, a
mention inside a word or an address.

Lines marked "corpus" are real lines of the open sets; the others are made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain

CASES = {
    "ack_request": [
        "@channel Please acknowledge receipt immediately.",  # corpus (main: other)
        "@all please ack",  # corpus (main: ack)
        "@all please ack — and @claude follow up — @here too",  # corpus (main: other)
        "Deploy window moved to 22:00 UTC.\n\n@channel please acknowledge",
        "@ALL Please acknowledge.",
        "Server room closed tomorrow. @channel: please ack",
    ],
    "other": [
        "@all please acknowledge test run",  # corpus
        "@oncall Please acknowledge within 15 minutes.",  # corpus
        "hey @channel meeting at 4",  # corpus
        "@EVERYONE party time",  # corpus
        "@channel Acknowledged. Investigating. IC: [self or @engineering-lead]",  # corpus
        "Please acknowledge receipt of this complaint within 5 business days.",  # corpus
        "@Tracy please acknowledge the handoff",
        "@channel please acknowledge the new vendor in your reports",
        "write to ops@all please ack",
        "@allison please acknowledge the PR",
    ],
}


@pytest.mark.parametrize(
    ("text", "label"), [(t, label) for label, texts in CASES.items() for t in texts]
)
def test_broadcast_acknowledgement(text: str, label: str) -> None:
    assert classify(text).label == label, classify(text)


@pytest.mark.parametrize("text", ["@channel Please acknowledge receipt.", "@all please ack"])
def test_explain_names_the_broadcast_acknowledgement_as_classify_does(text: str) -> None:
    cues = {cue.name: cue for cue in explain(text)}
    assert classify(text).label == "ack_request"
    assert cues["ack_request"].fired and cues["ack_request"].detail == "demand:reply-confirmation"

"""s38-replyrec: an acknowledgement asked of a team in English — both sides of the boundary.

The team addressed ("team," or "CLI team,", a vocative: the collective noun set off by a comma) and asked, right after it, to acknowledge (please / kindly acknowledge): a demand for a
confirmation posted by the team's members (`reply._ACK_REQUEST`, demand:reply-confirmation).
Stays out: one person or one role addressed (Tech Lead, Tracy, Dear colleague), a team asked to
confirm something (attendance, leave, positions: information), an acknowledgement asked with no
addressee (a letter's, a purchase order's, a button's), a channel test to the crew, credit asked
for a work (acknowledge the author).

Lines marked "corpus" are real lines of the open sets (recall, real, look-alike, probes, noise);
the others are made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "ack_request": [
        "Team, please acknowledge and join investigation. 👇",  # corpus (main: other)
        # corpus (main: other)
        "The health and B3 contract sections above are now MERGED — CLI team, please acknowledge/adapt:",
        "<!here> Please acknowledge in this thread.",  # corpus (main: ack_request)
        "Hi team, please acknowledge receipt of the new rota.",
        "Ops team, kindly acknowledge this notice.",
        "会议改到三点。Team, please acknowledge.",
    ],
    "other": [
        "Tech Lead, please acknowledge receipt and kick off Stage 21_02.",  # corpus
        "Tracy, please acknowledge receipt of this handoff by beginning your workspace audit and plan creation.",  # corpus
        "Dear colleague, please acknowledge receipt of this synthetic specimen letter.",  # corpus
        "Hello Crew, testing our communications. Everyone please acknowledge.",  # corpus
        "@oncall Please acknowledge within 15 minutes.",  # corpus
        "Team, please confirm positions for the shift change.",  # corpus
        "Hi team, please confirm your attendance at Friday’s 9:00 meeting in Room A3 by 17:00 Thursday.",  # corpus
        "Hi team, please confirm receipt of purchase order PRJ-4417 for the new lab hardware, and let me know the expected delivery date.",  # corpus
        "Please acknowledge receipt of this letter by signing below.",  # corpus
        "Please find attached purchase order ZEU-PO-000008. Kindly acknowledge receipt.",  # corpus
        "Kindly acknowledge the author and SFWMD if you use this for published work.",  # corpus
        "The team acknowledged the issue yesterday.",
        "Steam, please acknowledge",
        "Our team will acknowledge your request within 24 hours.",
        "Ops team: kindly acknowledge this notice.",  # "Ops team:" heading it is a speaker's name
    ],
}


@pytest.mark.parametrize(
    ("label", "text"), [(label, text) for label, texts in CASES.items() for text in texts]
)
def test_s38_acknowledge_asked_of_a_team(label: str, text: str) -> None:
    assert classify(text).label == label, text

"""s38-proofrec: a proof demand the grammar did not read — both sides of the boundary.

- In English, the completion itself the picture's content (`proof.completion_shot_en`): a picture
  of the addressee's completion — a screenshot of your completion, your completion proof, your
  completion badge — is the trace of the task done, as 完成截图 names it in Chinese (submit a
  screenshot of your completion/final chapter; once you have completed them, send a screenshot of
  your completion proof). A picture of something else of yours (your payment, your settings, your
  current task, your Manager Legacy), the speaker's own completion (my completion) and a thing's
  completion (the completion screen) stay out.

Lines marked "corpus" are real lines of the open sets (recall, real, look-alike); the others are
made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.normalize import normalize
from policies.proof import completion_shot_en

CASES = {
    "proof_request": [
        "Submit a screenshot of your completion/final chapter.",  # corpus
        "Upload Screenshot Proof: Take a clear screenshot of your completion and submit it.",  # corpus
        "Once you have completed them, send a screenshot of your completion proof directly to me (this bot). Your submission will be manually reviewed by the admin.",  # corpus
        "Complete the task on the redirected page\nTake a screenshot of your completion\nReturn to verify your task completion\nEarn rewards once verified!",  # corpus
        "Post a screenshot of your completion badge (or dots) after you finish the tutorial.",  # corpus
        "Please send a photo of your completion certificate to the group by Friday.",
        "Everyone: upload a screenshot of your completion page before the meeting.",
    ],
    "other": [
        "Post a screenshot of your Manager Legacy in #careers by [day]. The best three go in our next community post, with your permission.",  # corpus
        "Post a screenshot of your payment in the comments 📸",  # corpus
        "Post a screenshot of your current task on social media",  # corpus
        "Could you post a screenshot of your settings in Qjackctl? Could you install the package *alsamixergui* and post a screenshot of *alsamixergui*?",  # corpus
        "Share a screenshot in Discord and tag the bot — it will land here with your name and the date.",  # corpus
        "I posted a screenshot of my completion on Twitter last night.",
        "Take a screenshot of the completion screen for the docs.",
        "Your completion rate is shown in the screenshot below.",
    ],
}
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_proofrec_s38_boundaries(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)


def test_the_completion_shot_is_the_shape_that_reads_it() -> None:
    """The shape itself: the completion right after the picture, the addressee's."""
    assert completion_shot_en(normalize("Submit a screenshot of your completion.").folded)
    assert not completion_shot_en(normalize("Submit a screenshot of my completion.").folded)
    assert not completion_shot_en(normalize("Your completion is in the screenshot.").folded)
    assert classify("Submit a screenshot of your completion/final chapter.").reasons == (
        "proof:task-posted",
    )

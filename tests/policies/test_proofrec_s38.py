"""s38-proofrec: a proof demand the grammar did not read — both sides of the boundary.

- In English, the completion itself the picture's content (`proof.completion_shot_en`): a picture
  of the addressee's completion — a screenshot of your completion, your completion proof, your
  completion badge — is the trace of the task done, as 完成截图 names it in Chinese (submit a
  screenshot of your completion/final chapter; once you have completed them, send a screenshot of
  your completion proof). A picture of something else of yours (your payment, your settings, your
  current task, your Manager Legacy), the speaker's own completion (my completion) and a thing's
  completion (the completion screen) stay out.
- In English, a rule that obliges its doer to post a screenshot of the outcome
  (`proof.obliged_shot_en`): must, post or send, a screenshot of the thing named (the result, the
  final leaderboard, the tests passing) — the outcome proved by its record. A photo obliged (a pet's
  face for a refund, an identity document, the waves of a post), a payment's screenshot, a screenshot
  or screen-recording entered in a contest, and a screenshot obliged without "of" (a member … must post
  a screenshot them sitting in the Iron Throne: one real line, left) stay out.

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
        "The winning captain must post a screenshot of the result on Discord within 15 minutes.",  # corpus
        "In order for a PR to merge you must post a screenshot of the ACC tests passing.",  # corpus
        "📸 When the match is over, one player must post a screenshot of the final leaderboard.\nA ref will then confirm the result using /confirm-result.",  # corpus
        "If requested, you must post a screenshot of your Grand Exchange history.",  # corpus
        "Each shift lead must send a screenshot of the completed checklist to the group.",
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
        "Rule 3: Customer must send a photo of their pet's disgusted face as proof.",  # corpus
        "First-time users must send a photo of their CNI/Passport",  # corpus
        "In order to share the stoke with all, you must post a photo of the waves.",  # corpus
        "Players must post a screenshot or screen-recording of LYNQ's bash-prompt website with a caption. Share on X with #LYNQShowtime. Best post wins.",  # corpus
        "You must send a screenshot of the payment before we ship.",
        "I must post a screenshot of this bug somewhere.",
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

"""One-line pieces taken off at stop 33 (s33-pieces), each by structure, with a line each side of
the boundary (corpus lines where there is one; the near lines are boundary lines written for the
test).

- proof's activity 整改 dropped from `_ACTIVITY`: it decided one line, a site-safety assistant's
  canned advice (整改前后必须拍照上传，复查合格后归档), wrongly; a picture after the fix is still read by
  its clause of time (整改后…, 整改完成后…: `_after_time`), and a form's prompt is no longer read where a
  thing finished is named besides the picture's name (整改完请上传现场照片: `_after_done`, as 学习完… was
  by its activity; test_precision_addressee's boundary line).
- proof's `_GRADING_WORDS` dropped: the grading verb is read whole by `_GRADING` itself, one list
  in one place, not a second copy of its words.
- proof's `_TO_FEED` 拍照: a check-in judged (`is_judged`) is not undone by a duty that a verb of
  fitness judges too (拍照打卡很好看，适合发朋友圈: what a restaurant is good for, a review) — the line
  _TO_FEED's 拍照 alone set aside (by one character of its gap) is read by the judgement.
- reply's `_PLURAL` 们 replaced by the group slot of `guards.WHOLE_GROUP`: after 看到的, a noun that
  takes the plural names people (看到的兄弟们回个话) — the members by their plural, not a pronoun's.
"""

from __future__ import annotations

import pytest

from policies import proof, reply
from policies.classify import classify
from policies.explain import explain
from policies.normalize import normalize


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the fix named with no duty's time: a checklist's advice (look-alikes)
        ("整改前后必须拍照上传，复查合格后归档；", "other"),
        # the fix done, then the picture: a clause of time (boundary)
        ("整改后请拍照上传到群里", "proof_request"),
        ("整改完成后请拍照发群里", "proof_request"),
        ("整改完请上传现场照片", "proof_request"),
    ],
)
def test_a_fix_proves_by_its_time_not_by_its_name(text: str, label: str) -> None:
    assert classify(text).label == label, explain(text)


def test_the_grading_verb_is_one_list() -> None:
    assert not hasattr(proof, "_GRADING_WORDS")
    assert proof._GRADING.fullmatch("批改") and not proof._GRADING.fullmatch("自动批改")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the worksheet photographed is graded: the work itself (look-alikes; boundary)
        ("春考伴学 · AI 智能批改 | 答完后拍照上传即可获得评分", "other"),
        ("做完后拍照上传，AI 自动批改", "other"),
    ],
)
def test_a_graded_picture_is_the_work(text: str, label: str) -> None:
    assert classify(text).label == label, explain(text)


@pytest.mark.parametrize(
    ("text", "judged"),
    [
        # a review: the check-in and the feed both judged (look-alikes; boundary)
        ("装修很有湖南特色，拍照打卡很好看，适合发朋友圈", True),
        ("拍照打卡很好看，适合发朋友圈集赞", True),
        # a duty no verb of fitness governs (boundary)
        ("巡查拍照打卡很方便", False),
        ("拍照打卡很好看，发朋友圈", False),
    ],
)
def test_a_duty_judged_fit_is_no_duty_named(text: str, judged: bool) -> None:
    assert proof.is_judged(normalize(text).folded) is judged


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the members by their plural after 的: those who saw it (dev; boundary)
        ("看到的兄弟们回个话", "ack_request"),
        ("看到的家长们回个话", "ack_request"),
        # a pronoun's plural is no member's (boundary); a thing fronted (reply's own note)
        ("看到的我们回个话", "other"),
        ("看到的消息回复一下", "other"),
    ],
)
def test_the_plural_after_de_is_the_groups(text: str, label: str) -> None:
    assert classify(text).label == label, explain(text)
    assert not hasattr(reply, "_PLURAL")

"""s37-proofrec: the classes of real proof demands the grammar did not read — both sides of each boundary.

- In English, a picture posted on a task done (`proof.task_posted_en`): the imperative of sending
  opens its sentence or clause, or follows please (post / send a … screenshot, a photo of …), and
  the addressee's task done is its condition, named after "after" (after you finish the training,
  after the clear, after the 5S cleanup). The speaker's own (we will post a photo once it is done,
  I'll post a photo once it's dry), a payment (upload your payment screenshot after completing the
  UPI payment), a thing's state (after the repair is merged), no task named (once done, after each
  step, after clicking →) stay out.
- The shot itself the order (`proof.shot_opens_clause`): a clause that opens on a counted shot
  (拍一张, 拍个 — a numeral or a measure word right after the verb) with its picture in it, sent to
  the group or kept as a trace, is the bare imperative, as 拍一张… opening the text already was. A
  shot with no count opening the clause (截图发群里 on trouble, 拍照发群里假装是KFC, 拍视频发群后继续),
  a shot told (拍了照片发到群里) and a counted shot with no group and no trace (拍一张发给她) stay out.

Lines marked "corpus" are real lines of the open sets (recall, real, look-alike, probes, noise);
the others are made up for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "proof_request": [
        "Please post a screenshot in this channel after you finish the security awareness training.",  # corpus
        "📸 Reminder: post a screenshot after the clear so staff can track successful runs.",  # corpus
        "Please post a photo of your workstation after the 5S cleanup by 5pm.",  # corpus
        "Please send a photo of the fire exit after the inspection.",
        "All staff: send a selfie after you finish the safety briefing.",
        "登杆作业前戴好安全帽系好安全带，拍一张照片发群再上",  # corpus
        "今天谁去社区做反诈宣传了，拍个照片发上来留个痕",  # corpus
        "下午入户走访结束，拍一张合影发工作群",
        "开完会，拍个现场照片留痕",
    ],
    "other": [
        "Please send a screenshot once done! 📸",  # corpus
        "Post a screenshot after clicking →",  # corpus
        "We will post a photo once it is done.",  # corpus
        "Will post a photo once it's blocked.",  # corpus
        "Send a screenshot once it's running and it's a quick follow-up.",  # corpus
        "Post a photo after the iPhone-picker repair is merged and verify preview + feed rendering.",  # corpus
        "Please upload your payment screenshot after completing the UPI payment.",  # corpus
        "Follow these steps one by one and send a screenshot after each step so I can evaluate the progress.",  # corpus
        "I'll send a photo after I finish the cleanup.",
        "Post a screenshot after the payment goes through.",
        "如果实在搞不定，截图发群里@我。",  # corpus
        "拍照发群里假装是KFC",  # corpus
        "拍视频发群后继续",  # corpus
        "正在吃午饭，拍一张发给她",  # corpus
        "跑外勤时偶遇了一只猫，拍了照片发到群里",
        "拍照留痕搞到最后，干活十分钟，拍照半小时",  # corpus
    ],
}
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_proofrec_s37_boundaries(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)

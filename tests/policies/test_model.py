"""The naive-Bayes second opinion: it can only veto a demand, and its weights are current."""

from __future__ import annotations

import pytest

from bot import model_build
from policies import model
from policies.classify import classify
from policies.events import Classification
from policies.explain import explain


def test_the_checked_in_weights_are_the_ones_the_corpora_give() -> None:
    assert model_build.main(["--check"]) == 0, (
        "run `make model` and commit policies/model_weights.py"
    )


def test_probe_nine_is_never_trained_on() -> None:
    assert all("probe9" not in p.name for p in model_build.training_files())


def test_the_posterior_is_a_distribution_that_follows_the_text() -> None:
    demand, chat = model.posterior("收到请回复"), model.posterior("中午去吃火锅吗")
    assert sum(demand.values()) == pytest.approx(1.0)
    assert max(demand, key=demand.__getitem__) == "ack_request"
    assert demand["ack_request"] > chat["ack_request"]


def test_a_demand_the_model_disagrees_with_is_other_and_says_why() -> None:
    # a video script's poll of its viewers: the rules see 扣个1, the model sees no demand
    text = "稍微喝一口水，大家平时看短视频多还是中视频多？弹幕扣个1。"
    chances = model.posterior(text)
    assert max(chances, key=chances.__getitem__) == "other"
    found = classify(text)
    assert found.label == "other" and "model:veto" in found.reasons
    cue = {c.name: c for c in explain(text)}["model:veto"]
    assert cue.fired and "P(ack_request)" in cue.detail


def test_the_model_does_not_veto_a_demand_it_takes_for_the_other_demand() -> None:
    # forward, then reply 已转发: to the model's grams, a forward-and-screenshot demand
    text = "海报请今天中午前转发到朋友圈，转发后在群里回复已转发。"
    chances = model.posterior(text)
    assert chances["ack_request"] < model.VETO_BELOW < chances["proof_request"]
    assert classify(text).label == "ack_request"


def test_the_model_never_makes_a_label_the_rules_did_not() -> None:
    # "中午去吃火锅吗" is other by the rules; no probability can turn it into a demand
    assert classify("中午去吃火锅吗").label == "other"
    assert classify("收到").label == "ack"


def test_a_structured_proof_shape_is_not_the_model_s_to_veto(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "每人拍3张照片，下午5点前交"  # a quota: the count is the evidence of intent
    monkeypatch.setattr(model, "VETO_BELOW", 1.01)
    monkeypatch.setattr("policies.classify.vetoes", model.vetoes)
    classify.cache_clear()
    try:
        assert classify(text) == Classification("proof_request", ("proof:quota",), sure=True)
        assert classify("拍照发群里").label == "other"  # a weaker shape: vetoed
    finally:
        classify.cache_clear()


# (vetoed, left to the rules): the same demand, then opened by a salutation to the group — a
# notice by its form, whose topic words (客户, 海报, 朋友圈) are all the model's grams would weigh.
SALUTED = [
    (
        "拜访客户时，到客户处后发个定位到群里，收到请回复。",
        "各位客户经理：拜访客户时，到客户处后发个定位到群里，收到请回复。",
    ),
    (
        "拜访客户时，到客户处后发个定位到群里，收到请回复。",
        "【通知】各位客户经理：拜访客户时，到客户处后发个定位到群里，收到请回复。",
    ),
    (
        "今天的产品海报大家转发一下朋友圈，转发好了的回复一下",
        "伙伴们，今天的产品海报大家转发一下朋友圈，转发好了的回复一下",
    ),
    (
        "今天的产品海报大家转发一下朋友圈，转发好了的回复一下",
        "大家好！今天的产品海报大家转发一下朋友圈，转发好了的回复一下",
    ),
    (
        "今天的产品海报转发一下朋友圈，转发好了的回复一下",
        "全体员工：今天的产品海报转发一下朋友圈，转发好了的回复一下",
    ),
]


@pytest.mark.parametrize(("bare", "saluted"), SALUTED)
def test_a_notice_opened_by_a_salutation_to_the_group_is_not_the_model_s_to_veto(
    bare: str, saluted: str
) -> None:
    vetoed, kept = classify(bare), classify(saluted)
    assert vetoed.label == "other" and "model:veto" in vetoed.reasons
    assert kept.label in ("ack_request", "proof_request") and "model:veto" not in kept.reasons
    assert vetoed.reasons[0] == kept.reasons[0]  # the same rule fired on both
    assert kept.sure  # and the salutation aims it at the group
    cue = {c.name: c for c in explain(saluted)}["model:veto"]
    assert not cue.fired and "salutation" in cue.detail


def test_both_demands_of_a_saluted_notice_stand() -> None:
    found = classify("各位客户经理：从今天起拜访客户时，到客户处后发个定位到群里，收到请回复。")
    assert (found.label, found.also) == ("proof_request", ("ack_request",))


@pytest.mark.parametrize(
    "text",
    [
        # the group named as a subject, not saluted: 大家 starts no salutation without a mark
        "大家转发一下今天的产品海报到朋友圈，转发好了的回复一下",
        "客户经理拜访客户时，到客户处后发个定位到群里，收到请回复。",
        # a stream's audience (家人们) is no group of colleagues
        "家人们，大家平时看短视频多还是中视频多？弹幕扣个1。",
        # a salutation after the first clause is not the notice's opening
        "稍微喝一口水，大家好，平时看短视频多还是中视频多？弹幕扣个1。",
    ],
)
def test_a_group_named_without_a_salutation_leaves_the_veto_as_it_was(text: str) -> None:
    found = classify(text)
    assert found.label == "other" and "model:veto" in found.reasons

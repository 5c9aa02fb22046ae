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


def test_a_demand_the_model_disagrees_with_is_other_and_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "各位请看到后回复收到"
    assert classify(text).label == "ack_request"
    monkeypatch.setattr(model, "VETO_BELOW", 1.01)  # a model that disagrees with everything
    monkeypatch.setattr("policies.classify.vetoes", model.vetoes)
    classify.cache_clear()
    try:
        found = classify(text)
        assert found.label == "other" and "model:veto" in found.reasons
        cue = {c.name: c for c in explain(text)}["model:veto"]
        assert cue.fired and "P(ack_request)" in cue.detail
    finally:
        classify.cache_clear()


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

"""Cross-validating the veto on the real tuning sets (`bot/model_cv.py`)."""

from __future__ import annotations

import pytest

from bot import model_build, model_cv
from policies import model
from policies.classify import classify


def test_the_in_memory_naive_bayes_is_the_shipped_one() -> None:
    rows = [row for path in model_build.training_files() for row in model_cv.read(path)]
    fitted = model_cv.NaiveBayes(rows, [1] * len(rows))
    for text in ("收到请回复", "上岗了没？发个定位来看看", "中午去吃火锅吗", "群里别再刷收到了"):
        assert fitted(text) == pytest.approx(model.posterior(text), abs=1e-9)


def test_deciding_with_the_shipped_posterior_gives_classify_s_labels() -> None:
    # the CV re-decides only the veto: with the shipped model it must be the product's decision
    for path in model_cv.TUNING:
        for text, gold in model_cv.read(path):
            line = model_cv.Line(text, gold, *model_cv.rules_reading(text))
            shipped = model.posterior(text) if line.judged else None
            decided = model_cv.decide(line, shipped, model.VETO_BELOW, model.JUDGED_CHARS)
            assert decided == classify(text).label, text


def test_no_held_out_set_is_read() -> None:
    read = [*model_cv.TUNING, *model_build.training_files()]
    assert not any("heldout" in p.name or "probe9" in p.name for p in read)


def test_the_rules_reading_undoes_only_the_veto(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "VETO_BELOW", 1.01)  # a model that disagrees with everything
    classify.cache_clear()
    try:
        assert model_cv.rules_reading("各位请看到后回复收到") == ("ack_request", "ack_request")
        assert model_cv.rules_reading("活动结束后拍照发群里") == ("proof_request", "proof_request")
        quota = "每人拍3张照片，下午5点前交"  # a structured shape: not the model's to veto
        assert model_cv.rules_reading(quota) == ("proof_request", None)
        assert model_cv.rules_reading("中午去吃火锅吗") == ("other", None)
    finally:
        classify.cache_clear()


def test_logistic_regression_learns_the_labels_it_is_given() -> None:
    rows = [("请回复收到", "ack_request"), ("收到", "ack"), ("拍照发群里", "proof_request")] * 5
    fitted = model_cv.LogisticRegression(rows, [1] * len(rows))
    assert max(fitted("请回复收到").items(), key=lambda kv: kv[1])[0] == "ack_request"
    assert max(fitted("拍照发群里").items(), key=lambda kv: kv[1])[0] == "proof_request"


def test_a_reply_demand_the_model_may_not_veto_is_not_judged() -> None:
    # a chase (还有两位没有回复) is never vetoed by `classify`: the CV must not re-decide it either
    chase = "第二天早上,我仔细统计了一下,还有两位没有回复。于是,我只好单独给他们两个发了信息。"
    assert classify(chase).reasons[0] == "demand:chase-non-repliers"
    assert model_cv.rules_reading(chase) == ("ack_request", None)
    assert model_cv.rules_reading("各位请看到后回复收到")[1] == "ack_request"

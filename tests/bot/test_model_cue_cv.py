"""The cue-aware veto's nested cross-validation (`bot/model_cue_cv.py`)."""

from __future__ import annotations

from bot import model_build, model_cue_cv
from bot.model_cv import Line, rules_reading
from policies.events import Label


def _judged(text: str, gold: Label) -> model_cue_cv.Judged:
    line = Line(text, gold, *rules_reading(text))
    assert line.judged, text
    return model_cue_cv.judged(line, 1.0)


def test_no_held_out_set_is_read() -> None:
    read = [*model_cue_cv.SETS, *model_build.training_files()]
    assert not any("heldout" in p.name or "probe9" in p.name for p in read)


def test_a_judged_demand_carries_what_the_rules_say() -> None:
    item = _judged("各位请看到后回复收到", "ack_request")
    assert item.cue.startswith("demand:") and item.true
    names = model_cue_cv.features(item)
    assert f"cue:{item.cue}" in names and f"cue:{item.cue}:sure={item.sure}" in names


def test_the_veto_learns_which_demands_are_true() -> None:
    true = _judged("各位请看到后回复收到", "ack_request")
    false = _judged("校验通过，请回复确认。", "other")
    fitted = model_cue_cv.CueVeto([true, false] * 10)
    assert fitted(true) > 0.5 > fitted(false)


def test_a_cue_gets_a_threshold_only_where_it_spares_more_than_it_costs() -> None:
    true = _judged("各位请看到后回复收到", "ack_request")
    false = _judged("校验通过，请回复确认。", "other")
    assert true.cue == false.cue == "demand:reply-confirmation"
    items = [false, false, true]
    assert model_cue_cv.thresholds(items, [0.01, 0.03, 0.9], cost=8) == {true.cue: 0.05}
    assert model_cue_cv.thresholds(items, [0.01, 0.03, 0.01], cost=8) == {true.cue: 0.0}

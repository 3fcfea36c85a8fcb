"""Session summary, delivery index, progress and stress moments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from greenroom.analysis import AnswerMetrics, analyze_answer, bands
from greenroom.analysis.session import (
    SelfReport,
    SessionSummary,
    compare,
    delivery_index,
    personal_bands,
    summarize_session,
)
from greenroom.analysis.stress import stress_moments
from greenroom.core.transcript import Transcript

FIXTURES = Path(__file__).parent / "fixtures"


def _metrics(name: str) -> AnswerMetrics:
    data = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return analyze_answer(Transcript.from_dict(data), answer_limit=data["limit"])


def test_index_weights_add_up_to_100() -> None:
    assert sum(bands.INDEX_WEIGHTS.values()) == 100


def test_index_is_100_when_every_figure_is_green() -> None:
    values = {
        "fillers_per_minute": 1.0,
        "very_long_pauses": 0.0,
        "speaking_rate": 140.0,
        "star_score": 5.0,
        "first_word_latency": 1.0,
        "hedges": 0.0,
        "key_point_coverage": 1.0,
    }
    assert delivery_index(values).score == 100


def test_index_formula_is_the_weighted_mean_of_band_scores() -> None:
    # fillers 4.5/min: halfway through amber -> 75; everything else green -> 100.
    values = {
        "fillers_per_minute": 4.5,
        "very_long_pauses": 0.0,
        "speaking_rate": 140.0,
        "star_score": 4.0,
        "first_word_latency": 2.0,
        "hedges": 2.0,
        "key_point_coverage": None,
    }
    index = delivery_index(values)
    w = bands.INDEX_WEIGHTS
    others = sum(w[k] for k in values if k != "fillers_per_minute" and values[k] is not None)
    assert index.score == pytest.approx(
        (w["fillers_per_minute"] * 75 + others * 100) / (w["fillers_per_minute"] + others)
    )
    assert {p.key for p in index.parts} == set(values) - {"key_point_coverage"}


def test_band_scores_fall_off_linearly() -> None:
    assert bands.band_score("fillers_per_minute", 3.0) == 100
    assert bands.band_score("fillers_per_minute", 6.0) == 50
    assert bands.band_score("fillers_per_minute", 9.0) == 0
    assert bands.band_score("speaking_rate", 110.0) == 75
    assert bands.band_score("star_score", 2.0) == 50


def test_typed_answer_index_uses_fillers_per_100_words() -> None:
    m = analyze_answer(
        Transcript.from_dict(json.loads((FIXTURES / "typed_answer.json").read_text())),
        answer_limit=None,
    )
    keys = {p.key for p in delivery_index(m.values()).parts}
    assert "fillers_per_minute" in keys and "speaking_rate" not in keys


def test_session_summary_averages_and_round_trips() -> None:
    answers = [_metrics("fluent_star"), _metrics("nervous_fillers")]
    s = summarize_session(answers, report=SelfReport(70, 40, 60))
    a, b = (m.values()["hedges"] for m in answers)
    assert a is not None and b is not None
    assert s.averages["hedges"] == pytest.approx((a + b) / 2)
    assert s.answers == 2 and len(s.answer_indices) == 2
    assert SessionSummary.from_dict(json.loads(json.dumps(s.to_dict()))) == s


def test_progress_against_baseline_and_first_session() -> None:
    nervous = summarize_session([_metrics("nervous_fillers")], report=SelfReport(80, 60, 30))
    fluent = summarize_session([_metrics("fluent_star")], report=SelfReport(40, 20, 70))
    history = [nervous] * 6
    changes = {c.key: c for c in compare(fluent, history)}
    assert changes["fillers_per_minute"].direction == "better"
    assert changes["nerves_before"].direction == "better"
    assert changes["confidence"].direction == "better"
    assert changes["delivery_index"].direction == "better"
    assert changes["fillers_per_minute"].first == nervous.averages["fillers_per_minute"]
    assert compare(fluent, [])[0].baseline is None


def test_bands_recentre_on_the_users_baseline() -> None:
    history = [summarize_session([_metrics("nervous_fillers")])]
    personal = personal_bands(history)
    fillers = personal["fillers_per_minute"]
    assert fillers.green is not None and fillers.green[1] > 3
    rate = history[0].averages["fillers_per_minute"]
    assert bands.rate("fillers_per_minute", rate, band=fillers) == "green"
    assert bands.rate("fillers_per_minute", rate) == "red"


def test_stress_moments_find_the_cluster_of_fillers_and_pauses() -> None:
    moments = stress_moments(_metrics("nervous_fillers"), answer=2)
    assert moments and moments[0].answer == 2
    assert moments[0].fillers >= 2 and moments[0].long_pauses >= 1
    assert stress_moments(_metrics("fluent_star")) == []


def test_index_explanation_names_every_weight_and_this_answers_scores() -> None:
    from greenroom.analysis import bands
    from greenroom.analysis.session import delivery_index, index_explanation

    general = index_explanation()
    for key, weight in bands.INDEX_WEIGHTS.items():
        assert f"{bands.BANDS[key].label} {weight:.0f}" in general
    assert sum(bands.INDEX_WEIGHTS.values()) == 100
    index = delivery_index({"fillers_per_minute": 2.0, "speaking_rate": 200.0})
    mine = index_explanation(index)
    assert (
        f"Fillers per minute 100 (weight {bands.INDEX_WEIGHTS['fillers_per_minute']:.0f})" in mine
    )
    assert "Speaking rate 0 (weight 15)" in mine

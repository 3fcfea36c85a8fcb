"""The analysis must match hand-labelled answers: counts exactly, rates within 2 %."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from greenroom.analysis import AnswerMetrics, analyze_answer
from greenroom.core.transcript import Transcript

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.json"))


def _load(path: Path) -> tuple[dict[str, Any], AnswerMetrics]:
    data = json.loads(path.read_text(encoding="utf-8"))
    transcript = Transcript.from_dict(data)
    metrics = analyze_answer(
        transcript,
        answer_limit=data["limit"],
        key_points=data["key_points"],
        key_point_synonyms=data["key_point_synonyms"],
        job_description=data["job_description"],
    )
    return data, metrics


def _close(actual: float | None, expected: float | None, *, rel: float = 0.02) -> bool:
    if expected is None or actual is None:
        return actual is expected
    return actual == pytest.approx(expected, rel=rel, abs=1e-6)


def test_there_are_at_least_25_hand_labelled_answers() -> None:
    assert len(FIXTURES) >= 25


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_counts_match_hand_labels(path: Path) -> None:
    data, m = _load(path)
    exp = data["expected"]
    found = {
        "word_count": m.word_count,
        "filler_count": m.fillers.count,
        "fillers": m.fillers.by_word,
        "hedge_count": m.hedges.count,
        "hedges": m.hedges.by_phrase,
        "pauses": {"short": m.pauses.short, "long": m.pauses.long, "very_long": m.pauses.very_long},
        "star": list(m.star.present),
        "star_score": m.star.score,
        "result_quantified": m.star.result_quantified,
        "time_use": m.time_use.status,
        "repeats": m.repetition.immediate_count,
    }
    wanted = {key: exp[key] for key in found}
    assert found == wanted


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_times_and_rates_match_hand_labels(path: Path) -> None:
    data, m = _load(path)
    exp = data["expected"]
    longest = m.pauses.longest.duration if m.pauses.longest else None
    assert _close(longest, exp["longest_pause"])
    assert _close(m.pace.first_word_latency, exp["first_word_latency"])
    assert _close(m.pace.speaking_rate, exp["speaking_rate"])
    if "articulation_rate" in exp and m.word_count >= 2:
        assert _close(m.pace.articulation_rate, exp["articulation_rate"])
    if "fillers_per_minute" in exp:
        assert _close(m.fillers.per_minute, exp["fillers_per_minute"])
    if "fillers_per_100_words" in exp:
        assert _close(m.fillers.per_100_words, exp["fillers_per_100_words"])
    if "pause_source" in exp:
        assert m.pauses.source == exp["pause_source"]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_coverage_and_word_lists_match_hand_labels(path: Path) -> None:
    data, m = _load(path)
    exp = data["expected"]
    if "key_points_covered" in exp:
        assert list(m.key_points.covered) == exp["key_points_covered"]
        assert list(m.key_points.missing) == exp["key_points_missing"]
    if "job_covered" in exp:
        assert m.job is not None
        assert list(m.job.covered) == exp["job_covered"]
        assert list(m.job.missing) == exp["job_missing"]
    if "top_words" in exp:
        assert [list(x) for x in m.repetition.top_words] == exp["top_words"]
    if "top_phrase_first" in exp:
        assert list(m.repetition.top_phrases[0]) == exp["top_phrase_first"]
    assert bool(m.warnings) == exp.get("warns", False)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_metrics_survive_a_json_round_trip(path: Path) -> None:
    _, m = _load(path)
    assert AnswerMetrics.from_dict(json.loads(json.dumps(m.to_dict()))) == m

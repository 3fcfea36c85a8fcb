"""Invariants that hold for any input, checked with hypothesis."""

from __future__ import annotations

import itertools
import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from greenroom.analysis import AnswerMetrics, analyze_answer
from greenroom.analysis.feedback import feedback_for
from greenroom.core.transcript import SpeechSegment, Transcript, Word

VOCAB = [
    "um",
    "uh,",
    "like",
    "like,",
    "So,",
    "so",
    "well",
    "Well,",
    "you",
    "know,",
    "know",
    "I",
    "mean,",
    "I'm",
    "not",
    "sure",
    "kind",
    "of",
    "just",
    "the",
    "team",
    "result",
    "40%",
    "we",
    "reduced",
    "at",
    "my",
    "last",
    "job",
    "ah",
    "ha",
    "right?",
    "...",
    "—",
    "Jira.",
    "2019",
    "é",
    "数据",
    "",
]
times = st.floats(min_value=-5, max_value=300, allow_nan=False, allow_infinity=False)
words = st.builds(Word, text=st.sampled_from(VOCAB), start=times, end=times)
segments = st.builds(SpeechSegment, start=times, end=times)
transcripts = st.builds(
    Transcript,
    words=st.lists(words, max_size=60).map(tuple),
    segments=st.lists(segments, max_size=15).map(tuple),
    duration=st.floats(min_value=0, max_value=300, allow_nan=False),
)


def _analyze(t: Transcript) -> AnswerMetrics:
    return analyze_answer(
        t, answer_limit=120.0, key_points=("team result",), job_description="team data"
    )


@settings(max_examples=300, deadline=None)
@given(transcripts)
def test_rates_are_never_negative(t: Transcript) -> None:
    m = _analyze(t)
    for key, value in m.values().items():
        assert value is None or (value >= 0 and math.isfinite(value)), key
    for w in m.pace.windows:
        assert w.rate >= 0 and w.end > w.start


@settings(max_examples=300, deadline=None)
@given(transcripts)
def test_pauses_never_overlap_and_are_classed(t: Transcript) -> None:
    m = _analyze(t)
    pauses = m.pauses.pauses
    for p in pauses:
        assert p.duration >= 0.2 - 1e-6
        assert p.kind in ("short", "long", "very long")
    for a, b in itertools.pairwise(pauses):
        assert a.end <= b.start
    assert m.pauses.short + m.pauses.long + m.pauses.very_long == len(pauses)
    if pauses:
        assert m.pauses.longest is not None
        assert m.pauses.longest.duration == max(p.duration for p in pauses)


@settings(max_examples=300, deadline=None)
@given(transcripts)
def test_totals_add_up(t: Transcript) -> None:
    m = _analyze(t)
    assert m.fillers.count == sum(m.fillers.by_word.values()) == len(m.fillers.occurrences)
    assert m.fillers.pure <= m.fillers.count
    assert m.hedges.count == sum(m.hedges.by_phrase.values()) == len(m.hedges.occurrences)
    assert m.repetition.immediate_count == len(m.repetition.immediate)
    assert m.fillers.count <= m.word_count
    assert 0 <= m.star.score <= 5
    assert m.key_points.total == 1
    if m.word_count:
        assert m.fillers.per_100_words is not None
        assert math.isclose(m.fillers.per_100_words, 100 * m.fillers.count / m.word_count)


@settings(max_examples=200, deadline=None)
@given(transcripts)
def test_metrics_round_trip_through_json(t: Transcript) -> None:
    m = _analyze(t)
    assert AnswerMetrics.from_dict(json.loads(json.dumps(m.to_dict()))) == m


@settings(max_examples=200, deadline=None)
@given(transcripts)
def test_feedback_never_crashes_and_stays_short(t: Transcript) -> None:
    items = feedback_for(_analyze(t))
    assert len(items) <= 3
    for item in items:
        assert item.message and item.try_next


@given(st.sampled_from(VOCAB), times, times)
def test_one_word_answers_never_crash(text: str, a: float, b: float) -> None:
    m = _analyze(Transcript(words=(Word(text, a, b),), duration=10.0))
    assert m.word_count <= 1
    assert m.pace.speaking_rate is None


def test_empty_answer_gives_zeroes_and_nones() -> None:
    m = _analyze(Transcript())
    assert m.word_count == 0
    assert m.fillers.count == 0
    assert m.pace.speaking_rate is None
    assert m.pace.first_word_latency is None
    assert m.time_use.status is None

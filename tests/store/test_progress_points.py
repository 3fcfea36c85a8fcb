"""Progress's figures per run: a run left part-way counts with the answers it saved."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from greenroom.analysis import AnswerMetrics
from greenroom.analysis.session import summarize_session
from greenroom.core.session import Answer, Mode, PracticeSession
from greenroom.store import history_repo, sessions_repo
from greenroom.store.database import open_database
from support.history_data import make_answer

FIGURES = ("fillers_per_minute", "speaking_rate", "very_long_pauses", "first_word_latency")


def test_a_run_left_part_way_shows_the_figures_of_the_answers_it_saved(tmp_path: Path) -> None:
    # Seen on Progress after a run ended early: its delivery index was drawn (the mean of its
    # answers) but not its fillers, pace, pauses or latency, so the headline said "delivery
    # index ... on your last run" beside "fillers ... on your first run".
    engine = open_database(tmp_path / "g.db").engine
    rng = random.Random(3)
    seeded = [make_answer(rng, nerves=n) for n in (80, 30)]
    session = sessions_repo.create_session(
        engine, PracticeSession(None, datetime(2026, 3, 1, tzinfo=UTC), Mode.TIMED)
    )
    assert session.id is not None
    for position, answer in enumerate([*seeded, None]):  # the last one had no words
        sessions_repo.record_answer(
            engine,
            Answer(
                None,
                session.id,
                None,
                "Tell me",
                position,
                transcript=answer.text if answer else "",
                metrics=answer.metrics if answer else {"word_count": 0},
                delivery_index=answer.delivery_index if answer else None,
            ),
        )
    sessions_repo.mark_interrupted_session(engine, session.id)
    [point] = history_repo.progress_points(engine)
    # The figures its summary would have given, had the run finished.
    summary = summarize_session([AnswerMetrics.from_dict(a.metrics) for a in seeded])
    for key in FIGURES:
        assert getattr(point, key) == pytest.approx(summary.averages[key]), key
    assert point.delivery_index == pytest.approx(summary.index)

"""Questions to practise again, and the history edits (ratings, purge of audio)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from greenroom.core.session import Answer, AnswerKind, Mode, PracticeSession
from greenroom.paths import AppPaths
from greenroom.services.startup import open_store
from greenroom.store import history_repo, sessions_repo
from greenroom.store.practice_queue import struggled_questions
from support.history_data import question_keys

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def _take(engine, when, qk, *, rating, index, kind=AnswerKind.SPOKEN, audio=None):  # type: ignore[no-untyped-def]
    s = sessions_repo.create_session(engine, PracticeSession(None, when, Mode.DRILL))
    assert s.id is not None
    sessions_repo.record_answer(
        engine,
        Answer(
            None,
            s.id,
            qk,
            "q",
            0,
            kind=kind,
            self_rating=rating,
            delivery_index=index,
            audio_path=audio,
        ),
    )
    return s.id


def test_struggled_questions_rank_low_ratings_weak_delivery_and_staleness(
    app_paths: AppPaths,
) -> None:
    engine = open_store(app_paths).engine
    (good, _), (bad, _), (old, _), (skipped, _), (improved, _), (unseen, _) = question_keys(
        engine, 6
    )
    recent = NOW - timedelta(days=1)
    _take(engine, recent, good, rating=5, index=95)
    _take(engine, recent, bad, rating=1, index=40)
    _take(engine, NOW - timedelta(days=90), old, rating=5, index=95)
    _take(engine, recent, skipped, rating=None, index=None, kind=AnswerKind.SKIPPED)
    _take(engine, NOW - timedelta(days=30), improved, rating=1, index=20)
    for d in (3, 2, 1):  # three good takes since push the bad first take out of the window
        _take(engine, NOW - timedelta(days=d), improved, rating=5, index=95)
    ranked = struggled_questions(engine, limit=10, now=NOW)
    assert ranked[0] == bad and ranked[1] == skipped
    assert ranked.index(old) < ranked.index(good)
    assert ranked.index(improved) > ranked.index(old)
    assert unseen not in ranked and len(ranked) == 5
    assert struggled_questions(engine, limit=2, now=NOW) == [bad, skipped]


def test_struggled_questions_filter_by_bank_and_category(app_paths: AppPaths) -> None:
    engine = open_store(app_paths).engine
    keys = [k for k, _ in question_keys(engine, 40)]
    for k in keys:
        _take(engine, NOW - timedelta(days=2), k, rating=2, index=50)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT q.key, q.category, b.slug FROM questions q JOIN banks b ON b.key = q.bank_key"
        ).all()
    info = {k: (c, b) for k, c, b in rows}
    by_cat = struggled_questions(engine, limit=100, categories=["closing"], now=NOW)
    assert by_cat and all(info[k][0] == "closing" for k in by_cat)
    bank = info[keys[0]][1]
    by_bank = struggled_questions(engine, limit=100, bank_ids=[bank], now=NOW)
    assert by_bank and all(info[k][1] == bank for k in by_bank)


def test_purge_and_rating(app_paths: AppPaths) -> None:
    engine = open_store(app_paths).engine
    qk = question_keys(engine, 1)[0][0]
    old = _take(engine, NOW - timedelta(days=40), qk, rating=3, index=50, audio="audio/a.wav")
    new = _take(engine, NOW - timedelta(days=2), qk, rating=3, index=50, audio="audio/b.wav")
    assert history_repo.purge_audio(engine, recorded_before=NOW - timedelta(days=30)) == [
        "audio/a.wav"
    ]
    assert sessions_repo.get_session(engine, old).answers[0].audio_path is None
    assert sessions_repo.get_session(engine, new).answers[0].audio_path == "audio/b.wav"
    assert history_repo.purge_audio(engine, recorded_before=None) == ["audio/b.wav"]
    answer_id = sessions_repo.get_session(engine, new).answers[0].id
    assert answer_id is not None
    history_repo.set_self_rating(engine, answer_id, 4)
    assert sessions_repo.get_session(engine, new).answers[0].self_rating == 4
    with pytest.raises(ValueError):
        history_repo.set_self_rating(engine, answer_id, 9)

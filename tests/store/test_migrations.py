"""Each schema upgrade keeps every row of an older database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from greenroom.store import sessions_repo
from greenroom.store.database import open_database
from greenroom.store.migrate import head_revision
from support.schema import database_at


def test_0001_to_head_keeps_sessions_and_answers_and_takes_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    database_at(path, "0001")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO sessions (id, started_at, mode, status, settings, bank_ids, notes, "
            "nerves_before) VALUES (7, '2026-01-01 09:00:00', 'timed', 'completed', '{}', "
            "'[\"openers\"]', 'first try', 65)"
        )
        conn.execute(
            "INSERT INTO answers (session_id, question_text, position, take, kind, "
            "duration_seconds, transcript, words, segments, metrics) VALUES (7, 'Why us?', 0, 1, "
            "'spoken', 80.5, 'Because of the mission', '[]', '[]', '{\"word_count\": 4}')"
        )
    db = open_database(path, backups_dir=tmp_path / "backups")
    assert db.backup is not None and db.backup.name.startswith("g-0001-")
    session = sessions_repo.get_session(db.engine, 7)
    assert (session.notes, session.nerves_before, session.bank_ids) == (
        "first try",
        65,
        ("openers",),
    )
    assert session.summary == {}
    [answer] = session.answers
    assert (answer.transcript, answer.duration_seconds) == ("Because of the mission", 80.5)
    assert answer.metrics == {"word_count": 4} and answer.delivery_index is None
    with db.engine.connect() as conn:
        assert (
            conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            == head_revision()
        )


def test_0003_to_0004_fills_session_figures_from_summaries_and_keeps_search(
    tmp_path: Path,
) -> None:
    import json

    from greenroom.core.session import Answer
    from greenroom.store import history_repo, transcript_search

    path = tmp_path / "g.db"
    database_at(path, "0003")
    summary = {
        "answers": 2,
        "averages": {
            "fillers_per_minute": 3.5,
            "speaking_rate": 141.25,
            "very_long_pauses": 1,  # an integer in JSON is still a figure
            "first_word_latency": None,  # not measured
            "hedges": 2.0,
        },
        "index": 72.5,
        "answer_indices": [70.0, 75.0],
        "report": {"nerves_before": 60, "nerves_after": 40, "confidence": 55},
        "stress": [],
    }
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO sessions (id, started_at, mode, status, settings, bank_ids, notes, "
            "nerves_before, nerves_after, confidence_after, summary) VALUES "
            "(1, '2026-01-01 09:00:00', 'timed', 'completed', '{}', '[\"openers\"]', '', "
            "60, 40, 55, ?), "
            "(2, '2026-01-02 09:00:00', 'drill', 'interrupted', '{}', '[]', '', 50, NULL, "
            "NULL, '{}')",
            (json.dumps(summary),),
        )
        for sid, position, index, text in (
            (1, 0, 70.0, "We migrated the billing service"),
            (1, 1, 75.0, "I led the rollout"),
            (2, 0, 64.0, "The backlog shrank"),
        ):
            conn.execute(
                "INSERT INTO answers (session_id, question_text, position, take, kind, "
                "duration_seconds, transcript, words, segments, metrics, delivery_index) "
                "VALUES (?, 'Tell me', ?, 1, 'spoken', 10, ?, '[]', '[]', '{}', ?)",
                (sid, position, text, index),
            )
    db = open_database(path, backups_dir=tmp_path / "backups")
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT id, delivery_index, fillers_per_minute, speaking_rate, very_long_pauses, "
            "first_word_latency FROM sessions ORDER BY id"
        ).fetchall()
        triggers = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
    assert rows == [(1, 72.5, 3.5, 141.25, 1.0, None), (2, None, None, None, None, None)]
    assert set(transcript_search.TRIGGER_NAMES) <= triggers  # only sessions was altered
    first, interrupted = history_repo.progress_points(db.engine)
    assert (first.delivery_index, first.fillers_per_minute, first.speaking_rate) == (
        72.5,
        3.5,
        141.25,
    )
    assert (first.very_long_pauses, first.first_word_latency) == (1.0, None)
    assert (first.nerves_before, first.nerves_after, first.confidence) == (60, 40, 55)
    assert interrupted.delivery_index == 64.0  # no summary: the mean of its answers
    assert interrupted.speaking_rate is None
    assert [h.session_id for h in transcript_search.search(db.engine, "billing")] == [1]
    sessions_repo.record_answer(db.engine, Answer(None, 2, None, "Q", 1, transcript="kanban"))
    assert transcript_search.matching_session_ids(db.engine, "kanban") == {2}
    search = history_repo.HistoryFilter(search="rollout")
    assert history_repo.count_and_list_sessions(db.engine, search)[0] == 1
    # Sessions finished from now on write the same columns from their summary.
    from datetime import UTC, datetime

    sessions_repo.finish_session(
        db.engine,
        2,
        ended_at=datetime(2026, 1, 2, 10, tzinfo=UTC),
        nerves_after=30,
        confidence_after=70,
        summary={**summary, "index": 66.0, "averages": {"speaking_rate": 150}},
    )
    with sqlite3.connect(path) as conn:
        assert conn.execute(
            "SELECT delivery_index, fillers_per_minute, speaking_rate, very_long_pauses, "
            "first_word_latency FROM sessions WHERE id = 2"
        ).fetchone() == (66.0, None, 150.0, None, None)

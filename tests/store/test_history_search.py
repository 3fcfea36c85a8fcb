"""Transcript search (FTS5): kept in step by triggers, and built for older databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import update

from greenroom.store import history_repo, sessions_repo, transcript_search
from greenroom.store.database import open_database
from greenroom.store.models import AnswerRow
from support.schema import database_at


def test_0002_database_with_answers_is_searchable_after_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    database_at(path, "0002")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO sessions (id, started_at, mode, status, settings, bank_ids, notes, "
            "summary) VALUES (3, '2026-01-01 09:00:00', 'timed', 'completed', '{}', '[]', '', '{}')"
        )
        for n, text in enumerate(("We migrated the billing service", "Um, I led the rollout")):
            conn.execute(
                "INSERT INTO answers (session_id, question_text, position, take, kind, "
                "duration_seconds, transcript, words, segments, metrics) VALUES "
                "(3, 'Tell me', ?, 1, 'spoken', 10, ?, '[]', '[]', '{}')",
                (n, text),
            )
    db = open_database(path, backups_dir=tmp_path / "backups")
    hits = transcript_search.search(db.engine, "billing")
    assert [(h.session_id, h.snippet) for h in hits] == [(3, "We migrated the [billing] service")]
    assert transcript_search.matching_session_ids(db.engine, "rollou") == {3}  # prefix
    assert transcript_search.matching_session_ids(db.engine, "migrating") == {3}  # porter stem


def test_triggers_follow_inserts_updates_and_deletes(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from greenroom.core.session import Answer, Mode, PracticeSession

    db = open_database(tmp_path / "g.db")
    s = sessions_repo.create_session(
        db.engine, PracticeSession(None, datetime(2026, 2, 1, tzinfo=UTC), Mode.DRILL)
    )
    assert s.id is not None
    a = sessions_repo.record_answer(
        db.engine, Answer(None, s.id, None, "Q", 0, transcript="kanban board")
    )
    search = history_repo.HistoryFilter(search="kanban")
    assert history_repo.count_sessions(db.engine, search) == 1
    with db.engine.begin() as conn:
        conn.execute(update(AnswerRow).where(AnswerRow.id == a.id).values(transcript="scrum"))
    assert history_repo.count_sessions(db.engine, search) == 0
    assert history_repo.count_sessions(db.engine, history_repo.HistoryFilter(search="scrum")) == 1
    sessions_repo.mark_interrupted_session(db.engine, s.id)  # a run going on is not deleted
    history_repo.delete_session(db.engine, s.id)
    assert transcript_search.search(db.engine, "scrum") == []


def test_user_text_is_never_fts_syntax() -> None:
    assert transcript_search.match_expression('say "NEAR(a b)" OR -x*') == (
        '"say" "near" "a" "b" "or" "x"'
    )
    assert transcript_search.match_expression("release pipel") == '"release" "pipel"*'
    assert transcript_search.match_expression(" ,.; ") is None

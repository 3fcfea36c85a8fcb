"""Each schema upgrade keeps every row of an older database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from greenroom.store import sessions_repo
from greenroom.store.database import make_engine, open_database
from greenroom.store.migrate import alembic_config, head_revision


def _database_at(path: Path, revision: str) -> None:
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()


def test_0001_to_head_keeps_sessions_and_answers_and_takes_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    _database_at(path, "0001")
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

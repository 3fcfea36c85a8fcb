"""A crash in the middle of a schema upgrade leaves the database as it was before it.

Found by the kill test: SQLite DDL committed statement by statement, so a kill during the very
first start left tables without a schema version, and every later start refused the file as
"not a Greenroom database". store/migrate.py now runs the whole upgrade in one transaction.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from greenroom.store import sessions_repo
from greenroom.store.database import open_database
from greenroom.store.migrate import head_revision
from support.schema import database_at

# Dies (like SIGKILL: no cleanup) at the first op.execute, which is in the middle of 0003,
# after 0001 and 0002 and the first statements of 0003 have run.
DIE_MID_UPGRADE = """
import os, sys
from pathlib import Path
import alembic.op
alembic.op.execute = lambda *a, **k: os._exit(137)
from greenroom.store.database import open_database
open_database(Path(sys.argv[1]))
"""


def _crash_while_opening(path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", DIE_MID_UPGRADE, str(path)], timeout=120)
    assert done.returncode == 137


def _tables(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY 1")
        names = [r[0] for r in rows]
    conn.close()
    return names


def test_crash_during_the_first_start_leaves_an_empty_file_the_next_start_uses(
    tmp_path: Path,
) -> None:
    path = tmp_path / "greenroom.db"
    _crash_while_opening(path)
    assert _tables(path) == []  # not half a schema
    db = open_database(path)
    with db.engine.connect() as conn:
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert version == head_revision()
    db.engine.dispose()


@pytest.mark.parametrize("revision", ["0001", "0002"])
def test_crash_during_an_upgrade_keeps_the_old_schema_and_every_row(
    tmp_path: Path, revision: str
) -> None:
    path = tmp_path / "greenroom.db"
    database_at(path, revision)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO sessions (id, started_at, mode, status, settings, bank_ids, notes) "
            "VALUES (3, '2026-01-01 09:00:00', 'timed', 'completed', '{}', '[]', '')"
        )
        conn.execute(
            "INSERT INTO answers (session_id, question_text, position, take, kind, "
            "duration_seconds, transcript, words, segments, metrics) VALUES (3, 'Why us?', 0, 1, "
            "'spoken', 61.0, 'Because of the mission', '[]', '[]', '{}')"
        )
    conn.close()
    before = _tables(path)
    _crash_while_opening(path)
    assert _tables(path) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(revision,)]
    conn.close()
    db = open_database(path, backups_dir=tmp_path / "backups")  # the next start finishes it
    [answer] = sessions_repo.get_session(db.engine, 3).answers
    assert answer.transcript == "Because of the mission"
    db.engine.dispose()

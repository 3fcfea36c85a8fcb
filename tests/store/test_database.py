"""The database file: created, migrated, backed up, and never overwritten when it is not ours."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from greenroom.core.errors import StorageError
from greenroom.store.database import open_database
from greenroom.store.migrate import head_revision
from greenroom.store.models import Base
from greenroom.store.transcript_search import include_name


def test_empty_database_upgraded_to_head_matches_the_models(tmp_path: Path) -> None:
    db = open_database(tmp_path / "g.db")
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": include_name}
        )
        assert compare_metadata(context, Base.metadata) == []
        assert context.get_current_revision() == head_revision()


def test_connections_enforce_foreign_keys_and_use_wal(tmp_path: Path) -> None:
    db = open_database(tmp_path / "g.db")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        with pytest.raises(Exception, match="FOREIGN KEY"):
            conn.execute(
                text(
                    "INSERT INTO questions (bank_key, slug, text, difficulty, "
                    "prep_seconds, answer_seconds, tips, key_points, follow_ups, tags, "
                    "retired, position) VALUES (999, 'x', 'x', 'easy', 1, 60, '', '[]', "
                    "'[]', '[]', 0, 0)"
                )
            )


def test_reopening_an_up_to_date_database_takes_no_backup(tmp_path: Path) -> None:
    open_database(tmp_path / "g.db").engine.dispose()
    again = open_database(tmp_path / "g.db")
    assert again.backup is None
    assert not (tmp_path / "backups").exists()


def test_older_schema_is_backed_up_before_migrating(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    open_database(path).engine.dispose()
    # Pretend the file is at an older revision that this code still knows: the base (None)
    # would mean "not ours", so we rewind to a known revision and drop a marker row first.
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO sessions (started_at, mode, status, settings, bank_ids, notes) "
            "VALUES ('2026-01-01 09:00:00', 'timed', 'completed', '{}', '[]', 'kept')"
        )
        conn.execute("UPDATE alembic_version SET version_num = 'older'")
    with pytest.raises(StorageError, match="newer version of Greenroom"):
        open_database(path)
    with sqlite3.connect(path) as conn:  # the refused file was left exactly as it was
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("older",)
        assert conn.execute("SELECT notes FROM sessions").fetchone() == ("kept",)


def test_backup_copies_every_row_before_an_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from greenroom.store import database, migrate

    path = tmp_path / "g.db"
    open_database(path).engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO sessions (started_at, mode, status, settings, bank_ids, notes) "
            "VALUES ('2026-01-01 09:00:00', 'timed', 'completed', '{}', '[]', 'row')"
        )
    # A newer head appears (as after an update): the file must be copied before migrating.
    monkeypatch.setattr(migrate, "head_revision", lambda: "0002-future")
    monkeypatch.setattr(migrate, "upgrade_to_head", lambda engine: None)
    db = database.open_database(path, backups_dir=tmp_path / "backups")
    assert db.backup is not None and db.backup.exists()
    with sqlite3.connect(db.backup) as conn:
        assert conn.execute("SELECT notes FROM sessions").fetchall() == [("row",)]


def test_a_file_that_is_not_a_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    path.write_bytes(b"my thesis, chapter 1\n" * 100)
    before = path.read_bytes()
    with pytest.raises(StorageError) as caught:
        open_database(path)
    assert str(path) in str(caught.value) and "not a database" in str(caught.value)
    assert path.read_bytes() == before


def test_a_sqlite_database_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(StorageError, match="not a Greenroom one"):
        open_database(path)
    with sqlite3.connect(path) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["recipes"]


def test_read_only_database_gets_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root ignores permission bits, so simulate what os.access reports for a normal user.
    path = tmp_path / "g.db"
    open_database(path).engine.dispose()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if Path(p) == path else real_access(p, mode)
    )
    with pytest.raises(StorageError) as caught:
        open_database(path)
    assert "read-only" in str(caught.value) and str(path) in str(caught.value)


def test_locked_database_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from greenroom.store import database

    path = tmp_path / "g.db"
    open_database(path).engine.dispose()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError) as caught:
            database.open_database(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "locked" in str(caught.value) and str(path) in str(caught.value)


def test_a_folder_in_place_of_the_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "g.db").mkdir()
    with pytest.raises(StorageError, match="is a folder"):
        open_database(tmp_path / "g.db")

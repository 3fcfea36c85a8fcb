"""Opening the database safely: check what the file is, back it up, migrate, then use it.

A file that is not a SQLite database, is from a newer Greenroom, is read-only or is locked gets a
``StorageError`` naming the file, and is never written to.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

from greenroom.core.errors import StorageError
from greenroom.store import migrate

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


@dataclass(frozen=True, slots=True)
class Database:
    """The one engine of this process and where its file lives."""

    engine: Engine
    path: Path
    backup: Path | None = None


def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a crash loses no committed row
    cursor.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    return engine


def open_database(path: Path, *, backups_dir: Path | None = None) -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    Raises:
        StorageError: when the file cannot be used, with what to do about it.
    """
    _check_file(path)
    engine = make_engine(path)
    try:
        backup = _migrate(engine, path, backups_dir or path.parent / "backups")
        with engine.connect() as conn:
            conn.execute(text("SELECT 1 FROM sessions LIMIT 1"))
    except StorageError:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        raise _operational(path, exc) from None
    except DatabaseError as exc:
        engine.dispose()
        raise StorageError(
            f"is not a usable Greenroom database ({exc.orig})",
            where=str(path),
            fix="Move the file away (it was not changed) and start Greenroom again",
        ) from None
    return Database(engine=engine, path=path, backup=backup)


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise StorageError("is a folder, not a database file", where=str(path))
    if not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"the data folder cannot be created ({exc.strerror})",
                where=str(path.parent),
                fix="Choose another data folder with --data-dir or GREENROOM_HOME",
            ) from None
    if not path.exists():
        if not os.access(path.parent, os.W_OK):
            raise StorageError(
                "the data folder is read-only",
                where=str(path.parent),
                fix="Choose a writable data folder with --data-dir or GREENROOM_HOME",
            )
        return
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if head and head != SQLITE_MAGIC:
        raise StorageError(
            "is not a database (it was not changed)",
            where=str(path),
            fix="Move it away or choose another data folder with --data-dir",
        )
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise StorageError(
            "is read-only, so practice sessions could not be saved",
            where=str(path),
            fix="Make the file and its folder writable, or choose another data folder",
        )


def _migrate(engine: Engine, path: Path, backups_dir: Path) -> Path | None:
    head = migrate.head_revision()
    with engine.connect() as conn:
        current = migrate.current_revision(conn)
        has_tables = bool(conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar())
    if current == head:
        return None
    if current is not None and current not in migrate.known_revisions():
        raise StorageError(
            f"was written by a newer version of Greenroom (schema {current})",
            where=str(path),
            fix="Update Greenroom; the file was not changed",
        )
    if has_tables and current is None:
        raise StorageError(
            "is a SQLite database but not a Greenroom one (it was not changed)",
            where=str(path),
            fix="Choose another data folder with --data-dir",
        )
    backup = _backup(engine, path, backups_dir, current) if current is not None else None
    migrate.upgrade_to_head(engine)
    return backup


def _backup(engine: Engine, path: Path, backups_dir: Path, revision: str) -> Path:
    """Copy the database with SQLite's online backup before touching its schema."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = backups_dir / f"{path.stem}-{revision}-{stamp}.db"
    raw: Any = engine.raw_connection()
    try:
        dest = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(dest)
        finally:
            dest.close()
    finally:
        raw.close()
    return target


def _operational(path: Path, exc: OperationalError) -> StorageError:
    message = str(exc.orig)
    if "locked" in message or "busy" in message:
        return StorageError(
            "is locked by another program (is Greenroom already open?)",
            where=str(path),
            fix="Close the other program and try again",
        )
    if "readonly" in message or "read-only" in message:
        return StorageError(
            "is read-only, so practice sessions could not be saved",
            where=str(path),
            fix="Make the file and its folder writable, or choose another data folder",
        )
    if "disk" in message and "full" in message:
        return StorageError(
            "the disk is full", where=str(path), fix="Free some space and try again"
        )
    return StorageError(
        f"cannot be opened ({message})",
        where=str(path),
        fix="Check the file, or choose another data folder with --data-dir",
    )

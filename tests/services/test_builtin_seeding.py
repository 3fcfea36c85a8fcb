"""Built-in banks never vanish: seeding is decided by what the database holds.

The user moves a broken greenroom.db away (as the app's error message advises) or restores a
backup; the next start has every built-in bank, as shipped, and keeps the history it finds.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine

from greenroom.banks.loader import load_bank_file
from greenroom.paths import AppPaths
from greenroom.services import library
from greenroom.services.startup import open_store
from greenroom.store import banks_repo, sessions_repo
from greenroom.store.database import open_database
from support.history_data import seed_history

SHIPPED = {p.stem: load_bank_file(p).bank for p in library.builtin_bank_files()}


def _builtins(engine: Engine) -> dict[str, tuple[str, ...]]:
    """Active question texts of each built-in bank in the database."""
    return {
        b.id: tuple(q.text for q in banks_repo.get_bank(engine, b.id).active_questions)
        for b in banks_repo.list_banks(engine)
        if b.builtin
    }


def _shipped() -> dict[str, tuple[str, ...]]:
    return {bank_id: tuple(q.text for q in b.active_questions) for bank_id, b in SHIPPED.items()}


def _sql(database: Path, *statements: str) -> None:
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        for statement in statements:
            conn.execute(statement)
    conn.close()


def test_a_new_database_gets_every_builtin_bank_and_the_next_start_writes_nothing(
    app_paths: AppPaths,
) -> None:
    (app_paths.data / library.LEGACY_SEED_STAMP).write_text("left by an older Greenroom")
    db = open_store(app_paths)
    assert len(SHIPPED) == 12 and _builtins(db.engine) == _shipped()
    assert library.seed_builtin_banks(db.engine) == 0  # fingerprints match: nothing parsed
    assert not (app_paths.data / library.LEGACY_SEED_STAMP).exists()
    db.engine.dispose()


def test_builtin_banks_come_back_when_the_database_is_moved_away(app_paths: AppPaths) -> None:
    db = open_store(app_paths)
    seed_history(db.engine, sessions=2)
    db.engine.dispose()
    # An older Greenroom kept a stamp beside the database saying "these banks are seeded" and
    # so skipped seeding the new, empty database. Whatever a stamp says must not matter.
    stamp = hashlib.sha256()
    for path in library.builtin_bank_files():
        stamp.update(path.name.encode() + b"\0" + path.read_bytes())
    (app_paths.data / library.LEGACY_SEED_STAMP).write_text(stamp.hexdigest())
    app_paths.database.rename(app_paths.data / "greenroom-broken.db")

    db = open_store(app_paths)
    assert sessions_repo.list_sessions(db.engine) == []  # really a new, empty database
    assert _builtins(db.engine) == _shipped()
    db.engine.dispose()


def test_a_restored_old_backup_gets_the_current_builtin_banks_and_keeps_its_history(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    db = open_store(app_paths)
    sessions = seed_history(db.engine, sessions=3)
    db.engine.dispose()
    # Make it a backup from an older Greenroom: "closing" had not shipped yet, a question of
    # "situational" was worded differently, and built-ins carried no fingerprint.
    _sql(
        app_paths.database,
        "DELETE FROM banks WHERE slug = 'closing'",
        "UPDATE questions SET text = 'An older wording?' WHERE key = (SELECT min(q.key) "
        "FROM questions q JOIN banks b ON q.bank_key = b.key WHERE b.slug = 'situational')",
        "UPDATE banks SET source = '/old/greenroom/question_banks/' || slug || '.yaml'",
    )
    backup = tmp_path / "greenroom-backup.db"
    shutil.copy2(app_paths.database, backup)
    app_paths.database.unlink()
    open_store(app_paths).engine.dispose()  # a start with a new database in between

    shutil.copy2(backup, app_paths.database)  # the user restores the backup
    db = open_store(app_paths)
    assert _builtins(db.engine) == _shipped()
    restored = sorted(s.id for s in sessions_repo.list_sessions(db.engine))
    assert restored == sorted(sessions)
    db.engine.dispose()


def test_a_bank_of_the_users_with_a_builtin_id_is_never_overwritten(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    db = open_store(app_paths)
    db.engine.dispose()
    # The user imported a bank called "closing" into a database that had no such built-in.
    _sql(app_paths.database, "DELETE FROM banks WHERE slug = 'closing'")
    mine = tmp_path / "closing.yaml"
    mine.write_text(
        "greenroom_bank: 1\nid: closing\ntitle: My closing questions\n"
        "questions:\n  - text: What would make you say yes to an offer today?\n",
        encoding="utf-8",
    )
    older = open_database(app_paths.database)  # an older Greenroom: no "closing" built-in
    library.import_bank(older.engine, mine)
    older.engine.dispose()

    db = open_store(app_paths)
    bank = banks_repo.get_bank(db.engine, "closing")
    assert not bank.builtin and bank.title == "My closing questions"
    assert [q.text for q in bank.questions] == ["What would make you say yes to an offer today?"]
    others = _shipped()
    del others["closing"]
    assert _builtins(db.engine) == others
    db.engine.dispose()


@pytest.mark.parametrize("bank_id", ["openers", "situational"])
def test_a_builtin_bank_stored_from_another_version_is_updated_in_place(
    app_paths: AppPaths, bank_id: str
) -> None:
    db = open_store(app_paths)
    keys = banks_repo.question_keys(db.engine, bank_id)
    db.engine.dispose()
    _sql(app_paths.database, f"UPDATE banks SET source = 'older' WHERE slug = '{bank_id}'")
    db = open_store(app_paths)
    # Same rows (answers refer to them by key), same text as shipped.
    assert banks_repo.question_keys(db.engine, bank_id) == keys
    assert _builtins(db.engine)[bank_id] == _shipped()[bank_id]
    db.engine.dispose()

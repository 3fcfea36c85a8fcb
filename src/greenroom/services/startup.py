"""What every start does before anything else touches the database (the app and the CLI)."""

from __future__ import annotations

import contextlib

from greenroom.core.atomic_file import remove_partial_files
from greenroom.paths import AppPaths
from greenroom.services import library
from greenroom.speech.download import remove_partial_downloads
from greenroom.store import sessions_repo
from greenroom.store.database import Database, open_database


def open_store(paths: AppPaths) -> Database:
    """Open the database the way the app does: migrate, seed built-in banks, mark crashes."""
    paths.data.mkdir(parents=True, exist_ok=True)
    db = open_database(paths.database, backups_dir=paths.backups)
    library.seed_builtin_banks(db.engine)  # decided by what the database holds
    with contextlib.suppress(OSError):
        (paths.data / library.LEGACY_SEED_STAMP).unlink(missing_ok=True)
    sessions_repo.mark_interrupted(db.engine)
    # A crash while saving an answer or the settings leaves only a temporary file: drop it.
    remove_partial_files(paths.audio)
    remove_partial_files(paths.config, recursive=False)
    # A model download killed part way leaves its temporary folder (never loaded): drop it.
    remove_partial_downloads(paths.models)
    return db

"""Delete everything Greenroom keeps about the user ("Delete all my data" in Settings).

Only the files and folders Greenroom itself creates are removed, by name, and only when they sit
inside its data, config, cache or log folder: with ``--data-dir ~/Documents`` the user's own
files next to ours stay. Symbolic links are removed, never followed. No Qt: the Settings page
asks for confirmation and closes the window; this module does the deleting and is tested alone.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from greenroom.core.atomic_file import PARTIAL_SUFFIX
from greenroom.core.errors import StorageError
from greenroom.paths import AppPaths
from greenroom.services.library import LEGACY_SEED_STAMP

log = logging.getLogger(__name__)
LOG_NAME = "greenroom.log"


@dataclass(frozen=True, slots=True)
class Target:
    path: Path
    what: str  # shown in the confirmation dialog


def targets(paths: AppPaths) -> list[Target]:
    """What "delete all my data" removes, in the order it is removed."""
    db = paths.database
    items = [
        Target(db, "sessions, answers, transcripts and your question banks"),
        *(Target(db.with_name(db.name + s), "") for s in ("-wal", "-shm", "-journal")),
        Target(paths.data / LEGACY_SEED_STAMP, ""),  # left by Greenroom before seeding used the db
        Target(paths.audio, "recordings of your answers"),
        Target(paths.backups, "database backups"),
        Target(paths.settings_file, "settings"),
        Target(paths.settings_file.with_suffix(".unreadable.json"), ""),
        *(Target(p, "") for p in sorted(paths.config.glob(f".*{PARTIAL_SUFFIX}"))),
        Target(paths.models, "speech models downloaded by Greenroom"),
        Target(paths.cache / "tts", "spoken questions"),
        Target(paths.cache / "self-test-question.wav", ""),
    ]
    if paths.logs.is_dir():
        items += [
            Target(p, "logs") for p in sorted(paths.logs.iterdir()) if _is_greenroom_log(p.name)
        ]
    return items


def _is_greenroom_log(name: str) -> bool:
    return name.startswith(LOG_NAME) or (name.startswith("crash-") and name.endswith(".txt"))


def describe(paths: AppPaths) -> list[str]:
    """One line per kind of data that exists now, for the confirmation dialog."""
    seen: list[str] = []
    for t in targets(paths):
        if t.what and t.what not in seen and os.path.lexists(t.path):
            seen.append(t.what)
    return seen


def delete_all_data(paths: AppPaths, *, engine: Engine | None = None) -> list[Path]:
    """Close the database and delete every Greenroom file; returns what was removed.

    Folders Greenroom created are removed too when they are left empty.

    Raises:
        StorageError: a file could not be deleted (what remains is named; deleting again
            finishes the job).
    """
    if engine is not None:
        engine.dispose()  # no pooled connection keeps the file (or its WAL) open
    roots = _roots(paths)
    removed: list[Path] = []
    for t in targets(paths):
        if not os.path.lexists(t.path):
            continue
        _check_inside(t.path, roots)
        try:
            if t.path.is_dir() and not t.path.is_symlink():
                shutil.rmtree(t.path)
            else:
                t.path.unlink()
        except OSError as exc:
            raise StorageError(
                f"could not be deleted ({exc.strerror})",
                where=str(t.path),
                fix="Close other programs using it and try again; nothing else was changed",
            ) from None
        removed.append(t.path)
    for folder in (paths.config, paths.cache, paths.logs, paths.data):
        try:
            folder.rmdir()  # only when empty: never a folder with the user's own files
        except OSError:
            continue
        removed.append(folder)
    log.info("all user data deleted (%d items)", len(removed))
    return removed


def _roots(paths: AppPaths) -> list[Path]:
    roots = []
    for folder in (paths.data, paths.config, paths.cache, paths.logs):
        resolved = folder.resolve()
        if resolved == Path(resolved.anchor) or resolved == Path.home().resolve():
            raise StorageError(
                "is not a Greenroom folder, so nothing was deleted",
                where=str(folder),
                fix="Start Greenroom with its own data folder (--data-dir) and try again",
            )
        roots.append(resolved)
    return roots


def _check_inside(path: Path, roots: list[Path]) -> None:
    # The link itself is checked, not where it points: a link is removed, never followed.
    real = path.parent.resolve() / path.name
    if not any(real == r or r in real.parents for r in roots):
        raise StorageError(
            "is outside Greenroom's folders, so it was not deleted",
            where=str(path),
            fix="Delete it yourself if you are sure",
        )

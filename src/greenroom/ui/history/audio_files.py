"""Deleting recorded answers' audio files, and the audio retention setting.

The store returns paths relative to the data folder; only files inside that folder are ever
deleted, whatever a path in the database says.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from greenroom.store import history_repo

log = logging.getLogger(__name__)


def delete_audio_files(data_dir: Path, relative_paths: Iterable[str]) -> int:
    """Delete each file inside ``data_dir``; returns how many were removed."""
    root = data_dir.resolve()
    removed = 0
    for rel in relative_paths:
        target = (root / rel).resolve()
        if not target.is_relative_to(root) or target == root:
            log.warning("not deleting %s: outside the data folder %s", rel, root)
            continue
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
            removed += 1
    return removed


def retention_cutoff(keep_audio_days: int | None, now: datetime) -> datetime | None:
    """The time before which audio goes (None: keep all; ``now``: none is kept)."""
    if keep_audio_days is None:
        return None
    return now - timedelta(days=max(keep_audio_days, 0))


def apply_retention(
    engine: Engine, data_dir: Path, keep_audio_days: int | None, *, now: datetime
) -> int:
    """Forget and delete audio older than the setting allows; returns files removed.

    Safe to run at start-up and whenever the setting changes (a database job: run it on the
    write pool).
    """
    cutoff = retention_cutoff(keep_audio_days, now)
    if cutoff is None:
        return 0
    # "never keep" (0 days) forgets every recording, including ones made a moment ago.
    before = None if keep_audio_days == 0 else cutoff
    paths = history_repo.purge_audio(engine, recorded_before=before)
    return delete_audio_files(data_dir, paths)

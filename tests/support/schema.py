"""Databases at an older schema revision, for migration tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command

from greenroom.store.database import make_engine
from greenroom.store.migrate import alembic_config


def database_at(path: Path, revision: str) -> None:
    """Create (or upgrade) the SQLite file at ``path`` to exactly ``revision``."""
    _migrate(path, command.upgrade, revision)


def downgrade_to(path: Path, revision: str) -> None:
    """Downgrade the SQLite file at ``path`` to ``revision``."""
    _migrate(path, command.downgrade, revision)


def _migrate(path: Path, step: Callable[[Any, str], None], revision: str) -> None:
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        step(cfg, revision)
    engine.dispose()

"""Databases at an older schema revision, for migration tests."""

from __future__ import annotations

from pathlib import Path

from alembic import command

from greenroom.store.database import make_engine
from greenroom.store.migrate import alembic_config


def database_at(path: Path, revision: str) -> None:
    """Create (or upgrade) the SQLite file at ``path`` to exactly ``revision``."""
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()


def downgrade_to(path: Path, revision: str) -> None:
    """Downgrade the SQLite file at ``path`` to ``revision``."""
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    engine.dispose()

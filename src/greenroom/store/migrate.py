"""Schema versions: which revision a database is at, and upgrading it to head."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic takes ~0.7 s to import, so start-up reads the revisions from the version files and the
# database itself, and imports Alembic only when there is something to upgrade.
# tests/store/test_migrate.py checks these answers against Alembic's own.
_REVISION_RE = re.compile(
    r"^(revision|down_revision)\s*(?::[^=]*)?=\s*['\"]?([\w-]+|None)['\"]?", re.M
)


def _versions_dir() -> Path:
    return Path(str(resources.files("greenroom.store") / "migrations" / "versions"))


@cache
def _revision_graph() -> dict[str, str | None]:
    """Revision -> its parent, read from the migration files."""
    graph: dict[str, str | None] = {}
    for path in sorted(_versions_dir().glob("*.py")):
        source = path.read_text(encoding="utf-8")
        found = {m.group(1): m.group(2) for m in _REVISION_RE.finditer(source)}
        if "revision" in found:
            parent = found.get("down_revision")
            graph[found["revision"]] = None if parent in (None, "None") else parent
    return graph


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_versions_dir().parent))
    return cfg


def head_revision() -> str:
    graph = _revision_graph()
    heads = set(graph) - {parent for parent in graph.values() if parent}
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_graph())


def current_revision(connection: Connection) -> str | None:
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError:  # no alembic_version table: a new (or foreign) database
        connection.rollback()
        return None


def upgrade_to_head(engine: Engine) -> None:
    """Run every pending migration in ONE SQLite transaction.

    Python's sqlite3 module opens no transaction before DDL, so CREATE/ALTER/DROP would commit
    one by one and a crash part-way through the first start left tables without a schema
    version, which the next start refused as "not a Greenroom database" (found by
    tests/reliability/test_kill.py). With the driver in autocommit mode and an explicit BEGIN,
    a crash leaves the database exactly as it was before the upgrade.
    """
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as connection:
        driver: Any = connection.connection.driver_connection
        saved = driver.isolation_level
        driver.isolation_level = None  # we issue BEGIN; commit()/rollback() end it
        try:
            with connection.begin():
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")
        finally:
            driver.isolation_level = saved

"""Start-up reads schema revisions without Alembic; the answers must be Alembic's own."""

from __future__ import annotations

from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from greenroom.store import migrate
from greenroom.store.database import make_engine, open_database


def test_head_and_known_revisions_match_alembic() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == script.get_current_head()
    assert migrate.known_revisions() == {r.revision for r in script.walk_revisions()}


def test_current_revision_matches_alembic(tmp_path: Path) -> None:
    empty = make_engine(tmp_path / "empty.db")
    with empty.connect() as conn:
        assert migrate.current_revision(conn) is None
    db = open_database(tmp_path / "g.db")
    with db.engine.connect() as conn:
        assert (
            migrate.current_revision(conn)
            == MigrationContext.configure(conn).get_current_revision()
        )

"""Alembic environment: always run with a connection handed over by ``store.database``."""

from __future__ import annotations

from alembic import context

from greenroom.store.models import Base
from greenroom.store.transcript_search import include_name

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by a bare `alembic` command
    raise RuntimeError("run migrations through greenroom.store.database.open_database")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    compare_type=True,
    include_name=include_name,  # FTS5 virtual tables are not models (transcript_search)
)
with context.begin_transaction():
    context.run_migrations()

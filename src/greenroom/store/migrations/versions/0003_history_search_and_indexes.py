"""transcript search (FTS5) and history indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 10:00:00.000000
"""

from __future__ import annotations

from alembic import op

from greenroom.store.transcript_search import (
    CREATE_FTS,
    FTS_TABLE,
    FTS_TRIGGERS,
    REBUILD,
    TRIGGER_NAMES,
)

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain indexes are ordinary DDL (no table copy needed); models.py declares the same ones.
    op.create_index("ix_sessions_mode_started", "sessions", ["mode", "started_at"])
    op.create_index("ix_answers_session_delivery", "answers", ["session_id", "delivery_index"])
    op.execute(CREATE_FTS)
    for trigger in FTS_TRIGGERS:
        op.execute(trigger)
    op.execute(REBUILD)  # index the transcripts already in the database


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    op.drop_index("ix_answers_session_delivery", table_name="answers")
    op.drop_index("ix_sessions_mode_started", table_name="sessions")

"""session headline figures as columns (for the progress dashboard)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08 10:00:00.000000

Only ``sessions`` changes, with plain ``ALTER TABLE ... ADD COLUMN`` (no batch copy): a table
copy of ``sessions`` would cascade to ``answers`` and a copy of ``answers`` would drop the FTS
triggers (see store.transcript_search). The new columns are filled from each session's
summary JSON in SQL, the same figures sessions_repo.summary_columns derives for new sessions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# column -> JSON path in SessionSummary.to_dict()
COLUMNS = {
    "delivery_index": "$.index",
    "fillers_per_minute": "$.averages.fillers_per_minute",
    "speaking_rate": "$.averages.speaking_rate",
    "very_long_pauses": "$.averages.very_long_pauses",
    "first_word_latency": "$.averages.first_word_latency",
}


def _number(path: str) -> str:
    """The JSON value at ``path`` when it is a number, else NULL."""
    return (
        f"CASE WHEN json_type(summary, '{path}') IN ('integer', 'real') "
        f"THEN json_extract(summary, '{path}') END"
    )


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column("sessions", sa.Column(name, sa.Float(), nullable=True))
    assignments = ", ".join(f"{name} = {_number(path)}" for name, path in COLUMNS.items())
    op.execute(
        f"UPDATE sessions SET {assignments} "
        "WHERE summary IS NOT NULL AND json_valid(summary) AND summary != '{}'"
    )


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place; a batch copy of sessions would cascade to answers.
    for name in reversed(COLUMNS):
        op.drop_column("sessions", name)

"""session on-topic share and pitch variation as columns (Progress tracks them, issue 16)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 09:00:00.000000

``sessions`` gains ``on_topic`` (the mean share, 0-1, of the answers' words that were about the
question) and ``pitch_variation`` (the mean pitch variation in semitones over the answers that
have one), with plain ``ALTER TABLE ... ADD COLUMN`` as in 0004 (a batch copy of ``sessions``
would cascade to ``answers`` and drop the transcript-search triggers).

Backfill, for finished sessions (those with a summary): the figure of the summary's averages
when it is there (what sessions_repo.summary_columns writes from now on), else the mean over the
session's answers with words of the figure in their saved metrics JSON, the same mean
analysis.session.summarize_session takes. Sessions whose answers never measured it (before issue
16, typed answers, no recording) stay NULL: a gap on Progress, not a zero.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# column -> (JSON path in SessionSummary.to_dict(), JSON path in AnswerMetrics.to_dict())
COLUMNS = {
    "on_topic": ("$.averages.on_topic", "$.relevance.on_topic.share"),
    "pitch_variation": ("$.averages.pitch_variation", "$.voice.pitch_variation_st"),
}


def _number(document: str, path: str) -> str:
    """The JSON value at ``path`` when it is a number, else NULL."""
    return (
        f"CASE WHEN json_type({document}, '{path}') IN ('integer', 'real') "
        f"THEN json_extract({document}, '{path}') END"
    )


def _answers_mean(path: str) -> str:
    """Mean of the figure over the session's answers with words (NULL when none has it)."""
    return (
        "(SELECT avg(CASE WHEN json_extract(a.metrics, '$.word_count') > 0 "
        f"THEN {_number('a.metrics', path)} END) "
        "FROM answers a WHERE a.session_id = sessions.id AND json_valid(a.metrics))"
    )


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column("sessions", sa.Column(name, sa.Float(), nullable=True))
    assignments = ", ".join(
        f"{name} = coalesce({_number('summary', summary)}, {_answers_mean(answer)})"
        for name, (summary, answer) in COLUMNS.items()
    )
    op.execute(
        f"UPDATE sessions SET {assignments} "
        "WHERE summary IS NOT NULL AND json_valid(summary) AND summary != '{}'"
    )


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place; a batch copy of sessions would cascade to answers.
    for name in reversed(COLUMNS):
        op.drop_column("sessions", name)

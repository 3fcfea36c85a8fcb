"""real interviews, asked questions, follow-up answers; no index for answers with no words

Revision ID: 0005
Revises: 0004
Create Date: 2027-01-12 10:00:00.000000

New tables ``interviews`` and ``interview_questions``. ``answers`` gains ``follow_up_of`` (the
answer a follow-up question followed up, a foreign key to ``answers.id``) and
``follow_up_reason``. The foreign key needs a batch copy of ``answers``: ``ALTER TABLE ... ADD
COLUMN ... REFERENCES`` works in SQLite but writes the key inline, where reflection cannot read
its ON DELETE rule, so the schema would never compare equal to the models. The copy drops the
transcript-search triggers, so they are recreated and the index rebuilt
(store.transcript_search).

Data fix: answers in which not a word was heard lose their delivery index, and their finished
sessions' summaries and headline columns are rebuilt (store.no_answer_fix).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from greenroom.store.no_answer_fix import fix_no_answer_scores
from greenroom.store.transcript_search import FTS_TRIGGERS, REBUILD, TRIGGER_NAMES

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("when_utc", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_minutes", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=True),
        sa.Column("want_before", sa.Integer(), nullable=True),
        sa.Column("checklist", sa.JSON(), nullable=False),
        sa.Column("nerves_before", sa.Integer(), nullable=True),
        sa.Column("nerves_after", sa.Integer(), nullable=True),
        sa.Column("went", sa.Integer(), nullable=True),
        sa.Column("people_met", sa.JSON(), nullable=False),
        sa.Column("follow_up_note", sa.Text(), nullable=False),
        sa.Column("want_after", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=12), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("want_before BETWEEN 0 AND 10", name="ck_interviews_want_before"),
        sa.CheckConstraint("want_after BETWEEN 0 AND 10", name="ck_interviews_want_after"),
        sa.CheckConstraint("nerves_before BETWEEN 0 AND 100", name="ck_interviews_nerves_before"),
        sa.CheckConstraint("nerves_after BETWEEN 0 AND 100", name="ck_interviews_nerves_after"),
        sa.CheckConstraint("went BETWEEN 1 AND 5", name="ck_interviews_went"),
        sa.CheckConstraint(
            "utc_offset_minutes BETWEEN -1080 AND 1080", name="ck_interviews_offset"
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_interviews_when_utc", "interviews", ["when_utc"])
    op.create_table(
        "interview_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["question_key"], ["questions.key"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_interview_questions_interview_id", "interview_questions", ["interview_id"])
    op.create_index("ix_interview_questions_question_key", "interview_questions", ["question_key"])
    with op.batch_alter_table("answers") as batch_op:
        batch_op.add_column(sa.Column("follow_up_of", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("follow_up_reason", sa.String(length=20), nullable=True))
        batch_op.create_foreign_key(
            "fk_answers_follow_up_of", "answers", ["follow_up_of"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_index("ix_answers_follow_up_of", ["follow_up_of"])
    _restore_search()
    fix_no_answer_scores(op.get_bind())


def _restore_search() -> None:
    """A copy of ``answers`` loses its triggers: recreate them and re-index the transcripts."""
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for trigger in FTS_TRIGGERS:
        op.execute(trigger)
    op.execute(REBUILD)


def downgrade() -> None:
    # The cleared indices of empty answers are not restored: they were wrong.
    with op.batch_alter_table("answers") as batch_op:
        batch_op.drop_index("ix_answers_follow_up_of")
        batch_op.drop_constraint("fk_answers_follow_up_of", type_="foreignkey")
        batch_op.drop_column("follow_up_reason")
        batch_op.drop_column("follow_up_of")
    _restore_search()
    op.drop_index("ix_interview_questions_question_key", table_name="interview_questions")
    op.drop_index("ix_interview_questions_interview_id", table_name="interview_questions")
    op.drop_table("interview_questions")
    op.drop_index("ix_interviews_when_utc", table_name="interviews")
    op.drop_table("interviews")

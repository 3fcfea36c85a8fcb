"""session summary and answer delivery index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 15:41:23.804813
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delivery_index", sa.Float(), nullable=True))

    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("summary", sa.JSON(), server_default="{}", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_column("summary")

    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.drop_column("delivery_index")

"""Resume where you left off: when each question was first shown (the timer runs from it), its unsent
draft, and when each user was last active (the profile switcher starts on the most recent one).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("interview_questions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("presented_at", db.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("draft_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("draft_saved_at", db.types.UTCDateTime(timezone=True), nullable=True))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_active_at", db.types.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("last_active_at")
    with op.batch_alter_table("interview_questions", schema=None) as batch_op:
        batch_op.drop_column("draft_saved_at")
        batch_op.drop_column("draft_text")
        batch_op.drop_column("presented_at")

"""flags.dismissed, flags.dismissed_at: a reviewer's dismissal of a wrong automatic signal

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 11:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("flags") as batch:
        batch.add_column(sa.Column("dismissed", sa.Text(), nullable=True))
        batch.add_column(sa.Column("dismissed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("flags") as batch:
        batch.drop_column("dismissed_at")
        batch.drop_column("dismissed")

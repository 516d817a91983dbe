"""flags.reason_key / flags.reason_args: a drift reason as message key plus arguments

Stored so that the web layer translates a signal's reason by key; rows stored
before this revision keep an empty key (their English ``detail`` is shown, or
matched against the templates).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 11:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("flags") as batch:
        batch.add_column(sa.Column("reason_key", sa.String(length=100), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("reason_args", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("flags") as batch:
        batch.drop_column("reason_args")
        batch.drop_column("reason_key")

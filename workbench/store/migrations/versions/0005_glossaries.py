"""glossaries: one term list per project (required renderings, forbidden variants)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 11:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "glossaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=500), nullable=False),
        sa.Column("term_count", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], ondelete="CASCADE",
                                name=op.f("fk_glossaries_project_id_projects")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_glossaries")),
        sa.UniqueConstraint("project_id", name=op.f("uq_glossaries_project_id")),
    )


def downgrade() -> None:
    op.drop_table("glossaries")

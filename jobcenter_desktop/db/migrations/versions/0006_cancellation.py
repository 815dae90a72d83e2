"""Whether a customer's cancellation is billable, set per contract.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23

``contract.cancellation_billable`` is added with a plain ADD COLUMN (its server
default gives the existing contracts False), not a table rebuild: on SQLite a
rebuild drops ``contract`` with the gigs and qualifications referring to it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "contract",
        sa.Column("cancellation_billable", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    # SQLite 3.35+ drops a plain column in place; no rebuild of contract.
    op.drop_column("contract", "cancellation_billable")

"""Crew templates and the centre's same-day rule setting.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

``centre.same_day_rule_blocks`` is added with a plain ADD COLUMN (its server
default fills the existing row), not a table rebuild: on SQLite a rebuild drops
``centre`` with its bank accounts referring to it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "centre",
        sa.Column("same_day_rule_blocks", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "crew_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("lead_instructor_id", sa.Integer(), nullable=True),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lead_instructor_id"],
            ["instructor.id"],
            name=op.f("fk_crew_template_lead_instructor_id_instructor"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crew_template")),
        sa.UniqueConstraint("name", name=op.f("uq_crew_template_name")),
    )
    op.create_index(
        op.f("ix_crew_template_lead_instructor_id"), "crew_template", ["lead_instructor_id"]
    )
    op.create_table(
        "crew_template_member",
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["crew_template.id"],
            name=op.f("fk_crew_template_member_template_id_crew_template"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_crew_template_member_participant_id_participant"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint(
            "template_id", "participant_id", name=op.f("pk_crew_template_member")
        ),
    )
    op.create_index(
        op.f("ix_crew_template_member_participant_id"),
        "crew_template_member",
        ["participant_id"],
    )


def downgrade() -> None:
    op.drop_table("crew_template_member")
    op.drop_table("crew_template")
    # SQLite 3.35+ drops a plain column in place; no rebuild of centre.
    op.drop_column("centre", "same_day_rule_blocks")

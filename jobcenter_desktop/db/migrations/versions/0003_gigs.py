"""Gigs generated from contracts, their crews, and the centre's closure days.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "closure_day",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closure_day")),
        sa.UniqueConstraint("day", name=op.f("uq_closure_day_day")),
    )
    op.create_table(
        "gig",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("scheduled_on", sa.Date(), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("work_site_id", sa.Integer(), nullable=True),
        sa.Column("planned_crew_size", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("cancel_reason", sa.String(500), nullable=False),
        sa.Column("cancel_billable", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("edited", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("duration_minutes > 0", name=op.f("ck_gig_duration")),
        sa.CheckConstraint("planned_crew_size >= 1", name=op.f("ck_gig_crew_size")),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_gig_contract_id_contract"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["work_site_id"],
            ["work_site.id"],
            name=op.f("fk_gig_work_site_id_work_site"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gig")),
        sa.UniqueConstraint("contract_id", "scheduled_on", name=op.f("uq_gig_contract_id")),
    )
    op.create_index(op.f("ix_gig_day"), "gig", ["day"])
    op.create_index(op.f("ix_gig_work_site_id"), "gig", ["work_site_id"])
    op.create_table(
        "gig_participant",
        sa.Column("gig_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["gig_id"],
            ["gig.id"],
            name=op.f("fk_gig_participant_gig_id_gig"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_gig_participant_participant_id_participant"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("gig_id", "participant_id", name=op.f("pk_gig_participant")),
    )
    op.create_index(
        op.f("ix_gig_participant_participant_id"), "gig_participant", ["participant_id"]
    )
    op.create_table(
        "gig_instructor",
        sa.Column("gig_id", sa.Integer(), nullable=False),
        sa.Column("instructor_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["gig_id"],
            ["gig.id"],
            name=op.f("fk_gig_instructor_gig_id_gig"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["instructor_id"],
            ["instructor.id"],
            name=op.f("fk_gig_instructor_instructor_id_instructor"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("gig_id", "instructor_id", name=op.f("pk_gig_instructor")),
    )
    op.create_index(op.f("ix_gig_instructor_instructor_id"), "gig_instructor", ["instructor_id"])


def downgrade() -> None:
    op.drop_table("gig_instructor")
    op.drop_table("gig_participant")
    op.drop_table("gig")
    op.drop_table("closure_day")

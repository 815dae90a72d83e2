"""Contracts with their price model, VAT treatment, schedule and required qualifications.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contract",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_number", sa.String(20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("task_description", sa.Text(), nullable=False),
        sa.Column("work_site_id", sa.Integer(), nullable=True),
        sa.Column("task_type", sa.String(32), nullable=False),
        sa.Column("worker_hour_price", sa.BigInteger(), nullable=True),
        sa.Column("instructor_hour_price", sa.BigInteger(), nullable=True),
        sa.Column("visit_price", sa.BigInteger(), nullable=True),
        sa.Column("minimum_charge", sa.BigInteger(), nullable=True),
        sa.Column("travel_fee", sa.BigInteger(), nullable=True),
        sa.Column("rounding_minutes", sa.Integer(), nullable=False),
        sa.Column("vat_treatment", sa.String(32), nullable=False),
        sa.Column("vat_reason", sa.String(300), nullable=False),
        sa.Column("household_deduction", sa.Boolean(), nullable=False),
        sa.Column("planned_crew_size", sa.Integer(), nullable=False),
        sa.Column("weekdays", sa.String(40), nullable=False),
        sa.Column("every_weeks", sa.Integer(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("search", sa.String(1000), nullable=False),
        sa.CheckConstraint(
            "rounding_minutes >= 1 AND rounding_minutes <= 240", name=op.f("ck_contract_rounding")
        ),
        sa.CheckConstraint("every_weeks >= 1", name=op.f("ck_contract_every_weeks")),
        sa.CheckConstraint("planned_crew_size >= 1", name=op.f("ck_contract_crew_size")),
        sa.CheckConstraint(
            "duration_minutes IS NULL OR duration_minutes > 0", name=op.f("ck_contract_duration")
        ),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_to >= valid_from", name=op.f("ck_contract_validity")
        ),
        sa.CheckConstraint(
            "(worker_hour_price IS NULL OR worker_hour_price >= 0)"
            " AND (instructor_hour_price IS NULL OR instructor_hour_price >= 0)"
            " AND (visit_price IS NULL OR visit_price >= 0)"
            " AND (minimum_charge IS NULL OR minimum_charge >= 0)"
            " AND (travel_fee IS NULL OR travel_fee >= 0)",
            name=op.f("ck_contract_prices"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_contract_customer_id_customer"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["work_site_id"],
            ["work_site.id"],
            name=op.f("fk_contract_work_site_id_work_site"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract")),
        sa.UniqueConstraint("contract_number", name=op.f("uq_contract_contract_number")),
    )
    op.create_index(op.f("ix_contract_customer_id"), "contract", ["customer_id"])
    op.create_index(op.f("ix_contract_work_site_id"), "contract", ["work_site_id"])
    op.create_table(
        "contract_qualification",
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("qualification_type_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_contract_qualification_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["qualification_type_id"],
            ["qualification_type.id"],
            name=op.f("fk_contract_qualification_qualification_type_id_qualification_type"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint(
            "contract_id", "qualification_type_id", name=op.f("pk_contract_qualification")
        ),
    )


def downgrade() -> None:
    op.drop_table("contract_qualification")
    op.drop_table("contract")

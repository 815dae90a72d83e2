"""Centre, instructors, participants, qualifications, customers and the audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime()


def _stamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    ]


def _archivable() -> list[sa.Column[object]]:
    return [
        *_stamps(),
        sa.Column("archived_at", TS, nullable=True),
        sa.Column("search", sa.String(1000), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "centre",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("legal_name", sa.String(200), nullable=False),
        sa.Column("business_id", sa.String(9), nullable=False),
        sa.Column("vat_status", sa.String(32), nullable=False),
        sa.Column("street", sa.String(200), nullable=False),
        sa.Column("postal_code", sa.String(5), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("payment_term_days", sa.Integer(), nullable=False),
        sa.Column("next_invoice_number", sa.Integer(), nullable=False),
        sa.Column("prepayment_register", sa.Boolean(), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("logo_mime", sa.String(40), nullable=False),
        *_stamps(),
        sa.CheckConstraint("payment_term_days >= 0", name=op.f("ck_centre_payment_term")),
        sa.CheckConstraint("next_invoice_number >= 1", name=op.f("ck_centre_invoice_number")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centre")),
    )
    op.create_table(
        "bank_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.Column("iban", sa.String(34), nullable=False),
        sa.Column("bic", sa.String(11), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["centre_id"],
            ["centre.id"],
            name=op.f("fk_bank_account_centre_id_centre"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_account")),
    )
    op.create_table(
        "instructor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        *_archivable(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instructor")),
    )
    qualification_type = op.create_table(
        "qualification_type",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("archived_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qualification_type")),
        sa.UniqueConstraint("code", name=op.f("uq_qualification_type_code")),
    )
    op.bulk_insert(
        qualification_type,
        [
            {"code": "safety_card", "name": "Occupational safety card"},
            {"code": "hygiene_passport", "name": "Hygiene passport"},
            {"code": "driving_licence", "name": "Driving licence (B)"},
            {"code": "first_aid", "name": "First aid (EA 1)"},
            {"code": "hot_work_card", "name": "Hot work card"},
            {"code": "forklift", "name": "Forklift licence"},
        ],
    )
    op.create_table(
        "participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_number", sa.String(20), nullable=False),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("identity_code", sa.String(11), nullable=True),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("street", sa.String(200), nullable=False),
        sa.Column("postal_code", sa.String(5), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("service_basis", sa.String(32), nullable=False),
        sa.Column("pay_basis", sa.String(32), nullable=False),
        sa.Column("hourly_pay", sa.BigInteger(), nullable=True),
        sa.Column("weekly_limit_minutes", sa.Integer(), nullable=True),
        sa.Column("guardian_name", sa.String(200), nullable=False),
        sa.Column("guardian_phone", sa.String(40), nullable=False),
        sa.Column("guardian_email", sa.String(200), nullable=False),
        sa.Column("consent_date", sa.Date(), nullable=True),
        sa.Column("consent_scope", sa.String(500), nullable=False),
        sa.Column("consent_expires", sa.Date(), nullable=True),
        sa.Column("transport_note", sa.String(500), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(32), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        *_archivable(),
        sa.CheckConstraint(
            "hourly_pay IS NULL OR hourly_pay >= 0", name=op.f("ck_participant_hourly_pay")
        ),
        sa.CheckConstraint(
            "weekly_limit_minutes IS NULL OR weekly_limit_minutes >= 0",
            name=op.f("ck_participant_weekly_limit"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant")),
        sa.UniqueConstraint("participant_number", name=op.f("uq_participant_participant_number")),
    )
    op.create_table(
        "participant_qualification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("qualification_type_id", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_participant_qualification_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["qualification_type_id"],
            ["qualification_type.id"],
            name=op.f("fk_participant_qualification_qualification_type_id_qualification_type"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant_qualification")),
    )
    op.create_index(
        op.f("ix_participant_qualification_participant_id"),
        "participant_qualification",
        ["participant_id"],
    )
    op.create_table(
        "customer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_number", sa.String(20), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("business_id", sa.String(9), nullable=True),
        sa.Column("street", sa.String(200), nullable=False),
        sa.Column("postal_code", sa.String(5), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("invoice_language", sa.String(32), nullable=False),
        sa.Column("einvoice_address", sa.String(40), nullable=False),
        sa.Column("einvoice_operator", sa.String(40), nullable=False),
        sa.Column("payment_term_days", sa.Integer(), nullable=True),
        sa.Column("customer_reference", sa.String(100), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_archivable(),
        sa.CheckConstraint(
            "payment_term_days IS NULL OR payment_term_days >= 0",
            name=op.f("ck_customer_payment_term"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer")),
        sa.UniqueConstraint("customer_number", name=op.f("uq_customer_customer_number")),
    )
    op.create_table(
        "work_site",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("street", sa.String(200), nullable=False),
        sa.Column("postal_code", sa.String(5), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("notes", sa.String(500), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_work_site_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_site")),
    )
    op.create_index(op.f("ix_work_site_customer_id"), "work_site", ["customer_id"])
    op.create_table(
        "contact_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(100), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_contact_person_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_person")),
    )
    op.create_index(op.f("ix_contact_person_customer_id"), "contact_person", ["customer_id"])
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("entity", sa.String(50), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    op.create_index("ix_audit_entity", "audit_entry", ["entity", "entity_id"])


def downgrade() -> None:
    for table in (
        "audit_entry",
        "contact_person",
        "work_site",
        "customer",
        "participant_qualification",
        "participant",
        "qualification_type",
        "instructor",
        "bank_account",
        "centre",
    ):
        op.drop_table(table)

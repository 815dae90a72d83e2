"""Pay and the benefit guard: dated pay rates, the benefit rule catalogue, benefit profiles.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

Tables
    ``pay_rate`` (a participant's dated hourly pay), ``benefit_rule`` (the dated
    catalogue kept in Settings, seeded from FINNISH-RULES.md: figures not confirmed for
    a year carry the last confirmed one, flagged ``confirmed`` false) and
    ``participant_benefit`` (which benefits a participant receives, with a personal
    limit where the rule takes one).

Columns
    ``participant.iban`` (compact, validated), ``contract.pay_rate`` (an hourly pay
    over the participants' own on the contract's gigs) and ``centre.benefit_limit_blocks``
    (a gig that takes someone over a benefit limit blocks the booking, with a recorded
    override, instead of warning). All are plain ADD COLUMNs, not table rebuilds, so the
    rows and triggers referring to these tables stay as they are.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

PAY_RATE_CHECK = "pay_rate IS NULL OR pay_rate >= 0"
KELA_SOURCE = "Kela: työkyvyttömyyseläkkeen ja kuntoutustuen ansioraja, seuraa kansaneläkeindeksiä"
#: code, kind, monthly limit (cents), months a year it may be exceeded, reduction share
#: (hundredths of a percent), valid from, year, source (in Finnish: the centre reads it in
#: Settings as data), confirmed.
BENEFIT_SEED = (
    (
        "kela_disability_pension",
        "monthly_limit",
        97659,
        None,
        None,
        date(2024, 1, 1),
        2024,
        KELA_SOURCE,
        True,
    ),
    (
        "kela_disability_pension",
        "monthly_limit",
        97659,
        None,
        None,
        date(2025, 1, 1),
        2025,
        KELA_SOURCE + "; vuoden 2024 luku, vuodelle 2025 vahvistamatta",
        False,
    ),
    (
        "kela_disability_pension",
        "monthly_limit",
        97659,
        None,
        None,
        date(2026, 1, 1),
        2026,
        KELA_SOURCE + "; vuoden 2024 luku, vuodelle 2026 vahvistamatta",
        False,
    ),
    (
        "earnings_related_pension",
        "personal_limit",
        None,
        None,
        None,
        date(2024, 1, 1),
        2024,
        "Eläkelaitoksen kirje: täysi eläke enintään 40 % ja osaeläke enintään 60 % "
        "vakiintuneista tuloista, aina vähintään Kelan raja",
        True,
    ),
    (
        "unemployment_benefit",
        "reduction",
        None,
        None,
        5000,
        date(2024, 4, 1),
        2024,
        "Työttömyysetuus 1.4.2024 alkaen: ei suojaosaa, jokainen ansaittu euro "
        "pienentää etuutta 50 senttiä",
        True,
    ),
    (
        "housing_allowance",
        "reduction",
        None,
        None,
        10000,
        date(2024, 4, 1),
        2024,
        "Yleinen asumistuki 1.4.2024 alkaen: ei ansiotulovähennystä, kaikki "
        "ansiot lasketaan tuloiksi",
        True,
    ),
)


def upgrade() -> None:
    op.add_column("participant", sa.Column("iban", sa.String(34), nullable=True))
    op.add_column(
        "centre",
        sa.Column("benefit_limit_blocks", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a CHECK only with its column (ALTER TABLE ... ADD CONSTRAINT is missing).
        op.execute(
            "ALTER TABLE contract ADD COLUMN pay_rate BIGINT "
            f"CONSTRAINT ck_contract_pay_rate CHECK ({PAY_RATE_CHECK})"
        )
    else:
        op.add_column("contract", sa.Column("pay_rate", sa.BigInteger(), nullable=True))
        op.create_check_constraint("ck_contract_pay_rate", "contract", PAY_RATE_CHECK)
    _tables()
    _seed()


def _stamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def _tables() -> None:
    op.create_table(
        "pay_rate",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "participant_id",
            sa.Integer(),
            sa.ForeignKey(
                "participant.id", name="fk_pay_rate_participant_id_participant", ondelete="CASCADE"
            ),
            nullable=False,
        ),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("hourly_pay", sa.BigInteger(), nullable=False),
        *_stamps(),
        sa.CheckConstraint("hourly_pay >= 0", name="ck_pay_rate_hourly_pay"),
        sa.UniqueConstraint("participant_id", "valid_from", name="uq_pay_rate_participant_id"),
    )
    op.create_index("ix_pay_rate_participant_id", "pay_rate", ["participant_id"])

    op.create_table(
        "benefit_rule",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("monthly_limit", sa.BigInteger(), nullable=True),
        sa.Column("exceed_months", sa.Integer(), nullable=True),
        sa.Column("reduction_share", sa.BigInteger(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "monthly_limit IS NULL OR monthly_limit >= 0", name="ck_benefit_rule_monthly_limit"
        ),
        sa.CheckConstraint(
            "exceed_months IS NULL OR (exceed_months >= 0 AND exceed_months <= 12)",
            name="ck_benefit_rule_exceed_months",
        ),
        sa.CheckConstraint(
            "reduction_share IS NULL OR (reduction_share >= 0 AND reduction_share <= 10000)",
            name="ck_benefit_rule_reduction_share",
        ),
        sa.UniqueConstraint("code", "valid_from", name="uq_benefit_rule_code"),
    )

    op.create_table(
        "participant_benefit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "participant_id",
            sa.Integer(),
            sa.ForeignKey(
                "participant.id",
                name="fk_participant_benefit_participant_id_participant",
                ondelete="CASCADE",
            ),
            nullable=False,
        ),
        sa.Column("benefit", sa.String(32), nullable=False),
        sa.Column("personal_limit", sa.BigInteger(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        *_stamps(),
        sa.CheckConstraint(
            "personal_limit IS NULL OR personal_limit >= 0",
            name="ck_participant_benefit_personal_limit",
        ),
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from",
            name="ck_participant_benefit_validity",
        ),
    )
    op.create_index(
        "ix_participant_benefit_participant_id", "participant_benefit", ["participant_id"]
    )


def _seed() -> None:
    rules = sa.table(
        "benefit_rule",
        sa.column("code", sa.String),
        sa.column("kind", sa.String),
        sa.column("monthly_limit", sa.BigInteger),
        sa.column("exceed_months", sa.Integer),
        sa.column("reduction_share", sa.BigInteger),
        sa.column("valid_from", sa.Date),
        sa.column("year", sa.Integer),
        sa.column("source", sa.String),
        sa.column("confirmed", sa.Boolean),
    )
    keys = (
        "code",
        "kind",
        "monthly_limit",
        "exceed_months",
        "reduction_share",
        "valid_from",
        "year",
        "source",
        "confirmed",
    )
    op.bulk_insert(rules, [dict(zip(keys, row, strict=True)) for row in BENEFIT_SEED])


def downgrade() -> None:
    for table in ("participant_benefit", "benefit_rule", "pay_rate"):
        op.drop_table(table)
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint("ck_contract_pay_rate", "contract", type_="check")
    # SQLite 3.35+ drops a plain column (and its own CHECK) in place; no table rebuild.
    op.drop_column("contract", "pay_rate")
    op.drop_column("participant", "iban")
    op.drop_column("centre", "benefit_limit_blocks")

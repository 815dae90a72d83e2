"""Pay and the benefit guard: dated pay rates, the benefit rule catalogue, benefit profiles.

``participant_benefit`` is special-category data (which benefits a person receives):
it is shown only in the participant's own Money tab and never on customer documents.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from jobcenter_desktop.db.models.base import Base, Timestamps
from jobcenter_desktop.db.types import EnumCode, Money, Percent
from jobcenter_desktop.domain.benefits import BenefitCode, RuleKind


class PayRate(Timestamps, Base):
    """A participant's hourly pay from ``valid_from`` until the next row's date."""

    __tablename__ = "pay_rate"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    valid_from: Mapped[date] = mapped_column(Date)
    hourly_pay: Mapped[Decimal] = mapped_column(Money)

    __table_args__ = (
        UniqueConstraint("participant_id", "valid_from"),
        CheckConstraint("hourly_pay >= 0", name="hourly_pay"),
    )


class BenefitRule(Base):
    """A dated rule of a benefit (Settings), with its source and year; ``confirmed`` is
    False where the figure is carried over from an earlier year, not yet checked."""

    __tablename__ = "benefit_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[BenefitCode] = mapped_column(EnumCode(BenefitCode))
    kind: Mapped[RuleKind] = mapped_column(EnumCode(RuleKind))
    monthly_limit: Mapped[Decimal | None] = mapped_column(Money)
    exceed_months: Mapped[int | None] = mapped_column(Integer)
    reduction_share: Mapped[Decimal | None] = mapped_column(Percent)
    valid_from: Mapped[date] = mapped_column(Date)
    year: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(500), default="")
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        UniqueConstraint("code", "valid_from"),
        CheckConstraint("monthly_limit IS NULL OR monthly_limit >= 0", name="monthly_limit"),
        CheckConstraint(
            "exceed_months IS NULL OR (exceed_months >= 0 AND exceed_months <= 12)",
            name="exceed_months",
        ),
        CheckConstraint(
            "reduction_share IS NULL OR (reduction_share >= 0 AND reduction_share <= 10000)",
            name="reduction_share",
        ),
    )


class ParticipantBenefit(Timestamps, Base):
    """A benefit a participant receives from ``valid_from`` (None: since before any record)
    to ``valid_until`` (None: still), with the personal limit where the rule takes one."""

    __tablename__ = "participant_benefit"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    benefit: Mapped[BenefitCode] = mapped_column(EnumCode(BenefitCode))
    personal_limit: Mapped[Decimal | None] = mapped_column(Money)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        CheckConstraint("personal_limit IS NULL OR personal_limit >= 0", name="personal_limit"),
        CheckConstraint(
            "valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from",
            name="validity",
        ),
    )

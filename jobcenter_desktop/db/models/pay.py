"""Pay and the benefit guard: dated pay rates, the benefit rule catalogue, benefit profiles,
and the pay runs (migration 0010) with the entries and allowance days they paid.

``participant_benefit`` is special-category data (which benefits a person receives):
it is shown only in the participant's own Money tab and never on customer documents.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from jobcenter_desktop.db.models.base import Base, Timestamps
from jobcenter_desktop.db.types import EnumCode, Money, Percent, UtcDateTime
from jobcenter_desktop.domain.benefits import BenefitCode, RuleKind
from jobcenter_desktop.domain.enums import PayBasis


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


class PayRun(Base):
    """A confirmed pay run: numbered from one series and never changed (the store's
    triggers refuse it). ``kind`` is ``regular`` or ``adjustment`` (a correction, with
    its ``reason`` and the run it corrects). The files' tables and the bank file are
    kept as made, so the run's files can be given again byte for byte."""

    __tablename__ = "pay_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(500), default="", server_default="")
    corrects_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("pay_run.id", ondelete="RESTRICT")
    )
    period_start: Mapped[date] = mapped_column(Date, index=True)
    period_end: Mapped[date] = mapped_column(Date)
    confirmed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    confirmed_by: Mapped[str] = mapped_column(String(100))
    wages: Mapped[Decimal] = mapped_column(Money)
    fees: Mapped[Decimal] = mapped_column(Money)
    allowances: Mapped[Decimal] = mapped_column(Money)
    transfers: Mapped[Decimal] = mapped_column(Money)
    # The tables of the run's files as JSON: the CSV and .xlsx files are made from it.
    document: Mapped[str] = mapped_column(Text)
    transfers_xml: Mapped[bytes | None] = mapped_column(LargeBinary)

    __table_args__ = (
        CheckConstraint("number >= 1", name="number"),
        CheckConstraint("kind IN ('regular', 'adjustment')", name="kind"),
        CheckConstraint("kind = 'regular' OR reason <> ''", name="adjustment_reason"),
        CheckConstraint("period_end >= period_start", name="period"),
    )


class PayRunLine(Base):
    """An approved timesheet entry a run paid: at most one per entry (the partial unique
    index), except the difference lines of adjusting runs (a re-priced entry's gap)."""

    __tablename__ = "pay_run_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    pay_run_id: Mapped[int] = mapped_column(
        ForeignKey("pay_run.id", ondelete="RESTRICT"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="RESTRICT"), index=True
    )
    timesheet_entry_id: Mapped[int] = mapped_column(
        ForeignKey("timesheet_entry.id", ondelete="RESTRICT"), index=True
    )
    gig_id: Mapped[int] = mapped_column(ForeignKey("gig.id", ondelete="RESTRICT"))
    day: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    hourly_pay: Mapped[Decimal | None] = mapped_column(Money)
    gross: Mapped[Decimal] = mapped_column(Money)
    pay_basis: Mapped[PayBasis] = mapped_column(EnumCode(PayBasis))
    is_difference: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (
        CheckConstraint("minutes >= 0", name="minutes"),
        CheckConstraint("is_difference OR gross >= 0", name="gross"),
        Index(
            "uq_pay_run_line_entry",
            "timesheet_entry_id",
            unique=True,
            sqlite_where=text("NOT is_difference"),
            postgresql_where=text("NOT is_difference"),
        ),
    )


class PayRunAllowance(Base):
    """An attendance day present whose work-activity allowance a run paid (once)."""

    __tablename__ = "pay_run_allowance"

    id: Mapped[int] = mapped_column(primary_key=True)
    pay_run_id: Mapped[int] = mapped_column(
        ForeignKey("pay_run.id", ondelete="RESTRICT"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="RESTRICT"), index=True
    )
    attendance_id: Mapped[int] = mapped_column(
        ForeignKey("attendance.id", ondelete="RESTRICT"), unique=True
    )
    day: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)

    __table_args__ = (CheckConstraint("amount >= 0", name="amount"),)

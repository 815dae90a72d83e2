"""The centre itself: its details, bank accounts, closure days and qualification catalogue."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobcenter_desktop.db.models.base import Base, Timestamps
from jobcenter_desktop.db.types import EnumCode, Money, UtcDateTime
from jobcenter_desktop.domain.enums import VatStatus


class Centre(Timestamps, Base):
    __tablename__ = "centre"

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200))
    business_id: Mapped[str] = mapped_column(String(9))
    vat_status: Mapped[VatStatus] = mapped_column(EnumCode(VatStatus))
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(5), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    payment_term_days: Mapped[int] = mapped_column(Integer, default=14)
    next_invoice_number: Mapped[int] = mapped_column(Integer, default=1)
    prepayment_register: Mapped[bool] = mapped_column(Boolean, default=False)
    # The fee of a payment reminder (at most 5 € to a consumer, the Interest Act).
    reminder_fee: Mapped[Decimal] = mapped_column(
        Money, default=Decimal("5.00"), server_default="500"
    )
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_mime: Mapped[str] = mapped_column(String(40), default="")
    # Whether the same-day rule blocks a booking (True) or only warns (the default).
    same_day_rule_blocks: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # Whether a gig that takes someone over a benefit limit blocks the booking (True) or
    # only warns (the default).
    benefit_limit_blocks: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # Whether the payroll export carries personal identity codes (the payroll needs them).
    payroll_identity_code: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # Whether the centre pays wages itself: they go into the pay run's bank transfer file.
    pays_wages_itself: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    bank_accounts: Mapped[list[BankAccount]] = relationship(
        back_populates="centre", cascade="all, delete-orphan", order_by="BankAccount.id"
    )

    __table_args__ = (
        CheckConstraint("payment_term_days >= 0", name="payment_term"),
        CheckConstraint("next_invoice_number >= 1", name="invoice_number"),
        CheckConstraint("reminder_fee >= 0", name="reminder_fee"),
    )


class BankAccount(Base):
    __tablename__ = "bank_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id", ondelete="CASCADE"))
    iban: Mapped[str] = mapped_column(String(34))
    bic: Mapped[str] = mapped_column(String(11), default="")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)

    centre: Mapped[Centre] = relationship(back_populates="bank_accounts")


class QualificationType(Base):
    """The catalogue of cards and certificates (safety card, hygiene passport …)."""

    __tablename__ = "qualification_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    # Built-in entries keep their English name and are translated on display.
    name: Mapped[str] = mapped_column(String(200))
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ClosureDay(Base):
    """A day the centre itself is closed (staff training, summer break): no gigs planned."""

    __tablename__ = "closure_day"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    reason: Mapped[str] = mapped_column(String(200), default="")

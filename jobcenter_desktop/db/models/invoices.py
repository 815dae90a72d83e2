"""Invoices and credit notes, what they bill, the payments and reminders; the dated rates.

An issued invoice is a snapshot: ``document`` holds everything it prints as JSON
(:class:`~jobcenter_desktop.domain.invoices.InvoiceDocument`), ``pdf`` the PDF made
from it, ``finvoice`` the e-invoice. The store never changes or deletes an invoice,
a payment or a reminder (triggers of migration 0008); a mistake is corrected by a
credit note, a wrong payment by a correction row with the opposite sign. Drafts are
never stored: they are priced again from the approved hours each time.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

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
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobcenter_desktop.db.models.base import Base
from jobcenter_desktop.db.types import EnumCode, Money, Percent, UtcDateTime, utcnow
from jobcenter_desktop.domain.enums import VatTreatment
from jobcenter_desktop.domain.invoices import DocumentKind, LineKind, Unit

if TYPE_CHECKING:
    from jobcenter_desktop.db.models.customers import Customer


class Invoice(Base):
    """An issued invoice or credit note; ``number`` is from the centre's one series."""

    __tablename__ = "invoice"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    kind: Mapped[DocumentKind] = mapped_column(EnumCode(DocumentKind))
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="RESTRICT"), index=True
    )
    # A credit note names the invoice it corrects.
    credited_invoice_id: Mapped[int | None] = mapped_column(
        ForeignKey("invoice.id", ondelete="RESTRICT"), index=True
    )
    # A credit note that makes the hours of the credited invoice invoiceable again.
    releases_hours: Mapped[bool] = mapped_column(Boolean, default=False)
    issue_date: Mapped[date] = mapped_column(Date, index=True)
    due_date: Mapped[date] = mapped_column(Date)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    net: Mapped[Decimal] = mapped_column(Money)
    vat: Mapped[Decimal] = mapped_column(Money)
    total: Mapped[Decimal] = mapped_column(Money)
    work_share: Mapped[Decimal | None] = mapped_column(Money)
    document: Mapped[str] = mapped_column(Text)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    finvoice: Mapped[bytes | None] = mapped_column(LargeBinary)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    issued_by: Mapped[str] = mapped_column(String(100), default="")
    # Folded customer name and number, for the issued list's search.
    search: Mapped[str] = mapped_column(String(400), default="")

    customer: Mapped[Customer] = relationship()

    __table_args__ = (
        CheckConstraint("number >= 1", name="number"),
        CheckConstraint(
            "(kind = 'credit_note') = (credited_invoice_id IS NOT NULL)", name="credit_refers"
        ),
    )


class InvoicedGig(Base):
    """A gig billed on an invoice. At most one row per gig is in force (not released):

    the partial unique index is what makes invoicing an hour twice impossible, also for
    two workstations at once. A credit note that says so releases the row (the one
    change the store allows), and the gig can be invoiced again.
    """

    __tablename__ = "invoiced_gig"

    id: Mapped[int] = mapped_column(primary_key=True)
    gig_id: Mapped[int] = mapped_column(ForeignKey("gig.id", ondelete="RESTRICT"), index=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoice.id", ondelete="RESTRICT"), index=True
    )
    released_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("invoice.id", ondelete="RESTRICT")
    )

    __table_args__ = (
        Index(
            "uq_invoiced_gig_in_force",
            "gig_id",
            unique=True,
            sqlite_where=text("released_by_id IS NULL"),
            postgresql_where=text("released_by_id IS NULL"),
        ),
    )


class ExtraLine(Base):
    """A line typed onto a customer's draft (materials, other), billed with the next invoice.

    Once an invoice bills it (``invoice_id`` set) it can no longer change.
    """

    __tablename__ = "extra_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="RESTRICT"), index=True
    )
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[LineKind] = mapped_column(EnumCode(LineKind))
    description: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[Decimal] = mapped_column(Money)
    unit: Mapped[Unit] = mapped_column(EnumCode(Unit))
    unit_price: Mapped[Decimal] = mapped_column(Money)
    vat_treatment: Mapped[VatTreatment] = mapped_column(EnumCode(VatTreatment))
    vat_reason: Mapped[str] = mapped_column(String(300), default="")
    invoice_id: Mapped[int | None] = mapped_column(
        ForeignKey("invoice.id", ondelete="RESTRICT"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Payment(Base):
    """A payment received, typed by hand or read from the bank's file.

    ``archive_id`` is the bank's id of the payment: unique, so importing a file twice
    adds nothing. A payment whose reference matches no invoice is kept (invoice NULL)
    for the report. A correction has a negative amount.
    """

    __tablename__ = "payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int | None] = mapped_column(
        ForeignKey("invoice.id", ondelete="RESTRICT"), index=True
    )
    archive_id: Mapped[str | None] = mapped_column(String(40), unique=True)
    reference: Mapped[str] = mapped_column(String(40), default="")
    amount: Mapped[Decimal] = mapped_column(Money)
    paid_on: Mapped[date] = mapped_column(Date)
    payer: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100), default="")


class Reminder(Base):
    """A payment reminder letter sent for an overdue invoice, with its fee and PDF."""

    __tablename__ = "reminder"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoice.id", ondelete="RESTRICT"), index=True
    )
    letter_date: Mapped[date] = mapped_column(Date)
    new_due: Mapped[date] = mapped_column(Date)
    fee: Mapped[Decimal] = mapped_column(Money)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100), default="")


class VatRateRow(Base):
    """The dated VAT rate table (Settings): ``rate`` percent for a category from a date."""

    __tablename__ = "vat_rate"

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[VatTreatment] = mapped_column(EnumCode(VatTreatment))
    valid_from: Mapped[date] = mapped_column(Date)
    rate: Mapped[Decimal] = mapped_column(Percent)

    __table_args__ = (
        UniqueConstraint("category", "valid_from"),
        CheckConstraint("rate >= 0 AND rate < 10000", name="rate"),
    )


class InterestRateRow(Base):
    """The dated late-payment interest table (Settings), percent a year."""

    __tablename__ = "interest_rate"

    id: Mapped[int] = mapped_column(primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date, unique=True)
    consumer: Mapped[Decimal] = mapped_column(Percent)
    business: Mapped[Decimal] = mapped_column(Percent)

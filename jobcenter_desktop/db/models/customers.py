"""Customers with their work sites and contact persons."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobcenter_desktop.db.models.base import Archivable, Base
from jobcenter_desktop.db.types import EnumCode
from jobcenter_desktop.domain.enums import (
    CustomerType,
    InvoiceDetail,
    InvoiceLanguage,
)


class Customer(Archivable, Base):
    __tablename__ = "customer"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_number: Mapped[str] = mapped_column(String(20), unique=True)
    type: Mapped[CustomerType] = mapped_column(EnumCode(CustomerType))
    name: Mapped[str] = mapped_column(String(200))
    business_id: Mapped[str | None] = mapped_column(String(9))
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(5), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    invoice_language: Mapped[InvoiceLanguage] = mapped_column(
        EnumCode(InvoiceLanguage), default=InvoiceLanguage.FI
    )
    einvoice_address: Mapped[str] = mapped_column(String(40), default="")
    einvoice_operator: Mapped[str] = mapped_column(String(40), default="")
    payment_term_days: Mapped[int | None] = mapped_column(Integer)
    customer_reference: Mapped[str] = mapped_column(String(100), default="")
    invoice_detail: Mapped[InvoiceDetail] = mapped_column(
        EnumCode(InvoiceDetail), default=InvoiceDetail.PER_GIG, server_default="per_gig"
    )
    notes: Mapped[str] = mapped_column(Text, default="")

    work_sites: Mapped[list[WorkSite]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="WorkSite.id"
    )
    contacts: Mapped[list[ContactPerson]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="ContactPerson.id"
    )

    __table_args__ = (
        CheckConstraint("payment_term_days IS NULL OR payment_term_days >= 0", name="payment_term"),
    )


class WorkSite(Base):
    __tablename__ = "work_site"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(5), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(String(500), default="")

    customer: Mapped[Customer] = relationship(back_populates="work_sites")


class ContactPerson(Base):
    __tablename__ = "contact_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")

    customer: Mapped[Customer] = relationship(back_populates="contacts")

"""Customer list rows and form contents."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from jobcenter_desktop.db.models import Customer, WorkSite
from jobcenter_desktop.db.records import get
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import CustomerType
from jobcenter_desktop.forms.customers import ContactInput, CustomerInput, WorkSiteInput


@dataclass(frozen=True, slots=True)
class CustomerRow:
    id: int
    customer_number: str
    name: str
    type: CustomerType
    business_id: str
    city: str
    phone: str
    email: str
    archived: bool
    search: str


def list_customers(store: Store, include_archived: bool = False) -> list[CustomerRow]:
    c = Customer
    query = select(
        c.id,
        c.customer_number,
        c.name,
        c.type,
        c.business_id,
        c.city,
        c.phone,
        c.email,
        c.archived_at.isnot(None),
        c.search,
    ).order_by(c.name, c.id)
    if not include_archived:
        query = query.where(c.archived_at.is_(None))
    with store.read() as session:
        return [
            CustomerRow(i, number, name, kind, business_id or "", city, phone, email, arch, search)
            for i, number, name, kind, business_id, city, phone, email, arch, search in (
                session.execute(query)
            )
        ]


def load_customer(store: Store, customer_id: int) -> CustomerInput:
    with store.read() as session:
        row = get(session, Customer, customer_id)
        return CustomerInput(
            customer_number=row.customer_number,
            type=row.type.value,
            name=row.name,
            business_id=row.business_id or "",
            street=row.street,
            postal_code=row.postal_code,
            city=row.city,
            email=row.email,
            phone=row.phone,
            invoice_language=row.invoice_language.value,
            einvoice_address=row.einvoice_address,
            einvoice_operator=row.einvoice_operator,
            payment_term_days=(
                str(row.payment_term_days) if row.payment_term_days is not None else ""
            ),
            customer_reference=row.customer_reference,
            invoice_detail=row.invoice_detail.value,
            notes=row.notes,
            work_sites=[
                WorkSiteInput(s.name, s.street, s.postal_code, s.city, s.notes, s.id)
                for s in row.work_sites
            ],
            contacts=[ContactInput(c.name, c.role, c.phone, c.email, c.id) for c in row.contacts],
        )


@dataclass(frozen=True, slots=True)
class Choice:
    """An id with the text a picker shows for it."""

    id: int
    text: str


def customer_choices(store: Store) -> list[Choice]:
    query = (
        select(Customer.id, Customer.customer_number, Customer.name)
        .where(Customer.archived_at.is_(None))
        .order_by(Customer.name)
    )
    with store.read() as session:
        return [Choice(i, f"{name} ({number})") for i, number, name in session.execute(query)]


def work_site_choices(store: Store, customer_id: int) -> list[Choice]:
    query = select(WorkSite.id, WorkSite.name, WorkSite.city).where(
        WorkSite.customer_id == customer_id
    )
    with store.read() as session:
        return [
            Choice(i, f"{name}, {city}" if city else name)
            for i, name, city in session.execute(query)
        ]


def customer_id_by_number(store: Store, number: str) -> int | None:
    """The id of the customer with ``number`` (archived ones too), or None."""
    with store.read() as session:
        return session.scalar(select(Customer.id).where(Customer.customer_number == number))

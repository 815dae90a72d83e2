"""Customers: who buys the work and receives the invoices."""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import Any

from jobcenter_desktop.db.models import ContactPerson, Customer, WorkSite
from jobcenter_desktop.db.records import choose, claim_number, saving
from jobcenter_desktop.db.store import Store, Transaction, snapshot
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.enums import CustomerType, InvoiceDetail, InvoiceLanguage
from jobcenter_desktop.domain.search import search_text
from jobcenter_desktop.forms.customers import ContactInput, CustomerInput, WorkSiteInput
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _

FIRST_NUMBER = 1001

LABELS = {
    "customer_number": N_("Customer number"),
    "type": N_("Type"),
    "name": N_("Name"),
    "business_id": N_("Business ID"),
    "street": N_("Street address"),
    "postal_code": N_("Postal code"),
    "city": N_("City"),
    "email": N_("Email"),
    "phone": N_("Phone"),
    "invoice_language": N_("Invoice language"),
    "einvoice_address": N_("E-invoice address"),
    "einvoice_operator": N_("E-invoice operator"),
    "payment_term_days": N_("Payment term (days)"),
    "customer_reference": N_("Customer's reference"),
    "invoice_detail": N_("Invoice lines"),
    "notes": N_("Notes"),
    "site_name": N_("Work site"),
    "contact_name": N_("Contact person"),
}


def label(key: str) -> str:
    return _(LABELS[key])


def _einvoice_code(text: str) -> str:
    code = text.replace(" ", "").upper()
    if not (4 <= len(code) <= 35 and code.isalnum()):
        raise v.FieldError(_("use the address or operator code given by the customer"))
    return code


def _checked(checker: v.Checker, data: CustomerInput) -> dict[str, Any]:
    """The customer's own column values from ``data``, its problems added to ``checker``
    (the values are meaningful only when the checker has none)."""
    kind = choose(checker, "type", label("type"), CustomerType, data.type)
    language = choose(
        checker,
        "invoice_language",
        label("invoice_language"),
        InvoiceLanguage,
        data.invoice_language,
    )
    detail = choose(
        checker, "invoice_detail", label("invoice_detail"), InvoiceDetail, data.invoice_detail
    )
    name = checker.require("name", label("name"), data.name)
    business_id = None
    is_organisation = kind is not None and kind.is_organisation
    if is_organisation:
        if checker.require("business_id", label("business_id"), data.business_id):
            business_id = checker.check(
                "business_id", label("business_id"), v.business_id, data.business_id
            )
    elif data.business_id.strip():
        checker.add("business_id", label("business_id"), _("a household has no business ID"))
    if not is_organisation and (data.einvoice_address.strip() or data.einvoice_operator.strip()):
        checker.add(
            "einvoice_address",
            label("einvoice_address"),
            _("only organisations receive e-invoices"),
        )
    einvoice_address = checker.check(
        "einvoice_address", label("einvoice_address"), _einvoice_code, data.einvoice_address
    )
    einvoice_operator = checker.check(
        "einvoice_operator", label("einvoice_operator"), _einvoice_code, data.einvoice_operator
    )
    postal_code = checker.check(
        "postal_code", label("postal_code"), v.postal_code, data.postal_code
    )
    email = checker.check("email", label("email"), v.email, data.email)
    phone = checker.check("phone", label("phone"), v.phone, data.phone)
    term = checker.check(
        "payment_term_days", label("payment_term_days"), v.payment_term_days, data.payment_term_days
    )
    return {
        "type": kind,
        "name": name,
        "business_id": business_id,
        "street": data.street.strip(),
        "postal_code": postal_code or "",
        "city": data.city.strip(),
        "email": email or "",
        "phone": phone or "",
        "invoice_language": language,
        "einvoice_address": einvoice_address or "",
        "einvoice_operator": einvoice_operator or "",
        "payment_term_days": term,
        "customer_reference": data.customer_reference.strip(),
        "invoice_detail": detail,
        "notes": data.notes.strip(),
    }


def _search(number: str, values: dict[str, Any], site_names: Iterable[str]) -> str:
    return search_text(
        number,
        values["name"],
        values["business_id"],
        values["city"],
        values["email"],
        values["phone"],
        *site_names,
    )


def _apply(checker: v.Checker, row: Customer, data: CustomerInput) -> None:
    values = _checked(checker, data)
    sites = []
    for index, site in enumerate(data.work_sites, start=1):
        key = f"work_sites.{index}"
        site_label = f"{label('site_name')} {index}"
        site_name = checker.require(key, site_label, site.name)
        site_postal = checker.check(key, site_label, v.postal_code, site.postal_code)
        sites.append((site, site_name, site_postal))
    contacts = []
    for index, contact in enumerate(data.contacts, start=1):
        key = f"contacts.{index}"
        contact_label = f"{label('contact_name')} {index}"
        contact_name = checker.require(key, contact_label, contact.name)
        contact_email = checker.check(key, contact_label, v.email, contact.email)
        contact_phone = checker.check(key, contact_label, v.phone, contact.phone)
        contacts.append((contact, contact_name, contact_email, contact_phone))
    checker.raise_if_any()

    for key, value in values.items():
        setattr(row, key, value)
    _apply_sites(row, sites)
    _apply_contacts(row, contacts)
    row.search = _search(row.customer_number, values, (site.name for site in row.work_sites))


def _apply_sites(row: Customer, sites: list[tuple[WorkSiteInput, str | None, str | None]]) -> None:
    existing = {site.id: site for site in row.work_sites}
    kept: list[WorkSite] = []
    for data, name, postal in sites:
        site = existing.get(data.id) if data.id is not None else None
        site = site or WorkSite()
        site.name = name or ""
        site.street = data.street.strip()
        site.postal_code = postal or ""
        site.city = data.city.strip()
        site.notes = data.notes.strip()
        kept.append(site)
    row.work_sites = kept


def _apply_contacts(
    row: Customer, contacts: list[tuple[ContactInput, str | None, str | None, str | None]]
) -> None:
    existing = {contact.id: contact for contact in row.contacts}
    kept: list[ContactPerson] = []
    for data, name, email, phone in contacts:
        contact = existing.get(data.id) if data.id is not None else None
        contact = contact or ContactPerson()
        contact.name = name or ""
        contact.role = data.role.strip()
        contact.email = email or ""
        contact.phone = phone or ""
        kept.append(contact)
    row.contacts = kept


def save_customer(store: Store, data: CustomerInput, customer_id: int | None = None) -> int:
    """Create (``customer_id`` None) or update a customer; returns its id."""
    with store.write() as tx:
        return save_customer_in(tx, data, customer_id)


def save_customer_in(
    tx: Transaction,
    data: CustomerInput,
    customer_id: int | None = None,
    *,
    checker: v.Checker | None = None,
    taken_numbers: Container[str] | None = None,
    batch: bool = False,
) -> int:
    """:func:`save_customer` inside the caller's transaction (e.g. one import of many rows).

    ``checker`` may already hold problems the caller found (they are raised together with
    the form's own); ``taken_numbers``, when given, are the customer numbers already in use
    by others and replace the per-row uniqueness query.
    """
    checker = checker if checker is not None else v.Checker()
    with saving(tx, Customer, customer_id, customer_snapshot, batch=batch) as row:
        row.customer_number, taken = claim_number(
            tx.session,
            Customer.customer_number,
            data.customer_number,
            customer_id,
            taken_numbers,
            FIRST_NUMBER,
        )
        if taken:
            checker.add(
                "customer_number",
                label("customer_number"),
                _("is already used by another customer"),
            )
        _apply(checker, row, data)
    return row.id


def new_customer_values(
    data: CustomerInput, *, checker: v.Checker, taken_numbers: Container[str]
) -> dict[str, Any]:
    """The column values of a new customer without work sites or contacts (an import row),
    checked as :func:`save_customer_in` checks them, for a bulk insert: no ORM object, no
    query. ``data.customer_number`` must be given; ``taken_numbers`` are those in use.

    Raises :class:`~jobcenter_desktop.domain.validation.ValidationError` with the
    problems (and those already in ``checker``).
    """
    if data.work_sites or data.contacts:
        raise ValueError("a customer with work sites or contacts is saved by save_customer_in")
    number = data.customer_number.strip()
    if not number:
        raise ValueError("new_customer_values needs the customer number")
    if number in taken_numbers:
        checker.add(
            "customer_number",
            label("customer_number"),
            _("is already used by another customer"),
        )
    values = _checked(checker, data)
    checker.raise_if_any()
    values["customer_number"] = number
    values["search"] = _search(number, values, ())
    return values


def customer_snapshot(row: Customer) -> dict[str, Any]:
    return customer_audit(
        snapshot(row),
        [snapshot(site) for site in row.work_sites],
        [snapshot(contact) for contact in row.contacts],
    )


def customer_audit(
    values: dict[str, Any],
    work_sites: list[dict[str, Any]] | None = None,
    contacts: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """What the audit log keeps of a customer: its snapshot (``store.snapshot``, or
    ``bulk.Snapshots`` of a bulk insert) with its work sites and contacts."""
    values["work_sites"] = work_sites or []
    values["contacts"] = contacts or []
    return values

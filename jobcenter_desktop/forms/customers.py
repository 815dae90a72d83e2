"""A customer with its work sites and contact persons, as typed or imported."""

from __future__ import annotations

from dataclasses import dataclass, field

from jobcenter_desktop.domain.enums import CustomerType, InvoiceDetail, InvoiceLanguage


@dataclass
class WorkSiteInput:
    name: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    notes: str = ""
    id: int | None = None


@dataclass
class ContactInput:
    name: str = ""
    role: str = ""
    phone: str = ""
    email: str = ""
    id: int | None = None


@dataclass
class CustomerInput:
    """A customer as typed in the form or read from an import file."""

    name: str = ""
    type: str = CustomerType.COMPANY.value
    customer_number: str = ""
    business_id: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""
    invoice_language: str = InvoiceLanguage.FI.value
    einvoice_address: str = ""
    einvoice_operator: str = ""
    payment_term_days: str = ""
    customer_reference: str = ""
    #: a line per gig date ("per_gig") or summarised per contract and month ("per_month")
    invoice_detail: str = InvoiceDetail.PER_GIG.value
    notes: str = ""
    work_sites: list[WorkSiteInput] = field(default_factory=list)
    contacts: list[ContactInput] = field(default_factory=list)

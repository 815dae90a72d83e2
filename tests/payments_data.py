"""Issued invoices to pay, remind and export: a company's and a household's.

``two_invoices(store)`` issues, on 20.11.2026 for November's hours, invoice 1 to the
company 1001 (reference 1000012) and invoice 2 to the household 2001 (reference
1000025), each 432,98 € and due 4.12.2026: what the sample bank files in
``tests/data/bank/`` pay. The centre's reminder fee is 8,00 €.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from jobcenter_desktop.db.models import AuditEntry, Payment, Reminder
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.services.invoicing.issuing import Issued, issue_run
from jobcenter_desktop.services.invoicing.pricing import Period
from tests.invoicing_data import (
    People,
    approved_gig,
    company,
    household,
    invoicing_centre,
    priced_contract,
)

ISSUED = date(2026, 11, 20)
DUE = date(2026, 12, 4)
TOTAL = Decimal("432.98")
COMPANY_INVOICE = 1
HOUSEHOLD_INVOICE = 2


def two_invoices(
    store: Store, *, second_company_contract: dict[str, Any] | None = None
) -> list[Issued]:
    """Invoice 1 (company 1001) and 2 (household 2001, with a work share), issued 20.11.2026.

    ``second_company_contract`` adds a second contract (with these overrides) to the
    company, worked on 4.11.2026 and billed on invoice 1 too.
    """
    invoicing_centre(store, reminder_fee="8,00")
    people = People(store)
    company_id = company(store, customer_number="1001")
    approved_gig(store, priced_contract(store, company_id), date(2026, 11, 2), people)
    home = priced_contract(
        store, household(store, customer_number="2001"), household_deduction="yes"
    )
    approved_gig(store, home, date(2026, 11, 3), people)
    if second_company_contract is not None:
        other = priced_contract(store, company_id, **second_company_contract)
        approved_gig(store, other, date(2026, 11, 4), people)
    return issue_run(store, Period.month("2026-11"), issue_date=ISSUED)


def count(store: Store, model: type[Any]) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def counts(store: Store) -> tuple[int, int, int]:
    """Payments, reminders and audit entries stored."""
    return count(store, Payment), count(store, Reminder), count(store, AuditEntry)

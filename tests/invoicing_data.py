"""Test data for invoicing: a centre that can invoice and gigs with approved hours.

``invoicing_centre(store)`` saves the seller; ``approved_gig(store, contract, day)``
gives a done gig with a participant's and an instructor's approved hours, through
the same services the window uses.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from typing import Any

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput
from jobcenter_desktop.services.planning.gigs import add_gig, assign
from jobcenter_desktop.services.registers.centre import save_centre
from jobcenter_desktop.services.timesheets.entries import (
    EntryInput,
    approve,
    mark_done,
    record_entries,
)
from tests.builders import make_contract, make_customer, make_instructor, make_participant

IBAN = "FI7944052020036082"
BIC = "OKOYFIHH"
NOVEMBER = "2026-11"


def invoicing_centre(store: Store, **overrides: Any) -> int:
    data = CentreInput(
        legal_name="Työkeskus Kipinä",
        business_id="2077474-0",
        street="Pajakatu 3",
        postal_code="82100",
        city="Ilomantsi",
        payment_term_days="14",
        prepayment_register=True,
        bank_accounts=[BankAccountInput(IBAN, BIC, True)],
    )
    return save_centre(store, replace(data, **overrides))


def priced_contract(store: Store, customer_id: int | None = None, **overrides: Any) -> int:
    """An active contract at 35 €/h for workers and 45 €/h for instructors, step 15 min."""
    values: dict[str, Any] = {
        "status": "active",
        "rounding_minutes": "15",
        "worker_hour_price": "35,00",
        "instructor_hour_price": "45,00",
        "vat_treatment": "general",
    }
    values.update(overrides)
    return make_contract(store, customer_id, **values)


class People:
    """Two participants and an instructor, made once per store."""

    def __init__(self, store: Store) -> None:
        self.aino = make_participant(store)
        self.eero = make_participant(store, first_name="Eero", last_name="Aalto")
        self.liisa = make_instructor(store)


def approved_gig(
    store: Store,
    contract_id: int,
    day: date,
    people: People,
    *,
    end: str = "11",
    approved: bool = True,
) -> int:
    """A gig 8–``end`` with Aino and Eero (no break) and Liisa, done and approved."""
    gig = add_gig(store, contract_id, day, time(8), 180)
    assign(store, gig, [people.aino, people.eero], [people.liisa])
    record_entries(
        store,
        gig,
        [
            EntryInput(participant_id=people.aino, start="8", end=end),
            EntryInput(participant_id=people.eero, start="8", end=end),
            EntryInput(instructor_id=people.liisa, start="8", end=end),
        ],
    )
    mark_done(store, gig)
    if approved:
        approve(store, gig_id=gig)
    return gig


def company(store: Store, **overrides: Any) -> int:
    return make_customer(store, **overrides)


def household(store: Store, **overrides: Any) -> int:
    values: dict[str, Any] = {
        "type": "household",
        "street": "Koivutie 5",
        "postal_code": "82900",
        "city": "Ilomantsi",
    }
    values.update(overrides)
    return make_customer(store, **values)

"""Delete is offered exactly when the store would delete: ``can_delete`` agrees with ``delete``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

import pytest

from jobcenter_desktop.db.errors import RecordInUseError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.forms.customers import ContactInput, WorkSiteInput
from jobcenter_desktop.services.planning.gigs import add_gig, assign
from jobcenter_desktop.services.registers import register_records
from tests.builders import make_contract, make_customer, make_instructor, make_participant

MONDAY = date(2026, 1, 12)


def _customer_with_own_rows(store: Store) -> tuple[str, int]:
    sites = [WorkSiteInput(name="Halli", city="Joensuu")]
    contacts = [ContactInput(name="Matti Virtanen")]
    return "customers", make_customer(store, work_sites=sites, contacts=contacts)


def _customer_with_contract(store: Store) -> tuple[str, int]:
    customer = make_customer(store)
    make_contract(store, customer)
    return "customers", customer


def _contract_alone(store: Store) -> tuple[str, int]:
    return "contracts", make_contract(store)


def _contract_with_gig(store: Store) -> tuple[str, int]:
    contract = make_contract(store)
    add_gig(store, contract, MONDAY, time(8), 120)
    return "contracts", contract


def _participant_alone(store: Store) -> tuple[str, int]:
    return "participants", make_participant(store)


def _participant_on_a_gig(store: Store) -> tuple[str, int]:
    person = make_participant(store)
    assign(store, add_gig(store, make_contract(store), MONDAY, time(8), 120), [person], [])
    return "participants", person


def _instructor_on_a_gig(store: Store) -> tuple[str, int]:
    instructor = make_instructor(store)
    assign(store, add_gig(store, make_contract(store), MONDAY, time(8), 120), [], [instructor])
    return "instructors", instructor


CASES: list[tuple[Callable[[Store], tuple[str, int]], bool]] = [
    (_customer_with_own_rows, True),  # its work sites and contacts go with it
    (_customer_with_contract, False),
    (_contract_alone, True),
    (_contract_with_gig, False),
    (_participant_alone, True),
    (_participant_on_a_gig, False),
    (_instructor_on_a_gig, False),
]


@pytest.mark.parametrize(("make", "deletable"), CASES, ids=[c[0].__name__[1:] for c in CASES])
def test_can_delete_says_what_delete_does(
    store: Store, make: Callable[[Store], tuple[str, int]], deletable: bool
) -> None:
    register, record_id = make(store)
    assert register_records.can_delete(store, register, record_id) is deletable
    if deletable:
        register_records.delete(store, register, record_id)
    else:
        with pytest.raises(RecordInUseError):
            register_records.delete(store, register, record_id)

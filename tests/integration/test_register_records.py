"""Archive, restore and delete by the register's name: what the register screens call."""

from __future__ import annotations

import pytest

from jobcenter_desktop.db.errors import RecordInUseError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.queries.contracts import list_contracts
from jobcenter_desktop.queries.customers import list_customers
from jobcenter_desktop.queries.participants import list_participants
from jobcenter_desktop.services.registers import register_records
from tests.builders import make_contract, make_customer, make_participant


def test_archive_and_restore_by_register_name(store: Store) -> None:
    person = make_participant(store)
    register_records.set_archived(store, "participants", person, True)
    assert [p.id for p in list_participants(store)] == []
    assert [p.id for p in list_participants(store, include_archived=True)] == [person]
    register_records.set_archived(store, "participants", person, False)
    assert [p.id for p in list_participants(store)] == [person]


def test_delete_is_refused_while_something_refers_to_the_record(store: Store) -> None:
    customer = make_customer(store)
    contract = make_contract(store, customer_id=customer)
    with pytest.raises(RecordInUseError):
        register_records.delete(store, "customers", customer)
    register_records.delete(store, "contracts", contract)
    assert list_contracts(store, include_archived=True) == []
    register_records.delete(store, "customers", customer)
    assert list_customers(store, include_archived=True) == []


def test_an_unknown_register_is_a_programming_error(store: Store) -> None:
    with pytest.raises(ValueError, match="gigs"):
        register_records.delete(store, "gigs", 1)

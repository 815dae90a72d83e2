"""The empty week's first steps count what planning needs; archived and inactive records
do not count, and one gig anywhere means the steps are done."""

from __future__ import annotations

from datetime import date, time

from jobcenter_desktop.db.models import Customer, Participant
from jobcenter_desktop.db.records import set_archived
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.queries.first_steps import FirstSteps, first_steps
from jobcenter_desktop.services.planning.gigs import add_gig
from tests.builders import make_contract, make_customer, make_participant


def test_an_empty_store_has_every_step_to_do(store: Store) -> None:
    assert first_steps(store) == FirstSteps(0, 0, 0, False)


def test_only_kept_customers_active_contracts_and_active_participants_count(
    store: Store,
) -> None:
    kept = make_customer(store, name="Kauppa Oy")
    gone = make_customer(store, name="Vanha Oy", business_id="2077474-0")
    make_contract(store, kept, status="draft")
    make_participant(store, first_name="Pekka", last_name="Tauko", status="paused")
    left = make_participant(store, first_name="Aino", last_name="Laine")
    set_archived(store, Customer, gone, True)
    set_archived(store, Participant, left, True)
    assert first_steps(store) == FirstSteps(1, 0, 0, False)
    contract = make_contract(store, kept, status="active")
    make_participant(store, first_name="Eero", last_name="Aalto")
    assert first_steps(store) == FirstSteps(1, 1, 1, False)
    add_gig(store, contract, date(2026, 3, 2), time(8), 180)
    assert first_steps(store).has_gigs

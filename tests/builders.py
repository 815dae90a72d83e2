"""Test-data builders with keyword overrides: ``make_customer(store, type="household")``."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.forms.contracts import ContractInput
from jobcenter_desktop.forms.customers import CustomerInput
from jobcenter_desktop.forms.instructors import InstructorInput
from jobcenter_desktop.forms.participants import ParticipantInput
from jobcenter_desktop.services.registers.contracts import save_contract
from jobcenter_desktop.services.registers.customers import save_customer
from jobcenter_desktop.services.registers.instructors import save_instructor
from jobcenter_desktop.services.registers.participants import save_participant


def make_customer(store: Store, **overrides: Any) -> int:
    data = CustomerInput(name="Korjaamo Virtanen Oy", business_id="0737546-2", city="Joensuu")
    if overrides.get("type") == "household":
        data = replace(data, name="Maija Koskinen", business_id="")
    return save_customer(store, replace(data, **overrides))


def make_participant(store: Store, **overrides: Any) -> int:
    data = ParticipantInput(first_name="Aino", last_name="Mäkinen", hourly_pay="10,00")
    return save_participant(store, replace(data, **overrides))


def make_instructor(store: Store, **overrides: Any) -> int:
    return save_instructor(store, replace(InstructorInput("Liisa", "Laine"), **overrides))


def make_contract(store: Store, customer_id: int | None = None, **overrides: Any) -> int:
    if customer_id is None:
        customer_id = make_customer(store)
    data = ContractInput(
        customer_id=customer_id,
        title="Taukotilojen siivous",
        weekdays="mon",
        start_time="8.00",
        duration_minutes="180",
        valid_from="5.1.2026",
        worker_hour_price="35,00",
    )
    return save_contract(store, replace(data, **overrides))

"""Register imports write plain rows in batches, yet store and audit exactly what the forms do."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from jobcenter_desktop.db.models import AuditEntry, Base, Contract, Customer, Participant
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.forms.contracts import ContractInput
from jobcenter_desktop.forms.customers import CustomerInput
from jobcenter_desktop.forms.participants import ParticipantInput
from jobcenter_desktop.interchange import importing
from jobcenter_desktop.interchange.importing import import_file
from jobcenter_desktop.interchange.register_columns import register_columns
from jobcenter_desktop.services.registers import contracts, customers, participants

CUSTOMERS = [
    {
        "customer_number": "2001",
        "type": "company",
        "name": " Korjaamo Virtanen Oy ",
        "business_id": "FI07375462",
        "street": "Teollisuuskatu 4",
        "postal_code": "80100",
        "city": "Joensuu",
        "email": "laskut@virtanen.example",
        "phone": "013 123 4567",
        "invoice_language": "sv",
        "einvoice_address": "003707375462",
        "einvoice_operator": "e204503",
        "payment_term_days": "21",
        "customer_reference": "Tilaus 17",
        "notes": "Avain\talakerrassa",
    },
    {
        "customer_number": "2002",
        "type": "household",
        "name": "Aino Mäkinen",
        "business_id": "",
        "street": "",
        "postal_code": "",
        "city": "Kontiolahti",
        "email": "",
        "phone": "",
        "invoice_language": "fi",
        "einvoice_address": "",
        "einvoice_operator": "",
        "payment_term_days": "",
        "customer_reference": "",
        "notes": "",
    },
]

PARTICIPANTS = [
    {
        "participant_number": "31",
        "first_name": "Matti",
        "last_name": "Meikäläinen",
        "date_of_birth": "13.10.1952",
        "identity_code": "131052-308T",
        "service_basis": "disability",
        "pay_basis": "fee",
        "hourly_pay": "2,50",
        "weekly_hour_limit": "12,5",
        "phone": "040 123 4567",
        "email": "matti@example.fi",
        "street": "Koulukatu 2",
        "postal_code": "80110",
        "city": "Joensuu",
        "guardian_name": "Liisa Meikäläinen",
        "guardian_phone": "040 765 4321",
        "guardian_email": "liisa@example.fi",
        "consent_date": "1.2.2026",
        "consent_scope": "Kuvat ja tiedot",
        "consent_expires": "31.12.2027",
        "transport_note": "Taksi",
        "status": "ended",
        "ended_on": "30.4.2026",
        "outcome": "studies",
        "notes": "",
    },
    {
        "participant_number": "32",
        "first_name": "Ella",
        "last_name": "Esimerkki",
        "date_of_birth": "",
        "identity_code": "",
        "service_basis": "rehabilitative",
        "pay_basis": "wage",
        "hourly_pay": "",
        "weekly_hour_limit": "",
        "phone": "",
        "email": "",
        "street": "",
        "postal_code": "",
        "city": "",
        "guardian_name": "",
        "guardian_phone": "",
        "guardian_email": "",
        "consent_date": "",
        "consent_scope": "",
        "consent_expires": "",
        "transport_note": "",
        "status": "active",
        "ended_on": "",
        "outcome": "",
        "notes": "",
    },
]

CONTRACTS = [
    {
        "contract_number": "501",
        "customer_number": "2001",
        "title": "Hallin siivous",
        "task_type": "cleaning",
        "worker_hour_price": "32,50",
        "instructor_hour_price": "45",
        "visit_price": "",
        "minimum_charge": "60",
        "travel_fee": "8,40",
        "rounding_minutes": "30",
        "vat": "exempt",
        "vat_reason": "AVL 37 §",
        "household_deduction": "no",
        "weekdays": "mon,thu",
        "every_weeks": "2",
        "start_time": "7.30",
        "duration_minutes": "150",
        "valid_from": "5.1.2026",
        "valid_to": "31.12.2026",
        "status": "active",
        "task_description": "Lattiat ja sosiaalitilat",
        "planned_crew_size": "3",
        "signed_on": "2.1.2026",
        "terms": "Laskutus kuukausittain",
        "cancellation_billable": "yes",
    },
    {
        "contract_number": "502",
        "customer_number": "2002",
        "title": "Pihatyö",
        "task_type": "yard_work",
        "worker_hour_price": "",
        "instructor_hour_price": "",
        "visit_price": "120",
        "minimum_charge": "",
        "travel_fee": "",
        "rounding_minutes": "",
        "vat": "general",
        "vat_reason": "",
        "household_deduction": "yes",
        "weekdays": "",
        "every_weeks": "",
        "start_time": "12:00",
        "duration_minutes": "240",
        "valid_from": "2026-05-04",
        "valid_to": "",
        "status": "draft",
        "task_description": "",
        "planned_crew_size": "",
        "signed_on": "",
        "terms": "",
        "cancellation_billable": "",
    },
]


@pytest.fixture
def twin(tmp_path: Path) -> Iterator[Store]:
    """A second empty store: the same rows saved there through the forms' services."""
    opened = Store.open(tmp_path / "twin" / "jobcenter.db", actor="tester")
    yield opened
    opened.close()


def write_csv(path: Path, rows: Sequence[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return path


def stored(store: Store, model: type[Base]) -> list[dict[str, Any]]:
    """Every row of ``model``'s table, without the times it was written."""
    table: Any = model.__table__
    with store.read() as session:
        rows = session.execute(select(table).order_by(table.c.id)).mappings().all()
    return [
        {key: value for key, value in row.items() if key not in ("created_at", "updated_at")}
        for row in rows
    ]


def audited(store: Store) -> list[tuple[Any, ...]]:
    """The audit log's entries of new records (an import's own summary left out)."""
    with store.read() as session:
        query = (
            select(
                AuditEntry.actor,
                AuditEntry.entity,
                AuditEntry.entity_id,
                AuditEntry.action,
                AuditEntry.before,
                AuditEntry.after,
            )
            .where(AuditEntry.action == "create")
            .order_by(AuditEntry.id)
        )
        return [tuple(row) for row in session.execute(query)]


def save_through_the_forms(store: Store, register: str, rows: Sequence[dict[str, str]]) -> None:
    spec = register_columns(register)
    for values in rows:
        fields: dict[str, Any] = {}
        for key, value in values.items():
            attribute = spec.attributes.get(key, key)
            if attribute and value:
                fields[attribute] = value
        if register == "customers":
            customers.save_customer(store, CustomerInput(**fields))
        elif register == "participants":
            participants.save_participant(store, ParticipantInput(**fields))
        else:
            with store.read() as session:
                customer_id = session.scalar(
                    select(Customer.id).where(Customer.customer_number == values["customer_number"])
                )
            contracts.save_contract(store, ContractInput(customer_id=customer_id, **fields))


def test_an_import_stores_and_audits_every_row_as_its_form_does(
    store: Store, twin: Store, tmp_path: Path
) -> None:
    imported = import_file(store, "customers", write_csv(tmp_path / "c.csv", CUSTOMERS))
    imported += import_file(store, "participants", write_csv(tmp_path / "p.csv", PARTICIPANTS))
    imported += import_file(store, "contracts", write_csv(tmp_path / "k.csv", CONTRACTS))
    save_through_the_forms(twin, "customers", CUSTOMERS)
    save_through_the_forms(twin, "participants", PARTICIPANTS)
    save_through_the_forms(twin, "contracts", CONTRACTS)

    assert imported == 6
    for model in (Customer, Participant, Contract):
        assert stored(store, model) == stored(twin, model)
    entries = audited(store)
    assert len(entries) == 6
    assert entries == audited(twin)
    # The participant's identity code stays out of the audit log, as when saved in the form.
    participant_after = entries[2][5]
    assert participant_after["identity_code"] != "131052-308T"


def test_an_import_makes_no_orm_object_per_row_and_inserts_in_batches(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "BATCH_ROWS", 4)
    rows = [
        {"customer_number": "", "type": "household", "name": f"Koti {n}", "city": "Joensuu"}
        for n in range(1, 11)
    ]
    made: list[object] = []
    inserts: list[int] = []

    def on_init(target: object, _args: object, _kwargs: object) -> None:
        made.append(target)

    def on_execute(
        _conn: object, _cursor: object, statement: str, parameters: Any, _ctx: object, many: bool
    ) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO CUSTOMER "):
            inserts.append(len(parameters) if many else 1)

    event.listen(Customer, "init", on_init)
    event.listen(store.engine, "before_cursor_execute", on_execute)
    try:
        assert import_file(store, "customers", write_csv(tmp_path / "c.csv", rows)) == 10
    finally:
        event.remove(Customer, "init", on_init)
        event.remove(store.engine, "before_cursor_execute", on_execute)

    assert made == []
    assert inserts == [4, 4, 2]
    # Each audit entry belongs to its own row, across the batches.
    with store.read() as session:
        names = {
            row_id: name for row_id, name in session.execute(select(Customer.id, Customer.name))
        }
        entries = session.execute(
            select(AuditEntry.entity_id, AuditEntry.after).where(AuditEntry.action == "create")
        ).all()
    assert len(entries) == 10
    assert all(after["name"] == names[entity_id] for entity_id, after in entries)
    assert sorted(names.values()) == sorted(f"Koti {n}" for n in range(1, 11))

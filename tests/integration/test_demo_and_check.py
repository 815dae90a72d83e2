"""Demo data and the data-file check, against a real SQLite file."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from stdnum import bic, iban
from stdnum.fi import ytunnus

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import (
    AuditEntry,
    BankAccount,
    Centre,
    Contract,
    Customer,
    Instructor,
    Participant,
    ParticipantQualification,
)
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.demo.registers import load_demo_data, make_business_id
from jobcenter_desktop.domain.enums import (
    CustomerType,
    ParticipantStatus,
    PayBasis,
    ServiceBasis,
    TaskType,
    VatTreatment,
)
from jobcenter_desktop.forms.customers import CustomerInput
from jobcenter_desktop.services.integrity import check_store
from jobcenter_desktop.services.registers import customers


@pytest.fixture
def demo(store: Store) -> Store:
    load_demo_data(store)
    return store


def count(store: Store, model: Any) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def raw_sql(store: Store, *statements: str) -> None:
    """Change the file behind the program's back, as a broken tool or a bad restore could."""
    assert store.path is not None
    connection = sqlite3.connect(store.path)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("PRAGMA ignore_check_constraints = ON")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


# --- demo data --------------------------------------------------------------------------------


def test_demo_data_fills_every_register(store: Store) -> None:
    summary = load_demo_data(store)

    assert count(store, Centre) == 1
    assert count(store, Instructor) == 3
    assert 20 <= count(store, Participant) <= 30
    assert 10 <= count(store, Customer) <= 15
    assert 12 <= count(store, Contract) <= 18
    assert summary.startswith("Esimerkkiaineisto ladattu: 3 ohjaajaa")
    assert str(count(store, Participant)) in summary


def test_demo_centre_has_valid_identifiers(demo: Store) -> None:
    with demo.read() as session:
        centre = session.scalars(select(Centre)).one()
        accounts = session.scalars(select(BankAccount)).all()
    assert ytunnus.is_valid(centre.business_id)
    assert [a.is_default for a in accounts].count(True) == 1
    for account in accounts:
        assert iban.is_valid(account.iban)
        assert account.iban.startswith("FI")
        assert bic.is_valid(account.bic)
    default = next(a for a in accounts if a.is_default)
    # OP's account numbers start with 5 and its BIC is OKOYFIHH.
    assert (default.iban[4], default.bic) == ("5", "OKOYFIHH")


def test_demo_participants_are_a_believable_mix(demo: Store) -> None:
    with demo.read() as session:
        people = session.scalars(select(Participant)).all()
        qualifications = session.scalars(select(ParticipantQualification)).all()
    assert {p.service_basis for p in people} == set(ServiceBasis)
    assert {p.pay_basis for p in people} == set(PayBasis)
    assert any(p.guardian_name for p in people)
    assert any(p.consent_date for p in people)
    assert any(p.status is ParticipantStatus.ENDED and p.outcome for p in people)
    assert all(len(p.postal_code) == 5 and p.postal_code.isdigit() for p in people)
    today = date.today()
    assert any(q.expires_on is not None and q.expires_on < today for q in qualifications)
    assert any(q.expires_on is not None and q.expires_on > today for q in qualifications)


def test_demo_customers_cover_every_type(demo: Store) -> None:
    with demo.read() as session:
        rows = session.scalars(select(Customer)).all()
        assert {c.type for c in rows} == set(CustomerType)
        for customer in rows:
            if customer.type is CustomerType.HOUSEHOLD:
                assert customer.business_id is None
            else:
                assert customer.business_id and ytunnus.is_valid(customer.business_id)
                assert customer.work_sites and customer.contacts
            assert len(customer.postal_code) == 5
    names = {c.name for c in rows}
    assert any(name.endswith("n seurakunta") for name in names)
    assert any(name.endswith(" ry") for name in names)
    assert "Kotikunnan kaupunki, tilapalvelut" in names


def test_demo_contracts_show_the_pilots_cases(demo: Store) -> None:
    with demo.read() as session:
        rows = session.scalars(select(Contract)).all()
        by_title = {c.title: c for c in rows}
        parish = next(c for c in rows if c.customer.type is CustomerType.PARISH and c.weekdays)
        move = next(c for c in rows if c.task_type is TaskType.MOVING)
        kitchen = next(c for c in rows if c.task_type is TaskType.KITCHEN_LAUNDRY)
        kitchen_codes = [q.code for q in kitchen.required_qualifications]
        move_customer = move.customer.type
    assert parish.weekdays == "tue"
    assert any(c.weekdays == "mon" for c in rows)
    assert any(c.every_weeks == 2 and c.task_type is TaskType.YARD_WORK for c in rows)
    assert move.weekdays == "" and move.household_deduction
    assert move_customer is CustomerType.HOUSEHOLD
    assert "hygiene_passport" in kitchen_codes
    exempt = [c for c in rows if c.vat_treatment is VatTreatment.EXEMPT]
    assert exempt and all(c.vat_reason for c in exempt)
    assert any(str(c.worker_hour_price) == "35.00" for c in exempt)
    assert any(
        str(c.worker_hour_price) == "14.50" and c.vat_treatment is VatTreatment.GENERAL
        for c in rows
    )
    assert any(c.minimum_charge for c in rows) and any(c.travel_fee for c in rows)
    assert len(by_title) == len(rows)


def test_demo_data_is_written_through_the_services(demo: Store) -> None:
    with demo.read() as session:
        entries = session.execute(
            select(AuditEntry.entity, func.count()).group_by(AuditEntry.entity)
        ).all()
    assert dict(entries) == {
        "centre": 1,
        "instructor": 3,
        "participant": count(demo, Participant),
        "customer": count(demo, Customer),
        "contract": count(demo, Contract),
        # the demo's benefit profiles (jobcenter_desktop/demo/registers._BENEFITS)
        "participant_benefit": 5,
    }


def test_demo_data_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    names = []
    for folder in ("a", "b"):
        opened = Store.open(tmp_path / folder / "jobcenter.db")
        try:
            load_demo_data(opened, seed=7)
            with opened.read() as session:
                names.append(list(session.scalars(select(Customer.name).order_by(Customer.id))))
        finally:
            opened.close()
    assert names[0] == names[1]


def test_demo_data_refuses_a_store_with_data(store: Store) -> None:
    customers.save_customer(
        store,
        CustomerInput(type="household", name="Liisa Laine", customer_number="1"),
    )

    with pytest.raises(UserError, match="tilaajia"):
        load_demo_data(store)

    assert count(store, Customer) == 1
    assert count(store, Participant) == 0
    assert count(store, Instructor) == 0


def test_demo_data_twice_is_refused(demo: Store) -> None:
    before = count(demo, AuditEntry)

    with pytest.raises(UserError, match="tekijöitä"):
        load_demo_data(demo)

    assert count(demo, AuditEntry) == before


def test_made_up_business_ids_are_valid() -> None:
    import random

    rng = random.Random(1)
    assert all(ytunnus.is_valid(make_business_id(rng)) for _ in range(200))


# --- check ------------------------------------------------------------------------------------


def test_an_empty_store_is_in_order(store: Store) -> None:
    assert check_store(store) == []


def test_demo_data_is_in_order(demo: Store) -> None:
    assert check_store(demo) == []


def test_a_household_with_a_business_id_is_reported(demo: Store) -> None:
    with demo.read() as session:
        household = session.scalars(
            select(Customer).where(Customer.type == CustomerType.HOUSEHOLD).limit(1)
        ).one()
    raw_sql(demo, f"UPDATE customer SET business_id = '0737546-2' WHERE id = {household.id}")

    assert check_store(demo) == [
        f"Tilaaja {household.customer_number} ({household.name}) on kotitalous, "
        "mutta sillä on Y-tunnus."
    ]


def test_organisation_business_ids_are_checked(demo: Store) -> None:
    raw_sql(
        demo,
        "UPDATE customer SET business_id = NULL WHERE type = 'parish'",
        "UPDATE customer SET business_id = '1234567-2' WHERE type = 'association'",
    )

    problems = check_store(demo)

    assert any("organisaatio, mutta siltä puuttuu Y-tunnus" in p for p in problems)
    assert any("1234567-2 ei ole kelvollinen" in p for p in problems)


def test_an_orphan_row_is_reported(demo: Store) -> None:
    raw_sql(demo, "UPDATE contract SET customer_id = 9999 WHERE contract_number = '1'")

    problems = check_store(demo)

    assert len(problems) == 1
    assert "contract" in problems[0] and "customer" in problems[0]


def test_broken_invariants_are_reported(demo: Store) -> None:
    raw_sql(
        demo,
        "UPDATE bank_account SET is_default = 1",
        "UPDATE contract SET valid_to = '2000-01-01' WHERE contract_number = '2'",
        "UPDATE contract SET travel_fee = -100 WHERE contract_number = '3'",
        "UPDATE participant SET hourly_pay = -1000 WHERE participant_number = '4'",
        "UPDATE participant SET status = 'ended', outcome = NULL WHERE participant_number = '5'",
        "UPDATE participant SET participant_number = ' ' WHERE participant_number = '6'",
    )

    problems = check_store(demo)

    assert "Työkeskuksella on 2 oletuspankkitiliä; oletustilejä pitää olla tasan yksi." in problems
    assert "Sopimus 2 päättyy ennen kuin se alkaa." in problems
    assert "Sopimuksen 3 kentässä ”Matkakulut per käynti” on negatiivinen summa." in problems
    assert "Tekijän 4 tuntipalkka on negatiivinen." in problems
    assert "Tekijän 5 tila on Päättynyt, mutta tulosta ei ole kirjattu." in problems
    assert any(p.startswith("Tekijältä (id ") for p in problems)
    # SQLite's own check sees the CHECK constraints that the raw SQL bypassed.
    assert any(p.startswith("SQLite löysi datatiedostosta vian") for p in problems)


def test_an_old_schema_version_is_reported(store: Store) -> None:
    raw_sql(store, "UPDATE alembic_version SET version_num = '0001'")

    problems = check_store(store)

    assert len(problems) == 1
    assert "0001" in problems[0]

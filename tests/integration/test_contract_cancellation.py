"""A customer's cancellation is billable, per contract: the service reads it as yes or no,
saves and audits it, an import takes it from a Finnish column, and migration 0006 adds it
to an existing store with the contracts there not billing cancellations."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text

from jobcenter_desktop.db.engine import make_engine, sqlite_url
from jobcenter_desktop.db.migrate import alembic_config, migration_connection, upgrade
from jobcenter_desktop.db.models import AuditEntry, Contract
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.forms.contracts import ContractInput
from jobcenter_desktop.interchange.importing import import_file
from jobcenter_desktop.interchange.register_columns import REGISTERS
from jobcenter_desktop.services.registers.contracts import save_contract
from tests.builders import make_customer

pytestmark = pytest.mark.usefixtures("finnish")


def contract_input(customer_id: int, **overrides: str) -> ContractInput:
    data = ContractInput(
        customer_id=customer_id,
        title="Taukotilojen siivous",
        weekdays="mon",
        start_time="8.00",
        duration_minutes="180",
        valid_from="5.1.2026",
        worker_hour_price="35,00",
    )
    return replace(data, **overrides)


def billable(store: Store, contract_id: int) -> bool:
    with store.read() as session:
        return session.get_one(Contract, contract_id).cancellation_billable


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("yes", True), ("kyllä", True), ("K", True), ("no", False), ("ei", False), ("", False)],
)
def test_the_setting_is_read_as_yes_or_no(store: Store, typed: str, expected: bool) -> None:
    customer = make_customer(store)
    contract_id = save_contract(store, contract_input(customer, cancellation_billable=typed))
    assert billable(store, contract_id) is expected


def test_a_new_contract_does_not_bill_cancellations(store: Store) -> None:
    contract_id = save_contract(store, contract_input(make_customer(store)))
    assert billable(store, contract_id) is False


def test_anything_else_than_yes_or_no_is_refused_at_the_field(store: Store) -> None:
    customer = make_customer(store)
    with pytest.raises(ValidationError) as refused:
        save_contract(store, contract_input(customer, cancellation_billable="ehkä"))
    assert refused.value.errors["cancellation_billable"].startswith("Tilaajan peruutus laskutetaan")
    with store.read() as session:
        assert session.scalars(select(Contract)).all() == []


def test_a_change_is_saved_and_audited(store: Store) -> None:
    customer = make_customer(store)
    contract_id = save_contract(store, contract_input(customer, cancellation_billable="ei"))
    save_contract(
        store,
        contract_input(customer, contract_number="1", cancellation_billable="kyllä"),
        contract_id,
    )
    assert billable(store, contract_id) is True
    with store.read() as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "contract", AuditEntry.entity_id == contract_id)
            .order_by(AuditEntry.id)
        ).all()
        assert [e.action for e in entries] == ["create", "update"]
        created, updated = entries
        assert created.after is not None and created.after["cancellation_billable"] is False
        assert updated.before is not None and updated.before["cancellation_billable"] is False
        assert updated.after is not None and updated.after["cancellation_billable"] is True


def test_an_import_reads_the_finnish_column(store: Store, tmp_path: Path) -> None:
    make_customer(store)
    path = tmp_path / "sopimukset.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(
            [
                [
                    "Asiakasnumero",
                    "Otsikko",
                    "Tehtävätyyppi",
                    "ALV",
                    "Alkaa klo",
                    "Kesto",
                    "Voimassa alkaen",
                    "Tuntihinta",
                    "Peruutus laskutetaan",
                ],
                ["1001", "Siivous", "cleaning", "general", "8.00", "120", "5.1.2026", "30", "k"],
                ["1001", "Piha", "yard_work", "general", "9.00", "120", "5.1.2026", "30", "ei"],
                ["1001", "Pakkaus", "other", "general", "9.00", "120", "5.1.2026", "30", ""],
            ]
        )

    assert import_file(store, "contracts", path) == 3

    with store.read() as session:
        rows = session.execute(
            select(Contract.title, Contract.cancellation_billable).order_by(Contract.id)
        ).all()
    assert [tuple(row) for row in rows] == [
        ("Siivous", True),
        ("Piha", False),
        ("Pakkaus", False),
    ]


def test_an_import_refuses_a_cell_that_is_not_yes_or_no(store: Store, tmp_path: Path) -> None:
    from jobcenter_desktop.interchange.tabular import ImportFileError

    make_customer(store)
    path = tmp_path / "sopimukset.csv"
    headers = ["customer_number", "title", "task_type", "vat", "start_time"]
    headers += ["duration_minutes", "valid_from", "worker_hour_price", "peruutus_laskutetaan"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(
            [headers, ["1001", "Siivous", "cleaning", "general", "8", "60", "5.1.2026", "30", "?"]]
        )
    with pytest.raises(ImportFileError) as refused:
        import_file(store, "contracts", path)
    assert any("Rivi 2" in p and "Tilaajan peruutus" in p for p in refused.value.problems)


def test_the_export_columns_stay_as_they_were() -> None:
    spec = REGISTERS["contracts"]
    assert "cancellation_billable" not in spec.columns
    assert "cancellation_billable" in spec.extra


def test_migration_0006_adds_the_column_to_an_existing_store(tmp_path: Path) -> None:
    path = tmp_path / "jobcenter.db"
    engine = make_engine(sqlite_url(path))
    upgrade(engine, "0005")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO customer (id, customer_number, type, name, street, postal_code, "
                "city, email, phone, invoice_language, einvoice_address, einvoice_operator, "
                "customer_reference, notes, created_at, updated_at, search) VALUES (1, '1001', "
                "'company', 'Korjaamo Virtanen Oy', '', '', '', '', '', 'fi', '', '', '', '', "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00', '')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO contract (id, contract_number, customer_id, title, "
                "task_description, task_type, minimum_charge, rounding_minutes, vat_treatment, "
                "vat_reason, household_deduction, planned_crew_size, weekdays, every_weeks, "
                "start_time, duration_minutes, valid_from, status, terms, created_at, "
                "updated_at, search) VALUES (1, '1', 1, 'Siivous', '', 'cleaning', 60, 15, "
                "'general', '', 0, 1, 'mon', 1, '08:00:00', 120, '2026-01-05', 'active', '', "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00', '')"
            )
        )
    engine.dispose()

    store = Store.open(path, tmp_path / "backups", actor="tester")
    try:
        with store.read() as session:
            contract = session.get_one(Contract, 1)
            # A minimum charge does not make an old contract bill cancellations.
            assert contract.title == "Siivous" and contract.cancellation_billable is False
    finally:
        store.close()

    # And back: the column goes, the contract stays.
    engine = make_engine(sqlite_url(path))
    try:
        config = alembic_config()
        with migration_connection(engine) as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0005")
        with engine.connect() as connection:
            columns = [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(contract)")]
            titles = connection.exec_driver_sql("SELECT title FROM contract").scalars().all()
        assert "cancellation_billable" not in columns
        assert titles == ["Siivous"]
    finally:
        engine.dispose()

"""The store file: migrations, backups, refusing newer files, audit, money, search."""

from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import event, select, text

from jobcenter_desktop.db.errors import RecordInUseError, StoreBusyError
from jobcenter_desktop.db.migrate import (
    HEAD_REVISION,
    StoreTooNewError,
    current_revision,
    head_revision,
)
from jobcenter_desktop.db.models import AuditEntry, Customer, Participant
from jobcenter_desktop.db.records import delete, set_archived
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.forms.customers import CustomerInput
from jobcenter_desktop.forms.participants import ParticipantInput
from jobcenter_desktop.services.registers.customers import save_customer
from jobcenter_desktop.services.registers.participants import save_participant
from tests.builders import make_contract, make_customer, make_participant

FIXTURE_0001 = Path(__file__).resolve().parent.parent / "data" / "jobcenter-schema-0001.db"


def test_empty_file_is_created_at_the_newest_schema_without_a_backup(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "jobcenter.db", tmp_path / "backups")
    assert current_revision(store.engine) == head_revision()
    assert store.backup is None
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


def test_sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout(store: Store) -> None:
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_a_file_from_an_earlier_schema_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "jobcenter.db"
    shutil.copy(FIXTURE_0001, path)
    store = Store.open(path, tmp_path / "backups")

    assert current_revision(store.engine) == head_revision()
    assert store.backup is not None and store.backup.parent == tmp_path / "backups"
    with sqlite3.connect(store.backup) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert old.execute("SELECT first_name FROM participant").fetchone() == ("Åke",)
    with store.read() as session:
        participant = session.scalars(select(Participant)).one()
        assert (participant.last_name, participant.hourly_pay) == ("Öhman", Decimal("10.00"))
        assert participant.weekly_limit_minutes == 1200
    # The new schema's tables work on the old data.
    with store.read() as session:
        customer_id = session.scalar(select(Customer.id))
    assert customer_id is not None
    make_contract(store, customer_id=customer_id)


def test_opening_an_up_to_date_file_makes_no_backup(tmp_path: Path) -> None:
    Store.open(tmp_path / "jobcenter.db").close()
    again = Store.open(tmp_path / "jobcenter.db", tmp_path / "backups")
    assert again.backup is None
    assert current_revision(again.engine) == HEAD_REVISION


def test_the_quick_start_knows_the_newest_schema() -> None:
    # A file at HEAD_REVISION opens without Alembic: it must be Alembic's head.
    assert head_revision() == HEAD_REVISION


def test_a_file_from_a_newer_program_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "jobcenter.db"
    Store.open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(StoreTooNewError, match="uudemmalla versiolla"):
        Store.open(path, tmp_path / "backups")
    assert path.read_bytes() == before


def test_every_write_leaves_an_audit_entry_with_before_and_after(store: Store) -> None:
    customer_id = make_customer(store, name="Ensimmäinen Oy")
    data = CustomerInput(name="Toinen nimi Oy", business_id="0737546-2")
    save_customer(store, data, customer_id)
    set_archived(store, Customer, customer_id, True)
    with store.read() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.entity, e.entity_id, e.action) for e in entries] == [
        ("customer", customer_id, "create"),
        ("customer", customer_id, "update"),
        ("customer", customer_id, "archive"),
    ]
    update = entries[1]
    assert update.actor == "tester"
    assert update.at.tzinfo is not None
    assert update.before is not None and update.after is not None
    assert (update.before["name"], update.after["name"]) == ("Ensimmäinen Oy", "Toinen nimi Oy")


def test_the_audit_log_never_holds_a_full_identity_code(store: Store) -> None:
    make_participant(store, identity_code="131052-308T")
    with store.read() as session:
        after = session.scalars(select(AuditEntry.after)).one()
    assert after is not None and after["identity_code"] == "131052-****"


def test_a_failed_validation_writes_nothing_not_even_audit(store: Store) -> None:
    with pytest.raises(ValidationError):
        save_customer(store, CustomerInput(name="Virhe Oy", business_id="0000000-0"))
    with store.read() as session:
        assert session.scalar(select(Customer.id)) is None
        assert session.scalar(select(AuditEntry.id)) is None


def test_money_is_stored_as_whole_cents(store: Store) -> None:
    participant_id = make_participant(store, hourly_pay="12,35")
    with store.engine.connect() as connection:
        raw = connection.execute(
            text("SELECT hourly_pay FROM participant WHERE id = :id"), {"id": participant_id}
        ).scalar()
    assert raw == 1235
    with store.read() as session:
        participant = session.get(Participant, participant_id)
        assert participant is not None and participant.hourly_pay == Decimal("12.35")


def test_money_refuses_floats(store: Store) -> None:
    with pytest.raises(Exception, match="Decimal"), store.write() as tx:
        tx.session.add(
            Participant(
                participant_number="x",
                first_name="A",
                last_name="B",
                service_basis="other",
                pay_basis="none",
                hourly_pay=10.5,
            )
        )


def test_sql_search_folds_finnish_letters(store: Store) -> None:
    make_customer(store, name="ÅBO STÄDTJÄNST AB")
    with store.read() as session:
        names = session.scalars(
            select(Customer.name).where(text("fold(name) LIKE '%' || fold('åbo städ') || '%'"))
        ).all()
    assert names == ["ÅBO STÄDTJÄNST AB"]


def test_a_referenced_record_cannot_be_deleted_but_can_be_archived(store: Store) -> None:
    customer_id = make_customer(store)
    make_contract(store, customer_id=customer_id)
    with pytest.raises(RecordInUseError):
        delete(store, Customer, customer_id)
    set_archived(store, Customer, customer_id, True)
    with store.read() as session:
        customer = session.get(Customer, customer_id)
        assert customer is not None and customer.archived_at is not None


def test_an_unreferenced_record_is_deleted_with_its_own_rows(store: Store) -> None:
    customer_id = make_customer(store)
    delete(store, Customer, customer_id)
    with store.read() as session:
        assert session.get(Customer, customer_id) is None
        actions = session.scalars(select(AuditEntry.action)).all()
    assert actions == ["create", "delete"]


def test_a_locked_file_gives_a_clear_message_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "jobcenter.db"
    store = Store.open(path)
    store.engine.dispose()
    # A short wait keeps the test quick; the app itself waits five seconds.
    event.listen(
        store.engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA busy_timeout = 50")
    )
    blocker = sqlite3.connect(path, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreBusyError, match="Tiedosto on varattu"):
            save_participant(store, ParticipantInput(first_name="Aino", last_name="Mäkinen"))
    finally:
        blocker.rollback()
        blocker.close()
    with store.read() as session:
        assert session.scalar(select(Participant.id)) is None


def test_a_table_rebuilt_by_a_migration_keeps_the_rows_that_refer_to_it(store: Store) -> None:
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    from jobcenter_desktop.db.migrate import migration_connection
    from jobcenter_desktop.db.models import WorkSite
    from jobcenter_desktop.forms.customers import WorkSiteInput

    make_customer(store, work_sites=[WorkSiteInput("Halli", "Tie 1", "82100", "Kotikunta")])
    with migration_connection(store.engine) as connection:
        operations = Operations(MigrationContext.configure(connection))
        # What a future migration does to change a column on SQLite: rebuild the table.
        with operations.batch_alter_table("customer", recreate="always") as batch:
            batch.alter_column("notes", existing_type=sa.Text(), nullable=True)
    with store.read() as session:
        assert session.scalars(select(WorkSite.name)).all() == ["Halli"]
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1

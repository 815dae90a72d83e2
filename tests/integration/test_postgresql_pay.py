"""Pay runs on PostgreSQL: confirmed through the services, then locked by the database.

Migration 0010 makes the same locks on PostgreSQL as on SQLite (``test_pay_runs.py``
proves the SQLite ones): a confirmed run, its lines and its allowance days cannot be
changed or deleted, run numbers run in one series, and the timesheet entries and the
attendance days a run paid cannot be reopened, changed or deleted, so that a later run
pays nothing twice. These tests confirm runs on the throwaway cluster of
``test_postgresql.py`` (its fixtures, reused; skipped with the same reasons when there
is no PostgreSQL) and then try the changes behind the services' back.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from jobcenter_desktop.db.errors import StoreBusyError, UserError
from jobcenter_desktop.db.locks import (
    ATTENDANCE_PAID,
    ENTRY_LOCKED,
    ENTRY_PAID,
    PAY_RUN_CONFIRMED,
    PAY_RUN_OUT_OF_SERIES,
)
from jobcenter_desktop.db.models import (
    Attendance,
    AuditEntry,
    Participant,
    PayRun,
    PayRunAllowance,
    PayRunLine,
    TimesheetEntry,
)
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.interchange.payroll_export import (
    PayRunResult,
    confirm_pay_run,
    file_maker,
    tables_of,
)
from jobcenter_desktop.interchange.sepa_transfer import schema_path
from jobcenter_desktop.services.pay import runs
from jobcenter_desktop.services.pay.accounts import set_participant_iban
from jobcenter_desktop.services.timesheets.attendance import record_day
from jobcenter_desktop.services.timesheets.entries import reopen
from tests.integration import test_postgresql as pg
from tests.invoicing_data import People, approved_gig, invoicing_centre, priced_contract

# The cluster and a fresh schema per test, as in test_postgresql.py (skipped likewise).
postgres = pg.postgres
store_url = pg.store_url
store = pg.store
pytestmark = [*pg.pytestmark, pytest.mark.usefixtures("finnish")]

NOV_1, NOV_30 = date(2026, 11, 1), date(2026, 11, 30)
PAID_ON = date(2026, 12, 4)
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
AINO_CODE = "131052-308T"
AINO_IBAN, EERO_IBAN = "FI2112345600000785", "FI5542345670000081"

counts = pg.counts
raw = pg.raw


@dataclass(frozen=True)
class November:
    people: People
    contract: int
    gigs: tuple[int, int]
    #: the attendance days present (Aino's, Eero's) and Aino's day absent
    present: tuple[int, int]
    absent: int


@dataclass(frozen=True)
class Paid:
    november: November
    result: PayRunResult
    folder: Path


def _number(store: Store, participant_id: int) -> str:
    with store.read() as session:
        return session.get_one(Participant, participant_id).participant_number


def _attendance_id(store: Store, participant_id: int, day: date) -> int:
    with store.read() as session:
        return session.scalars(
            select(Attendance.id).where(
                Attendance.participant_id == participant_id, Attendance.day == day
            )
        ).one()


def _entries(store: Store, gig_id: int) -> dict[str, TimesheetEntry]:
    """The gig's entries: ``participant`` ids as text, ``instructor`` for Liisa's."""
    with store.read() as session:
        rows = session.scalars(select(TimesheetEntry).where(TimesheetEntry.gig_id == gig_id))
        return {
            str(row.participant_id) if row.participant_id else "instructor": row for row in rows
        }


def _paid_entry_ids(store: Store) -> list[int]:
    with store.read() as session:
        return list(
            session.scalars(
                select(PayRunLine.timesheet_entry_id).order_by(PayRunLine.timesheet_entry_id)
            )
        )


def _refused(store: Store, statement: str, message: str, **params: object) -> None:
    """The statement is refused by the database with ``message``, and nothing changes."""
    before = counts(store)
    with pytest.raises(DBAPIError, match=message):
        raw(store, statement, **params)
    assert counts(store) == before


@pytest.fixture
def november(store: Store) -> November:
    """Aino and Eero (10 €/h, wage, with IBANs): 3 h approved on 2.11. and 9.11. each,
    and an attendance day present on 3.11. each (12,00 and 9,50 €); Aino absent on 4.11.

    The centre pays the wages itself and its payroll needs the identity codes.
    """
    invoicing_centre(store, payroll_identity_code=True, pays_wages_itself=True)
    people = People(store)
    with store.write() as tx:
        tx.session.get_one(Participant, people.aino).identity_code = AINO_CODE
    set_participant_iban(store, _number(store, people.aino), AINO_IBAN)
    set_participant_iban(store, _number(store, people.eero), EERO_IBAN)
    contract = priced_contract(store)
    gigs = (
        approved_gig(store, contract, date(2026, 11, 2), people),
        approved_gig(store, contract, date(2026, 11, 9), people),
    )
    record_day(store, people.aino, date(2026, 11, 3), "present", "12,00")
    record_day(store, people.eero, date(2026, 11, 3), "present", "9,50")
    record_day(store, people.aino, date(2026, 11, 4), "absent")
    return November(
        people,
        contract,
        gigs,
        (
            _attendance_id(store, people.aino, date(2026, 11, 3)),
            _attendance_id(store, people.eero, date(2026, 11, 3)),
        ),
        _attendance_id(store, people.aino, date(2026, 11, 4)),
    )


@pytest.fixture
def paid(store: Store, november: November, tmp_path: Path) -> Paid:
    """November's run 1, confirmed on PostgreSQL with its files in ``tmp_path/run``."""
    folder = tmp_path / "run"
    result = confirm_pay_run(store, NOV_1, NOV_30, folder, execution_date=PAID_ON)
    return Paid(november, result, folder)


# --- the run ------------------------------------------------------------------------------


def test_a_run_is_confirmed_on_postgresql_with_its_lines_days_and_files(
    store: Store, paid: Paid
) -> None:
    assert store.engine.dialect.name == "postgresql"
    people = paid.november.people
    plan = paid.result.plan
    assert (plan.number, plan.kind, plan.wages, plan.allowance_total) == (
        1,
        "regular",
        Decimal("120.00"),
        Decimal("21.50"),
    )
    assert paid.result.confirmed
    with store.read() as session:
        run = session.scalars(select(PayRun)).one()
        assert (run.number, run.wages, run.allowances, run.transfers) == (
            1,
            Decimal("120.00"),
            Decimal("21.50"),
            Decimal("141.50"),
        )
        lines = session.scalars(select(PayRunLine).order_by(PayRunLine.id)).all()
        days = session.scalars(select(PayRunAllowance.attendance_id)).all()
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "pay_run", AuditEntry.action == "confirm")
        ).one()
    # The participants' four entries (not the instructor's), each once, 3 h at 10 €.
    participant_entries = sorted(
        entry.id
        for gig in paid.november.gigs
        for key, entry in _entries(store, gig).items()
        if key != "instructor"
    )
    assert sorted(line.timesheet_entry_id for line in lines) == participant_entries
    assert {(line.minutes, line.hourly_pay, line.gross) for line in lines} == {
        (180, Decimal("10.00"), Decimal("30.00"))
    }
    assert sorted(days) == sorted(paid.november.present)
    assert audit.after is not None and audit.after["number"] == 1

    # The files: the identity code for the payroll, the wages and allowances in the bank file.
    payroll = tables_of(run.document)["payroll"]
    code = payroll.headers.index("identity_code")
    assert sorted(row[code] for row in payroll.rows) == ["", AINO_CODE]
    xml = (paid.folder / "transfers-2026-11-run-1.xml").read_bytes()
    assert xml == run.transfers_xml
    document = etree.fromstring(xml)
    etree.XMLSchema(etree.parse(str(schema_path()))).assertValid(document)
    payments = {
        tx.findtext("p:PmtId/p:EndToEndId", namespaces=NS): Decimal(
            str(tx.findtext("p:Amt/p:InstdAmt", namespaces=NS))
        )
        for tx in document.iterfind(".//p:CdtTrfTxInf", namespaces=NS)
    }
    aino, eero = _number(store, people.aino), _number(store, people.eero)
    assert payments == {
        f"PR1-A-{aino}": Decimal("12.00"),
        f"PR1-A-{eero}": Decimal("9.50"),
        f"PR1-W-{aino}": Decimal("60.00"),
        f"PR1-W-{eero}": Decimal("60.00"),
    }


# --- the run itself is immutable --------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE pay_run SET wages = 1",
        "UPDATE pay_run SET reason = 'muutettu jälkikäteen'",
        "DELETE FROM pay_run",
        "UPDATE pay_run_line SET gross = 1",
        "UPDATE pay_run_line SET minutes = minutes + 60",
        "DELETE FROM pay_run_line",
        "UPDATE pay_run_allowance SET amount = 0",
        "DELETE FROM pay_run_allowance",
    ],
)
def test_the_database_refuses_to_change_or_delete_a_confirmed_run(
    store: Store, paid: Paid, statement: str
) -> None:
    _refused(store, statement, PAY_RUN_CONFIRMED)


def test_a_change_to_a_confirmed_run_through_the_store_is_explained(
    store: Store, paid: Paid
) -> None:
    before = counts(store)
    with pytest.raises(UserError, match="Vahvistettua palkka-ajoa"), store.write() as tx:
        tx.session.scalars(select(PayRunLine)).first().gross = Decimal("1")  # type: ignore[union-attr]
    with pytest.raises(UserError, match="Vahvistettua palkka-ajoa"), store.write() as tx:
        tx.session.delete(tx.session.scalars(select(PayRun)).one())
    assert counts(store) == before
    with store.read() as session:
        assert session.scalar(select(func.sum(PayRunLine.gross))) == Decimal("120.00")


@pytest.mark.parametrize("number", [1, 3, 5])
def test_run_numbers_stay_in_one_series(store: Store, paid: Paid, number: int) -> None:
    _refused(
        store,
        "INSERT INTO pay_run (number, kind, reason, period_start, period_end, confirmed_at, "
        "confirmed_by, wages, fees, allowances, transfers, document) VALUES (:number, "
        "'regular', '', '2026-12-01', '2026-12-31', '2026-12-31 00:00:00', 'x', 0, 0, 0, 0, "
        "'{}')",
        PAY_RUN_OUT_OF_SERIES,
        number=number,
    )


# --- what a run paid is locked ------------------------------------------------------------


def test_a_paid_timesheet_entry_cannot_be_reopened_changed_or_deleted(
    store: Store, paid: Paid
) -> None:
    gig = paid.november.gigs[0]
    entries = _entries(store, gig)
    aino = entries[str(paid.november.people.aino)].id
    # Reopening is what the approval lock allows; the pay lock refuses it.
    _refused(
        store,
        "UPDATE timesheet_entry SET approved_at = NULL, approved_by = '' WHERE id = :id",
        ENTRY_PAID,
        id=aino,
    )
    with pytest.raises(UserError, match="maksettu vahvistetussa palkka-ajossa"):
        reopen(store, gig, "Väärä loppuaika")
    # Changed minutes or a deleted entry: refused (the approval lock, named first, says so).
    for statement in (
        "UPDATE timesheet_entry SET worked_minutes = 120 WHERE id = :id",
        "UPDATE timesheet_entry SET end_time = '10:00:00', worked_minutes = 120, "
        "billable_minutes = 120 WHERE id = :id",
        "DELETE FROM timesheet_entry WHERE id = :id",
    ):
        _refused(store, statement, f"{ENTRY_LOCKED}|{ENTRY_PAID}", id=aino)
    assert _entries(store, gig)[str(paid.november.people.aino)].worked_minutes == 180


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE timesheet_entry SET worked_minutes = 120 WHERE id = :id",
        "UPDATE timesheet_entry SET note = 'lisätty jälkikäteen' WHERE id = :id",
        "DELETE FROM timesheet_entry WHERE id = :id",
    ],
)
def test_the_pay_lock_holds_on_its_own(store: Store, paid: Paid, statement: str) -> None:
    """Without the approval lock (disabled inside the refused transaction only), the
    paid entry's own lock still refuses a change of its minutes or its deletion."""
    aino = _entries(store, paid.november.gigs[0])[str(paid.november.people.aino)].id
    before = counts(store)
    with pytest.raises(DBAPIError, match=ENTRY_PAID), store.engine.begin() as connection:
        connection.execute(
            text("ALTER TABLE timesheet_entry DISABLE TRIGGER timesheet_entry_locked")
        )
        connection.execute(text(statement), {"id": aino})
    assert counts(store) == before
    # The rollback took the ALTER back too: the approval lock is there again.
    _refused(store, "DELETE FROM timesheet_entry WHERE id = :id", ENTRY_LOCKED, id=aino)


def test_the_lock_is_on_the_paid_entries_only(store: Store, paid: Paid) -> None:
    """The instructor's entry on the same gig was not paid: reopening it is allowed."""
    liisa = _entries(store, paid.november.gigs[0])["instructor"].id
    with store.engine.connect() as connection:
        transaction = connection.begin()
        done = connection.execute(
            text("UPDATE timesheet_entry SET approved_at = NULL, approved_by = '' WHERE id = :id"),
            {"id": liisa},
        )
        assert done.rowcount == 1
        transaction.rollback()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE attendance SET status = 'absent' WHERE id = :id",
        "UPDATE attendance SET allowance = 2500 WHERE id = :id",
        "UPDATE attendance SET day = '2026-11-05' WHERE id = :id",
        "DELETE FROM attendance WHERE id = :id",
    ],
)
def test_a_paid_attendance_day_cannot_be_changed_or_deleted(
    store: Store, paid: Paid, statement: str
) -> None:
    for day in paid.november.present:
        _refused(store, statement, ATTENDANCE_PAID, id=day)


def test_the_attendance_service_explains_a_paid_day_and_keeps_an_unpaid_one_open(
    store: Store, paid: Paid
) -> None:
    people = paid.november.people
    with pytest.raises(UserError, match="työosuusraha on maksettu vahvistetussa palkka-ajossa"):
        record_day(store, people.aino, date(2026, 11, 3), "absent")
    with store.read() as session:
        day = session.get_one(Attendance, paid.november.present[0])
        assert (day.status.value, day.allowance) == ("present", Decimal("12.00"))
    # The day absent was not paid (there was nothing to pay): it can still be corrected.
    record_day(store, people.aino, date(2026, 11, 4), "present", "12,00")


# --- nothing is paid twice ----------------------------------------------------------------


def test_a_second_run_pays_nothing_twice(store: Store, paid: Paid, tmp_path: Path) -> None:
    before = counts(store)
    with pytest.raises(runs.NothingToPay):
        confirm_pay_run(store, NOV_1, NOV_30, tmp_path / "again", execution_date=PAID_ON)
    with pytest.raises(runs.NothingToPay):
        runs.confirm(store, NOV_1, NOV_30, file_maker(PAID_ON), "Toinen yritys")
    assert counts(store) == before
    assert runs.preview(store, NOV_1, NOV_30).is_empty
    first = set(_paid_entry_ids(store))

    # Hours approved late and the day corrected: an adjusting run pays only those.
    people = paid.november.people
    late = approved_gig(store, paid.november.contract, date(2026, 11, 20), people, end="10")
    record_day(store, people.aino, date(2026, 11, 4), "present", "12,00")
    done = runs.confirm(store, NOV_1, NOV_30, file_maker(PAID_ON), "Myöhään hyväksytyt tunnit")
    plan = done.plan
    assert (plan.number, plan.kind, plan.corrects) == (2, "adjustment", 1)
    assert plan.wages == Decimal("40.00")  # 2 h each for Aino and Eero
    late_entries = {e.id for k, e in _entries(store, late).items() if k != "instructor"}
    assert {line.entry_id for line in plan.lines} == late_entries
    assert not late_entries & first
    assert [day.attendance_id for day in plan.allowances] == [paid.november.absent]
    with store.read() as session:
        run = session.get_one(PayRun, done.run_id)
        assert (run.kind, run.reason, run.corrects_run_id) == (
            "adjustment",
            "Myöhään hyväksytyt tunnit",
            session.scalars(select(PayRun.id).where(PayRun.number == 1)).one(),
        )
    paid_entries = _paid_entry_ids(store)
    assert len(paid_entries) == len(set(paid_entries)) == 6
    with pytest.raises(runs.NothingToPay):
        confirm_pay_run(store, NOV_1, NOV_30, tmp_path / "third", execution_date=PAID_ON)


def test_the_database_refuses_a_line_or_a_day_paid_twice(store: Store, paid: Paid) -> None:
    """Even behind the services' back: the unique indexes of migration 0010."""
    line = paid.result.plan.lines[0]
    before = counts(store)
    with pytest.raises(IntegrityError, match="uq_pay_run_line_entry"):
        raw(
            store,
            "INSERT INTO pay_run_line (pay_run_id, participant_id, timesheet_entry_id, gig_id, "
            "day, minutes, hourly_pay, gross, pay_basis, is_difference) SELECT id, :person, "
            ":entry, :gig, :day, 180, 1000, 3000, 'wage', false FROM pay_run WHERE number = 1",
            person=line.participant_id,
            entry=line.entry_id,
            gig=line.gig_id,
            day=line.day,
        )
    day = paid.november.present[0]
    with pytest.raises(IntegrityError, match="uq_pay_run_allowance_attendance_id"):
        raw(
            store,
            "INSERT INTO pay_run_allowance (pay_run_id, participant_id, attendance_id, day, "
            "amount) SELECT pay_run.id, attendance.participant_id, attendance.id, "
            "attendance.day, 1200 FROM pay_run, attendance WHERE pay_run.number = 1 "
            "AND attendance.id = :day",
            day=day,
        )
    assert counts(store) == before


@pytest.fixture
def workstations(store_url: str, november: November) -> Iterator[tuple[Store, Store]]:
    """Two more connections to the same database, as two workstations have."""
    first = Store.connect(store_url, actor="ws1")
    second = Store.connect(store_url, actor="ws2")
    try:
        yield first, second
    finally:
        first.close()
        second.close()


def test_two_workstations_confirming_at_once_pay_each_entry_once(
    store: Store, workstations: tuple[Store, Store], tmp_path: Path
) -> None:
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def confirm(name: str, where: Store) -> None:
        start.wait()
        try:
            outcomes[name] = confirm_pay_run(
                where, NOV_1, NOV_30, tmp_path / name, execution_date=PAID_ON
            )
        except (runs.NothingToPay, StoreBusyError) as refused:
            outcomes[name] = refused

    threads = [
        threading.Thread(target=confirm, args=(name, where))
        for name, where in zip(("a", "b"), workstations, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)  # a guard against a hang, not a measure
        assert not thread.is_alive()
    made = [o for o in outcomes.values() if isinstance(o, PayRunResult)]
    refused = [o for o in outcomes.values() if not isinstance(o, PayRunResult)]
    assert len(made) == 1 and len(refused) == 1, outcomes
    with store.read() as session:
        assert session.scalars(select(PayRun.number)).all() == [1]
    paid_entries = _paid_entry_ids(store)
    assert len(paid_entries) == len(set(paid_entries)) == 4

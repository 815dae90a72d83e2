"""Pay runs on a real store: preview, confirm, the locks, adjusting runs and the files."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from lxml import etree
from sqlalchemy import func, select, text

from jobcenter_desktop.db.engine import make_engine, sqlite_url
from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.locks import (
    ATTENDANCE_PAID,
    ENTRY_PAID,
    PAY_RUN_CONFIRMED,
    PAY_RUN_OUT_OF_SERIES,
)
from jobcenter_desktop.db.migrate import alembic_config, current_revision, migration_connection
from jobcenter_desktop.db.models import (
    AuditEntry,
    Centre,
    Gig,
    Participant,
    PayRun,
    PayRunAllowance,
    PayRunLine,
    TimesheetEntry,
)
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.interchange.payroll_export import (
    confirm_pay_run,
    preview_pay_run,
    tables_of,
    write_files,
)
from jobcenter_desktop.interchange.sepa_transfer import schema_path
from jobcenter_desktop.services.pay.accounts import set_participant_iban
from jobcenter_desktop.services.pay.rates import set_contract_pay_rate, set_rate
from jobcenter_desktop.services.pay.runs import NothingToPay, preview
from jobcenter_desktop.services.timesheets.attendance import record_day
from jobcenter_desktop.services.timesheets.entries import reopen
from tests.builders import make_participant
from tests.invoicing_data import People, approved_gig, invoicing_centre, priced_contract
from tests.store_files import command as cli_command

FIXTURE_0001 = Path(__file__).resolve().parent.parent / "data" / "jobcenter-schema-0001.db"
NOV_1, NOV_30 = date(2026, 11, 1), date(2026, 11, 30)
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


def _number(store: Store, participant_id: int) -> str:
    with store.read() as session:
        return session.get_one(Participant, participant_id).participant_number


def _counts(store: Store) -> tuple[int, int, int, int]:
    with store.read() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (PayRun, PayRunLine, PayRunAllowance, AuditEntry)
        )


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@pytest.fixture
def november(store: Store) -> People:
    """A centre, Aino and Eero (10 €/h, wage) with 3 h approved on 2.11. and 9.11."""
    invoicing_centre(store)
    people = People(store)
    contract = priced_contract(store)
    approved_gig(store, contract, date(2026, 11, 2), people)
    approved_gig(store, contract, date(2026, 11, 9), people)
    return people


def test_a_preview_writes_its_files_and_changes_nothing(
    store: Store, november: People, tmp_path: Path
) -> None:
    before = _counts(store)
    result = preview_pay_run(store, NOV_1, NOV_30, tmp_path / "out")
    assert _counts(store) == before
    assert result.plan.number is None and not result.confirmed
    payroll = _rows(tmp_path / "out" / "payroll-2026-11-preview.csv")
    assert [(r["name"], r["hours"], r["hourly_pay"], r["gross"]) for r in payroll] == [
        ("Aino Mäkinen", "6.00", "10.00", "60.00"),
        ("Eero Aalto", "6.00", "10.00", "60.00"),
    ]
    assert "identity_code" not in payroll[0]
    assert (tmp_path / "out" / "payroll-2026-11-preview.xlsx").stat().st_size > 0


def test_a_confirmed_run_locks_its_entries_and_a_second_run_pays_nothing_twice(
    store: Store, november: People, tmp_path: Path, finnish: None
) -> None:
    result = confirm_pay_run(store, NOV_1, NOV_30, tmp_path / "run")
    assert (result.plan.number, result.plan.wages, result.plan.kind) == (
        1,
        Decimal("120.00"),
        "regular",
    )
    assert (tmp_path / "run" / "payroll-2026-11-run-1.csv").exists()
    with store.read() as session:
        gig = session.scalars(select(TimesheetEntry.gig_id)).first()
        approved = session.scalar(
            select(func.count()).where(TimesheetEntry.approved_at.is_not(None))
        )
    assert gig is not None
    with pytest.raises(UserError, match="maksettu vahvistetussa palkka-ajossa"):
        reopen(store, gig, "väärä aika")
    with store.read() as session:
        assert (
            session.scalar(select(func.count()).where(TimesheetEntry.approved_at.is_not(None)))
            == approved
        )
    with pytest.raises(Exception, match=ENTRY_PAID), store.engine.begin() as connection:
        connection.execute(text("UPDATE timesheet_entry SET note = 'x'"))
    before = _counts(store)
    with pytest.raises(NothingToPay):
        confirm_pay_run(store, NOV_1, NOV_30, tmp_path / "again")
    assert _counts(store) == before
    assert preview(store, NOV_1, NOV_30).is_empty


def test_a_confirmed_run_cannot_be_changed_and_numbers_run_in_series(
    store: Store, november: People, tmp_path: Path
) -> None:
    confirm_pay_run(store, NOV_1, NOV_30, tmp_path)
    for statement in (
        "UPDATE pay_run SET wages = 1",
        "DELETE FROM pay_run",
        "UPDATE pay_run_line SET gross = 1",
        "DELETE FROM pay_run_line",
    ):
        with pytest.raises(Exception, match=PAY_RUN_CONFIRMED), store.engine.begin() as c:
            c.execute(text(statement))
    with pytest.raises(Exception, match=PAY_RUN_OUT_OF_SERIES), store.engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO pay_run (number, kind, reason, period_start, period_end, "
                "confirmed_at, confirmed_by, wages, fees, allowances, transfers, document) "
                "VALUES (5, 'regular', '', '2026-12-01', '2026-12-31', '2026-12-31 00:00:00', "
                "'x', 0, 0, 0, 0, '{}')"
            )
        )
    with store.read() as session:
        assert session.scalars(select(PayRun.number)).all() == [1]


def test_an_adjusting_run_pays_late_approved_hours_and_a_corrected_rate_with_its_reason(
    store: Store, november: People, tmp_path: Path
) -> None:
    confirm_pay_run(store, NOV_1, NOV_30, tmp_path)
    contract = priced_contract(store)
    approved_gig(store, contract, date(2026, 11, 20), november, end="10")
    with store.read() as session:
        first_contract = session.scalars(
            select(Gig.contract_id).where(Gig.day == date(2026, 11, 2))
        ).one()
    set_contract_pay_rate(store, first_contract, "12,00")  # corrected: 2 € more an hour
    result = confirm_pay_run(
        store, NOV_1, NOV_30, tmp_path, reason="Late hours and the corrected contract rate"
    )
    plan = result.plan
    assert (plan.number, plan.kind, plan.corrects) == (2, "adjustment", 1)
    # 2 h late for each of two people at 10 €/h, and 6 h each re-priced by 2 €/h.
    assert plan.wages == Decimal("2") * (Decimal("20.00") + Decimal("12.00"))
    assert sum(1 for line in plan.lines if line.is_difference) == 4
    with store.read() as session:
        run = session.scalars(select(PayRun).where(PayRun.number == 2)).one()
        assert run.reason == "Late hours and the corrected contract rate"
        assert run.corrects_run_id is not None
    with pytest.raises(NothingToPay):
        confirm_pay_run(store, NOV_1, NOV_30, tmp_path)


def test_each_pay_basis_is_listed_and_only_wages_and_fees_are_paid(
    store: Store, tmp_path: Path
) -> None:
    invoicing_centre(store)
    people = People(store)
    make = make_participant
    fee = make(store, first_name="Fiia", last_name="Palkkio", pay_basis="fee")
    employed = make(store, first_name="Kalle", last_name="Asiakas", pay_basis="customer_employed")
    none = make(store, first_name="Niko", last_name="Ei", pay_basis="none")
    contract = priced_contract(store)
    from jobcenter_desktop.services.planning.gigs import add_gig, assign
    from jobcenter_desktop.services.timesheets.entries import (
        EntryInput,
        approve,
        mark_done,
        record_entries,
    )

    gig = add_gig(store, contract, date(2026, 11, 3), time(8), 240)
    crew = [people.aino, fee, employed, none]
    assign(store, gig, crew, [people.liisa])
    record_entries(
        store,
        gig,
        [EntryInput(participant_id=p, start="8", end="12") for p in crew]
        + [EntryInput(instructor_id=people.liisa, start="8", end="12")],
    )
    mark_done(store, gig)
    approve(store, gig_id=gig)
    result = confirm_pay_run(store, NOV_1, NOV_30, tmp_path)
    assert (result.plan.wages, result.plan.fees) == (Decimal("40.00"), Decimal("40.00"))
    summary = {r["name"]: r for r in _rows(tmp_path / "summary-2026-11-run-1.csv")}
    assert {
        n: (r["pay_basis"], r["earnings"], r["paid_by_centre"]) for n, r in summary.items()
    } == {
        "Aino Mäkinen": ("wage", "40.00", "40.00"),
        "Fiia Palkkio": ("fee", "40.00", "40.00"),
        "Kalle Asiakas": ("customer_employed", "40.00", "0.00"),
        "Niko Ei": ("none", "40.00", "0.00"),
    }
    fees = _rows(tmp_path / "fees-2026-11-run-1.csv")
    assert [(r["name"], r["hours"], r["fee"]) for r in fees] == [("Fiia Palkkio", "4.00", "40.00")]
    assert [r["name"] for r in _rows(tmp_path / "payroll-2026-11-run-1.csv")] == ["Aino Mäkinen"]


def test_the_identity_code_is_exported_only_when_the_payroll_needs_it(
    store: Store, tmp_path: Path
) -> None:
    invoicing_centre(store)
    people = People(store)
    with store.write() as tx:
        tx.session.get_one(Participant, people.aino).identity_code = "131052-308T"
    approved_gig(store, priced_contract(store), date(2026, 11, 2), people)
    preview_pay_run(store, NOV_1, NOV_30, tmp_path / "off")
    assert "131052-308T" not in (tmp_path / "off" / "payroll-2026-11-preview.csv").read_text(
        encoding="utf-8-sig"
    )
    with store.write() as tx:
        tx.session.scalars(select(Centre)).one().payroll_identity_code = True
    preview_pay_run(store, NOV_1, NOV_30, tmp_path / "on")
    rows = _rows(tmp_path / "on" / "payroll-2026-11-preview.csv")
    assert rows[0]["identity_code"] == "131052-308T"


def test_allowances_cap_the_tax_free_part_and_the_transfer_file_validates(
    store: Store, tmp_path: Path
) -> None:
    invoicing_centre(store)
    aino = make_participant(store)
    eero = make_participant(store, first_name="Eero", last_name="Aalto")
    olli = make_participant(store, first_name="Olli", last_name="Tiliton")
    set_participant_iban(store, _number(store, aino), "FI21 1234 5600 0007 85")
    set_participant_iban(store, _number(store, eero), "FI5542345670000081")
    record_day(store, aino, date(2026, 11, 2), "present", "15,00")  # 3 € over the cap
    record_day(store, aino, date(2026, 11, 3), "present")  # none recorded: 12 €
    record_day(store, aino, date(2026, 11, 4), "absent")
    record_day(store, eero, date(2026, 11, 2), "present", "9,50")
    record_day(store, olli, date(2026, 11, 2), "present", "12,00")
    record_day(store, olli, date(2026, 12, 1), "present", "12,00")  # another month

    result = confirm_pay_run(store, NOV_1, NOV_30, tmp_path, execution_date=date(2026, 12, 4))
    rows = {r["name"]: r for r in _rows(tmp_path / "allowances-2026-11-run-1.csv")}
    assert {
        n: (r["days_present"], r["allowance"], r["tax_free"], r["excess"], r["payment"])
        for n, r in rows.items()
    } == {
        "Aino Mäkinen": ("2", "27.00", "24.00", "3.00", "bank_transfer"),
        "Eero Aalto": ("1", "9.50", "9.50", "0.00", "bank_transfer"),
        "Olli Tiliton": ("1", "12.00", "12.00", "0.00", "no_iban"),
    }
    assert result.plan.allowance_total == Decimal("48.50")
    assert [m for m in result.not_payable if "Olli Tiliton" in m and "IBAN" in m]

    xml = (tmp_path / "transfers-2026-11-run-1.xml").read_bytes()
    document = etree.fromstring(xml)
    etree.XMLSchema(etree.parse(str(schema_path()))).assertValid(document)
    amounts = [
        Decimal(a) for a in document.xpath("//p:CdtTrfTxInf/p:Amt/p:InstdAmt/text()", namespaces=NS)
    ]
    control = Decimal(document.xpath("string(//p:GrpHdr/p:CtrlSum)", namespaces=NS))
    assert sorted(amounts) == [Decimal("9.50"), Decimal("27.00")]
    assert control == sum(amounts) == result.transfers == Decimal("36.50")

    # The paid days are locked; the run's files are given again byte for byte.
    with pytest.raises(Exception, match=ATTENDANCE_PAID), store.engine.begin() as c:
        c.execute(text("DELETE FROM attendance WHERE status = 'present' AND day = '2026-11-02'"))
    with store.read() as session:
        run = session.scalars(select(PayRun)).one()
        document_text, stored_xml = run.document, run.transfers_xml
    again = write_files(tmp_path / "again", "2026-11-run-1", tables_of(document_text), stored_xml)
    for path in again:
        assert path.read_bytes() == (tmp_path / path.name).read_bytes()


def test_a_rate_for_days_a_run_paid_is_refused(
    store: Store, november: People, tmp_path: Path
) -> None:
    confirm_pay_run(store, NOV_1, NOV_30, tmp_path)
    number = _number(store, november.aino)
    with pytest.raises(UserError, match=r"9\.11\.2026"):
        set_rate(store, number, "11,00", "2026-11-05")
    saved = set_rate(store, number, "11,00", "2026-11-10")
    assert saved.hourly_pay == Decimal("11.00")


def test_migration_0010_upgrades_an_older_store_and_goes_back(tmp_path: Path) -> None:
    path = tmp_path / "jobcenter.db"
    shutil.copy(FIXTURE_0001, path)
    store = Store.open(path, tmp_path / "backups", actor="tester")
    try:
        assert current_revision(store.engine) == "0010"
        with store.read() as session:
            centre = session.scalars(select(Centre)).first()
            if centre is not None:
                assert not centre.payroll_identity_code and not centre.pays_wages_itself
    finally:
        store.close()
    engine = make_engine(sqlite_url(path))
    try:
        config = alembic_config()
        with migration_connection(engine) as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0009")
        with engine.connect() as connection:
            tables = set(
                connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
                .scalars()
                .all()
            )
            triggers = set(
                connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                .scalars()
                .all()
            )
        assert not {"pay_run", "pay_run_line", "pay_run_allowance"} & tables
        assert not {t for t in triggers if "paid" in t or "pay_run" in t}
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("payrun") / "demo"
    subprocess.run(cli_command(folder, "demo-data"), check=True, capture_output=True, timeout=300)
    return folder


def test_two_processes_confirming_the_same_period_pay_each_entry_once(
    demo_folder: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(demo_folder, folder)
    both = [
        subprocess.Popen(
            cli_command(
                folder, "pay-run", "--period", "2026-11", "--confirm", "--out", str(tmp_path / n)
            ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in ("a", "b")
    ]
    results = [(p.wait(timeout=300), *p.communicate()) for p in both]
    for _code, _out, err in results:
        assert "Traceback" not in err, err
    import sqlite3

    with sqlite3.connect(folder / "jobcenter.db") as connection:
        runs = connection.execute("SELECT count(*) FROM pay_run").fetchone()[0]
        lines, entries = connection.execute(
            "SELECT count(*), count(DISTINCT timesheet_entry_id) FROM pay_run_line"
        ).fetchone()
    assert runs == 1 and lines == entries > 0


def test_the_command_line_previews_confirms_and_lists(demo_folder: Path, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(demo_folder, folder)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            cli_command(folder, *args), capture_output=True, text=True, timeout=300, check=False
        )

    shown = run("pay-run", "--period", "2026-11", "--out", str(tmp_path / "preview"))
    assert shown.returncode == 0, shown.stderr
    assert (tmp_path / "preview" / "payroll-2026-11-preview.csv").exists()
    listed = run("pay-runs", "list", "--json")
    assert listed.returncode == 0 and listed.stdout.strip() == "[]"
    done = run("pay-run", "--period", "2026-11", "--confirm", "--out", str(tmp_path / "run"))
    assert done.returncode == 0, done.stderr
    for kind in ("payroll", "fees", "summary", "allowances"):
        assert (tmp_path / "run" / f"{kind}-2026-11-run-1.csv").exists()
    assert (tmp_path / "run" / "payroll-2026-11-run-1.xlsx").exists()
    again = run("pay-run", "--period", "2026-11", "--confirm", "--out", str(tmp_path / "run2"))
    assert again.returncode == 0, again.stderr
    import json

    rows = json.loads(run("pay-runs", "list", "--json").stdout)
    assert [(r["number"], r["kind"], r["period_start"]) for r in rows] == [
        (1, "regular", "2026-11-01")
    ]
    assert Decimal(rows[0]["wages"]) > 0 and rows[0]["entries"] > 0

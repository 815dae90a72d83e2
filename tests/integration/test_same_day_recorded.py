"""The same-day rule where hours are recorded: the grid's save, the timesheet import,
attendance recorded on a day with paid hours, approval marking paid work, and `check`."""

from __future__ import annotations

import csv
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import select

from jobcenter_desktop.cli import main
from jobcenter_desktop.db.models import Attendance, AuditEntry, Gig, Participant, TimesheetEntry
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import ConflictKind
from jobcenter_desktop.domain.enums import AttendanceStatus, GigStatus
from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput
from jobcenter_desktop.interchange.attendance_import import import_attendance_file
from jobcenter_desktop.interchange.tabular import ImportFileError
from jobcenter_desktop.interchange.timesheet_import import HEADERS, import_timesheets
from jobcenter_desktop.paths import data_folder
from jobcenter_desktop.services.integrity import check_store
from jobcenter_desktop.services.planning.crew_checks import check_gig
from jobcenter_desktop.services.planning.gigs import add_gig, assign
from jobcenter_desktop.services.registers.centre import save_centre
from jobcenter_desktop.services.timesheets.attendance import record_attendance, record_day
from jobcenter_desktop.services.timesheets.entries import EntryInput, approve, mark_done, save_sheet
from jobcenter_desktop.services.timesheets.same_day import SameDayRuleError
from tests.builders import make_contract, make_customer, make_participant

DAY = date(2026, 3, 4)


def blocking(store: Store, blocks: bool = True) -> None:
    save_centre(
        store,
        CentreInput(
            legal_name="Työkeskus Säde",
            business_id="0737546-2",
            bank_accounts=[BankAccountInput("FI2112345600000785")],
            same_day_rule_blocks=blocks,
        ),
    )


class Centre:
    """A contract with a gig on DAY, a disability participant and a rehabilitative one."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.contract = make_contract(store, make_customer(store), status="active")
        self.gig = add_gig(store, self.contract, DAY, time(8), 180)
        self.aino = make_participant(store, service_basis="disability")
        self.eero = make_participant(
            store, first_name="Eero", last_name="Aalto", service_basis="rehabilitative"
        )
        assign(store, self.gig, [self.aino, self.eero], [])
        with store.read() as session:
            self.numbers = dict(
                session.execute(select(Participant.id, Participant.participant_number)).all()
            )
            self.contract_number = session.get_one(Gig, self.gig).contract.contract_number

    def hours(self, person: int, start: str = "8.00", end: str = "11.00") -> EntryInput:
        return EntryInput(participant_id=person, start=start, end=end)

    def csv(self, path: Path, *rows: tuple[int, str, str]) -> Path:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(HEADERS)
            for person, start, end in rows:
                writer.writerow(
                    [DAY.isoformat(), self.contract_number, self.numbers[person], start, end, ""]
                )
        return path


def entries(store: Store) -> list[tuple[int | None, time, time]]:
    with store.read() as session:
        return [
            (e.participant_id, e.start_time, e.end_time)
            for e in session.scalars(select(TimesheetEntry).order_by(TimesheetEntry.id))
        ]


def attendance(store: Store, person: int) -> Attendance | None:
    with store.read() as session:
        return session.scalars(
            select(Attendance).where(Attendance.participant_id == person, Attendance.day == DAY)
        ).one_or_none()


def test_the_grid_warns_with_the_planners_sentence_and_refuses_when_the_centre_blocks(
    store: Store,
) -> None:
    centre = Centre(store)
    record_attendance(store, centre.aino, DAY, "present", "10,00")
    planned = check_gig(store, centre.gig)
    [warning] = save_sheet(store, centre.gig, [centre.hours(centre.aino)], None)
    assert warning.kind is ConflictKind.SAME_DAY_RULE and not warning.blocking
    assert warning.person_id == centre.aino
    # The same sentence the planner shows for the booking.
    assert warning.message in [conflict.message for conflict in planned]
    assert entries(store) == [(centre.aino, time(8), time(11))]

    blocking(store)
    with pytest.raises(SameDayRuleError) as refused:
        save_sheet(store, centre.gig, [centre.hours(centre.aino, "9.00", "11.00")], (4, "Hyvä"))
    assert warning.message.replace("8.00", "9.00") in str(refused.value) or (
        refused.value.conflicts and refused.value.conflicts[0].person_id == centre.aino
    )
    # Nothing was saved: neither the hours nor the feedback.
    assert entries(store) == [(centre.aino, time(8), time(11))]
    with store.read() as session:
        assert session.get_one(Gig, centre.gig).feedback_score is None


def test_rehabilitative_hours_conflict_only_inside_the_work_activity_hours(store: Store) -> None:
    centre = Centre(store)
    record_attendance(store, centre.eero, DAY, "present", "9,00", "12.00", "15.00")
    [inside] = save_sheet(store, centre.gig, [centre.hours(centre.eero, "8.00", "12.30")], None)
    assert inside.kind is ConflictKind.SAME_DAY_RULE and "12.00–15.00" in inside.message
    assert save_sheet(store, centre.gig, [centre.hours(centre.eero, "8.00", "12.00")], None) == []
    # A day without recorded hours is not a breach of the rule for recorded hours.
    record_attendance(store, centre.eero, DAY, "present", "9,00")
    assert save_sheet(store, centre.gig, [centre.hours(centre.eero, "8.00", "12.30")], None) == []


def test_the_import_warns_naming_the_row_and_the_rule_and_marks_the_gig_done(
    store: Store, tmp_path: Path
) -> None:
    centre = Centre(store)
    record_attendance(store, centre.aino, DAY, "present", "10,00")
    file = centre.csv(
        tmp_path / "tunnit.csv", (centre.eero, "8.00", "11.00"), (centre.aino, "8.00", "10.00")
    )
    imported = import_timesheets(store, file)
    assert imported.entries == 2 and imported.gigs_done == 1
    [line] = imported.warnings
    assert line.startswith("Rivi 3, saman päivän sääntö: ")
    assert "Aino Mäkinen" in line
    with store.read() as session:
        assert session.get_one(Gig, centre.gig).status is GigStatus.DONE
        actions = session.scalars(
            select(AuditEntry.entity + ":" + AuditEntry.action).order_by(AuditEntry.id)
        ).all()
    assert "gig:done" in actions and actions[-1] == "timesheet:import"


def test_a_blocking_centre_refuses_the_whole_file(store: Store, tmp_path: Path) -> None:
    centre = Centre(store)
    record_attendance(store, centre.aino, DAY, "present", "10,00")
    blocking(store)
    file = centre.csv(
        tmp_path / "tunnit.csv", (centre.eero, "8.00", "11.00"), (centre.aino, "8.00", "10.00")
    )
    with pytest.raises(ImportFileError) as refused:
        import_timesheets(store, file)
    assert [p for p in refused.value.problems if p.startswith("Rivi 3, saman päivän sääntö:")]
    assert entries(store) == []
    with store.read() as session:
        assert session.get_one(Gig, centre.gig).status is GigStatus.PLANNED


def test_the_import_command_prints_the_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = data_folder(tmp_path / "data")
    folder.create()
    store = Store.open(folder.database, folder.backups, actor="tester")
    try:
        centre = Centre(store)
        record_attendance(store, centre.aino, DAY, "present", "10,00")
        file = centre.csv(tmp_path / "tunnit.csv", (centre.aino, "8.00", "10.00"))
    finally:
        store.close()
    assert main(["--data-dir", str(tmp_path / "data"), "import", "timesheets", str(file)]) == 0
    out, err = capsys.readouterr()
    assert "Tuotiin 1 riviä" in out
    assert "Rivi 2, saman päivän sääntö:" in err


def test_attendance_on_a_day_with_paid_hours_warns_or_is_refused(
    store: Store, tmp_path: Path
) -> None:
    centre = Centre(store)
    save_sheet(store, centre.gig, [centre.hours(centre.aino)], None)
    recorded = record_day(store, centre.aino, DAY, "present", "10,00")
    [warning] = recorded.warnings
    assert warning.kind is ConflictKind.SAME_DAY_RULE and warning.person_id == centre.aino
    # Recording the day as paid work is no conflict.
    assert record_day(store, centre.aino, DAY, "paid_work").warnings == []

    blocking(store)
    with pytest.raises(SameDayRuleError):
        record_attendance(store, centre.aino, DAY, "present", "10,00")
    day = attendance(store, centre.aino)
    assert day is not None and day.status is AttendanceStatus.PAID_WORK

    file = tmp_path / "läsnä.csv"
    file.write_text(
        "date;participant_number;status;allowance\n"
        f"{DAY.isoformat()};{centre.numbers[centre.eero]};present;9,00\n"
        f"{DAY.isoformat()};{centre.numbers[centre.aino]};present;10,00\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFileError) as refused:
        import_attendance_file(store, file)
    assert [p for p in refused.value.problems if p.startswith("Rivi 3, saman päivän sääntö:")]
    assert attendance(store, centre.eero) is None

    blocking(store, False)
    imported = import_attendance_file(store, file)
    assert imported.rows == 2
    [line] = imported.warnings
    assert line.startswith("Rivi 3, saman päivän sääntö:")


def test_approved_hours_mark_the_day_as_paid_work_but_never_overwrite_an_allowance_day(
    store: Store,
) -> None:
    centre = Centre(store)
    third = make_participant(store, first_name="Olli", last_name="Koski")
    assign(store, centre.gig, [centre.aino, centre.eero, third], [])
    record_attendance(store, centre.aino, DAY, "present", "10,00")
    record_attendance(store, centre.eero, DAY, "absent")
    save_sheet(
        store,
        centre.gig,
        [centre.hours(centre.aino), centre.hours(centre.eero), centre.hours(third)],
        None,
    )
    mark_done(store, centre.gig)

    blocking(store)
    with pytest.raises(SameDayRuleError):
        approve(store, gig_id=centre.gig)
    assert attendance(store, third) is None

    blocking(store, False)
    assert approve(store, gig_id=centre.gig) == 3
    days = {person: attendance(store, person) for person in (centre.aino, centre.eero, third)}
    statuses = {person: day.status if day else None for person, day in days.items()}
    assert statuses == {
        centre.aino: AttendanceStatus.PRESENT,  # the allowance day is the rule's conflict
        centre.eero: AttendanceStatus.PAID_WORK,
        third: AttendanceStatus.PAID_WORK,
    }
    with store.read() as session:
        audited = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "attendance")
        ).all()
        approval = session.scalars(
            select(AuditEntry.after).where(AuditEntry.action == "approve")
        ).one()
    # Two days recorded by hand, then the approval: one absent day changed, and the new
    # day listed in the approval's entry (not an entry of its own).
    assert audited == ["create", "create", "update"]
    third_day = days[third]
    assert third_day is not None and approval is not None
    assert approval["paid_work_days"] == [third_day.id]


def test_check_reports_each_violation_in_a_sentence(store: Store) -> None:
    centre = Centre(store)
    save_sheet(store, centre.gig, [centre.hours(centre.aino), centre.hours(centre.eero)], None)
    assert not [p for p in check_store(store) if "saman päivän" in p]
    record_attendance(store, centre.aino, DAY, "present", "10,00")
    record_attendance(store, centre.eero, DAY, "present", "9,00", "10.00", "12.00")
    found = [p for p in check_store(store) if p.startswith("Tekijä ")]
    assert len(found) == 2
    assert found[0].startswith(f"Tekijä {centre.numbers[centre.aino]}: ")
    assert "Aino Mäkinen" in found[0] and "saman päivän säännön" in found[0]
    assert found[1].startswith(f"Tekijä {centre.numbers[centre.eero]}: ")
    assert "Eero Aalto" in found[1] and "10.00–12.00" in found[1]


def test_importing_attendance_again_updates_the_days_and_audits_each(
    store: Store, tmp_path: Path
) -> None:
    centre = Centre(store)
    file = tmp_path / "läsnä.csv"
    rows = "date;participant_number;status;allowance\n" + "".join(
        f"{date(2026, 3, day).isoformat()};{centre.numbers[centre.eero]};present;9,00\n"
        for day in (2, 3, 4)
    )
    file.write_text(rows, encoding="utf-8")
    assert import_attendance_file(store, file).rows == 3
    file.write_text(rows.replace("present;9,00\n", "absent;\n", 1), encoding="utf-8")
    assert import_attendance_file(store, file).rows == 3
    with store.read() as session:
        days = session.scalars(select(Attendance).order_by(Attendance.day)).all()
        assert [(d.status, str(d.allowance)) for d in days] == [
            (AttendanceStatus.ABSENT, "None"),
            (AttendanceStatus.PRESENT, "9.00"),
            (AttendanceStatus.PRESENT, "9.00"),
        ]
        actions = session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.entity == "attendance")
            .order_by(AuditEntry.id)
        ).all()
    assert actions == ["create", "create", "create", "import", "update", "import"]

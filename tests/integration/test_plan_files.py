"""Plan files on the command line: `import timesheets` (joining gigs, adding one-off gigs, all
or nothing) and `export gigs|timesheets --from --to`, which imports back."""

from __future__ import annotations

import csv
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import select

from jobcenter_desktop.cli import main
from jobcenter_desktop.db.models import AuditEntry, Contract, Gig, Participant, TimesheetEntry
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.interchange.timesheet_import import HEADERS
from jobcenter_desktop.paths import data_folder
from jobcenter_desktop.services.planning.gigs import add_gig, assign
from jobcenter_desktop.services.timesheets.entries import approve
from tests.builders import make_contract, make_customer, make_participant

pytestmark = pytest.mark.usefixtures("finnish")

DAY = date(2026, 3, 4)
NEXT_DAY = date(2026, 3, 5)


class Centre:
    """A data folder with two contracts, a gig on DAY for the first, and two participants."""

    def __init__(self, tmp_path: Path) -> None:
        self.dir = tmp_path / "data"
        folder = data_folder(self.dir)
        folder.create()
        store = Store.open(folder.database, folder.backups, actor="tester")
        try:
            customer = make_customer(store)
            self.cleaning = make_contract(store, customer, status="active")
            self.moving = make_contract(store, customer, status="active", title="Muutto")
            self.gig = add_gig(store, self.cleaning, DAY, time(8), 180)
            self.aino = make_participant(store)
            self.eero = make_participant(store, first_name="Eero", last_name="Aalto")
            assign(store, self.gig, [self.aino], [])
            with store.read() as session:
                self.numbers = {
                    **dict(session.execute(select(Contract.id, Contract.contract_number)).all()),
                }
                self.people = dict(
                    session.execute(select(Participant.id, Participant.participant_number)).all()
                )
        finally:
            store.close()

    def open(self) -> Store:
        folder = data_folder(self.dir)
        return Store.open(folder.database, folder.backups, actor="tester")

    def run(self, *args: str) -> int:
        return main(["--data-dir", str(self.dir), *args])

    def row(
        self, day: date, contract: int, person: int, start: str, end: str, pause: str = ""
    ) -> list[str]:
        return [
            day.isoformat(),
            self.numbers[contract],
            self.people[person],
            start,
            end,
            pause,
        ]


def write_csv(path: Path, rows: list[list[str]], headers: tuple[str, ...] = HEADERS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def entries(store: Store) -> list[tuple[int, int | None, time, time, int, int, str]]:
    with store.read() as session:
        return [
            (
                e.gig_id,
                e.participant_id,
                e.start_time,
                e.end_time,
                e.worked_minutes,
                e.billable_minutes,
                e.unplanned_reason,
            )
            for e in session.scalars(select(TimesheetEntry).order_by(TimesheetEntry.id))
        ]


def gigs(store: Store) -> list[Gig]:
    with store.read() as session:
        return list(session.scalars(select(Gig).order_by(Gig.id)))


def test_import_joins_the_days_gig_and_adds_a_one_off_where_there_is_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    centre = Centre(tmp_path)
    file = write_csv(
        tmp_path / "tunnit.csv",
        [
            centre.row(DAY, centre.cleaning, centre.aino, "8.00", "11.10", "15"),
            centre.row(DAY, centre.cleaning, centre.eero, "08:00", "10:00"),
            centre.row(NEXT_DAY, centre.moving, centre.aino, "9.00", "12.00"),
            centre.row(NEXT_DAY, centre.moving, centre.eero, "10.00", "13.00", "30"),
        ],
    )
    assert centre.run("import", "timesheets", str(file)) == 0
    out = capsys.readouterr().out
    assert "Tuotiin 4 riviä" in out
    assert "1" in out.splitlines()[0]

    store = centre.open()
    try:
        all_gigs = gigs(store)
        assert len(all_gigs) == 2
        added = all_gigs[1]
        assert (added.contract_id, added.day, added.start_time, added.duration_minutes) == (
            centre.moving,
            NEXT_DAY,
            time(9),
            240,
        )
        assert added.scheduled_on is None and added.edited
        with store.read() as session:
            crew = [p.id for p in session.get_one(Gig, added.id).participants]
        assert sorted(crew) == sorted([centre.aino, centre.eero])
        rows = entries(store)
        assert [r[:6] for r in rows] == [
            (centre.gig, centre.aino, time(8), time(11, 10), 175, 180),
            (centre.gig, centre.eero, time(8), time(10), 120, 120),
            (added.id, centre.aino, time(9), time(12), 180, 180),
            (added.id, centre.eero, time(10), time(13), 150, 150),
        ]
        # Eero was not on the planned crew: the entry says where it came from.
        assert [bool(r[6]) for r in rows] == [False, True, False, False]
        with store.read() as session:
            actions = session.scalars(
                select(AuditEntry.entity + ":" + AuditEntry.action).order_by(AuditEntry.id)
            ).all()
        assert actions[-2:] == ["gig:create", "timesheet:import"]
    finally:
        store.close()

    # Importing again replaces the same people's entries rather than adding to them.
    assert centre.run("import", "timesheets", str(file)) == 0
    store = centre.open()
    try:
        assert len(entries(store)) == 4 and len(gigs(store)) == 2
    finally:
        store.close()


def test_one_bad_row_imports_nothing_and_every_problem_names_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    centre = Centre(tmp_path)
    good = centre.row(NEXT_DAY, centre.moving, centre.eero, "8.00", "9.00")
    file = write_csv(
        tmp_path / "tunnit.csv",
        [
            good,
            [DAY.isoformat(), "999", centre.people[centre.aino], "8.00", "9.00", ""],
            centre.row(DAY, centre.cleaning, centre.aino, "11.00", "9.00"),
            centre.row(NEXT_DAY, centre.cleaning, centre.eero, "8.30", "10.00"),
            centre.row(date(2025, 12, 1), centre.moving, centre.aino, "8.00", "9.00"),
            ["", centre.numbers[centre.moving], "X1", "8.00", "", "-5"],
        ],
    )
    assert centre.run("import", "timesheets", str(file)) == 2
    err = capsys.readouterr().err
    assert "ei tuotu mitään" in err
    lines = err.splitlines()
    assert any(line.startswith("Rivi 3,") and "999" in line for line in lines)
    assert any(line.startswith("Rivi 4,") for line in lines)
    assert sum(line.startswith("Rivi 7,") for line in lines) >= 3
    store = centre.open()
    try:
        assert entries(store) == [] and len(gigs(store)) == 1
    finally:
        store.close()

    # Only the row-level checks failed above; the day's overlap is found when rows are good.
    write_csv(
        tmp_path / "päällekkäin.csv",
        [good, centre.row(NEXT_DAY, centre.cleaning, centre.eero, "8.30", "10.00")],
    )
    assert centre.run("import", "timesheets", str(tmp_path / "päällekkäin.csv")) == 2
    err = capsys.readouterr().err
    assert "Rivi 2, Eero Aalto" in err or "Rivi 3, Eero Aalto" in err
    # ... and a date outside the contract's validity when there is no gig to join.
    write_csv(
        tmp_path / "vanha.csv",
        [centre.row(date(2025, 12, 1), centre.moving, centre.aino, "8.00", "9.00")],
    )
    assert centre.run("import", "timesheets", str(tmp_path / "vanha.csv")) == 2
    assert "Rivi 2," in capsys.readouterr().err


def test_approved_hours_are_not_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    centre = Centre(tmp_path)
    file = write_csv(
        tmp_path / "tunnit.csv", [centre.row(DAY, centre.cleaning, centre.aino, "8.00", "11.00")]
    )
    assert centre.run("import", "timesheets", str(file)) == 0
    store = centre.open()
    try:
        approve(store, up_to=DAY)
    finally:
        store.close()
    capsys.readouterr()
    assert centre.run("import", "timesheets", str(file)) == 2
    assert "Rivi 2," in capsys.readouterr().err


def test_export_gigs_and_timesheets_and_import_them_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    centre = Centre(tmp_path)
    file = write_csv(
        tmp_path / "tunnit.csv",
        [
            centre.row(DAY, centre.cleaning, centre.aino, "8.00", "11.10", "15"),
            centre.row(NEXT_DAY, centre.moving, centre.eero, "9.00", "10.00"),
        ],
    )
    assert centre.run("import", "timesheets", str(file)) == 0
    capsys.readouterr()

    plan = tmp_path / "keikat.csv"
    assert (
        centre.run(
            "export", "gigs", "--from", "2026-03-04", "--to", "2026-03-04", "--out", str(plan)
        )
        == 0
    )
    assert "Vietiin 1 riviä" in capsys.readouterr().out
    [gig] = read_csv(plan)
    assert gig == {
        "gig_id": str(centre.gig),
        "date": "2026-03-04",
        "start": "08:00",
        "duration_minutes": "180",
        "contract_number": centre.numbers[centre.cleaning],
        "customer_number": gig["customer_number"],
        # The import recorded its hours, so it marked the gig done.
        "status": "done",
        "participants": centre.people[centre.aino],
    }
    assert gig["customer_number"]

    hours = tmp_path / "tunnit-ulos.xlsx"
    assert (
        centre.run(
            "export",
            "timesheets",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--out",
            str(hours),
        )
        == 0
    )
    csv_hours = tmp_path / "tunnit-ulos.csv"
    assert (
        centre.run(
            "export",
            "timesheets",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--out",
            str(csv_hours),
        )
        == 0
    )
    exported = read_csv(csv_hours)
    assert list(exported[0]) == [
        *HEADERS,
        "worked_minutes",
        "billable_minutes",
        "approved",
    ]
    assert [(r["participant_number"], r["worked_minutes"], r["approved"]) for r in exported] == [
        (centre.people[centre.aino], "175", "no"),
        (centre.people[centre.eero], "60", "no"),
    ]

    # Both files import back: the same entries, nothing added twice.
    assert centre.run("import", "timesheets", str(hours)) == 0
    assert centre.run("import", "timesheets", str(csv_hours)) == 0
    store = centre.open()
    try:
        assert len(entries(store)) == 2 and len(gigs(store)) == 2
    finally:
        store.close()


def test_plan_exports_need_the_days(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    centre = Centre(tmp_path)
    out = tmp_path / "keikat.csv"
    assert centre.run("export", "gigs", "--out", str(out)) == 2
    assert "--from" in capsys.readouterr().err
    assert (
        centre.run(
            "export", "timesheets", "--from", "2026-03-05", "--to", "2026-03-01", "--out", str(out)
        )
        == 2
    )
    assert "--to" in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(SystemExit):
        centre.run("export", "gigs", "--from", "4.3.2026", "--to", "2026-03-05", "--out", str(out))
    # The registers still export without days.
    assert centre.run("export", "participants", "--out", str(tmp_path / "tekijät.csv")) == 0

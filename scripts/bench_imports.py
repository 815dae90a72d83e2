"""Speed of the timesheet and attendance imports against a plain SQLite ``executemany``.

    .venv/bin/python scripts/bench_imports.py [ROWS]

Builds a centre (40 participants, 8 contracts planned Monday to Friday for a
year), writes a file of ``ROWS`` (default 10,000) timesheet rows (each person's
hours of a working day, joining the planned gigs) and one of as many attendance
rows, imports each into the store, and prints the seconds next to those of a
plain ``sqlite3`` ``executemany`` of the same rows into a table of the same
columns in the same run. Issue 7's target: at most 25 times the plain insert.

``scripts/benchmark.py`` can import :func:`measure_imports` (or the builders).
"""

from __future__ import annotations

import csv
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jobcenter_desktop.db.store import Store  # noqa: E402

FIRST_DAY = date(2026, 1, 5)  # a Monday
PARTICIPANTS = 40
CONTRACTS = 8

TIMESHEET_HEADERS = (
    "date",
    "contract_number",
    "participant_number",
    "start",
    "end",
    "break_minutes",
)
ATTENDANCE_HEADERS = ("date", "participant_number", "status", "allowance")


@dataclass(frozen=True)
class BenchCentre:
    """The numbers the files refer to and the working days they cover."""

    participant_numbers: list[str]
    contract_numbers: list[str]
    days: list[date]


def working_days(count: int, first: date = FIRST_DAY) -> list[date]:
    days: list[date] = []
    day = first
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def build_centre(store: Store, rows: int = 10_000) -> BenchCentre:
    """Participants and contracts, and the contracts' gigs planned for enough working days."""
    from sqlalchemy import select

    from jobcenter_desktop.db.models import Contract, Participant
    from jobcenter_desktop.forms.contracts import ContractInput
    from jobcenter_desktop.forms.customers import CustomerInput
    from jobcenter_desktop.forms.participants import ParticipantInput
    from jobcenter_desktop.services.planning.gigs import generate_gigs
    from jobcenter_desktop.services.registers.contracts import save_contract
    from jobcenter_desktop.services.registers.customers import save_customer
    from jobcenter_desktop.services.registers.participants import save_participant

    days = working_days(-(-rows // PARTICIPANTS))
    customer = save_customer(
        store, CustomerInput(name="Korjaamo Virtanen Oy", business_id="0737546-2", city="Joensuu")
    )
    for number in range(CONTRACTS):
        save_contract(
            store,
            ContractInput(
                customer_id=customer,
                title=f"Siivous {number + 1}",
                weekdays="mon,tue,wed,thu,fri",
                start_time="8.00",
                duration_minutes="240",
                valid_from=f"{FIRST_DAY.day}.{FIRST_DAY.month}.{FIRST_DAY.year}",
                worker_hour_price="35,00",
                status="active",
            ),
        )
    for number in range(PARTICIPANTS):
        save_participant(
            store,
            ParticipantInput(first_name=f"Tekijä{number + 1}", last_name="Mäkinen"),
        )
    generate_gigs(store, days[-1], today=days[0])
    with store.read() as session:
        participants = list(
            session.scalars(select(Participant.participant_number).order_by(Participant.id))
        )
        contracts = list(session.scalars(select(Contract.contract_number).order_by(Contract.id)))
    return BenchCentre(participants, contracts, days)


def timesheet_rows(centre: BenchCentre, count: int = 10_000) -> list[tuple[str, ...]]:
    """Each person's hours of a day on their contract's gig, day after day."""
    rows: list[tuple[str, ...]] = []
    for day in centre.days:
        for index, person in enumerate(centre.participant_numbers):
            if len(rows) == count:
                return rows
            contract = centre.contract_numbers[index % len(centre.contract_numbers)]
            rows.append((day.isoformat(), contract, person, "8.00", "11.30", "15"))
    return rows


def attendance_rows(centre: BenchCentre, count: int = 10_000) -> list[tuple[str, ...]]:
    """Each person's work-activity day: present with an allowance, or absent."""
    rows: list[tuple[str, ...]] = []
    for day in centre.days:
        for index, person in enumerate(centre.participant_numbers):
            if len(rows) == count:
                return rows
            present = (index + day.toordinal()) % 5 != 0
            rows.append(
                (
                    day.isoformat(),
                    person,
                    "present" if present else "absent",
                    "9,00" if present else "",
                )
            )
    return rows


def write_rows(path: Path, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def plain_executemany(folder: Path, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> float:
    """Seconds for sqlite3 to insert the same rows into a table of the same columns (a file)."""
    path = folder / f"plain-{len(headers)}.db"
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    try:
        columns = ", ".join(f"c{i} TEXT" for i in range(len(headers)))
        connection.execute(f"CREATE TABLE t (id INTEGER PRIMARY KEY, {columns})")
        connection.commit()
        marks = ", ".join("?" for _ in headers)
        names = ", ".join(f"c{i}" for i in range(len(headers)))
        started = time.perf_counter()
        connection.executemany(f"INSERT INTO t ({names}) VALUES ({marks})", rows)
        connection.commit()
        return time.perf_counter() - started
    finally:
        connection.close()


@dataclass(frozen=True)
class ImportTimings:
    rows: int
    timesheets: float
    timesheets_plain: float
    attendance: float
    attendance_plain: float

    def lines(self) -> list[str]:
        return [
            f"import {self.rows} timesheet rows: {self.timesheets:.2f} s "
            f"(plain executemany {self.timesheets_plain * 1000:.1f} ms, "
            f"{self.timesheets / self.timesheets_plain:.0f} x; target at most 25 x)",
            f"import {self.rows} attendance rows: {self.attendance:.2f} s "
            f"(plain executemany {self.attendance_plain * 1000:.1f} ms, "
            f"{self.attendance / self.attendance_plain:.0f} x; target at most 25 x)",
        ]


def measure_imports(folder: Path, rows: int = 10_000) -> ImportTimings:
    """Import ``rows`` timesheet rows, then as many attendance rows, into a new store."""
    from jobcenter_desktop.interchange.attendance_import import import_attendance
    from jobcenter_desktop.interchange.timesheet_import import import_timesheets

    store = Store.open(folder / "imports.db", actor="bench")
    try:
        centre = build_centre(store, rows)
        hours = timesheet_rows(centre, rows)
        days = attendance_rows(centre, rows)
        hours_file = write_rows(folder / "hours.csv", TIMESHEET_HEADERS, hours)
        days_file = write_rows(folder / "attendance.csv", ATTENDANCE_HEADERS, days)
        started = time.perf_counter()
        imported = import_timesheets(store, hours_file)
        timesheets = time.perf_counter() - started
        assert imported.entries == len(hours), imported
        started = time.perf_counter()
        import_attendance(store, days_file)
        attendance = time.perf_counter() - started
    finally:
        store.close()
    return ImportTimings(
        rows,
        timesheets,
        plain_executemany(folder, TIMESHEET_HEADERS, hours),
        attendance,
        plain_executemany(folder, ATTENDANCE_HEADERS, days),
    )


def main() -> None:
    from jobcenter_desktop.i18n import set_language

    set_language("en")
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as folder:
        for line in measure_imports(Path(folder), rows).lines():
            print(line)


if __name__ == "__main__":
    main()

"""Big imports check their rows without the write lock (issue 7, item 4).

While a file is being checked another workstation can still save; what it saved
is seen under the lock: when it touched what the checks read, the rows are
checked again (and refused here), otherwise the checks made without the lock
stand and are not made again.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from jobcenter_desktop.db.models import Attendance, Gig, Participant, TimesheetEntry
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.i18n import set_language
from jobcenter_desktop.interchange import attendance_import, timesheet_import
from jobcenter_desktop.interchange.tabular import ImportFileError
from jobcenter_desktop.services.planning.gigs import add_gig, assign
from tests.builders import make_contract, make_customer, make_participant

DAY = date(2026, 3, 4)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("fi")


def other_workstation(store: Store, sql: str, *parameters: Any) -> None:
    """Save through a connection of its own that gives up at once if the file is locked."""
    assert store.path is not None
    connection = sqlite3.connect(store.path, timeout=0.2, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")  # "database is locked" if the import held it
        connection.execute(sql, parameters)
        connection.execute("COMMIT")
    finally:
        connection.close()


def during_checks(
    monkeypatch: pytest.MonkeyPatch, module: Any, action: Callable[[], None]
) -> list[int]:
    """Run ``action`` while the module's rows are being checked; returns a list that
    counts the checks made."""
    original = module._check
    calls: list[int] = []

    def checking(*args: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            action()
        return original(*args)

    monkeypatch.setattr(module, "_check", checking)
    return calls


def numbers(store: Store) -> dict[int, str]:
    with store.read() as session:
        return dict(session.execute(select(Participant.id, Participant.participant_number)).all())


def hours_file(store: Store, path: Path, contract: int, people: list[int]) -> Path:
    with store.read() as session:
        gig = session.scalars(select(Gig).where(Gig.contract_id == contract)).one()
        contract_number = gig.contract.contract_number
    known = numbers(store)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(timesheet_import.HEADERS)
        for person in people:
            writer.writerow([DAY.isoformat(), contract_number, known[person], "8.00", "11.00", ""])
    return path


def entry_count(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(TimesheetEntry)) or 0


@pytest.fixture
def crew(store: Store) -> tuple[int, list[int]]:
    contract = make_contract(store, make_customer(store), status="active")
    gig = add_gig(store, contract, DAY, time(8), 180)
    people = [make_participant(store, first_name=f"Tekijä{n}") for n in range(3)]
    assign(store, gig, people, [])
    return contract, people


def test_another_workstation_saves_while_the_hours_are_checked_and_the_import_sees_it(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crew: tuple[int, list[int]]
) -> None:
    contract, people = crew
    file = hours_file(store, tmp_path / "hours.csv", contract, people)
    # The contract is archived by someone else while the rows are checked.
    calls = during_checks(
        monkeypatch,
        timesheet_import,
        lambda: other_workstation(
            store, "UPDATE contract SET archived_at = '2026-03-04 10:00:00' WHERE id = ?", contract
        ),
    )
    with pytest.raises(ImportFileError) as refused:
        timesheet_import.import_timesheets(store, file)
    assert len(calls) == 2  # checked again under the lock
    assert refused.value.problems[0] == "Row 2, Contract number: the contract is archived"
    assert entry_count(store) == 0


def test_a_save_elsewhere_that_the_checks_did_not_read_leaves_them_standing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crew: tuple[int, list[int]]
) -> None:
    contract, people = crew
    bystander = make_participant(store, first_name="Olli")
    file = hours_file(store, tmp_path / "hours.csv", contract, people)
    calls = during_checks(
        monkeypatch,
        timesheet_import,
        lambda: other_workstation(
            store, "UPDATE participant SET first_name = 'Otto' WHERE id = ?", bystander
        ),
    )
    imported = timesheet_import.import_timesheets(store, file)
    assert imported.entries == 3 and imported.gigs_done == 1
    assert len(calls) == 1  # the checks made without the lock were enough
    assert entry_count(store) == 3


def test_hours_saved_elsewhere_meanwhile_are_replaced_not_doubled(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crew: tuple[int, list[int]]
) -> None:
    contract, people = crew
    file = hours_file(store, tmp_path / "hours.csv", contract, people)
    assert store.path is not None
    path = store.path

    def import_elsewhere() -> None:
        # The same file imported by another workstation while this one checks it.
        other = Store.open(path, actor="other")
        try:
            timesheet_import.import_timesheets(other, file)
        finally:
            other.close()

    during_checks(monkeypatch, timesheet_import, import_elsewhere)
    imported = timesheet_import.import_timesheets(store, file)
    assert imported.entries == 3
    assert entry_count(store) == 3


def test_attendance_is_checked_without_the_lock_and_again_when_a_number_changed(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = make_participant(store)
    number = numbers(store)[person]
    file = tmp_path / "days.csv"
    file.write_text(
        f"date;participant_number;status;allowance\n{DAY.isoformat()};{number};present;9,00\n",
        encoding="utf-8",
    )
    calls = during_checks(
        monkeypatch,
        attendance_import,
        lambda: other_workstation(
            store, "UPDATE participant SET participant_number = 'X1' WHERE id = ?", person
        ),
    )
    with pytest.raises(ImportFileError) as refused:
        attendance_import.import_attendance(store, file)
    assert len(calls) == 2
    assert refused.value.problems == [
        f"Row 2, Participant number: no participant has the number {number}"
    ]
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Attendance)) == 0

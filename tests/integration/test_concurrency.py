"""Two workstations (processes) writing the same thing at once: it is stored once."""

from __future__ import annotations

import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from jobcenter_desktop.db.errors import StoreBusyError, UserError
from jobcenter_desktop.db.models import Participant
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.forms.participants import ParticipantInput
from jobcenter_desktop.services.registers.participants import save_participant
from tests.builders import make_participant
from tests.store_files import attendance_file, command, hours_file


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("race") / "demo"
    subprocess.run(command(folder, "demo-data"), check=True, capture_output=True, timeout=300)
    return folder


def row_count(folder: Path, table: str) -> int:
    with sqlite3.connect(folder / "jobcenter.db") as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def import_twice_at_once(folder: Path, register: str, path: Path) -> None:
    """Two processes import the same file at the same moment; both say what happened."""
    both = [
        subprocess.Popen(
            command(folder, "import", register, str(path)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [(p.wait(timeout=300), *p.communicate()) for p in both]
    codes = sorted(code for code, _out, _err in results)
    assert codes[0] == 0, results
    for code, _out, err in results:
        assert "Traceback" not in err and "constraint" not in err.lower(), err
        if code != 0:
            assert err.strip(), "a refused import says why"


@pytest.mark.parametrize("attempt", range(3))
def test_two_processes_importing_the_same_hours_store_them_once(
    demo_folder: Path, tmp_path: Path, attempt: int
) -> None:
    folder = tmp_path / "data"
    subprocess.run(["cp", "-r", str(demo_folder), str(folder)], check=True)
    rows = 400
    hours = hours_file(folder, tmp_path / f"tunnit-{attempt}.csv", rows)
    before = row_count(folder, "timesheet_entry")

    import_twice_at_once(folder, "timesheets", hours)

    assert row_count(folder, "timesheet_entry") == before + rows


def test_two_processes_importing_the_same_attendance_store_it_once(
    demo_folder: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    subprocess.run(["cp", "-r", str(demo_folder), str(folder)], check=True)
    days = attendance_file(folder, tmp_path / "paivat.csv", 10)
    rows = len(days.read_text(encoding="utf-8").splitlines()) - 1
    before = row_count(folder, "attendance")

    import_twice_at_once(folder, "attendance", days)

    assert row_count(folder, "attendance") == before + rows


def test_two_threads_saving_the_same_number_store_it_once(tmp_path: Path) -> None:
    """The write lock is taken before the service reads whether the number is free."""
    store = Store.open(tmp_path / "jobcenter.db", tmp_path / "backups", actor="tester")
    start = threading.Barrier(2)
    errors: list[Exception] = []

    def save() -> None:
        start.wait()
        try:
            save_participant(
                store,
                ParticipantInput(participant_number="1001", first_name="Aino", last_name="Mäki"),
            )
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=save) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == 1
    assert len(errors) == 1 and isinstance(errors[0], UserError | ValidationError), errors
    store.close()


def test_a_unique_violation_the_services_did_not_foresee_is_a_sentence(tmp_path: Path) -> None:
    """A hand-edited or racing duplicate reaches the database: the user reads a sentence."""
    store = Store.open(tmp_path / "jobcenter.db", tmp_path / "backups", actor="tester")
    make_participant(store, participant_number="1001")
    with store.read() as session:
        columns = [row[1] for row in session.execute(text("PRAGMA table_info(participant)"))]
    copied = ", ".join(c for c in columns if c != "id")
    with pytest.raises(StoreBusyError) as refused, store.write() as tx:
        tx.session.execute(
            text(f"INSERT INTO participant ({copied}) SELECT {copied} FROM participant")
        )
    assert "constraint" not in str(refused.value).lower()
    assert "samaan aikaan" in str(refused.value)
    store.close()


def approved_month(folder: Path) -> str:
    """The month of the demo's approved hours (the demo's weeks follow today's date)."""
    with sqlite3.connect(folder / "jobcenter.db") as connection:
        day = connection.execute(
            "SELECT min(gig.day) FROM gig JOIN timesheet_entry ON timesheet_entry.gig_id = gig.id"
            " WHERE timesheet_entry.approved_at IS NOT NULL"
        ).fetchone()[0]
    return str(day)[:7]


def test_two_processes_issuing_the_same_month_invoice_every_gig_once(
    demo_folder: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    subprocess.run(["cp", "-r", str(demo_folder), str(folder)], check=True)
    month = approved_month(folder)
    both = [
        subprocess.Popen(
            command(
                folder,
                "invoice-run",
                "--period",
                month,
                "--issue",
                "--out",
                str(tmp_path / f"out{n}"),
            ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    results = [(p.wait(timeout=300), *p.communicate()) for p in both]
    assert sorted(code for code, _out, _err in results)[0] == 0, results
    for _code, _out, err in results:
        assert "Traceback" not in err, err
    with sqlite3.connect(folder / "jobcenter.db") as connection:
        numbers = [
            row[0] for row in connection.execute("SELECT number FROM invoice ORDER BY number")
        ]
        gigs = connection.execute(
            "SELECT count(*), count(DISTINCT gig_id) FROM invoiced_gig"
        ).fetchone()
    assert numbers == list(range(1, len(numbers) + 1))  # no gaps, no doubles
    assert numbers, "the month had approved hours"
    assert gigs[0] == gigs[1]  # no gig on two invoices

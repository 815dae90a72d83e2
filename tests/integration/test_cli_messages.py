"""The command line says what it means: missing gigs, attendance words, import problems,
export file types, Finnish dates, planning into the past and the smoke start's folder."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from jobcenter_desktop.cli import main
from jobcenter_desktop.db.models import Attendance
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import AttendanceStatus
from jobcenter_desktop.i18n import set_language
from jobcenter_desktop.interchange.attendance_import import parse_status
from jobcenter_desktop.interchange.register_columns import REGISTERS
from jobcenter_desktop.interchange.tabular import MAX_PROBLEMS, ImportFileError, refuse_rows
from tests.builders import make_participant

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _finnish_afterwards() -> Iterator[None]:
    """``--lang`` switches the whole program; put the tests' language back."""
    yield
    set_language("fi")


def run(folder: Path, *args: str) -> int:
    return main(["--data-dir", str(folder), *args])


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


# --- print ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "wanted"),
    [("fi", "Keikkaa numerolla 99999 ei ole."), ("en", "No gig with the number 99999.")],
)
def test_printing_a_missing_gig_names_its_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, wanted: str
) -> None:
    out = tmp_path / "keikka.pdf"

    code = run(
        tmp_path / "data", "--lang", lang, "print", "gig-sheet", "--gig", "99999", "--out", str(out)
    )

    err = capsys.readouterr().err
    assert code == 2
    assert wanted in err
    assert "export gigs" in err
    assert "Tietuetta ei enää ole" not in err and "no longer exists" not in err
    assert not out.exists()


# --- import attendance --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("L", AttendanceStatus.PRESENT),
        ("l", AttendanceStatus.PRESENT),
        ("läsnä", AttendanceStatus.PRESENT),
        ("Läsnä", AttendanceStatus.PRESENT),
        ("present", AttendanceStatus.PRESENT),
        ("P", AttendanceStatus.ABSENT),
        (" poissa ", AttendanceStatus.ABSENT),
        ("POISSA", AttendanceStatus.ABSENT),
        ("absent", AttendanceStatus.ABSENT),
        ("T", AttendanceStatus.PAID_WORK),
        ("keikka", AttendanceStatus.PAID_WORK),
        ("Keikka", AttendanceStatus.PAID_WORK),
        ("paid_work", AttendanceStatus.PAID_WORK),
        ("Palkkatyössä", AttendanceStatus.PAID_WORK),
        ("", None),
        ("x", None),
        ("läsnäolo", None),
        ("A", None),
    ],
)
def test_a_status_cell_takes_the_windows_letters_and_finnish_words(
    text: str, status: AttendanceStatus | None
) -> None:
    assert parse_status(text) is status


def test_import_attendance_takes_letters_and_words(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_participant(store, participant_number="7")
    rows = [["date", "participant_number", "status"]]
    words = ["L", "P", "T", "läsnä", "poissa", "keikka"]
    days = [date(2026, 11, 2 + n) for n in range(len(words))]
    rows += [[day.isoformat(), "7", word] for day, word in zip(days, words, strict=True)]
    path = write_csv(tmp_path / "lasnaolo.csv", rows)

    assert run(tmp_path, "import", "attendance", str(path)) == 0

    assert "Tuotiin 6 riviä" in capsys.readouterr().out
    with store.read() as session:
        saved = dict(session.execute(select(Attendance.day, Attendance.status)).all())
    present, absent, paid = (
        AttendanceStatus.PRESENT,
        AttendanceStatus.ABSENT,
        AttendanceStatus.PAID_WORK,
    )
    assert [saved[day] for day in days] == [present, absent, paid, present, absent, paid]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_an_unknown_status_is_refused_listing_the_allowed_values(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    make_participant(store, participant_number="7")
    path = write_csv(
        tmp_path / "lasnaolo.csv",
        [
            ["date", "participant_number", "status"],
            ["2026-11-02", "7", "L"],
            ["2026-11-03", "7", "x"],
            ["2026-11-04", "7", ""],
        ],
    )

    assert run(tmp_path, "--lang", lang, "import", "attendance", str(path)) == 2

    lines = capsys.readouterr().err.splitlines()
    row = "Rivi" if lang == "fi" else "Row"
    assert lines[1].startswith(f"{row} 3, ") and "x" in lines[1]
    assert lines[2].startswith(f"{row} 4, ")
    for line in lines[1:3]:
        for value in ("L", "läsnä", "P", "poissa", "T", "keikka"):
            assert value in line
    with store.read() as session:
        assert session.scalars(select(Attendance)).all() == []


# --- import problems ----------------------------------------------------------------------------


def test_import_problems_come_in_row_order_with_their_count() -> None:
    problems = [
        "Rivi 10, Nimi: on pakollinen",
        "Rivi 2, Postinumero: viisi numeroa",
        "Rivi 10, Y-tunnus: tarkistusmerkki ei täsmää",
        "Rivi 3, Nimi: on pakollinen",
    ]

    with pytest.raises(ImportFileError) as refused:
        refuse_rows(Path("tilaajat.csv"), problems)

    assert refused.value.problems == [
        "Rivi 2, Postinumero: viisi numeroa",
        "Rivi 3, Nimi: on pakollinen",
        "Rivi 10, Nimi: on pakollinen",
        "Rivi 10, Y-tunnus: tarkistusmerkki ei täsmää",
    ]
    assert "Ongelmia: 4." in refused.value.message


def test_an_import_lists_problems_up_to_the_limit_and_counts_them_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = list(REGISTERS["customers"].columns)
    bad_rows = MAX_PROBLEMS + 19
    rows = [headers]
    for number in range(1, bad_rows + 1):
        values = dict.fromkeys(headers, "")
        values.update(customer_number=str(number), type="household", name=f"Maija {number}")
        values.update(postal_code="1")  # one problem a row
        rows.append([values[key] for key in headers])
    path = write_csv(tmp_path / "tilaajat.csv", rows)

    assert run(tmp_path / "data", "import", "customers", str(path)) == 2

    lines = capsys.readouterr().err.splitlines()
    assert f"Ongelmia: {bad_rows}." in lines[0]
    listed = lines[1 : MAX_PROBLEMS + 1]
    assert [int(line.split(",")[0].removeprefix("Rivi ")) for line in listed] == list(
        range(2, MAX_PROBLEMS + 2)
    )
    assert lines[MAX_PROBLEMS + 1].startswith("… ja 19 muuta")
    assert len(lines) == MAX_PROBLEMS + 2


# --- export file types --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["export", "participants"],
        ["export", "gigs", "--from", "2026-11-01", "--to", "2026-11-30"],
        ["export", "timesheets", "--from", "2026-11-01", "--to", "2026-11-30"],
        ["invoices", "export", "--from", "2026-11-01", "--to", "2026-11-30"],
    ],
)
@pytest.mark.parametrize("name", ["x.txt", "x.pdf", "x.xlsm", "x"])
def test_an_export_refuses_an_unknown_file_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], name: str
) -> None:
    out_folder = tmp_path / "out"
    out_folder.mkdir()

    assert run(tmp_path / "data", *command, "--out", str(out_folder / name)) == 2

    err = capsys.readouterr().err
    assert ".csv" in err and ".xlsx" in err
    assert list(out_folder.iterdir()) == []


@pytest.mark.parametrize("name", ["x.csv", "X.XLSX"])
def test_an_export_writes_csv_and_xlsx(tmp_path: Path, name: str) -> None:
    out = tmp_path / name

    assert run(tmp_path / "data", "export", "participants", "--out", str(out)) == 0

    assert out.exists()


# --- dates and planning -----------------------------------------------------------------------


def test_approve_says_its_day_in_finnish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path / "data", "approve", "--to", "2026-12-01") == 0

    out = capsys.readouterr().out
    assert "1.12.2026 asti" in out
    assert "2026-12-01" not in out


def test_an_invoice_run_with_no_work_names_the_period_in_finnish_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    centre = ["--name", "Työkeskus Kipinä", "--business-id", "2077474-0"]
    centre += ["--iban", "FI79 4405 2020 0360 82", "--bic", "OKOYFIHH"]
    centre += ["--vat-status", "registered", "--address", "Pajakatu 3, 82100 Ilomantsi"]
    assert run(tmp_path / "data", "centre", "set", *centre) == 0
    capsys.readouterr()

    code = run(
        tmp_path / "data", "invoice-run", "--period", "2026-11", "--out", str(tmp_path / "inv")
    )

    out = capsys.readouterr().out
    assert code == 0
    assert "1.11.2026–30.11.2026" in out
    assert "2026-11" not in out


def test_planning_up_to_a_past_day_says_nothing_is_ahead_of_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path / "data", "--lang", "en", "schedule", "--until", "2020-01-01") == 0

    out = capsys.readouterr().out
    assert "Nothing was planned: 01/01/2020 is already past, so nothing is ahead of it." in out
    assert "2020-01-01" not in out
    assert "Created" not in out


def test_planning_up_to_a_past_day_in_finnish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path / "data", "schedule", "--until", "2020-01-01") == 0

    out = capsys.readouterr().out
    assert "1.1.2020 on jo mennyt" in out
    today = date.today()
    assert f"({today.day}.{today.month}.{today.year})" in out


# --- smoke start ----------------------------------------------------------------------------------


def test_a_smoke_start_without_a_data_folder_removes_its_temporary_folder(
    tmp_path: Path,
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("JOBCENTER_DATA_DIR", "TMPDIR", "TEMP", "TMP")
    }
    env.update(QT_QPA_PLATFORM="offscreen", TMPDIR=str(temporary))

    result = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--smoke"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "OK"
    assert list(temporary.iterdir()) == []

"""The attendance register: one day per participant (recorded again, replaced), the allowance's
rules and its tax-free cap flagged, and `import attendance` all or nothing."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from jobcenter_desktop.cli import main
from jobcenter_desktop.db.models import Attendance, AuditEntry
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import (
    ConflictKind,
    GigFacts,
    PersonFacts,
    check_participant,
)
from jobcenter_desktop.domain.enums import AttendanceStatus, ParticipantStatus, ServiceBasis
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.interchange.attendance_import import import_attendance
from jobcenter_desktop.interchange.tabular import ImportFileError
from jobcenter_desktop.paths import data_folder
from jobcenter_desktop.queries.attendance import attendance_facts, list_attendance
from jobcenter_desktop.services.timesheets.attendance import record_attendance
from tests.builders import make_participant

pytestmark = pytest.mark.usefixtures("finnish")

DAY = date(2026, 3, 4)


def attendance_count(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(Attendance)) or 0)


def write_csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_recording_a_day_again_replaces_it_and_is_audited(store: Store) -> None:
    aino = make_participant(store)
    first = record_attendance(store, aino, DAY, "present", "10,00", "8.30", "14")
    second = record_attendance(store, aino, DAY, AttendanceStatus.PAID_WORK)
    assert first == second
    assert attendance_count(store) == 1
    [row] = list_attendance(store, DAY, DAY, aino)
    assert (row.status, row.allowance, row.start_time, row.end_time) == (
        AttendanceStatus.PAID_WORK,
        None,
        None,
        None,
    )
    with store.read() as session:
        audit = session.execute(
            select(AuditEntry.entity, AuditEntry.action, AuditEntry.before).order_by(AuditEntry.id)
        ).all()
    assert [(e, a) for e, a, _b in audit][-2:] == [
        ("attendance", "create"),
        ("attendance", "update"),
    ]
    assert audit[-1][2] is not None and audit[-1][2]["allowance"] == "10.00"


def test_the_allowance_rules_and_the_tax_free_cap(store: Store) -> None:
    aino = make_participant(store)
    eero = make_participant(store, first_name="Eero", last_name="Aalto")
    record_attendance(store, aino, DAY, "present", "12,00")
    record_attendance(store, eero, DAY, "Läsnä", Decimal("12.50"), time(8), time(12))
    record_attendance(store, aino, date(2026, 3, 5), "absent")
    rows = list_attendance(store, DAY, date(2026, 3, 5))
    assert [(r.participant_name, r.day, r.allowance, r.over_cap) for r in rows] == [
        ("Eero Aalto", DAY, Decimal("12.50"), True),
        ("Aino Mäkinen", DAY, Decimal("12.00"), False),
        ("Aino Mäkinen", date(2026, 3, 5), None, False),
    ]
    assert [r.day for r in list_attendance(store, DAY, date(2026, 3, 31), aino)] == [
        DAY,
        date(2026, 3, 5),
    ]

    with pytest.raises(ValidationError) as error:
        record_attendance(store, aino, DAY, "absent", "5,00")
    assert error.value.errors == {
        "allowance": "Työosuusraha: maksetaan vain läsnäolopäivältä",
    }
    with pytest.raises(ValidationError, match="Työosuusraha: ei voi olla negatiivinen"):
        record_attendance(store, aino, DAY, "present", "-1,00")
    with pytest.raises(ValidationError) as error:
        record_attendance(store, aino, DAY, "lomalla", None, "12", "8")
    assert set(error.value.errors) == {"status", "end"}
    with pytest.raises(ValidationError, match="Tekijä: valitse jokin vaihtoehdoista"):
        record_attendance(store, 9999, DAY, "present")
    assert [r.allowance for r in list_attendance(store, DAY, DAY, aino)] == [Decimal("12.00")]


def test_import_is_all_or_nothing_with_row_and_field_messages(store: Store, tmp_path: Path) -> None:
    make_participant(store)  # number 1
    make_participant(store, first_name="Eero", last_name="Aalto")  # number 2
    bad = write_csv(
        tmp_path / "paivat.csv",
        [
            "date;participant_number;status;allowance",
            "2026-03-02;1;present;10,50",
            "3.3.2026;2;absent;",
            "32.3.2026;1;present;10",
            "2026-03-04;7;present;10",
            "2026-03-05;2;absent;4,00",
            "2026-03-02;1;present;9",
        ],
    )
    with pytest.raises(ImportFileError) as caught:
        import_attendance(store, bad)
    assert caught.value.message.startswith("Tiedostosta paivat.csv ei tuotu mitään.")
    assert caught.value.problems == [
        "Rivi 4, Päivämäärä: ei ole päivämäärä, käytä esim. 5.10.2026",
        "Rivi 5, Tekijänumero: millään tekijällä ei ole numeroa 7",
        "Rivi 6, Työosuusraha: maksetaan vain läsnäolopäivältä",
        "Rivi 7, Päivämäärä: sama tekijä ja päivä ovat myös rivillä 2",
    ]
    assert attendance_count(store) == 0

    good = write_csv(
        tmp_path / "hyva.csv",
        [
            "date,participant_number,status,allowance",
            "2026-03-02,1,present,12.50",
            "3.3.2026,2,absent,",
        ],
    )
    assert import_attendance(store, good) == 2
    rows = list_attendance(store, date(2026, 3, 1), date(2026, 3, 31))
    assert [(r.participant_number, r.day, r.status, r.allowance, r.over_cap) for r in rows] == [
        ("1", date(2026, 3, 2), AttendanceStatus.PRESENT, Decimal("12.50"), True),
        ("2", date(2026, 3, 3), AttendanceStatus.ABSENT, None, False),
    ]


def test_the_import_command_reads_attendance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = data_folder(tmp_path / "data").create()
    store = Store.open(folder.database, folder.backups)
    try:
        make_participant(store)
    finally:
        store.close()
    source = write_csv(
        tmp_path / "paivat.csv",
        ["date;participant_number;status;allowance", "2.3.2026;1;present;8"],
    )
    args = ["--data-dir", str(tmp_path / "data"), "import", "attendance", str(source)]
    assert main(args) == 0
    assert "1" in capsys.readouterr().out
    missing = write_csv(tmp_path / "puuttuu.csv", ["date;status", "2.3.2026;present"])
    assert main(["--data-dir", str(tmp_path / "data"), "import", "attendance", str(missing)]) == 2
    assert "participant_number" in capsys.readouterr().err


def test_the_same_day_rule_reads_the_register(store: Store) -> None:
    aino = make_participant(store, service_basis="disability")
    gig = GigFacts(1, DAY, time(12), 120, (), "Seurakuntatalo, siivous")
    person = PersonFacts(
        aino, "Aino Mäkinen", ParticipantStatus.ACTIVE, ServiceBasis.DISABILITY, None, {}
    )
    record_attendance(store, aino, DAY, "present", "8,00")
    facts = attendance_facts(store, DAY, DAY, [aino])
    assert [(f.status, f.allowance) for f in facts] == [("present", Decimal("8.00"))]
    assert [c.kind for c in check_participant(gig, person, [], facts)] == [
        ConflictKind.SAME_DAY_RULE
    ]
    record_attendance(store, aino, DAY, "paid_work")
    assert check_participant(gig, person, [], attendance_facts(store, DAY, DAY)) == []

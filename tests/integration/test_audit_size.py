"""The audit log keeps what changed, so a ten-year store is mostly data, not audit.

The share is measured honestly: the pages of the audit table and of its index
(SQLite's ``dbstat``; without it, the pages a VACUUMed copy loses when the audit rows
are deleted) against the pages the store's data took.

The store is a realistic centre built through the services as the centre uses them:
25 participants (10 of them on work-activity days with the allowance), 3
instructors, 10 customers, 15 contracts each with a weekly gig (three a working
day) crewed by 3 participants and an instructor; each gig's crew is assigned, its
timesheet saved (with the customer's feedback now and then) and sometimes
corrected, the gig marked done; the week's attendance imported and the week's
hours approved (which marks the paid-work days); a participant's phone number
changes now and then.

Why a sample of weeks is representative: what a week adds (each gig's assign,
record, done and approve entries, the week's attendance import and its paid-work
days, against the gigs, entries and attendance rows themselves) is the same in the
first week and in the five hundredth, so over ten years the audit's share of the
file tends to its share of what one such week adds. The test builds the registers,
then one full week of the centre every ``SAMPLE_EVERY_WEEKS`` weeks over ten years
(13 weeks, a few seconds, instead of all 520: ``scripts/benchmark.py`` builds every
week), and asserts the audit's share of what the weeks added, besides its share of
the whole (small) file, which the empty schema's pages and the registers bend.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from jobcenter_desktop.db.models import Attendance, AuditEntry, Gig, TimesheetEntry
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import AttendanceStatus
from jobcenter_desktop.forms.participants import ParticipantInput
from jobcenter_desktop.interchange.attendance_import import import_attendance
from jobcenter_desktop.services.planning.gigs import assign, generate_gigs
from jobcenter_desktop.services.registers.participants import save_participant
from jobcenter_desktop.services.timesheets import entries as timesheets
from tests.builders import make_contract, make_customer, make_instructor, make_participant

FIRST_MONDAY = date(2016, 1, 4)
YEARS = 10
SAMPLE_EVERY_WEEKS = 40  # 13 sampled weeks in ten years
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
PARTICIPANTS = 25
WORK_ACTIVITY = 10  # the first ten are on the disability basis: attendance days
CONTRACTS = 15
CREW = 3


@pytest.fixture
def quick_store(tmp_path: Path) -> Iterator[Store]:
    """A store that does not wait for the disk at each commit (a test, not a centre)."""
    store = Store.open(tmp_path / "jobcenter.db", tmp_path / "backups", actor="tester")
    store.engine.dispose()

    def _no_sync(connection: Any, _record: Any) -> None:
        connection.execute("PRAGMA synchronous = OFF")

    event.listen(store.engine, "connect", _no_sync)
    yield store
    store.close()


def entry(person: tuple[str, int], start: str = "8.00", end: str = "15.00") -> Any:
    kind, key = person
    return timesheets.EntryInput(
        participant_id=key if kind == "participant" else None,
        instructor_id=key if kind == "instructor" else None,
        start=start,
        end=end,
        break_minutes="30",
    )


def business_id(number: int) -> str:
    """A valid Finnish business ID (its check digit computed) for the ``number``th customer."""
    base = 1234560 + 7 * number
    while True:
        digits = f"{base:07d}"
        rest = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
        if rest != 1:
            return f"{digits}-{0 if rest == 0 else 11 - rest}"
        base += 1


@dataclass
class Centre:
    people: list[int]
    instructors: list[int]
    gigs_done: int = 0


def build_registers(store: Store) -> Centre:
    customers = [
        make_customer(store, name=f"Asiakas {n} Oy", business_id=business_id(n)) for n in range(10)
    ]
    for n in range(CONTRACTS):
        make_contract(
            store,
            customer_id=customers[n % len(customers)],
            title=f"Siivous {n + 1}",
            weekdays=WEEKDAYS[n % len(WEEKDAYS)],
            start_time="8.00",
            duration_minutes=("420", "240", "180")[n % 3],
            valid_from=FIRST_MONDAY.strftime("%d.%m.%Y"),
            planned_crew_size=str(CREW),
            instructor_hour_price="45,00" if n % 2 else "",
            status="active",
        )
    people = [
        make_participant(store, **_participant(n), city="Joensuu") for n in range(PARTICIPANTS)
    ]
    instructors = [make_instructor(store, first_name=f"Ohjaaja{n + 1}") for n in range(3)]
    return Centre(people, instructors)


def _participant(n: int, **more: str) -> dict[str, Any]:
    return {
        "participant_number": str(n + 1),
        "first_name": f"Tekijä{n + 1}",
        "last_name": "Testinen",
        "service_basis": "disability" if n < WORK_ACTIVITY else "rehabilitative",
        "hourly_pay": "" if n < WORK_ACTIVITY else "10,00",
        **more,
    }


def build_week(store: Store, centre: Centre, monday: date, folder: Path) -> None:
    """One week of the centre: gigs crewed, hours saved, attendance, approval."""
    sunday = monday + timedelta(days=6)
    generate_gigs(store, until=sunday, today=monday)
    with store.read() as session:
        gigs = session.execute(
            select(Gig.id, Gig.day, Gig.duration_minutes)
            .where(Gig.day >= monday, Gig.day <= sunday)
            .order_by(Gig.day, Gig.id)
        ).all()
    busy: set[tuple[int, date]] = set()
    for gig, day, minutes in gigs:
        number = centre.gigs_done
        centre.gigs_done += 1
        crew = [centre.people[(number * CREW + k) % PARTICIPANTS] for k in range(CREW)]
        instructor = centre.instructors[number % len(centre.instructors)]
        assign(store, gig, crew, [instructor])
        busy.update((person, day) for person in crew)
        persons = [("participant", p) for p in crew] + [("instructor", instructor)]
        end = f"{8 + (minutes + 30) // 60}.{(minutes + 30) % 60:02d}"
        sheet = [entry(person, end=end) for person in persons]
        feedback = (4 + number % 2, "") if number % 4 == 0 else None
        timesheets.save_sheet(store, gig, sheet, feedback)
        if number % 5 == 0:  # one left an hour early: corrected the next day
            sheet[1] = entry(
                persons[1], end=f"{7 + (minutes + 30) // 60}.{(minutes + 30) % 60:02d}"
            )
            timesheets.record_entries(store, gig, sheet)
        timesheets.mark_done(store, gig)
    _import_attendance(store, centre, monday, busy, folder)
    timesheets.approve_up_to(store, sunday)


def _import_attendance(
    store: Store, centre: Centre, monday: date, busy: set[tuple[int, date]], folder: Path
) -> None:
    """The week's work-activity days of the participants on that basis, not on a gig."""
    path = folder / f"attendance-{monday.isoformat()}.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["date", "participant_number", "status", "allowance"])
        for n in range(WORK_ACTIVITY):
            for offset in range(5):
                day = monday + timedelta(days=offset)
                if (centre.people[n], day) in busy:
                    continue
                absent = (n + offset + day.toordinal()) % 11 == 0
                writer.writerow(
                    [
                        day.isoformat(),
                        n + 1,
                        "absent" if absent else "present",
                        "" if absent else "9,00",
                    ]
                )
    import_attendance(store, path)
    path.unlink()


def build_ten_years(
    store: Store, every_weeks: int = SAMPLE_EVERY_WEEKS, centre: Centre | None = None
) -> int:
    """Ten years of the centre, a full week every ``every_weeks`` weeks (1: every week),
    on the registers of ``centre`` (built first when not given); returns the gigs worked."""
    assert store.path is not None
    centre = centre or build_registers(store)
    weeks = range(0, 52 * YEARS, every_weeks)
    for index, week in enumerate(weeks):
        build_week(store, centre, FIRST_MONDAY + timedelta(weeks=week), store.path.parent)
        if index % max(1, len(weeks) // 3) == 1:  # now and then a phone number changes
            n = index % PARTICIPANTS
            save_participant(
                store,
                ParticipantInput(**_participant(n, city="Joensuu", phone=f"040 123 {week:04d}")),
                centre.people[n],
            )
    return centre.gigs_done


def file_bytes(store: Store) -> int:
    with store.read() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar_one()
        return int(pages * session.execute(text("PRAGMA page_size")).scalar_one())


def audit_bytes(store: Store) -> int:
    """Bytes of the audit table and its index: by ``dbstat`` where SQLite has it, else the
    pages a VACUUMed copy of the file loses when its audit rows are deleted."""
    with store.read() as session:
        try:
            return _dbstat_audit_bytes(session)
        except Exception:  # no dbstat in this SQLite
            pass
    assert store.path is not None
    copy = store.path.with_name("audit-measure.db")
    with store.engine.connect() as connection:
        connection.exec_driver_sql(f"VACUUM INTO '{copy}'")
    import sqlite3

    with sqlite3.connect(copy) as database:
        with_audit = database.execute("PRAGMA page_count").fetchone()[0]
        database.execute("DELETE FROM audit_entry")
        database.commit()
        database.execute("VACUUM")
        without = database.execute("PRAGMA page_count").fetchone()[0]
        page_size = database.execute("PRAGMA page_size").fetchone()[0]
    copy.unlink()
    return int((with_audit - without) * page_size)


def _dbstat_audit_bytes(session: Session) -> int:
    return int(
        session.execute(
            text(
                "SELECT SUM(pgsize) FROM dbstat WHERE name = 'audit_entry'"
                " OR name IN (SELECT name FROM sqlite_master"
                " WHERE type = 'index' AND tbl_name = 'audit_entry')"
            )
        ).scalar_one()
    )


def audit_share(store: Store, empty_bytes: int) -> tuple[float, float]:
    """The audit's share of what the store grew by since it was ``empty_bytes``: its
    before/after texts, and the audit table with its index (``scripts/benchmark.py``)."""
    grown = file_bytes(store) - empty_bytes
    texts = sum(size for _count, size in audit_by_action(store).values())
    return texts / grown, audit_bytes(store) / grown


def audit_by_action(store: Store) -> dict[tuple[str, str], tuple[int, int]]:
    """(entity, action) -> (entries, bytes of their before and after texts)."""
    with store.read() as session:
        rows = session.execute(
            text(
                "SELECT entity, action, COUNT(*), SUM(COALESCE(LENGTH(CAST(before AS TEXT)), 0)"
                " + COALESCE(LENGTH(CAST(after AS TEXT)), 0)) FROM audit_entry"
                " GROUP BY entity, action"
            )
        ).all()
    return {(entity, action): (count, int(size)) for entity, action, count, size in rows}


def test_a_ten_year_store_is_mostly_data_not_audit(quick_store: Store) -> None:
    centre = build_registers(quick_store)
    audit_before, size_before = audit_bytes(quick_store), file_bytes(quick_store)
    gigs = build_ten_years(quick_store, centre=centre)
    assert gigs > 13 * CONTRACTS - 10  # a few fall on public holidays
    audit, size = audit_bytes(quick_store), file_bytes(quick_store)

    # The audit table with its index is a minority of what the weeks added (the share
    # a ten-year store tends to), and of the whole file. (Before the audit kept only
    # what changed, the weeks' share was 55 %.)
    weeks_share = (audit - audit_before) / (size - size_before)
    assert weeks_share < 0.45, weeks_share
    assert audit / size < 0.45, audit / size
    # What each gig's life writes stays compact: its timesheet (the sheet once, then
    # what changed) and its approval, which lists the attendance days it made paid
    # work instead of an audit entry for each.
    sizes = audit_by_action(quick_store)
    count, texts = sizes[("timesheet", "record")]
    assert texts / count < 300, texts / count
    count, texts = sizes[("timesheet", "approve")]
    assert texts / count < 200, texts / count
    with quick_store.read() as session:
        paid_work = session.scalar(
            select(func.count())
            .select_from(Attendance)
            .where(Attendance.status == AttendanceStatus.PAID_WORK)
        )
        approvals = session.scalars(
            select(AuditEntry.after).where(AuditEntry.action == "approve")
        ).all()
        imported = session.scalars(
            select(AuditEntry.after).where(
                AuditEntry.entity == "attendance", AuditEntry.action == "import"
            )
        ).all()
    assert paid_work and paid_work == sum(
        len(after.get("paid_work_days", [])) for after in approvals if after is not None
    )
    assert sizes[("attendance", "create")][0] == sum(
        int(after["rows"]) for after in imported if after is not None
    )


def test_a_corrected_timesheet_audits_only_the_changed_entry(quick_store: Store) -> None:
    contract = make_contract(quick_store, status="active")
    people = [make_participant(quick_store, first_name=n) for n in ("Aino", "Eero", "Helmi")]
    generate_gigs(quick_store, until=date(2026, 1, 11), today=date(2026, 1, 5))
    with quick_store.read() as session:
        gig = session.scalars(select(Gig.id).where(Gig.contract_id == contract)).one()
    assign(quick_store, gig, people, [])
    persons = [("participant", p) for p in people]
    sheet = [entry(person) for person in persons]
    timesheets.record_entries(quick_store, gig, sheet)
    sheet[1] = entry(persons[1], end="14.00")
    timesheets.record_entries(quick_store, gig, sheet)
    timesheets.record_entries(quick_store, gig, sheet)  # saved again unchanged

    with quick_store.read() as session:
        records = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "timesheet", AuditEntry.action == "record")
            .order_by(AuditEntry.id)
        ).all()
    with quick_store.read() as session:
        eero = session.scalars(
            select(TimesheetEntry.id).where(TimesheetEntry.participant_id == people[1])
        ).one()
    first, corrected, again = records
    assert first.before == {}  # no entries before: an empty side is left out
    assert first.after is not None and len(first.after["entries"]) == 3
    # The values every entry shares once; each entry its id and person; no empty values,
    # no gig id (the audit entry's entity id is the gig's).
    assert first.after["all_entries"] == {
        "start_time": "08:00:00",
        "end_time": "15:00:00",
        "break_minutes": 30,
        "worked_minutes": 390,
        "billable_minutes": 390,
    }
    assert [set(row) for row in first.after["entries"]] == [{"id", "participant_id"}] * 3
    assert corrected.before is not None and corrected.after is not None
    # The changed entry with its changed fields (and the entry it replaced, when the
    # sheet was written under new ids); the others not at all, or as new and old ids.
    [changed] = [row for row in corrected.after["entries"] if "end_time" in row]
    assert (changed["id"], changed["end_time"], changed["worked_minutes"]) == (
        eero,
        "14:00:00",
        330,
    )
    assert all(set(row) <= {"id", "was"} for row in corrected.after["entries"] if row != changed)
    [replaced] = corrected.before["entries"]
    assert replaced == {
        "id": changed.get("was", changed["id"]),
        "end_time": "15:00:00",
        "worked_minutes": 390,
        "billable_minutes": 390,
    }
    assert again.after is not None
    assert all(set(row) <= {"id", "was"} for row in again.after.get("entries", []))


def test_an_update_keeps_only_the_changed_fields(quick_store: Store) -> None:
    person = make_participant(quick_store, first_name="Aino", last_name="Aalto", city="Joensuu")
    save_participant(
        quick_store,
        ParticipantInput(
            participant_number="1",
            first_name="Aino",
            last_name="Aalto",
            city="Kuopio",
            hourly_pay="10,00",
        ),
        person,
    )

    with quick_store.read() as session:
        update = session.scalars(select(AuditEntry).where(AuditEntry.action == "update")).one()
        create = session.scalars(select(AuditEntry).where(AuditEntry.action == "create")).one()
        stored = session.execute(
            text("SELECT before IS NULL FROM audit_entry WHERE action = 'create'")
        ).scalar_one()
    assert (update.before, update.after) == ({"city": "Joensuu"}, {"city": "Kuopio"})
    assert create.after is not None
    assert create.after["first_name"] == "Aino"
    assert "email" not in create.after  # empty values are not stored
    assert "id" not in create.after  # it is the entry's entity_id
    assert stored == 1  # no before: SQL NULL, not the JSON text null

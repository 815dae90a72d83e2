"""The audit log keeps what changed, so a ten-year store is mostly data, not audit.

The store is built through the services as a centre would use them: registers edited
now and then, a gig every few weeks for ten years, its crew assigned, its timesheet
saved from the plan and corrected once, marked done and approved. The share of the
audit depends on what each gig's life writes, not on how many gigs there are, so the
test takes a gig every eighth week (a few seconds); ``scripts/benchmark.py`` builds
the same ten years with a gig every week and prints the share.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, text

from jobcenter_desktop.db.models import AuditEntry, Gig, TimesheetEntry
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.services.planning.gigs import assign, generate_gigs
from jobcenter_desktop.services.registers.participants import ParticipantInput, save_participant
from jobcenter_desktop.services.timesheets import entries as timesheets
from tests.builders import make_contract, make_customer, make_instructor, make_participant

FIRST_MONDAY = date(2016, 1, 4)
YEARS = 10


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


def entry(person: tuple[str, int], end: str = "15.00", pause: str = "30") -> Any:
    kind, key = person
    return timesheets.EntryInput(
        participant_id=key if kind == "participant" else None,
        instructor_id=key if kind == "instructor" else None,
        start="8.00",
        end=end,
        break_minutes=pause,
    )


def build_ten_years(store: Store, every_weeks: int = 8) -> list[int]:
    """Ten years of a gig every ``every_weeks`` weeks; returns the gigs' ids."""
    customer = make_customer(store)
    make_contract(
        store,
        customer_id=customer,
        weekdays="mon",
        every_weeks=str(every_weeks),
        start_time="8.00",
        duration_minutes="420",
        valid_from=FIRST_MONDAY.strftime("%d.%m.%Y"),
        status="active",
    )
    people = [
        make_participant(store, first_name=name, last_name="Testinen", city="Joensuu")
        for name in ("Aino", "Eero", "Helmi", "Jussi", "Kaisa", "Lauri")
    ]
    instructor = make_instructor(store)
    last_day = FIRST_MONDAY + timedelta(weeks=52 * YEARS) - timedelta(days=1)
    generate_gigs(store, until=last_day, today=FIRST_MONDAY)
    with store.read() as session:
        gigs = list(session.scalars(select(Gig.id).order_by(Gig.day)))
    for week, gig in enumerate(gigs):
        crew = [people[(week + offset) % len(people)] for offset in range(3)]
        assign(store, gig, crew, [instructor])
        persons = [("participant", p) for p in crew] + [("instructor", instructor)]
        sheet = [entry(person) for person in persons]
        timesheets.record_entries(store, gig, sheet)
        sheet[1] = entry(persons[1], end="14.00")  # one left early: corrected the next day
        timesheets.record_entries(store, gig, sheet)
        timesheets.mark_done(store, gig)
        timesheets.approve(store, gig)
        if week % max(1, 26 // every_weeks) == 0:  # a phone number changes twice a year
            person = people[week % len(people)]
            save_participant(
                store,
                ParticipantInput(
                    participant_number=str(people.index(person) + 1),
                    first_name="Aino",
                    last_name="Testinen",
                    city="Joensuu",
                    phone=f"040 123 {week:04d}",
                ),
                person,
            )
    return gigs


def audit_share(store: Store, empty_bytes: int) -> tuple[float, float | None]:
    """The audit's share of what the store grew by: its before/after texts, and (where
    SQLite has dbstat) the audit table with its indexes."""
    with store.read() as session:
        audit_json = session.scalar(
            select(
                func.sum(
                    func.length(func.coalesce(func.cast(AuditEntry.before, _text()), ""))
                    + func.length(func.coalesce(func.cast(AuditEntry.after, _text()), ""))
                )
            )
        )
        pages = session.execute(text("PRAGMA page_count")).scalar_one()
        page_size = session.execute(text("PRAGMA page_size")).scalar_one()
        audit_pages = _audit_table_bytes(session)
    grown = pages * page_size - empty_bytes
    table_share = None if audit_pages is None else audit_pages / grown
    return int(audit_json or 0) / grown, table_share


def file_bytes(store: Store) -> int:
    with store.read() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar_one()
        return int(pages * session.execute(text("PRAGMA page_size")).scalar_one())


def test_a_ten_year_store_is_mostly_data_not_audit(quick_store: Store) -> None:
    # Measured against what the store grew by, so the empty schema's pages do not
    # make the audit look smaller than it is.
    empty = file_bytes(quick_store)
    gigs = build_ten_years(quick_store, every_weeks=8)
    assert len(gigs) > 52 * YEARS // 8 - 5  # a few fall on closure days

    json_share, _table_share = audit_share(quick_store, empty)

    # What the audit says (its before/after texts) is under half of what the store grew
    # by. (The audit table with its row stamps and index is more: scripts/benchmark.py
    # prints both for a ten-year store with a weekly gig.)
    assert json_share < 0.5, json_share


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
    assert first.before == {"entries": []}
    assert first.after is not None and len(first.after["entries"]) == 3
    assert "note" not in first.after["entries"][0]  # empty values are not stored
    assert corrected.before is not None and corrected.after is not None
    # The changed entry with its changed fields; the others not at all (or, if the sheet
    # was written anew, only as their new and old ids).
    [changed] = [row for row in corrected.after["entries"] if "end_time" in row]
    assert (changed["id"], changed["end_time"], changed["worked_minutes"]) == (
        eero,
        "14:00:00",
        330,
    )
    assert all(set(row) <= {"id", "was"} for row in corrected.after["entries"] if row != changed)
    assert [row["end_time"] for row in corrected.before["entries"]] == ["15:00:00"]
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
    assert (update.before, update.after) == ({"city": "Joensuu"}, {"city": "Kuopio"})
    assert create.after is not None
    assert create.after["first_name"] == "Aino"
    assert "email" not in create.after  # empty values are not stored
    assert "id" not in create.after  # it is the entry's entity_id


def _text() -> Any:
    from sqlalchemy import Text

    return Text()


def _audit_table_bytes(session: Any) -> int | None:
    """Bytes of the audit table and its indexes, where SQLite was built with dbstat."""
    try:
        return int(
            session.execute(
                text(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name = 'audit_entry'"
                    " OR name IN (SELECT name FROM sqlite_master"
                    " WHERE type = 'index' AND tbl_name = 'audit_entry')"
                )
            ).scalar_one()
        )
    except Exception:  # no dbstat in this SQLite
        return None

"""Timesheets: entries with worked and billable minutes, the day's rules across gigs, unplanned
people, marking done, feedback, approval locked in the store itself, reopening, `approve --to`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from jobcenter_desktop.cli import main
from jobcenter_desktop.db.models import AuditEntry, Base, Gig, TimesheetEntry
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import GigStatus
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.paths import data_folder
from jobcenter_desktop.services.planning.gigs import add_gig, assign, cancel_gig
from jobcenter_desktop.services.timesheets.entries import (
    ApprovedLockedError,
    EntryInput,
    approve,
    mark_done,
    record_entries,
    reopen,
    save_sheet,
    set_feedback,
)
from tests.builders import make_contract, make_instructor, make_participant
from tests.integration import test_postgresql as pg

pytestmark = pytest.mark.usefixtures("finnish")

DAY = date(2026, 3, 4)
LOCKED_SQL = "timesheet entry is approved"
LOCKED = "Hyväksyttyjä tunteja ei voi muuttaa. Avaa ne ensin uudelleen ja kerro syy."


class Crew:
    def __init__(self, store: Store, day: date = DAY) -> None:
        self.contract = make_contract(store, status="active", rounding_minutes="15")
        self.gig = add_gig(store, self.contract, day, time(8), 180)
        self.aino = make_participant(store)
        self.eero = make_participant(store, first_name="Eero", last_name="Aalto")
        self.liisa = make_instructor(store)
        assign(store, self.gig, [self.aino, self.eero], [self.liisa])


def entries_of(store: Store, gig_id: int | None = None) -> list[TimesheetEntry]:
    query = select(TimesheetEntry).order_by(TimesheetEntry.id)
    if gig_id is not None:
        query = query.where(TimesheetEntry.gig_id == gig_id)
    with store.read() as session:
        return list(session.scalars(query))


def test_entries_keep_the_worked_minutes_and_round_the_billable_ones(store: Store) -> None:
    crew = Crew(store)
    ids = record_entries(
        store,
        crew.gig,
        [
            EntryInput(participant_id=crew.aino, start="800", end="11.10", break_minutes="15"),
            EntryInput(participant_id=crew.eero, start="8:00", end="10:07", note=" Lähti aiemmin "),
            EntryInput(instructor_id=crew.liisa, start="7.45", end="11.15"),
        ],
    )
    assert len(ids) == 3
    rows = entries_of(store)
    assert [(r.start_time, r.end_time, r.break_minutes) for r in rows] == [
        (time(8), time(11, 10), 15),
        (time(8), time(10, 7), 0),
        (time(7, 45), time(11, 15), 0),
    ]
    # 175 min -> 180; 127 min -> 120; 210 min stays.
    assert [(r.worked_minutes, r.billable_minutes) for r in rows] == [
        (175, 180),
        (127, 120),
        (210, 210),
    ]
    assert rows[1].note == "Lähti aiemmin"
    assert (rows[2].participant_id, rows[2].instructor_id) == (None, crew.liisa)
    assert all(r.approved_at is None for r in rows)

    # Recording again replaces the gig's entries.
    record_entries(
        store, crew.gig, [EntryInput(participant_id=crew.aino, start="8.00", end="9.00")]
    )
    assert [(r.participant_id, r.worked_minutes) for r in entries_of(store)] == [(crew.aino, 60)]


def test_each_entry_is_checked(store: Store) -> None:
    crew = Crew(store)
    with pytest.raises(ValidationError) as error:
        record_entries(
            store,
            crew.gig,
            [
                EntryInput(participant_id=crew.aino, start="10.00", end="9.00"),
                EntryInput(participant_id=crew.eero, start="8.00", end="9.00", break_minutes="60"),
                EntryInput(start="8.00", end="9.00"),
                EntryInput(instructor_id=crew.liisa, start="", end="kahdeksan"),
            ],
        )
    errors = error.value.errors
    assert errors["0.end"] == "Aino Mäkinen, päättymisaika: pitää olla alkuajan jälkeen"
    assert set(errors) == {"0.end", "1.break_minutes", "2.person", "3.start", "3.end"}
    assert errors["2.person"].startswith("Kirjaus 3, henkilö:")
    assert entries_of(store) == []


def test_overlapping_entries_on_two_gigs_are_refused(store: Store) -> None:
    crew = Crew(store)
    other = add_gig(store, crew.contract, DAY, time(12), 120)
    assign(store, other, [crew.aino], [])
    record_entries(store, crew.gig, [EntryInput(participant_id=crew.aino, start="8", end="11")])
    with pytest.raises(ValidationError) as error:
        record_entries(
            store, other, [EntryInput(participant_id=crew.aino, start="10.30", end="13")]
        )
    assert list(error.value.errors) == [f"day.participant.{crew.aino}"]
    assert error.value.errors[f"day.participant.{crew.aino}"].startswith("Aino Mäkinen: ")
    assert entries_of(store, other) == []
    # Touching is not overlapping.
    record_entries(store, other, [EntryInput(participant_id=crew.aino, start="11", end="13")])
    assert len(entries_of(store, other)) == 1


def test_more_than_twelve_hours_a_day_is_refused(store: Store) -> None:
    crew = Crew(store)
    with pytest.raises(ValidationError, match="12 tunnin raja"):
        record_entries(
            store, crew.gig, [EntryInput(participant_id=crew.aino, start="6.00", end="19.00")]
        )
    # Exactly twelve hours is allowed.
    record_entries(
        store,
        crew.gig,
        [EntryInput(participant_id=crew.aino, start="6.00", end="18.30", break_minutes="30")],
    )
    assert entries_of(store)[0].worked_minutes == 12 * 60


def test_an_unplanned_person_needs_a_reason(store: Store) -> None:
    crew = Crew(store)
    extra = make_participant(store, first_name="Ville", last_name="Virta")
    with pytest.raises(ValidationError) as error:
        record_entries(store, crew.gig, [EntryInput(participant_id=extra, start="8", end="10")])
    assert error.value.errors == {
        "0.unplanned_reason": "Ville Virta, syy suunnittelemattomalle henkilölle: on pakollinen"
    }
    record_entries(
        store,
        crew.gig,
        [
            EntryInput(
                participant_id=extra, start="8", end="10", unplanned_reason=" Tuli sijaiseksi "
            ),
            EntryInput(
                participant_id=crew.aino, start="8", end="10", unplanned_reason="ei tarvita"
            ),
        ],
    )
    assert [r.unplanned_reason for r in entries_of(store)] == ["Tuli sijaiseksi", ""]


def test_mark_done_needs_entries_and_feedback_is_one_to_five(store: Store) -> None:
    crew = Crew(store)
    with pytest.raises(ValidationError, match="kirjaa tunnit ennen"):
        mark_done(store, crew.gig)
    record_entries(store, crew.gig, [EntryInput(participant_id=crew.aino, start="8", end="11")])
    mark_done(store, crew.gig)
    set_feedback(store, crew.gig, "5", " Siisti jälki ")
    with pytest.raises(ValidationError, match="pitää olla 1–5"):
        set_feedback(store, crew.gig, 6)
    with store.read() as session:
        gig = session.get(Gig, crew.gig)
        assert gig is not None
        assert (gig.status, gig.feedback_score, gig.feedback_comment) == (
            GigStatus.DONE,
            5,
            "Siisti jälki",
        )
    # The store itself refuses a score outside 1-5.
    with pytest.raises(DBAPIError), store.engine.begin() as connection:
        connection.execute(text("UPDATE gig SET feedback_score = 0"))
    set_feedback(store, crew.gig, None)
    cancelled = add_gig(store, crew.contract, DAY, time(13), 60)
    cancel_gig(store, cancelled, "centre", "Sairastapaus")
    with pytest.raises(ValidationError, match="keikka on peruttu"):
        record_entries(
            store, cancelled, [EntryInput(participant_id=crew.aino, start="13", end="14")]
        )


def test_approved_entries_are_locked_in_the_store_until_reopened(store: Store) -> None:
    crew = Crew(store)
    record_entries(
        store,
        crew.gig,
        [
            EntryInput(participant_id=crew.aino, start="8", end="11"),
            EntryInput(instructor_id=crew.liisa, start="8", end="11"),
        ],
    )
    with pytest.raises(ValidationError, match="merkitse keikka tehdyksi"):
        approve(store, gig_id=crew.gig)
    mark_done(store, crew.gig)
    assert approve(store, gig_id=crew.gig) == 2
    assert approve(store, gig_id=crew.gig) == 0
    rows = entries_of(store)
    assert all(r.approved_at is not None and r.approved_by == "tester" for r in rows)

    # The database refuses, whoever asks: an edit, and a delete.
    with pytest.raises(DBAPIError, match="timesheet entry is approved"), store.engine.begin() as c:
        c.execute(
            text("UPDATE timesheet_entry SET break_minutes = 30 WHERE id = :id"), {"id": rows[0].id}
        )
    with pytest.raises(DBAPIError, match="timesheet entry is approved"), store.engine.begin() as c:
        c.execute(text("DELETE FROM timesheet_entry"))
    # A service meets the same refusal and tells the user what to do; an ORM edit outside
    # the services is refused as well.
    with pytest.raises(ApprovedLockedError) as error:
        record_entries(store, crew.gig, [EntryInput(participant_id=crew.aino, start="8", end="9")])
    with pytest.raises(DBAPIError, match="timesheet entry is approved"), store.write() as tx:
        row = tx.session.get(TimesheetEntry, rows[0].id)
        assert row is not None
        row.note = "muutettu"
    assert str(error.value) == LOCKED
    assert [r.worked_minutes for r in entries_of(store)] == [180, 180]

    with pytest.raises(ValidationError, match="Uudelleen avaamisen syy: on pakollinen"):
        reopen(store, crew.gig, "  ")
    assert reopen(store, crew.gig, "Tauko unohtui") == 2
    record_entries(
        store,
        crew.gig,
        [EntryInput(participant_id=crew.aino, start="8", end="11", break_minutes="30")],
    )
    assert [r.worked_minutes for r in entries_of(store)] == [150]

    with store.read() as session:
        audit = list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.entity == "timesheet").order_by(AuditEntry.id)
            )
        )
    assert [(a.entity_id, a.action) for a in audit] == [
        (crew.gig, "record"),
        (crew.gig, "approve"),
        (crew.gig, "reopen"),
        (crew.gig, "record"),
    ]
    assert audit[2].after is not None and audit[2].after["reason"] == "Tauko unohtui"
    assert audit[2].actor == "tester"


def test_the_approve_command_approves_the_done_gigs_up_to_a_day_and_names_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = data_folder(tmp_path).create()
    store = Store.open(folder.database, folder.backups)
    try:
        crew = Crew(store)
        waiting = add_gig(store, crew.contract, date(2026, 3, 5), time(8), 60)
        later = add_gig(store, crew.contract, date(2026, 3, 11), time(8), 60)
        assign(store, waiting, [crew.aino], [])
        assign(store, later, [crew.aino], [])
        record_entries(
            store,
            crew.gig,
            [
                EntryInput(participant_id=crew.aino, start="8", end="11"),
                EntryInput(participant_id=crew.eero, start="8", end="11"),
            ],
        )
        record_entries(store, waiting, [EntryInput(participant_id=crew.aino, start="8", end="9")])
        record_entries(store, later, [EntryInput(participant_id=crew.aino, start="8", end="9")])
        mark_done(store, crew.gig)
        mark_done(store, later)
    finally:
        store.close()
    # The gig of 5.3. is still planned: its hours wait, and the command says which gig
    # (the rest is approved, so the command succeeds).
    assert main(["--data-dir", str(tmp_path), "approve", "--to", "2026-03-10"]) == 0
    out, err = capsys.readouterr()
    assert "Hyväksyttiin 2 tuntikirjausta 10.3.2026 asti." in out
    assert (
        "Näille keikoille on kirjattu tunteja, mutta niitä ei ole merkitty tehdyiksi, joten "
        f"niiden tunteja ei hyväksytty: 1 Taukotilojen siivous 5.3.2026 (keikka {waiting}, "
        "suunniteltu)."
    ) in err
    store = Store.open(folder.database, folder.backups)
    try:
        approved = {r.gig_id: r.approved_at is not None for r in entries_of(store)}
        assert approved == {crew.gig: True, waiting: False, later: False}
        mark_done(store, waiting)
    finally:
        store.close()
    assert main(["--data-dir", str(tmp_path), "approve", "--to", "2026-03-10"]) == 0
    out, err = capsys.readouterr()
    assert "Hyväksyttiin 1 tuntikirjausta 10.3.2026 asti." in out
    assert err == ""
    with pytest.raises(SystemExit):
        main(["--data-dir", str(tmp_path), "approve", "--to", "10.3.2026"])


def test_the_migrated_sqlite_schema_is_what_the_models_describe(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


# --- the same lock on PostgreSQL (a throwaway server, as in test_postgresql.py) ------------

postgres = pg.postgres
store_url = pg.store_url


def _postgresql_only(function: Callable[..., None]) -> Callable[..., None]:
    for mark in pg.pytestmark:
        function = mark(function)
    return function


@_postgresql_only
def test_approved_entries_are_locked_on_postgresql(store_url: str) -> None:
    store = Store.connect(store_url, actor="tester")
    try:
        crew = Crew(store)
        record_entries(store, crew.gig, [EntryInput(participant_id=crew.aino, start="8", end="11")])
        mark_done(store, crew.gig)
        set_feedback(store, crew.gig, 4, "Hyvä")
        assert approve(store, up_to=DAY) == 1
        with pytest.raises(DBAPIError, match=LOCKED_SQL), store.engine.begin() as connection:
            connection.execute(text("UPDATE timesheet_entry SET break_minutes = 30"))
        with pytest.raises(DBAPIError, match=LOCKED_SQL), store.engine.begin() as connection:
            connection.execute(text("DELETE FROM timesheet_entry"))
        with pytest.raises(ApprovedLockedError, match=LOCKED):
            record_entries(
                store, crew.gig, [EntryInput(participant_id=crew.aino, start="8", end="9")]
            )
        assert reopen(store, crew.gig, "Väärä loppuaika") == 1
        record_entries(store, crew.gig, [EntryInput(participant_id=crew.aino, start="8", end="9")])
        assert [(r.worked_minutes, r.approved_at) for r in entries_of(store)] == [(60, None)]
    finally:
        store.close()


def test_approving_several_gigs_is_all_or_nothing(store: Store) -> None:
    crew = Crew(store)
    other = add_gig(store, crew.contract, date(2026, 3, 5), time(8), 180)
    assign(store, other, [crew.aino], [])
    record_entries(store, crew.gig, [EntryInput(participant_id=crew.aino, start="8", end="11")])
    record_entries(store, other, [EntryInput(participant_id=crew.aino, start="8", end="11")])
    mark_done(store, crew.gig)

    with pytest.raises(ValidationError, match="merkitse keikka tehdyksi"):
        approve(store, gig_ids=[crew.gig, other])  # the other gig is not done
    assert all(r.approved_at is None for r in entries_of(store))

    mark_done(store, other)
    assert approve(store, gig_ids=[crew.gig, other]) == 2
    assert all(r.approved_at is not None for r in entries_of(store))


def test_the_sheet_saves_hours_and_feedback_together_or_neither(store: Store) -> None:
    crew = Crew(store)
    good = [EntryInput(participant_id=crew.aino, start="8", end="11")]
    bad = [EntryInput(participant_id=crew.aino, start="11", end="8")]

    with pytest.raises(ValidationError):
        save_sheet(store, crew.gig, bad, (5, "Hyvä työ"))
    assert _feedback_score(store, crew.gig) is None
    assert entries_of(store, crew.gig) == []

    save_sheet(store, crew.gig, good, (5, "Hyvä työ"))
    assert _feedback_score(store, crew.gig) == 5
    assert len(entries_of(store, crew.gig)) == 1


def _feedback_score(store: Store, gig_id: int) -> int | None:
    with store.read() as session:
        return session.scalar(select(Gig.feedback_score).where(Gig.id == gig_id))

"""The timesheets read models: one gig's sheet (prefilled from the plan) and a week's list."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import event

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import GigStatus
from jobcenter_desktop.queries.timesheets import (
    Approval,
    SheetState,
    gig_timesheet,
    planned_end,
    week_approval,
    week_timesheets,
)
from jobcenter_desktop.services.planning.gigs import add_gig, assign, cancel_gig
from jobcenter_desktop.services.timesheets.entries import (
    EntryInput,
    approve,
    mark_done,
    record_entries,
    set_feedback,
)
from tests.builders import make_contract, make_customer, make_instructor, make_participant

MONDAY = date(2026, 11, 30)


class Crew:
    """A gig on Monday 8.00–11.00 with two participants and an instructor."""

    def __init__(self, store: Store, day: date = MONDAY) -> None:
        customer = make_customer(store, name="Kirkkoherranvirasto")
        self.contract = make_contract(
            store, customer, title="Seurakuntatalon siivous", rounding_minutes="15"
        )
        self.gig = add_gig(store, self.contract, day, time(8), 180)
        self.eero = make_participant(store, first_name="Eero", last_name="Aalto")
        self.aino = make_participant(store)
        self.liisa = make_instructor(store)
        assign(store, self.gig, [self.aino, self.eero], [self.liisa])


def test_a_sheet_before_recording_is_prefilled_from_the_plan(store: Store) -> None:
    crew = Crew(store)
    sheet = gig_timesheet(store, crew.gig)
    assert (sheet.customer_name, sheet.contract_title, sheet.day) == (
        "Kirkkoherranvirasto",
        "Seurakuntatalon siivous",
        MONDAY,
    )
    assert (sheet.planned_start, sheet.planned_end) == (time(8), time(11))
    assert sheet.rounding_minutes == 15
    assert sheet.state is SheetState.NOT_RECORDED
    assert sheet.entry_count == 0
    # Participants by name, then the instructor; the planned times, no break.
    assert [(r.name, r.is_instructor, r.start, r.end, r.break_minutes) for r in sheet.rows] == [
        ("Eero Aalto", False, time(8), time(11), 0),
        ("Aino Mäkinen", False, time(8), time(11), 0),
        ("Liisa Laine", True, time(8), time(11), 0),
    ]
    assert all(r.planned and not r.recorded and r.worked_minutes is None for r in sheet.rows)
    assert [r.participant_id for r in sheet.rows] == [crew.eero, crew.aino, None]
    assert sheet.rows[2].instructor_id == crew.liisa


def test_recorded_entries_replace_the_plan(store: Store) -> None:
    crew = Crew(store)
    extra = make_participant(store, first_name="Matti", last_name="Virtanen")
    record_entries(
        store,
        crew.gig,
        [
            EntryInput(participant_id=crew.aino, start="8.00", end="11.10", break_minutes="15"),
            EntryInput(participant_id=extra, start="9", end="11", unplanned_reason="Tuuraaja"),
            EntryInput(instructor_id=crew.liisa, start="7.45", end="11.15", note="Avaimet"),
        ],
    )
    set_feedback(store, crew.gig, 5, "Kiitos!")
    sheet = gig_timesheet(store, crew.gig)
    assert sheet.state is SheetState.RECORDED
    assert (sheet.feedback_score, sheet.feedback_comment) == (5, "Kiitos!")
    assert [(r.name, r.planned, r.worked_minutes, r.billable_minutes) for r in sheet.rows] == [
        ("Aino Mäkinen", True, 175, 180),
        ("Matti Virtanen", False, 120, 120),
        ("Liisa Laine", True, 210, 210),
    ]
    assert sheet.rows[1].unplanned_reason == "Tuuraaja"
    assert sheet.rows[2].is_instructor and sheet.rows[2].note == "Avaimet"
    assert all(r.recorded for r in sheet.rows)


def test_approval_shows_when_and_by_whom(store: Store) -> None:
    crew = Crew(store)
    record_entries(store, crew.gig, [EntryInput(participant_id=crew.aino, start="8", end="11")])
    mark_done(store, crew.gig)
    assert gig_timesheet(store, crew.gig).state is SheetState.DONE
    approve(store, gig_id=crew.gig)
    sheet = gig_timesheet(store, crew.gig)
    assert sheet.state is SheetState.APPROVED
    assert sheet.approval is Approval.ALL
    assert sheet.approved_by == "tester"
    assert sheet.approved_at is not None


def test_a_missing_gig_is_a_user_error(store: Store) -> None:
    with pytest.raises(UserError):
        gig_timesheet(store, 999)


def test_the_week_list_sums_up_each_gig(store: Store) -> None:
    crew = Crew(store)
    later = add_gig(store, crew.contract, MONDAY + timedelta(days=3), time(12), 120)
    cancelled = add_gig(store, crew.contract, MONDAY + timedelta(days=1), time(9), 60)
    cancel_gig(store, cancelled, "customer", "Sairastuminen")
    next_week = add_gig(store, crew.contract, MONDAY + timedelta(days=7), time(8), 60)
    record_entries(
        store,
        crew.gig,
        [
            EntryInput(participant_id=crew.aino, start="8", end="11", break_minutes="30"),
            EntryInput(participant_id=crew.eero, start="8", end="10"),
        ],
    )
    rows = week_timesheets(store, MONDAY, MONDAY + timedelta(days=6))
    assert [row.id for row in rows] == [crew.gig, cancelled, later]
    first, second, third = rows
    assert (first.start_time, first.end_time) == (time(8), time(11))
    assert (first.customer_name, first.contract_title) == (
        "Kirkkoherranvirasto",
        "Seurakuntatalon siivous",
    )
    assert (first.crew_count, first.entry_count, first.worked_minutes) == (3, 2, 270)
    assert first.approval is Approval.NONE
    assert first.state is SheetState.RECORDED
    assert second.state is SheetState.CANCELLED
    assert (third.crew_count, third.entry_count, third.worked_minutes) == (0, 0, 0)
    assert third.state is SheetState.NOT_RECORDED
    assert next_week not in [row.id for row in rows]


def test_the_week_list_reads_in_four_queries(store: Store) -> None:
    crew = Crew(store)
    for offset in range(1, 5):
        gig = add_gig(store, crew.contract, MONDAY + timedelta(days=1) * offset, time(8), 60)
        assign(store, gig, [crew.aino], [crew.liisa])
    statements: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    rows = week_timesheets(store, MONDAY, MONDAY + timedelta(days=6))
    assert len(rows) == 5
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 4


def test_approval_states_of_the_list(store: Store) -> None:
    crew = Crew(store)
    other = add_gig(store, crew.contract, MONDAY + timedelta(days=1), time(8), 60)
    assign(store, other, [crew.aino], [])
    record_entries(store, crew.gig, [EntryInput(participant_id=crew.aino, start="8", end="11")])
    record_entries(store, other, [EntryInput(participant_id=crew.aino, start="8", end="9")])
    mark_done(store, crew.gig)
    rows = week_timesheets(store, MONDAY, MONDAY + timedelta(days=6))
    plan = week_approval(rows)
    assert (plan.gig_ids, plan.entry_count, plan.not_done_count) == ((crew.gig,), 1, 1)
    approve(store, gig_id=crew.gig)
    rows = week_timesheets(store, MONDAY, MONDAY + timedelta(days=6))
    assert [(row.state, row.approval) for row in rows] == [
        (SheetState.APPROVED, Approval.ALL),
        (SheetState.RECORDED, Approval.NONE),
    ]
    assert rows[0].status is GigStatus.DONE
    assert week_approval(rows).entry_count == 0


def test_a_plan_past_midnight_ends_at_the_end_of_the_day() -> None:
    assert planned_end(time(22), 180) == time(23, 59)
    assert planned_end(time(8, 30), 90) == time(10)

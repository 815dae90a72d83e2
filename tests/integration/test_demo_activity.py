"""The demo centre's lived-in fortnight: planned, staffed, recorded, approved, attended."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from jobcenter_desktop.db.models import Attendance, TimesheetEntry
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.demo.activity import load_demo_activity
from jobcenter_desktop.demo.registers import load_demo_data
from jobcenter_desktop.domain.conflicts import ConflictKind
from jobcenter_desktop.domain.enums import AttendanceStatus, GigStatus
from jobcenter_desktop.queries.gigs import list_gigs
from jobcenter_desktop.services.integrity import check_store
from jobcenter_desktop.services.planning.crew_checks import check_gigs

WEDNESDAY = date(2026, 11, 25)
MONDAY = date(2026, 11, 23)
LAST_MONDAY = date(2026, 11, 16)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(Path(tmp_path_factory.mktemp("demo")) / "jobcenter.db")
    load_demo_data(store)
    summary = load_demo_activity(store, today=WEDNESDAY)
    assert summary.gigs_recorded > 0 and summary.attendance_days > 0
    assert "keikkaa suunniteltu" in str(summary)
    yield store
    store.close()


def test_last_week_is_recorded_and_approved_this_week_waits_for_approval(demo: Store) -> None:
    gigs = list_gigs(demo, LAST_MONDAY, MONDAY + timedelta(days=6))
    past = [gig for gig in gigs if gig.day < WEDNESDAY and gig.participants]
    assert past and all(gig.status is GigStatus.DONE for gig in past)
    assert all(gig.status is GigStatus.PLANNED for gig in gigs if gig.day >= WEDNESDAY)
    with demo.read() as session:
        entries = list(session.scalars(select(TimesheetEntry)))
    gig_days = {gig.id: gig.day for gig in gigs}
    assert {e.approved_at is not None for e in entries if gig_days[e.gig_id] < MONDAY} == {True}
    assert {e.approved_at is None for e in entries if gig_days[e.gig_id] >= MONDAY} == {True}


def test_the_only_conflict_is_one_missing_qualification_on_an_upcoming_gig(demo: Store) -> None:
    gigs = list_gigs(demo, LAST_MONDAY, MONDAY + timedelta(days=6))
    found = {gig_id: c for gig_id, c in check_gigs(demo, [g.id for g in gigs]).items() if c}
    assert len(found) == 1
    ((gig_id, conflicts),) = found.items()
    assert [c.kind for c in conflicts] == [ConflictKind.QUALIFICATION_MISSING]
    assert next(g for g in gigs if g.id == gig_id).day > WEDNESDAY


def test_attendance_says_paid_work_on_gig_days_and_nothing_from_today_on(demo: Store) -> None:
    gigs = list_gigs(demo, LAST_MONDAY, WEDNESDAY)
    on_gig = {(m.id, g.day) for g in gigs if g.day < WEDNESDAY for m in g.participants}
    with demo.read() as session:
        days = list(session.scalars(select(Attendance)))
    assert days and max(day.day for day in days) < WEDNESDAY
    for day in days:
        paid = (day.participant_id, day.day) in on_gig
        assert (day.status is AttendanceStatus.PAID_WORK) == paid


def test_the_store_is_consistent_afterwards(demo: Store) -> None:
    assert check_store(demo) == []

"""A planner week checked at once gives what checking its gigs one by one gives.

The week is the demo centre's, with crews that clash on purpose: the same people
on many gigs (overlaps, the weekly limit), paused and ended people, missing and
expired qualifications, instructors on two gigs at once and work-activity days
(the same-day rule).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import suppress
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.demo.registers import load_demo_data
from jobcenter_desktop.domain.conflicts import ConflictKind
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.queries.gigs import list_gigs
from jobcenter_desktop.queries.instructors import list_instructors
from jobcenter_desktop.queries.participants import list_participants
from jobcenter_desktop.services.planning.crew_checks import check_gig, check_gigs
from jobcenter_desktop.services.planning.gigs import assign, cancel_gig, generate_gigs
from jobcenter_desktop.services.timesheets.attendance import record_attendance

MONDAY = date.today() - timedelta(days=date.today().weekday())


def _week(store: Store, monday: date) -> list[int]:
    return [gig.id for gig in list_gigs(store, monday, monday + timedelta(days=6))]


@pytest.fixture
def store(tmp_path: Path, finnish: None) -> Iterator[Store]:
    opened = Store.open(tmp_path / "jobcenter.db", tmp_path / "backups", actor="tester")
    load_demo_data(opened)
    generate_gigs(opened, until=MONDAY + timedelta(days=13), today=MONDAY)
    people = [p.id for p in list_participants(opened)]
    leaders = [i.id for i in list_instructors(opened)]
    rng = random.Random(7)
    for monday in (MONDAY, MONDAY + timedelta(days=7)):
        for gig_id in _week(opened, monday):
            crew = rng.sample(people, k=3)
            assign(opened, gig_id, crew, rng.sample(leaders, k=1))
    for offset in range(5):
        for person in people[:6]:
            # Paused and ended people cannot have work-activity days; the others do.
            with suppress(UserError, ValidationError):
                record_attendance(opened, person, MONDAY + timedelta(days=offset), "present")
    cancel_gig(opened, _week(opened, MONDAY)[0], "centre", "Ohjaaja sairaana")
    yield opened
    opened.close()


def test_a_week_checked_at_once_equals_gig_by_gig(store: Store) -> None:
    gig_ids = _week(store, MONDAY)
    at_once = check_gigs(store, gig_ids)
    assert at_once == {gig_id: check_gig(store, gig_id) for gig_id in gig_ids}
    kinds = {conflict.kind for found in at_once.values() for conflict in found}
    # The week exercises the rules, or the comparison would prove little.
    assert {
        ConflictKind.OVERLAP,
        ConflictKind.NOT_ACTIVE,
        ConflictKind.WEEKLY_LIMIT,
        ConflictKind.INSTRUCTOR_DOUBLE_BOOKED,
        ConflictKind.SAME_DAY_RULE,
    } <= kinds
    assert kinds & {ConflictKind.QUALIFICATION_MISSING, ConflictKind.QUALIFICATION_EXPIRED}


def test_two_weeks_at_once_do_not_mix_their_weeks(store: Store) -> None:
    this_week = _week(store, MONDAY)
    next_week = _week(store, MONDAY + timedelta(days=7))
    both = check_gigs(store, this_week + next_week)
    assert both == {**check_gigs(store, this_week), **check_gigs(store, next_week)}
    assert both[next_week[0]] == check_gig(store, next_week[0])


def test_a_week_takes_as_many_queries_as_one_gig(store: Store) -> None:
    def count(gig_ids: list[int]) -> int:
        statements: list[str] = []

        def seen(*args: object) -> None:
            statements.append(str(args[2]))

        event.listen(store.engine, "before_cursor_execute", seen)
        try:
            check_gigs(store, gig_ids)
        finally:
            event.remove(store.engine, "before_cursor_execute", seen)
        return len(statements)

    gig_ids = _week(store, MONDAY)
    assert len(gig_ids) > 5
    assert count(gig_ids) == count(gig_ids[1:2])


def test_unknown_gigs_are_left_out(store: Store) -> None:
    gig_id = _week(store, MONDAY)[1]
    assert check_gigs(store, []) == {}
    assert check_gigs(store, [gig_id, 10**9]).keys() == {gig_id}

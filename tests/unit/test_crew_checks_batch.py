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
from jobcenter_desktop.queries.gigs import GigRow, list_gigs
from jobcenter_desktop.queries.instructors import list_instructors
from jobcenter_desktop.queries.participants import list_participants
from jobcenter_desktop.services.planning.crew_checks import check_candidates, check_gig, check_gigs
from jobcenter_desktop.services.planning.gigs import assign, cancel_gig, generate_gigs
from jobcenter_desktop.services.timesheets.attendance import record_attendance

MONDAY = date.today() - timedelta(days=date.today().weekday())


def _week(store: Store, monday: date) -> list[int]:
    return [gig.id for gig in list_gigs(store, monday, monday + timedelta(days=6))]


def _open(folder: Path, monday: date) -> Store:
    """The demo centre as of ``monday``'s Wednesday, its week and the next one staffed."""
    opened = Store.open(folder / "jobcenter.db", folder / "backups", actor="tester")
    load_demo_data(opened, today=monday + timedelta(days=2))
    generate_gigs(opened, until=monday + timedelta(days=13), today=monday)
    people = [p.id for p in list_participants(opened)]
    leaders = [i.id for i in list_instructors(opened)]
    rng = random.Random(7)
    for week in (monday, monday + timedelta(days=7)):
        for gig_id in _week(opened, week):
            crew = rng.sample(people, k=3)
            assign(opened, gig_id, crew, rng.sample(leaders, k=1))
    for offset in range(5):
        for person in people[:6]:
            # Paused and ended people cannot have work-activity days; the others do.
            with suppress(UserError, ValidationError):
                record_attendance(opened, person, monday + timedelta(days=offset), "present")
    cancel_gig(opened, _week(opened, monday)[0], "centre", "Ohjaaja sairaana")
    return opened


@pytest.fixture
def store(tmp_path: Path, finnish: None) -> Iterator[Store]:
    opened = _open(tmp_path, MONDAY)
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


def _queries(store: Store, gig_ids: list[int]) -> int:
    statements: list[str] = []

    def seen(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        check_gigs(store, gig_ids)
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    return len(statements)


def _put_on(store: Store, gig: GigRow, participant_id: int) -> None:
    crew = [member.id for member in gig.participants][:2]
    leaders = [member.id for member in gig.instructors]
    assign(store, gig.id, [*dict.fromkeys([*crew, participant_id])], leaders)


def _kela_pensioner(store: Store) -> int:
    """The demo's participant 11, who receives the Kela disability pension (a limit)."""
    return next(p.id for p in list_participants(store) if p.participant_number == "11")


def _assert_a_week_takes_as_many_queries_as_one_gig(store: Store, monday: date) -> None:
    """One gig alone that requires a qualification, with a participant with a benefit
    limit on its crew, takes every kind of query the week does: so the week takes as
    many as that gig (whatever its gigs' months), and no gig more than the week."""
    gigs = list_gigs(store, monday, monday + timedelta(days=6))[1:]
    assert len(gigs) > 5
    one = next(g for g in gigs if check_candidates(store, g.id, [], []).required)
    _put_on(store, one, _kela_pensioner(store))
    gig_ids = _week(store, monday)
    week = _queries(store, gig_ids)
    assert week == _queries(store, [one.id])
    assert max(_queries(store, [gig_id]) for gig_id in gig_ids) == week


def test_a_week_takes_as_many_queries_as_one_gig(store: Store) -> None:
    _assert_a_week_takes_as_many_queries_as_one_gig(store, MONDAY)


def test_a_week_across_a_month_end_takes_as_many_queries_as_one_gig(
    tmp_path: Path, finnish: None
) -> None:
    """30.11.–6.12.2026 with the demo's benefit profiles, and the Kela pensioner on a gig
    of each month: the forecast reads both months in one round."""
    monday = date(2026, 11, 30)
    opened = _open(tmp_path, monday)
    try:
        gigs = list_gigs(opened, monday, monday + timedelta(days=6))
        kela = _kela_pensioner(opened)
        november = next(g for g in gigs[1:] if g.day.month == 11)
        december = next(g for g in gigs if g.day.month == 12)
        for gig in (november, december):
            _put_on(opened, gig, kela)
        both = (
            check_candidates(opened, november.id, [kela], []),
            check_candidates(opened, december.id, [kela], []),
        )
        months = [check.participants[kela].forecast for check in both]
        assert [f.month if f else None for f in months] == [date(2026, 11, 1), date(2026, 12, 1)]
        _assert_a_week_takes_as_many_queries_as_one_gig(opened, monday)
    finally:
        opened.close()


def test_unknown_gigs_are_left_out(store: Store) -> None:
    gig_id = _week(store, MONDAY)[1]
    assert check_gigs(store, []) == {}
    assert check_gigs(store, [gig_id, 10**9]).keys() == {gig_id}

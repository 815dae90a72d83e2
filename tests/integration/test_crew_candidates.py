"""Checking the crew dialog's candidates: what ``check_gig`` says of any crew of them, their
week's other hours, the qualifications they lack on the gig's day; nothing written."""

from __future__ import annotations

from datetime import date, time
from itertools import combinations

import pytest
from sqlalchemy import event, func, select

from jobcenter_desktop.db.errors import NotFoundError
from jobcenter_desktop.db.models import AuditEntry, QualificationType
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import ConflictKind
from jobcenter_desktop.forms.participants import QualificationInput
from jobcenter_desktop.queries.crew_facts import saved_crew
from jobcenter_desktop.services.planning.crew_checks import check_candidates, check_gig
from jobcenter_desktop.services.planning.gigs import add_gig, assign, cancel_gig
from jobcenter_desktop.services.timesheets.attendance import record_attendance
from tests.builders import make_contract, make_customer, make_instructor, make_participant

pytestmark = pytest.mark.usefixtures("finnish")

MONDAY = date(2026, 3, 2)
WEDNESDAY = date(2026, 3, 4)


def _contract(store: Store, **overrides: object) -> int:
    return make_contract(store, make_customer(store), status="active", **overrides)


def _card(store: Store) -> int:
    with store.read() as session:
        found = session.scalar(
            select(QualificationType.id).where(QualificationType.code == "safety_card")
        )
    assert found is not None
    return found


def test_any_crew_of_the_candidates_has_the_conflicts_check_gig_gives(store: Store) -> None:
    card = _card(store)
    gig = add_gig(
        store, _contract(store, required_qualification_ids=[card]), WEDNESDAY, time(8), 180
    )
    other = add_gig(store, _contract(store, title="Muutto"), WEDNESDAY, time(10), 120)
    busy = make_participant(store, first_name="Aino", last_name="Aalto")
    limited = make_participant(store, first_name="Eero", last_name="Eskola", weekly_hour_limit="2")
    paused = make_participant(store, first_name="Pekka", last_name="Tauko", status="paused")
    day_worker = make_participant(
        store,
        first_name="Olli",
        last_name="Ojala",
        service_basis="disability",
        qualifications=[QualificationInput(card, "1.1.2020", "")],
    )
    fine = make_participant(
        store,
        first_name="Pia",
        last_name="Peltola",
        qualifications=[QualificationInput(card, "1.1.2020", "")],
    )
    leader = make_instructor(store, first_name="Liisa", last_name="Ohjaaja")
    free_leader = make_instructor(store, first_name="Ville", last_name="Vetäjä")
    assign(store, other, [busy], [leader])
    record_attendance(store, day_worker, WEDNESDAY, "present")
    people = [busy, limited, paused, day_worker, fine]
    leaders = [leader, free_leader]

    check = check_candidates(store, gig, people, leaders)

    kinds = {c.kind for found in check.participants.values() for c in found.conflicts}
    assert {
        ConflictKind.OVERLAP,
        ConflictKind.WEEKLY_LIMIT,
        ConflictKind.NOT_ACTIVE,
        ConflictKind.SAME_DAY_RULE,
        ConflictKind.QUALIFICATION_MISSING,
    } <= kinds
    assert check.participants[fine].conflicts == ()
    assert check.participants[busy].blocking and not check.participants[fine].blocking
    assert [c.kind for c in check.instructors[leader].conflicts] == [
        ConflictKind.INSTRUCTOR_DOUBLE_BOOKED
    ]
    for size in range(len(people) + 1):
        for crew in combinations(people, size):
            for leading in ([], [leader], leaders):
                assert check.conflicts(crew, leading) == check_gig(store, gig, crew, leading)


def test_the_weeks_other_hours_leave_out_this_gig_cancelled_gigs_and_other_weeks(
    store: Store,
) -> None:
    gig = add_gig(store, _contract(store), WEDNESDAY, time(8), 180)
    aino = make_participant(store, weekly_hour_limit="20")
    leader = make_instructor(store)
    monday = add_gig(store, _contract(store, title="Piha"), MONDAY, time(8), 120)
    sunday = add_gig(store, _contract(store, title="Lumityöt"), date(2026, 3, 8), time(8), 60)
    before = add_gig(store, _contract(store, title="Muutto"), date(2026, 3, 1), time(8), 240)
    cancelled = add_gig(store, _contract(store, title="Sauna"), MONDAY, time(13), 90)
    for other in (monday, sunday, before, cancelled, gig):
        assign(store, other, [aino], [leader])
    cancel_gig(store, cancelled, "customer", "Sairastapaus")

    check = check_candidates(store, gig, [aino], [leader])

    assert check.gig_minutes == 180
    assert check.participants[aino].other_minutes == 120 + 60
    assert check.participants[aino].weekly_limit_minutes == 20 * 60
    assert check.instructors[leader].other_minutes == 120 + 60
    assert check.instructors[leader].weekly_limit_minutes is None


def test_the_qualifications_lacking_on_the_gigs_day(store: Store) -> None:
    card = _card(store)
    gig = add_gig(
        store, _contract(store, required_qualification_ids=[card]), WEDNESDAY, time(8), 60
    )
    cases = {
        ("1.1.2020", ""): False,  # no expiry
        ("1.1.2020", "4.3.2026"): False,  # expires on the gig's day: still valid
        ("4.3.2026", "1.1.2030"): False,  # from the gig's day
        ("1.1.2020", "3.3.2026"): True,  # expired the day before
        ("5.3.2026", ""): True,  # valid only from the next day
    }
    people = {
        make_participant(
            store, first_name=f"Testi{n}", qualifications=[QualificationInput(card, *dates)]
        ): lacks
        for n, (dates, lacks) in enumerate(cases.items())
    }
    without = make_participant(store, first_name="Ilman")
    leader = make_instructor(store)

    check = check_candidates(store, gig, [*people, without], [leader])

    assert check.required == ("Työturvallisuuskortti",)
    for person, lacks in people.items():
        assert check.participants[person].lacking == (("Työturvallisuuskortti",) if lacks else ())
    assert check.participants[without].lacking == ("Työturvallisuuskortti",)
    assert check.instructors[leader].lacking == ()


def test_a_participant_and_an_instructor_with_the_same_id_stay_apart(store: Store) -> None:
    gig = add_gig(store, _contract(store), WEDNESDAY, time(8), 180)
    other = add_gig(store, _contract(store, title="Muutto"), WEDNESDAY, time(9), 60)
    aino = make_participant(store)
    leader = make_instructor(store)
    assert aino == leader  # both the first of their kind
    assign(store, other, [], [leader])

    check = check_candidates(store, gig, [aino], [leader])

    assert check.participants[aino].conflicts == ()
    assert [c.kind for c in check.instructors[leader].conflicts] == [
        ConflictKind.INSTRUCTOR_DOUBLE_BOOKED
    ]


def test_checking_writes_nothing_and_unknowns(store: Store) -> None:
    gig = add_gig(store, _contract(store), WEDNESDAY, time(8), 180)
    aino = make_participant(store)
    with store.read() as session:
        audited = session.scalar(select(func.count()).select_from(AuditEntry))
    writes: list[str] = []

    def seen(*args: object) -> None:
        statement = str(args[2]).lstrip().upper()
        if not statement.startswith("SELECT"):
            writes.append(statement)

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        check = check_candidates(store, gig, [aino, 10**6], [10**6])
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    assert not [w for w in writes if w.startswith(("INSERT", "UPDATE", "DELETE"))]
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == audited
    assert set(check.participants) == {aino} and check.instructors == {}
    assert saved_crew(store, gig) == (frozenset(), frozenset())
    assert saved_crew(store, 10**6) is None
    with pytest.raises(NotFoundError):
        check_candidates(store, 10**6, [aino], [])

"""Crew checks through the store: every conflict kind, the centre's same-day setting, and
saving a crew: refused when something blocks, saved and audited with an override reason."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import event, func, select

from jobcenter_desktop.db.models import AuditEntry, Gig, QualificationType
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import Conflict, ConflictKind
from jobcenter_desktop.domain.qualifications import display_name
from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput
from jobcenter_desktop.forms.participants import QualificationInput
from jobcenter_desktop.queries.centre import load_centre
from jobcenter_desktop.services.planning.crew_checks import (
    CrewConflictError,
    assign_checked,
    check_gig,
)
from jobcenter_desktop.services.planning.gigs import add_gig, assign, cancel_gig
from jobcenter_desktop.services.registers.centre import save_centre
from jobcenter_desktop.services.timesheets.attendance import record_attendance
from tests.builders import make_contract, make_customer, make_instructor, make_participant

pytestmark = pytest.mark.usefixtures("finnish")

MONDAY = date(2026, 3, 2)
WEDNESDAY = date(2026, 3, 4)


def contract(store: Store, **overrides: object) -> int:
    customer = make_customer(store)
    return make_contract(store, customer, status="active", **overrides)


def qualification_ids(store: Store) -> dict[str, int]:
    with store.read() as session:
        return dict(session.execute(select(QualificationType.code, QualificationType.id)).all())


def kinds(found: list[Conflict]) -> list[tuple[ConflictKind, bool]]:
    return [(c.kind, c.blocking) for c in found]


def audit(store: Store, action: str) -> list[AuditEntry]:
    with store.read() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
            )
        )


def test_an_overlapping_gig_blocks_and_a_cancelled_one_does_not(store: Store) -> None:
    first = add_gig(store, contract(store), WEDNESDAY, time(8), 180)
    second = add_gig(store, contract(store, title="Muutto"), WEDNESDAY, time(10), 120)
    aino = make_participant(store)
    assign(store, first, [aino], [])

    found = check_gig(store, second, [aino], [])
    assert kinds(found) == [(ConflictKind.OVERLAP, True)]
    assert found[0].person_id == aino and found[0].gig_id == second
    assert "Aino Mäkinen" in found[0].message
    # Checking the saved crew of the first gig does not clash with itself.
    assert check_gig(store, first) == []

    cancel_gig(store, first, "customer", "Sairastapaus")
    assert check_gig(store, second, [aino], []) == []


def test_missing_and_expired_qualifications_warn_by_their_shown_name(store: Store) -> None:
    quals = qualification_ids(store)
    gig = add_gig(
        store,
        contract(store, required_qualification_ids=[quals["safety_card"]]),
        WEDNESDAY,
        time(8),
        120,
    )
    expired = make_participant(
        store, qualifications=[QualificationInput(quals["safety_card"], "1.2.2020", "1.2.2025")]
    )
    renewed = make_participant(
        store,
        first_name="Eero",
        last_name="Aalto",
        qualifications=[
            QualificationInput(quals["safety_card"], "1.2.2020", "1.2.2025"),
            QualificationInput(quals["safety_card"], "1.2.2025", "1.2.2030"),
        ],
    )
    without = make_participant(store, first_name="Olli", last_name="Nieminen")

    found = check_gig(store, gig, [expired, renewed, without], [])
    assert [(c.person_id, c.kind, c.blocking) for c in found] == [
        (expired, ConflictKind.QUALIFICATION_EXPIRED, False),
        (without, ConflictKind.QUALIFICATION_MISSING, False),
    ]
    shown = display_name("safety_card", "Occupational safety card")
    assert all(shown in c.message and "safety_card" not in c.message for c in found)


def test_the_weekly_limit_counts_the_iso_week(store: Store) -> None:
    limited = make_participant(store, weekly_hour_limit="4")
    monday = add_gig(store, contract(store), MONDAY, time(8), 180)
    previous_sunday = add_gig(store, contract(store, title="Piha"), date(2026, 3, 1), time(8), 240)
    assign(store, monday, [limited], [])
    assign(store, previous_sunday, [limited], [])
    wednesday = add_gig(store, contract(store, title="Muutto"), WEDNESDAY, time(8), 120)

    found = check_gig(store, wednesday, [limited], [])
    assert kinds(found) == [(ConflictKind.WEEKLY_LIMIT, False)]
    # 3 h on Monday and 1 h on Wednesday is the limit exactly; the Sunday before is another week.
    short = add_gig(store, contract(store, title="Lyhyt"), WEDNESDAY, time(12), 60)
    assert check_gig(store, short, [limited], []) == []


def test_a_paused_participant_blocks(store: Store) -> None:
    gig = add_gig(store, contract(store), WEDNESDAY, time(8), 120)
    paused = make_participant(store, status="paused")
    assert kinds(check_gig(store, gig, [paused], [])) == [(ConflictKind.NOT_ACTIVE, True)]


def test_an_instructor_on_two_gigs_at_once_is_a_warning(store: Store) -> None:
    first = add_gig(store, contract(store), WEDNESDAY, time(8), 180)
    second = add_gig(store, contract(store, title="Muutto"), WEDNESDAY, time(9), 60)
    later = add_gig(store, contract(store, title="Piha"), WEDNESDAY, time(11), 60)
    liisa = make_instructor(store)
    assign(store, first, [], [liisa])

    found = check_gig(store, second, [], [liisa])
    assert kinds(found) == [(ConflictKind.INSTRUCTOR_DOUBLE_BOOKED, False)]
    assert found[0].person_id == liisa and "Liisa Laine" in found[0].message
    assert check_gig(store, later, [], [liisa]) == []


def test_the_same_day_rule_warns_and_blocks_when_the_centre_says_so(store: Store) -> None:
    gig = add_gig(store, contract(store), WEDNESDAY, time(8), 120)
    disability = make_participant(store, service_basis="disability")
    absent = make_participant(
        store, first_name="Eero", last_name="Aalto", service_basis="disability"
    )
    record_attendance(store, disability, WEDNESDAY, "present", "10,00")
    record_attendance(store, absent, WEDNESDAY, "absent")

    assert kinds(check_gig(store, gig, [disability, absent], [])) == [
        (ConflictKind.SAME_DAY_RULE, False)
    ]
    save_centre(
        store,
        CentreInput(
            legal_name="Työkeskus Säde",
            business_id="0737546-2",
            bank_accounts=[BankAccountInput("FI2112345600000785")],
            same_day_rule_blocks=True,
        ),
    )
    centre = load_centre(store)
    assert centre is not None and centre.same_day_rule_blocks
    assert kinds(check_gig(store, gig, [disability], [])) == [(ConflictKind.SAME_DAY_RULE, True)]


def test_the_facts_take_a_fixed_number_of_queries(store: Store) -> None:
    quals = qualification_ids(store)
    gig = add_gig(
        store,
        contract(store, required_qualification_ids=[quals["safety_card"]]),
        WEDNESDAY,
        time(8),
        120,
    )

    liisa = make_instructor(store)

    def count(crew: list[int]) -> int:
        statements: list[str] = []

        def seen(*args: object) -> None:
            statements.append(str(args[2]))

        event.listen(store.engine, "before_cursor_execute", seen)
        try:
            check_gig(store, gig, crew, [liisa])
        finally:
            event.remove(store.engine, "before_cursor_execute", seen)
        return len(statements)

    one = [make_participant(store)]
    five = [make_participant(store, first_name=f"N{i}") for i in range(5)]
    assert count(one) == count(five)


def test_a_blocking_crew_is_refused_and_nothing_changes(store: Store) -> None:
    gig = add_gig(store, contract(store), WEDNESDAY, time(8), 120)
    aino = make_participant(store)
    paused = make_participant(store, first_name="Eero", last_name="Aalto", status="paused")
    assign(store, gig, [aino], [])
    with store.read() as session:
        entries = session.scalar(select(func.count()).select_from(AuditEntry))

    with pytest.raises(CrewConflictError) as error:
        assign_checked(store, gig, [aino, paused], [], override_reason="  ")
    assert kinds(error.value.conflicts) == [(ConflictKind.NOT_ACTIVE, True)]
    assert "Eero Aalto" in str(error.value)
    with store.read() as session:
        assert [p.id for p in session.get_one(Gig, gig).participants] == [aino]
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == entries


def test_an_override_with_a_reason_saves_the_crew_and_is_audited(store: Store) -> None:
    first = add_gig(store, contract(store), WEDNESDAY, time(8), 180)
    second = add_gig(store, contract(store, title="Muutto"), WEDNESDAY, time(10), 120)
    aino = make_participant(store)
    liisa = make_instructor(store)
    assign(store, first, [aino], [liisa])

    found = assign_checked(store, second, [aino], [liisa], override_reason=" Aino vaihtaa ")
    assert kinds(found) == [
        (ConflictKind.OVERLAP, True),
        (ConflictKind.INSTRUCTOR_DOUBLE_BOOKED, False),
    ]
    with store.read() as session:
        saved = session.get_one(Gig, second)
        assert ([p.id for p in saved.participants], [i.id for i in saved.instructors]) == (
            [aino],
            [liisa],
        )
    [entry] = audit(store, "override")
    assert (entry.entity, entry.entity_id, entry.actor) == ("gig", second, "tester")
    assert entry.after is not None
    assert entry.after["reason"] == "Aino vaihtaa"
    assert [c["kind"] for c in entry.after["conflicts"]] == [
        "overlap",
        "instructor_double_booked",
    ]
    assert entry.after["conflicts"][0]["message"] == found[0].message


def test_warnings_alone_save_the_crew_and_a_clear_crew_writes_no_override(store: Store) -> None:
    first = add_gig(store, contract(store), WEDNESDAY, time(8), 180)
    second = add_gig(store, contract(store, title="Muutto"), WEDNESDAY, time(9), 60)
    liisa = make_instructor(store)
    aino = make_participant(store)
    assert assign_checked(store, first, [aino], [liisa]) == []
    assert audit(store, "override") == []

    found = assign_checked(store, second, [], [liisa])
    assert kinds(found) == [(ConflictKind.INSTRUCTOR_DOUBLE_BOOKED, False)]
    [entry] = audit(store, "override")
    assert entry.after is not None and entry.after["reason"] == ""
    assert len(audit(store, "assign")) == 2

"""Conflict checks for booking a person on a gig: every rule, with its edges."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, time
from decimal import Decimal
from typing import Any

import pytest

from jobcenter_desktop.domain.conflicts import (
    ALLOWANCE_TAX_FREE_CAP,
    Attendance,
    Booking,
    Conflict,
    ConflictKind,
    GigFacts,
    PersonFacts,
    allowance_over_cap,
    check_instructor,
    check_participant,
)
from jobcenter_desktop.domain.enums import ParticipantStatus, ServiceBasis

# Monday 5.10.2026; the ISO week runs to Sunday 11.10.2026.
MONDAY = date(2026, 10, 5)
WEDNESDAY = date(2026, 10, 7)
SUNDAY = date(2026, 10, 11)
PERSON = 7
GIG = 100


def make_gig(**overrides: Any) -> GigFacts:
    values: dict[str, Any] = {
        "gig_id": GIG,
        "day": WEDNESDAY,
        "start": time(10, 0),
        "minutes": 120,
        "required_qualifications": (),
        "label": "Parish hall, cleaning",
    }
    values.update(overrides)
    return GigFacts(**values)


def make_person(**overrides: Any) -> PersonFacts:
    values: dict[str, Any] = {
        "participant_id": PERSON,
        "name": "Aino Mäkinen",
        "status": ParticipantStatus.ACTIVE,
        "service_basis": ServiceBasis.OTHER,
        "weekly_limit_minutes": None,
        "qualifications": {},
    }
    values.update(overrides)
    return PersonFacts(**values)


def booking(
    day: date = WEDNESDAY,
    start: time = time(8, 0),
    minutes: int = 120,
    person_id: int = PERSON,
    gig_id: int = 200,
) -> Booking:
    return Booking(person_id=person_id, gig_id=gig_id, day=day, start=start, minutes=minutes)


def attended(
    status: str = "present",
    day: date = WEDNESDAY,
    start: time | None = None,
    end: time | None = None,
) -> Attendance:
    return Attendance(
        participant_id=PERSON,
        day=day,
        status=status,  # type: ignore[arg-type]
        allowance=Decimal("10.00") if status == "present" else None,
        start=start,
        end=end,
    )


def kinds(conflicts: Sequence[Conflict]) -> list[ConflictKind]:
    return [conflict.kind for conflict in conflicts]


def check(
    gig: GigFacts | None = None,
    person: PersonFacts | None = None,
    bookings: Sequence[Booking] = (),
    attendance: Sequence[Attendance] = (),
    blocks: bool = False,
) -> list[Conflict]:
    return check_participant(
        gig or make_gig(), person or make_person(), bookings, attendance, blocks
    )


def test_an_active_person_with_a_free_day_has_no_conflicts() -> None:
    assert check() == []


# --- overlap ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("other", "overlaps"),
    [
        (booking(start=time(8, 0), minutes=120), False),  # 8-10 touches 10-12
        (booking(start=time(12, 0), minutes=60), False),  # 12-13 touches 10-12
        (booking(start=time(8, 0), minutes=121), True),  # 8-10.01
        (booking(start=time(11, 59), minutes=60), True),
        (booking(start=time(10, 30), minutes=30), True),  # inside
        (booking(start=time(9, 0), minutes=240), True),  # around
        (booking(start=time(10, 0), minutes=120), True),  # the same hours
        (booking(day=MONDAY, start=time(10, 0)), False),  # another day
        (booking(person_id=8, start=time(10, 0)), False),  # someone else
        (booking(gig_id=GIG, start=time(10, 0)), False),  # this gig itself
    ],
)
def test_overlap_is_intersecting_hours_of_the_same_person(other: Booking, overlaps: bool) -> None:
    found = [c for c in check(bookings=[other]) if c.kind is ConflictKind.OVERLAP]
    assert bool(found) is overlaps
    for conflict in found:
        assert conflict.blocking
        assert (conflict.person_id, conflict.gig_id) == (PERSON, GIG)


def test_a_booking_from_the_evening_before_runs_past_midnight_into_the_gig() -> None:
    late = booking(day=date(2026, 10, 6), start=time(22, 0), minutes=13 * 60)  # to 11.00
    assert kinds(check(bookings=[late])) == [ConflictKind.OVERLAP]


def test_the_overlap_message_names_the_person_the_gig_and_the_other_hours(finnish: None) -> None:
    (conflict,) = check(bookings=[booking(start=time(9, 0))])
    assert "Aino Mäkinen" in conflict.message
    assert "Parish hall, cleaning" in conflict.message
    assert "7.10.2026" in conflict.message
    assert "9.00–11.00" in conflict.message


def test_each_overlapping_booking_is_reported() -> None:
    others = [booking(start=time(9, 0), gig_id=201), booking(start=time(11, 0), gig_id=202)]
    assert kinds(check(bookings=others)) == [ConflictKind.OVERLAP, ConflictKind.OVERLAP]


# --- qualifications --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("held", "expected"),
    [
        ({}, [ConflictKind.QUALIFICATION_MISSING]),
        ({"hygiene": (None, None)}, []),
        ({"hygiene": (date(2020, 1, 1), None)}, []),
        ({"hygiene": (date(2020, 1, 1), WEDNESDAY)}, []),  # expires on the day: valid
        ({"hygiene": (date(2020, 1, 1), date(2026, 10, 8))}, []),
        ({"hygiene": (date(2020, 1, 1), date(2026, 10, 6))}, [ConflictKind.QUALIFICATION_EXPIRED]),
        ({"hygiene": (WEDNESDAY, None)}, []),  # issued on the day: valid
        ({"hygiene": (date(2026, 10, 8), None)}, [ConflictKind.QUALIFICATION_MISSING]),
        ({"safety_card": (None, None)}, [ConflictKind.QUALIFICATION_MISSING]),
    ],
)
def test_a_required_qualification_must_be_valid_on_the_gig_day(
    held: Mapping[str, tuple[date | None, date | None]], expected: list[ConflictKind]
) -> None:
    gig = make_gig(required_qualifications=("hygiene",))
    conflicts = check(gig=gig, person=make_person(qualifications=held))
    assert kinds(conflicts) == expected
    assert not any(conflict.blocking for conflict in conflicts)


def test_every_missing_qualification_is_reported_by_name(finnish: None) -> None:
    gig = make_gig(required_qualifications=("hygiene", "safety_card"))
    person = make_person(qualifications={"hygiene": (None, date(2026, 1, 31))})
    expired, missing = check(gig=gig, person=person)
    assert expired.kind is ConflictKind.QUALIFICATION_EXPIRED
    assert "hygiene" in expired.message and "31.1.2026" in expired.message
    assert missing.kind is ConflictKind.QUALIFICATION_MISSING
    assert "safety_card" in missing.message


# --- weekly limit ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "others", "over"),
    [
        (600, [], False),  # the gig alone: 2 h of 10 h
        (120, [], False),  # the gig alone is exactly the limit
        (119, [], True),
        (600, [booking(day=MONDAY, minutes=480)], False),  # 8 h + 2 h: exactly the limit
        (600, [booking(day=MONDAY, minutes=481)], True),
        (600, [booking(day=SUNDAY, minutes=481)], True),  # Sunday is in the same week
        (600, [booking(day=date(2026, 10, 4), minutes=600)], False),  # the Sunday before
        (600, [booking(day=date(2026, 10, 12), minutes=600)], False),  # the Monday after
        (600, [booking(day=MONDAY, minutes=600, person_id=8)], False),  # someone else's
        (600, [booking(day=MONDAY, minutes=600, gig_id=GIG)], False),  # this gig, not twice
        (
            420,
            [booking(day=MONDAY, minutes=240, gig_id=201), booking(day=SUNDAY, gig_id=202)],
            True,
        ),  # 4 h + 2 h + the gig's 2 h = 8 h of 7 h
    ],
)
def test_the_weekly_limit_counts_the_iso_week_including_the_gig(
    limit: int, others: list[Booking], over: bool
) -> None:
    person = make_person(weekly_limit_minutes=limit)
    conflicts = check(person=person, bookings=others)
    assert (ConflictKind.WEEKLY_LIMIT in kinds(conflicts)) is over
    assert not any(conflict.blocking for conflict in conflicts)


def test_a_sunday_gig_counts_back_to_monday_not_into_the_next_week() -> None:
    person = make_person(weekly_limit_minutes=600)
    gig = make_gig(day=SUNDAY)
    assert check(gig=gig, person=person, bookings=[booking(day=MONDAY, minutes=481)])
    assert not check(
        gig=gig, person=person, bookings=[booking(day=date(2026, 10, 12), minutes=600)]
    )


def test_no_weekly_limit_means_no_check() -> None:
    week = [booking(day=day, minutes=600, gig_id=300 + day.day) for day in (MONDAY, SUNDAY)]
    assert check(bookings=week) == []


def test_the_weekly_limit_message_states_the_hours(finnish: None) -> None:
    person = make_person(weekly_limit_minutes=1200)
    (conflict,) = check(person=person, bookings=[booking(day=MONDAY, minutes=1170)])
    assert "21 h 30 min / 20 h" in conflict.message
    assert "5.10.2026–11.10.2026" in conflict.message
    assert "Aino Mäkinen" in conflict.message and "Parish hall, cleaning" in conflict.message


def test_the_weekly_limit_message_in_english(english: None) -> None:
    person = make_person(weekly_limit_minutes=1200)
    (conflict,) = check(person=person, bookings=[booking(day=MONDAY, minutes=1170)])
    assert "would work 21 h 30 min / 20 h" in conflict.message


# --- participant status ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (ParticipantStatus.ACTIVE, []),
        (ParticipantStatus.PAUSED, [ConflictKind.NOT_ACTIVE]),
        (ParticipantStatus.ENDED, [ConflictKind.NOT_ACTIVE]),
    ],
)
def test_only_an_active_participant_can_be_booked(
    status: ParticipantStatus, expected: list[ConflictKind]
) -> None:
    conflicts = check(person=make_person(status=status))
    assert kinds(conflicts) == expected
    assert all(conflict.blocking for conflict in conflicts)


def test_paused_and_ended_say_different_things(english: None) -> None:
    (paused,) = check(person=make_person(status=ParticipantStatus.PAUSED))
    (ended,) = check(person=make_person(status=ParticipantStatus.ENDED))
    assert "is paused" in paused.message and "Resume" in paused.message
    assert "has ended" in ended.message
    assert "Aino Mäkinen" in ended.message


# --- same-day rule ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("basis", "day", "expected"),
    [
        (ServiceBasis.DISABILITY, attended("present"), [ConflictKind.SAME_DAY_RULE]),
        (ServiceBasis.SPECIAL_CARE, attended("present"), [ConflictKind.SAME_DAY_RULE]),
        (ServiceBasis.DISABILITY, attended("absent"), []),
        (ServiceBasis.DISABILITY, attended("paid_work"), []),  # already moved to paid work
        (ServiceBasis.DISABILITY, attended("present", day=MONDAY), []),  # another day
        (ServiceBasis.OTHER, attended("present"), []),
        # Rehabilitative: the gig (10-12) may share the day outside the activity hours.
        (ServiceBasis.REHABILITATIVE, attended("present", start=time(12), end=time(15)), []),
        (ServiceBasis.REHABILITATIVE, attended("present", start=time(7), end=time(10)), []),
        (
            ServiceBasis.REHABILITATIVE,
            attended("present", start=time(9), end=time(11)),
            [ConflictKind.SAME_DAY_RULE],
        ),
        (
            ServiceBasis.REHABILITATIVE,
            attended("present", start=time(8), end=time(16)),
            [ConflictKind.SAME_DAY_RULE],
        ),
        (ServiceBasis.REHABILITATIVE, attended("absent", start=time(8), end=time(16)), []),
    ],
)
@pytest.mark.parametrize("blocks", [False, True])
def test_the_same_day_rule_by_service_basis(
    basis: ServiceBasis, day: Attendance, expected: list[ConflictKind], blocks: bool
) -> None:
    conflicts = check(person=make_person(service_basis=basis), attendance=[day], blocks=blocks)
    assert kinds(conflicts) == expected
    assert all(conflict.blocking is blocks for conflict in conflicts)


def test_someone_elses_attendance_does_not_count() -> None:
    other = Attendance(participant_id=8, day=WEDNESDAY, status="present")
    person = make_person(service_basis=ServiceBasis.DISABILITY)
    assert check(person=person, attendance=[other]) == []


@pytest.mark.parametrize("blocks", [False, True])
def test_rehabilitative_without_recorded_hours_is_a_warning_only(blocks: bool) -> None:
    person = make_person(service_basis=ServiceBasis.REHABILITATIVE)
    (conflict,) = check(person=person, attendance=[attended("present")], blocks=blocks)
    assert conflict.kind is ConflictKind.SAME_DAY_RULE
    assert not conflict.blocking


def test_the_same_day_message_says_what_to_do(english: None) -> None:
    person = make_person(service_basis=ServiceBasis.DISABILITY)
    (conflict,) = check(person=person, attendance=[attended("present")])
    assert conflict.message == (
        "Aino Mäkinen has disability work activity with allowance on 07/10/2026: paid work "
        "that day (Parish hall, cleaning) would break the same-day rule. Mark the day as paid "
        "work in attendance, or choose someone else."
    )


def test_the_same_day_message_in_finnish(finnish: None) -> None:
    person = make_person(service_basis=ServiceBasis.REHABILITATIVE)
    day = attended("present", start=time(9), end=time(11))
    (conflict,) = check(person=person, attendance=[day])
    assert conflict.message.startswith("Henkilöllä Aino Mäkinen on 7.10.2026 klo 9.00–11.00")
    assert "”Parish hall, cleaning”" in conflict.message


# --- everything at once ----------------------------------------------------------------------


def test_all_conflicts_come_together_in_a_fixed_order() -> None:
    person = make_person(
        status=ParticipantStatus.PAUSED,
        service_basis=ServiceBasis.DISABILITY,
        weekly_limit_minutes=60,
    )
    gig = make_gig(required_qualifications=("hygiene",))
    conflicts = check(
        gig=gig, person=person, bookings=[booking(start=time(11))], attendance=[attended()]
    )
    assert kinds(conflicts) == [
        ConflictKind.NOT_ACTIVE,
        ConflictKind.OVERLAP,
        ConflictKind.QUALIFICATION_MISSING,
        ConflictKind.WEEKLY_LIMIT,
        ConflictKind.SAME_DAY_RULE,
    ]
    assert [c.blocking for c in conflicts] == [True, True, False, False, False]


# --- instructor ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("other", "double_booked"),
    [
        (booking(person_id=3, start=time(8), minutes=120), False),  # touching
        (booking(person_id=3, start=time(12), minutes=120), False),  # touching
        (booking(person_id=3, start=time(11), minutes=120), True),
        (booking(person_id=3, start=time(11), day=MONDAY), False),
        (booking(person_id=4, start=time(11)), False),  # another instructor
        (booking(person_id=3, start=time(11), gig_id=GIG), False),  # this gig
    ],
)
def test_an_instructor_cannot_lead_overlapping_gigs(other: Booking, double_booked: bool) -> None:
    conflicts = check_instructor(make_gig(), 3, "Ville Ohjaaja", [other])
    assert bool(conflicts) is double_booked
    for conflict in conflicts:
        assert conflict.kind is ConflictKind.INSTRUCTOR_DOUBLE_BOOKED
        assert conflict.person_id == 3 and conflict.gig_id == GIG
        assert not conflict.blocking


def test_the_instructor_message_names_the_instructor(finnish: None) -> None:
    (conflict,) = check_instructor(
        make_gig(), 3, "Ville Ohjaaja", [booking(person_id=3, start=time(11))]
    )
    assert conflict.message.startswith("Ville Ohjaaja ohjaa jo toista keikkaa 7.10.2026")


# --- allowance -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "over"),
    [
        (Decimal("0"), False),
        (Decimal("11.99"), False),
        (Decimal("12.00"), False),
        (Decimal("12"), False),
        (Decimal("12.01"), True),
        (Decimal("20.00"), True),
    ],
)
def test_allowance_over_the_tax_free_cap(amount: Decimal, over: bool) -> None:
    assert Decimal("12.00") == ALLOWANCE_TAX_FREE_CAP
    assert allowance_over_cap(amount) is over

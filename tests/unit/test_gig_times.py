"""One end for a gig: the card, the sheets and the checks all ask domain.gig_times."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from jobcenter_desktop.domain.conflicts import Booking, ConflictKind, GigFacts, check_instructor
from jobcenter_desktop.domain.gig_times import (
    end_on_start_day,
    ends_next_day,
    gig_end,
    gig_interval,
    time_range_text,
)
from jobcenter_desktop.i18n.translator import translator_for
from jobcenter_desktop.queries.timesheets import planned_end

FRIDAY = date(2026, 6, 12)
EVENING = time(22, 0)
FOUR_HOURS = 240


def test_a_gig_from_22_lasting_4_hours_ends_at_2_the_next_day() -> None:
    assert gig_end(FRIDAY, EVENING, FOUR_HOURS) == datetime(2026, 6, 13, 2, 0)
    assert gig_interval(FRIDAY, EVENING, FOUR_HOURS) == (
        datetime(2026, 6, 12, 22, 0),
        datetime(2026, 6, 13, 2, 0),
    )
    assert ends_next_day(FRIDAY, EVENING, FOUR_HOURS)


def test_a_day_gig_ends_on_its_own_day() -> None:
    assert gig_end(FRIDAY, time(8, 30), 90) == datetime(2026, 6, 12, 10, 0)
    assert not ends_next_day(FRIDAY, time(8, 30), 90)
    assert end_on_start_day(FRIDAY, time(8, 30), 90) == time(10, 0)


def test_a_gig_ending_at_midnight_ends_the_next_day() -> None:
    assert gig_end(FRIDAY, time(20), FOUR_HOURS) == datetime(2026, 6, 13, 0, 0)
    assert ends_next_day(FRIDAY, time(20), FOUR_HOURS)


def test_the_timesheet_day_of_a_gig_past_midnight_ends_at_23_59() -> None:
    assert end_on_start_day(FRIDAY, EVENING, FOUR_HOURS) == time(23, 59)
    assert planned_end(EVENING, FOUR_HOURS) == time(23, 59)


@pytest.mark.usefixtures("finnish")
def test_the_range_text_names_the_next_day_in_the_programs_language() -> None:
    assert time_range_text(FRIDAY, EVENING, FOUR_HOURS) == "22.00–2.00 (seuraavana päivänä)"
    assert time_range_text(FRIDAY, time(8), FOUR_HOURS) == "8.00–12.00"


@pytest.mark.usefixtures("finnish")
def test_the_range_text_in_a_documents_language_leaves_the_program_alone() -> None:
    english = translator_for("en")
    assert time_range_text(FRIDAY, EVENING, FOUR_HOURS, english) == "22:00–02:00 (next day)"
    assert time_range_text(FRIDAY, EVENING, FOUR_HOURS) == "22.00–2.00 (seuraavana päivänä)"


@pytest.mark.usefixtures("finnish")
def test_the_conflict_check_sees_the_gig_running_into_the_next_morning() -> None:
    night = Booking(person_id=1, gig_id=1, day=FRIDAY, start=EVENING, minutes=FOUR_HOURS)
    early = GigFacts(
        gig_id=2,
        day=date(2026, 6, 13),
        start=time(1, 30),
        minutes=60,
        required_qualifications=(),
        label="Aamusiivous",
    )
    later = GigFacts(
        gig_id=3,
        day=date(2026, 6, 13),
        start=time(2, 0),
        minutes=60,
        required_qualifications=(),
        label="Aamusiivous",
    )
    (conflict,) = check_instructor(early, 1, "Liisa Laine", [night])
    assert conflict.kind is ConflictKind.INSTRUCTOR_DOUBLE_BOOKED
    # the message shows the other gig's hours as the card does
    assert "12.6.2026 klo 22.00–2.00 (seuraavana päivänä)" in conflict.message
    assert check_instructor(later, 1, "Liisa Laine", [night]) == []

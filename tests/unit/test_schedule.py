"""The schedule rules: which days a contract falls on, holidays and closure days skipped."""

from __future__ import annotations

from datetime import date

import pytest

from jobcenter_desktop.domain.enums import Weekday
from jobcenter_desktop.domain.schedule import ScheduleCalendar, finnish_holidays, occurrences

MON, TUE, WED, THU, FRI, SAT, SUN = Weekday


def never(_day: date) -> bool:
    return False


def test_the_holidays_include_both_eves_and_easter_monday() -> None:
    found = finnish_holidays([2026, 2027])
    assert found[date(2026, 6, 19)] == "Juhannusaatto"
    assert found[date(2027, 6, 25)] == "Juhannusaatto"
    assert found[date(2026, 12, 24)] == "Jouluaatto"
    assert found[date(2026, 4, 6)] == "Toinen pääsiäispäivä"
    assert found[date(2026, 12, 6)] == "Itsenäisyyspäivä"
    assert date(2026, 6, 18) not in found


def test_a_weekly_schedule_skips_the_public_holidays() -> None:
    calendar = ScheduleCalendar()
    # Fridays in June 2026: the 19th is Midsummer Eve.
    fridays = occurrences(
        (FRI,), 1, date(2026, 1, 1), None, date(2026, 6, 1), date(2026, 6, 30), calendar.closed
    )
    assert fridays == [date(2026, 6, 5), date(2026, 6, 12), date(2026, 6, 26)]
    # Mondays around Easter 2026: Easter Monday is the 6th of April.
    mondays = occurrences(
        (MON,), 1, date(2026, 1, 1), None, date(2026, 3, 30), date(2026, 4, 13), calendar.closed
    )
    assert mondays == [date(2026, 3, 30), date(2026, 4, 13)]
    # Thursday 24 December 2026 is Christmas Eve; Friday the 25th Christmas Day.
    days = occurrences(
        (THU, FRI), 1, date(2026, 1, 1), None, date(2026, 12, 21), date(2027, 1, 8), calendar.closed
    )
    assert days == [date(2026, 12, 31), date(2027, 1, 7), date(2027, 1, 8)]


def test_closure_days_are_skipped_and_give_their_reason() -> None:
    calendar = ScheduleCalendar({date(2026, 8, 3): "Henkilöstön koulutus"})
    days = occurrences(
        (MON,), 1, date(2026, 1, 1), None, date(2026, 8, 1), date(2026, 8, 17), calendar.closed
    )
    assert days == [date(2026, 8, 10), date(2026, 8, 17)]
    assert calendar.reason(date(2026, 8, 3)) == "Henkilöstön koulutus"
    assert calendar.reason(date(2026, 12, 25)) == "Joulupäivä"
    assert calendar.reason(date(2026, 8, 4)) is None


def test_every_two_weeks_counts_from_the_week_of_valid_from() -> None:
    # Valid from Wednesday 7 January 2026 (ISO week 2): Mondays of weeks 2, 4, 6 …
    # The Monday of week 2 (5 January) is before valid_from, so it is not included.
    valid_from = date(2026, 1, 7)
    days = occurrences((MON, THU), 2, valid_from, None, date(2026, 1, 1), date(2026, 2, 6), never)
    assert days == [
        date(2026, 1, 8),
        date(2026, 1, 19),
        date(2026, 1, 22),
        date(2026, 2, 2),
        date(2026, 2, 5),
    ]
    # Starting the range mid-way keeps the same rhythm.
    later = occurrences((MON, THU), 2, valid_from, None, date(2026, 1, 26), date(2026, 2, 6), never)
    assert later == [date(2026, 2, 2), date(2026, 2, 5)]


def test_every_three_weeks_across_the_year_end() -> None:
    # Valid from Monday 14 December 2026 (week 51): weeks 51, 2027-W01, 2027-W04.
    days = occurrences(
        (MON,), 3, date(2026, 12, 14), None, date(2026, 12, 1), date(2027, 1, 31), never
    )
    assert days == [date(2026, 12, 14), date(2027, 1, 4), date(2027, 1, 25)]


@pytest.mark.parametrize(
    ("weekday", "start", "end", "expected"),
    [
        # Month ends: 30 and 31 days, February in a common year.
        (SAT, date(2026, 1, 31), date(2026, 2, 1), [date(2026, 1, 31)]),
        (SAT, date(2026, 2, 28), date(2026, 3, 1), [date(2026, 2, 28)]),
        (THU, date(2026, 4, 30), date(2026, 5, 7), [date(2026, 4, 30), date(2026, 5, 7)]),
        # Year end: Thursday 31 December 2026 is a working day.
        (THU, date(2026, 12, 31), date(2027, 1, 1), [date(2026, 12, 31)]),
        # Summer time starts on Sunday 29 March 2026 and ends on Sunday 25 October 2026:
        # days like any other (a gig keeps its wall-clock start time).
        (SUN, date(2026, 3, 29), date(2026, 3, 29), [date(2026, 3, 29)]),
        (SUN, date(2026, 10, 25), date(2026, 10, 25), [date(2026, 10, 25)]),
    ],
)
def test_month_ends_year_end_and_summer_time_changes(
    weekday: Weekday, start: date, end: date, expected: list[date]
) -> None:
    calendar = ScheduleCalendar()
    days = occurrences((weekday,), 1, date(2026, 1, 1), None, start, end, calendar.closed)
    assert days == expected


def test_a_year_of_weekly_mondays() -> None:
    calendar = ScheduleCalendar()
    days = occurrences(
        (MON,), 1, date(2026, 1, 1), None, date(2026, 1, 1), date(2026, 12, 31), calendar.closed
    )
    # 52 Mondays in 2026, Easter Monday (6 April) is the only Monday holiday.
    assert len(days) == 51
    assert date(2026, 4, 6) not in days
    assert all(day.weekday() == 0 for day in days)


def test_a_one_off_job_falls_on_valid_from_only_inside_the_range() -> None:
    calendar = ScheduleCalendar()
    job = date(2026, 5, 20)
    assert occurrences((), 1, job, None, date(2026, 5, 1), date(2026, 5, 31), calendar.closed) == [
        job
    ]
    assert (
        occurrences((), 1, job, None, date(2026, 5, 21), date(2026, 5, 31), calendar.closed) == []
    )
    assert occurrences((), 1, job, None, date(2026, 4, 1), date(2026, 5, 19), calendar.closed) == []
    # A one-off job on a holiday is not planned either.
    assert (
        occurrences(
            (), 1, date(2026, 5, 1), None, date(2026, 4, 1), date(2026, 5, 31), calendar.closed
        )
        == []
    )


def test_valid_to_and_valid_from_cut_the_schedule() -> None:
    days = occurrences(
        (TUE,), 1, date(2026, 3, 4), date(2026, 3, 24), date(2026, 3, 1), date(2026, 4, 30), never
    )
    assert days == [date(2026, 3, 10), date(2026, 3, 17), date(2026, 3, 24)]
    assert (
        occurrences(
            (TUE,),
            1,
            date(2026, 3, 4),
            date(2026, 3, 24),
            date(2026, 4, 1),
            date(2026, 4, 30),
            never,
        )
        == []
    )


def test_every_weeks_must_be_positive() -> None:
    with pytest.raises(ValueError, match="every_weeks"):
        occurrences((MON,), 0, date(2026, 1, 1), None, date(2026, 1, 1), date(2026, 2, 1), never)

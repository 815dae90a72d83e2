"""Timesheet arithmetic: worked and billable minutes, and the checks of one person's day."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_desktop.domain.parsing import parse_time
from jobcenter_desktop.domain.timesheets import (
    MAX_DAY_MINUTES,
    Entry,
    billable_minutes,
    check_day,
    overlapping_pairs,
    worked_minutes,
)
from jobcenter_desktop.domain.validation import FieldError
from jobcenter_desktop.i18n.formatting import format_duration

# --- worked minutes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "break_minutes", "worked"),
    [
        ("830", "1600", 30, 420),
        ("8.30", "16.00", 0, 450),
        ("8:30", "8:31", 0, 1),
        ("0", "23:59", 0, 1439),
        ("7", "1515", 29, 466),
        ("8", "10", 119, 1),
    ],
)
def test_worked_minutes_from_typed_times(
    start: str, end: str, break_minutes: int, worked: int
) -> None:
    assert worked_minutes(parse_time(start), parse_time(end), break_minutes) == worked


@pytest.mark.parametrize(
    ("start", "end", "break_minutes", "message"),
    [
        (time(10), time(10), 0, "must be after the start time"),
        (time(10), time(9, 59), 0, "must be after the start time"),
        (time(22), time(2), 0, "must be after the start time"),  # over midnight: two entries
        (time(8), time(10), -1, "cannot be negative"),
        (time(8), time(10), 120, "must be shorter than the time from start to end"),
        (time(8), time(10), 121, "must be shorter than the time from start to end"),
    ],
)
def test_worked_minutes_rejects_impossible_entries(
    english: None, start: time, end: time, break_minutes: int, message: str
) -> None:
    with pytest.raises(FieldError) as raised:
        worked_minutes(start, end, break_minutes)
    assert raised.value.message == message


def test_worked_minutes_errors_are_in_finnish(finnish: None) -> None:
    with pytest.raises(FieldError, match="pitää olla alkuajan jälkeen"):
        worked_minutes(time(10), time(9), 0)


# --- billable minutes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("worked", "step", "billable"),
    [
        (0, 1, 0),
        (0, 15, 0),
        (0, 60, 0),
        (437, 1, 437),  # step 1: unchanged
        (7, 15, 0),  # under half a step: down
        (8, 15, 15),  # over half a step: up
        (52, 15, 45),
        (53, 15, 60),
        (60, 15, 60),
        (420, 15, 420),
        (14, 30, 0),
        (15, 30, 30),  # exactly half a step: up
        (44, 30, 30),
        (45, 30, 60),
        (29, 60, 0),
        (30, 60, 60),  # exactly half an hour: up
        (89, 60, 60),
        (90, 60, 120),
        (450, 60, 480),
    ],
)
def test_billable_minutes_round_to_the_nearest_step_halves_up(
    worked: int, step: int, billable: int
) -> None:
    assert billable_minutes(worked, step) == billable


@pytest.mark.parametrize(("worked", "step"), [(10, 0), (10, -15), (-1, 15)])
def test_billable_minutes_rejects_nonsense(worked: int, step: int) -> None:
    with pytest.raises(ValueError):
        billable_minutes(worked, step)


@given(worked=st.integers(min_value=0, max_value=10_000), step=st.integers(1, 240))
def test_billable_minutes_is_a_whole_step_within_half_a_step(worked: int, step: int) -> None:
    billable = billable_minutes(worked, step)
    assert billable % step == 0
    assert 2 * abs(billable - worked) <= step
    assert billable >= 0


@given(worked=st.integers(min_value=0, max_value=10_000), step=st.integers(1, 240))
def test_billable_minutes_never_go_down_when_more_is_worked(worked: int, step: int) -> None:
    assert billable_minutes(worked, step) <= billable_minutes(worked + 1, step)


@given(
    start=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    end=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    break_minutes=st.integers(min_value=-5, max_value=24 * 60),
)
def test_worked_minutes_is_positive_or_refused(start: time, end: time, break_minutes: int) -> None:
    try:
        worked = worked_minutes(start, end, break_minutes)
    except FieldError:
        return
    span = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    assert 0 < worked <= span
    assert worked + break_minutes == span


# --- one person's day ------------------------------------------------------------------------


def entry(start: str, end: str, break_minutes: int = 0, gig_id: int = 1) -> Entry:
    return Entry(
        person_id=7,
        gig_id=gig_id,
        start=parse_time(start),
        end=parse_time(end),
        break_minutes=break_minutes,
    )


def test_an_empty_day_is_fine() -> None:
    assert check_day([]) == []


@pytest.mark.parametrize(
    ("entries", "overlaps"),
    [
        ([entry("8", "10")], 0),
        ([entry("8", "10"), entry("10", "12", gig_id=2)], 0),  # touching
        ([entry("10", "12", gig_id=2), entry("8", "10")], 0),  # in any order
        ([entry("8", "1001"), entry("10", "12", gig_id=2)], 1),
        ([entry("8", "16"), entry("9", "10", gig_id=2), entry("11", "12", gig_id=3)], 2),
        ([entry("8", "12"), entry("9", "11", gig_id=2), entry("10", "1030", gig_id=3)], 3),
        ([entry("8", "10"), entry("8", "10", gig_id=2)], 1),  # the same hours twice
        ([entry("8", "10"), entry("11", "9", gig_id=2)], 0),  # the invalid one is skipped
    ],
)
def test_overlapping_entries_are_reported_pair_by_pair(entries: list[Entry], overlaps: int) -> None:
    assert len(check_day(entries)) == overlaps


def test_the_overlap_message_names_both_entries(finnish: None) -> None:
    (message,) = check_day([entry("8", "1030"), entry("10", "12", gig_id=2)])
    assert message.startswith("Kirjaukset 8.00–10.30 ja 10.00–12.00 menevät päällekkäin.")


@pytest.mark.parametrize(
    ("entries", "over"),
    [
        ([entry("6", "18")], False),  # exactly 12 h
        ([entry("6", "1801")], True),
        ([entry("6", "1830", 30)], False),  # 12 h 30 min less a 30 min break
        ([entry("6", "1831", 30)], True),
        ([entry("6", "12"), entry("12", "18", gig_id=2)], False),
        ([entry("6", "12"), entry("12", "1815", gig_id=2)], True),
        ([entry("6", "12"), entry("13", "20", 60, gig_id=2)], False),
    ],
)
def test_at_most_twelve_hours_a_day(entries: list[Entry], over: bool) -> None:
    problems = check_day(entries)
    assert bool(problems) is over


def test_the_twelve_hour_message_says_how_much(english: None) -> None:
    (message,) = check_day([entry("6", "12"), entry("12", "1815", gig_id=2)])
    assert message.startswith("12 h 15 min of work in one day is more than the limit of 12 hours")
    assert MAX_DAY_MINUTES == 720


def test_entries_of_two_people_are_not_one_day() -> None:
    other = Entry(person_id=8, gig_id=1, start=time(8), end=time(10), break_minutes=0)
    with pytest.raises(ValueError):
        check_day([entry("8", "10"), other])


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "0 h"), (45, "45 min"), (60, "1 h"), (1200, "20 h"), (1290, "21 h 30 min")],
)
def test_format_duration(finnish: None, minutes: int, text: str) -> None:
    assert format_duration(minutes) == text


def test_overlapping_pairs_name_each_overlap_once_the_earlier_first() -> None:
    # ``check`` names both entries of each overlap (services/integrity.py).
    early, late, touching = (
        entry("8", "10", gig_id=1),
        entry("9", "11", gig_id=2),
        entry("11", "12"),
    )
    assert overlapping_pairs([late, touching, early]) == [(early, late)]
    assert overlapping_pairs([early, entry("10", "9")]) == []  # an impossible entry is left out

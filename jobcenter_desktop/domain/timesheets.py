"""Timesheet arithmetic: worked minutes, billable minutes, and one person's day.

Pure rules over plain values. Times are typed as ``830``, ``8.30`` or ``8:30``
and read with ``domain.validation.time_value``; this module gets ``time`` values.
The worked minutes are kept as recorded; only the invoice uses the billable
minutes, rounded to the contract's step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time

from jobcenter_desktop.domain.validation import FieldError
from jobcenter_desktop.i18n import _
from jobcenter_desktop.i18n.formatting import format_duration, format_time

# The most one person may work in one day, in minutes (12 h); exactly 12 h is allowed.
MAX_DAY_MINUTES = 12 * 60


@dataclass(frozen=True)
class Entry:
    """One person's actual start, end and break on one gig (a timesheet entry)."""

    person_id: int
    gig_id: int
    start: time
    end: time
    break_minutes: int


def _span(start: time, end: time) -> int:
    delta = datetime.combine(datetime.min, end) - datetime.combine(datetime.min, start)
    return int(delta.total_seconds()) // 60


def worked_minutes(start: time, end: time, break_minutes: int) -> int:
    """Minutes worked between ``start`` and ``end`` on one day, less the break.

    Raises ``FieldError`` (translated, without a field label) when the end is not
    after the start, the break is negative, or the break is as long as the span.
    A shift over midnight is two entries, one per day.
    """
    span = _span(start, end)
    if span <= 0:
        raise FieldError(_("must be after the start time"))
    if break_minutes < 0:
        raise FieldError(_("cannot be negative"))
    if break_minutes >= span:
        raise FieldError(_("must be shorter than the time from start to end"))
    return span - break_minutes


def billable_minutes(worked: int, step: int) -> int:
    """The worked minutes rounded to the contract's billing step, for the invoice.

    Rounds to the *nearest* whole step, a half step up: with a 15-minute step,
    7 min -> 0, 8 min -> 15, 52 min -> 45, 53 min -> 60. This is gentler to the
    customer than the "alkava vartti" practice of rounding every started step
    up, and it never moves the time by more than half a step. A step of 1 leaves
    the minutes unchanged. Raises ``ValueError`` for a step below 1 or negative
    worked minutes (programming errors: the inputs are validated upstream).
    """
    if step < 1:
        raise ValueError(f"billing step must be at least 1 minute, got {step}")
    if worked < 0:
        raise ValueError(f"worked minutes cannot be negative, got {worked}")
    whole, rest = divmod(worked, step)
    if 2 * rest >= step:
        whole += 1
    return whole * step


def _times(entry: Entry) -> str:
    return f"{format_time(entry.start)}–{format_time(entry.end)}"


def check_day(entries: Sequence[Entry]) -> list[str]:
    """Problems with one person's entries on one day, as translated sentences.

    Reports each overlapping pair (an entry ending at 10.00 and one starting at
    10.00 do not overlap) and a total of more than 12 hours worked. An entry
    that is invalid on its own (end not after start, bad break) is the business
    of ``worked_minutes``: here it is left out of the checks. Raises
    ``ValueError`` when the entries belong to more than one person.
    """
    if len({entry.person_id for entry in entries}) > 1:
        raise ValueError("check_day takes the entries of one person")
    valid = [entry for entry in entries if _span(entry.start, entry.end) > 0]
    problems = [
        _(
            "The entries {first} and {second} overlap. "
            "Correct the times so that one ends before the other starts."
        ).format(first=_times(first), second=_times(second))
        for first, second in overlapping_pairs(valid)
    ]
    total = sum(
        _span(entry.start, entry.end) - entry.break_minutes
        for entry in valid
        if 0 <= entry.break_minutes < _span(entry.start, entry.end)
    )
    if total > MAX_DAY_MINUTES:
        problems.append(
            _(
                "{worked} of work in one day is more than the limit of 12 hours. "
                "Check the times and breaks."
            ).format(worked=format_duration(total))
        )
    return problems


def overlapping_pairs(entries: Sequence[Entry]) -> list[tuple[Entry, Entry]]:
    """The pairs of one day's entries whose times overlap, the earlier-starting one first.

    An entry ending at 10.00 and one starting at 10.00 do not overlap. Entries whose
    end is not after their start are left out.
    """
    valid = sorted(
        (entry for entry in entries if _span(entry.start, entry.end) > 0),
        key=lambda entry: (entry.start, entry.end),
    )
    pairs = []
    for index, first in enumerate(valid):
        for second in valid[index + 1 :]:
            if second.start >= first.end:
                break  # sorted by start: no later entry overlaps ``first`` either
            pairs.append((first, second))
    return pairs

"""When a gig ends: one rule for the planner's card, the printed sheets and the checks.

A gig has a day, a wall-clock start and a length in minutes. It ends at
``gig_end``: the start plus the minutes, as a ``datetime``, so a gig from 22.00
lasting 4 hours ends at 2.00 on the *next* day. The conflict checks compare
these datetimes; the card and the gig sheet show the same end in
``time_range_text`` ("22.00–2.00 (next day)"); a timesheet entry is one day's
work, so its planned end is ``end_on_start_day`` (23.59 for a gig past midnight).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from jobcenter_desktop.i18n import gettext
from jobcenter_desktop.i18n.formatting import format_time

if TYPE_CHECKING:
    from jobcenter_desktop.i18n.translator import Translator

#: the planned end of a timesheet day whose gig goes on past midnight
LAST_MINUTE = time(23, 59)


def gig_start(day: date, start: time) -> datetime:
    return datetime.combine(day, start)


def gig_end(day: date, start: time, minutes: int) -> datetime:
    """When a gig from ``start`` on ``day`` lasting ``minutes`` ends: the next day past midnight."""
    return gig_start(day, start) + timedelta(minutes=minutes)


def gig_interval(day: date, start: time, minutes: int) -> tuple[datetime, datetime]:
    """The gig's start and end, a half-open interval: 8–10 and 10–12 do not overlap."""
    return gig_start(day, start), gig_end(day, start, minutes)


def ends_next_day(day: date, start: time, minutes: int) -> bool:
    """Whether the gig goes on past midnight (ending exactly at 24.00 counts: 0.00 next day)."""
    return gig_end(day, start, minutes).date() > day


def end_on_start_day(day: date, start: time, minutes: int) -> time:
    """The planned end within the gig's own day: its end, or 23.59 for a gig past midnight."""
    end = gig_end(day, start, minutes)
    return end.time() if end.date() == day else LAST_MINUTE


def time_range_text(day: date, start: time, minutes: int, tr: Translator | None = None) -> str:
    """``8.00–12.00``; a gig past midnight says so: ``22.00–2.00 (next day)``.

    In the program's language, or in ``tr``'s (a document's).
    """
    _ = gettext if tr is None else tr.gettext
    end = gig_end(day, start, minutes)
    first, last = format_time(start, tr), format_time(end.time(), tr)
    if end.date() > day:
        return _("{start}–{end} (next day)").format(start=first, end=last)
    return f"{first}–{last}"

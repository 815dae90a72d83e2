"""Which days a contract's schedule falls on, and which days the centre is closed.

Pure rules, no I/O. Gigs keep their wall-clock start time on every date, so the
changes to and from summer time (the last Sundays of March and October) are days
like any other here: a schedule is a list of local dates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from jobcenter_desktop.domain.enums import Weekday

MIDSUMMER_EVE = "Juhannusaatto"
CHRISTMAS_EVE = "Jouluaatto"


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def occurrences(
    weekdays: tuple[Weekday, ...],
    every_weeks: int,
    valid_from: date,
    valid_to: date | None,
    start: date,
    end: date,
    closed: Callable[[date], bool],
) -> list[date]:
    """The open days in ``[start, end]`` (both included) on which the schedule falls.

    A weekly schedule counts weeks from the ISO week that contains ``valid_from``:
    that week is week 0, and "every N weeks" means weeks 0, N, 2N … Days before
    ``valid_from`` or after ``valid_to`` are never included. An empty ``weekdays``
    is a one-off job on ``valid_from``. Days for which ``closed(day)`` is true are
    left out.
    """
    if every_weeks < 1:
        raise ValueError(f"every_weeks must be at least 1, not {every_weeks}")
    first = max(start, valid_from)
    last = end if valid_to is None else min(end, valid_to)
    if first > last:
        return []
    if not weekdays:
        return [] if closed(valid_from) or not first <= valid_from <= last else [valid_from]
    numbers = sorted({day.number for day in weekdays})
    origin = week_start(valid_from)
    weeks_in = (week_start(first) - origin).days // 7
    # The first scheduled week at or after the week of ``first``.
    week = origin + timedelta(weeks=-(-weeks_in // every_weeks) * every_weeks)
    found: list[date] = []
    while week <= last:
        for number in numbers:
            day = week + timedelta(days=number)
            if first <= day <= last and not closed(day):
                found.append(day)
        week += timedelta(weeks=every_weeks)
    return found


def _midsummer_eve(year: int) -> date:
    """The Friday between 19 and 25 June."""
    day = date(year, 6, 19)
    return day + timedelta(days=(4 - day.weekday()) % 7)


def finnish_holidays(years: Iterable[int]) -> dict[date, str]:
    """Finland's public holidays in Finnish, Midsummer Eve and Christmas Eve included.

    The ``holidays`` package lists both eves as public holidays; they are added
    here too in case a version of the package files them under another category.
    """
    import holidays  # here, not at start: the package takes a while to load

    wanted = sorted(set(years))
    found: dict[date, str] = dict(
        holidays.country_holidays("FI", years=wanted, language="fi").items()
    )
    for year in wanted:
        found.setdefault(_midsummer_eve(year), MIDSUMMER_EVE)
        found.setdefault(date(year, 12, 24), CHRISTMAS_EVE)
    return found


@dataclass
class ScheduleCalendar:
    """Public holidays and the centre's own closure days: the days no gig is planned."""

    closure_days: dict[date, str] = field(default_factory=dict)
    _holidays: dict[date, str] = field(default_factory=dict, init=False, repr=False)
    _years: set[int] = field(default_factory=set, init=False, repr=False)

    def holiday(self, day: date) -> str | None:
        if day.year not in self._years:
            self._years.add(day.year)
            self._holidays.update(finnish_holidays([day.year]))
        return self._holidays.get(day)

    def reason(self, day: date) -> str | None:
        """Why the centre is closed on ``day`` (the holiday's or closure's name), or None."""
        if day in self.closure_days:
            return self.closure_days[day]
        return self.holiday(day)

    def closed(self, day: date) -> bool:
        return day in self.closure_days or self.holiday(day) is not None

"""Reading values as people type them in Finland: dates, times, yes/no, weekdays.

Every parser raises ``ValueError`` with an English message for the log; the
validators in ``domain.validation`` turn that into a translated sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, time

from jobcenter_desktop.domain.enums import Weekday

# Day first, as written in Finland: 5.10.2026, 05.10.26, 5.10. and 5.10 (this
# year). The slash form is what the English screens print (05/10/2026), so a
# value copied from the screen reads back.
_DOTTED_DATE_RE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})(?:\.([0-9]{2}|[0-9]{4})?)?")
_SLASHED_DATE_RE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{2}|[0-9]{4})")
_ISO_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")

_HOURS_RE = re.compile(r"[0-9]{1,2}")
_COMPACT_TIME_RE = re.compile(r"([0-9]{1,2})([0-9]{2})")
_SEPARATED_TIME_RE = re.compile(r"([0-9]{1,2})[.:]([0-9]{2})")

_TRUE_WORDS = frozenset({"1", "true", "yes", "y", "kyllä", "k", "ja", "j", "x"})
_FALSE_WORDS = frozenset({"0", "false", "no", "n", "ei", "e", "nej", ""})

_WEEKDAY_ALIASES: dict[Weekday, tuple[str, ...]] = {
    # English, Finnish, Swedish ("ti" and "to" are the same day in both)
    Weekday.MON: ("mon", "monday", "ma", "maanantai", "mån", "måndag"),
    Weekday.TUE: ("tue", "tuesday", "ti", "tiistai", "tis", "tisdag"),
    Weekday.WED: ("wed", "wednesday", "ke", "keskiviikko", "ons", "onsdag"),
    Weekday.THU: ("thu", "thursday", "to", "torstai", "tor", "tors", "torsdag"),
    Weekday.FRI: ("fri", "friday", "pe", "perjantai", "fre", "fredag"),
    Weekday.SAT: ("sat", "saturday", "la", "lauantai", "lör", "lördag"),
    Weekday.SUN: ("sun", "sunday", "su", "sunnuntai", "sön", "söndag"),
}
_WEEKDAY_NAMES = {name: day for day, names in _WEEKDAY_ALIASES.items() for name in names}
# Monday first, as date.weekday() counts.
_ORDER = {day: number for number, day in enumerate(Weekday)}
_WEEKDAY_SPLIT_RE = re.compile(r"[\s,;]+")
_WEEKDAY_RANGE_RE = re.compile(r"\s*[-\u2013]\s*")  # "ma-pe", "mon – fri"
_INT_RE = re.compile(r"[-+\u2212]?[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+|[-+\u2212]?[0-9]+")


def _year(text: str | None, today: date | None) -> int:
    if not text:
        return (today or date.today()).year
    if len(text) == 2:
        return 2000 + int(text)
    return int(text)


def parse_date(text: str, today: date | None = None) -> date:
    """Read ``2026-10-05``, ``5.10.2026``, ``05.10.2026``, ``5.10.26``, ``5.10.`` or ``5.10``.

    A two-digit year is 20xx; without a year, the year of ``today`` (default:
    the real today) is used. ``05/10/2026`` is also read, day first.
    """
    cleaned = text.strip()
    if match := _ISO_DATE_RE.fullmatch(cleaned):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DOTTED_DATE_RE.fullmatch(cleaned) or _SLASHED_DATE_RE.fullmatch(cleaned):
        day, month = int(match[1]), int(match[2])
        year = _year(match[3], today)
    else:
        raise ValueError(f"not a date: {text!r}")
    try:
        return date(year, month, day)
    except ValueError as error:
        raise ValueError(f"not a date: {text!r} ({error})") from error


def parse_time(text: str) -> time:
    """Read a clock time: ``8``, ``830``, ``0830``, ``1630``, ``8.30``, ``8:30``, ``08:30``.

    Minutes after a separator must have two digits (``8.3`` is rejected: it
    could mean 8.03 or 8.30). ``24:00`` is not a time of day.
    """
    cleaned = text.strip()
    if _HOURS_RE.fullmatch(cleaned):
        hours, minutes = int(cleaned), 0
    elif match := _COMPACT_TIME_RE.fullmatch(cleaned) or _SEPARATED_TIME_RE.fullmatch(cleaned):
        hours, minutes = int(match[1]), int(match[2])
    else:
        raise ValueError(f"not a time: {text!r}")
    if hours > 23 or minutes > 59:
        raise ValueError(f"not a time: {text!r}")
    return time(hours, minutes)


def parse_bool(text: str) -> bool:
    """Read yes/no as typed or imported: 1/0, true/false, yes/no, kyllä/ei, k/e, ja/nej, x/empty."""
    folded = text.strip().casefold()
    if folded in _TRUE_WORDS:
        return True
    if folded in _FALSE_WORDS:
        return False
    raise ValueError(f"not yes or no: {text!r}")


def _weekday(name: str, text: str) -> Weekday:
    try:
        return _WEEKDAY_NAMES[name]
    except KeyError:
        raise ValueError(f"unknown weekday {name!r} in {text!r}") from None


def parse_weekdays(text: str) -> tuple[Weekday, ...]:
    """Read weekdays in English, Finnish or Swedish: ``mon,thu``, ``ma, to``, ``mån,tor``, ``ma-pe``
    or ``Mon Thu``.

    The result is sorted Monday first, without repeats; blank text gives ``()``.
    A range must run forwards within one week (``la-ma`` is rejected).
    """
    days: set[Weekday] = set()
    normalised = _WEEKDAY_RANGE_RE.sub("-", text.strip().casefold())
    for token in _WEEKDAY_SPLIT_RE.split(normalised):
        if not token:
            continue
        if "-" in token:
            first_name, _, last_name = token.partition("-")
            first, last = _weekday(first_name, text), _weekday(last_name, text)
            if _ORDER[last] < _ORDER[first]:
                raise ValueError(f"weekday range runs backwards in {text!r}")
            days.update(day for day in Weekday if _ORDER[first] <= _ORDER[day] <= _ORDER[last])
        else:
            days.add(_weekday(token, text))
    return tuple(sorted(days, key=_ORDER.__getitem__))


def format_weekdays(days: Iterable[Weekday]) -> str:
    """The stored form of weekdays: codes sorted Monday first, e.g. ``mon,thu``."""
    unique = sorted(set(days), key=_ORDER.__getitem__)
    return ",".join(day.value for day in unique)


def parse_int(text: str) -> int:
    """Read a whole number; thousands may be grouped with spaces (``1 000``)."""
    cleaned = text.strip()
    if not _INT_RE.fullmatch(cleaned):
        raise ValueError(f"not a whole number: {text!r}")
    digits = re.sub(r"[ \u00a0\u202f]", "", cleaned).replace("\u2212", "-")
    return int(digits)

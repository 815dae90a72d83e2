"""Conflict checks for putting a person on a gig: pure rules, facts in, conflicts out.

The caller (a service or a live check in the planning screen) gathers plain facts
about the gig, the person, their other bookings and their attendance; these
functions say what is wrong, in a sentence the instructor can act on.

Blocking, as decided here:

- ``blocking=True`` (``overlap``, ``not_active``): the person cannot do the
  gig as planned: they cannot be in two places at once, and a paused or ended
  participant is not in the programme. The UI must stop the booking.
- ``blocking=False`` (``qualification_missing``, ``qualification_expired``,
  ``weekly_limit``, ``instructor_double_booked``): a warning. The instructor
  may go on with an explicit override, which the service records with its
  reason (the override is the UI's and the service's job, not this module's).
- ``same_day_rule``: a warning by default; blocking when the centre's
  setting says so (``same_day_rule_blocks``). The DOMAIN's "warn by default,
  block if the centre says so".
- ``benefit_limit``: a gig that takes a participant with a benefit profile over a
  benefit's monthly or personal earnings limit (approved + planned + this gig >
  limit; at the limit exactly is within). A warning; blocking when the centre's
  setting says so (``benefit_limit_blocks``). A reduction rule (unemployment
  benefit, housing allowance) has no limit and is never a conflict. Where the rule
  of every crossed limit allows some months a year over it and one is left this
  year, the month would use one: a warning only, whatever the setting, saying so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from babel import dates as babel_dates
from babel import numbers as babel_numbers

from jobcenter_desktop.domain.enums import ParticipantStatus, ServiceBasis
from jobcenter_desktop.domain.gig_times import gig_interval, time_range_text
from jobcenter_desktop.i18n import _
from jobcenter_desktop.i18n.formatting import (
    current_locale,
    format_date,
    format_duration,
    format_money,
)

# The tax-free cap of the work-activity allowance (työosuusraha), euros per day.
# It changes by law, so it will become a dated, editable setting (HOUSE-STYLE.md:
# "figures that change by law are dated data"); until then it is this constant.
ALLOWANCE_TAX_FREE_CAP = Decimal("12.00")

# Both are disability work activity (the Social Welfare Act and the Special Care
# Act): allowance and paid work never share a day.
_DISABILITY_BASES = frozenset({ServiceBasis.DISABILITY, ServiceBasis.SPECIAL_CARE})

AttendanceStatus = Literal["present", "absent", "paid_work"]


class ConflictKind(StrEnum):
    OVERLAP = "overlap"
    QUALIFICATION_MISSING = "qualification_missing"
    QUALIFICATION_EXPIRED = "qualification_expired"
    WEEKLY_LIMIT = "weekly_limit"
    NOT_ACTIVE = "not_active"
    INSTRUCTOR_DOUBLE_BOOKED = "instructor_double_booked"
    SAME_DAY_RULE = "same_day_rule"
    BENEFIT_LIMIT = "benefit_limit"


@dataclass(frozen=True)
class Booking:
    """A person's place on a gig: from ``start`` on ``day`` for ``minutes``."""

    person_id: int
    gig_id: int
    day: date
    start: time
    minutes: int


@dataclass(frozen=True)
class PersonFacts:
    """What the checks need to know about a participant.

    ``qualifications`` maps a qualification code to ``(issued, expires)``;
    either may be unknown (``None``): no expiry date means it does not expire.
    """

    participant_id: int
    name: str
    status: ParticipantStatus
    service_basis: ServiceBasis
    weekly_limit_minutes: int | None
    qualifications: Mapping[str, tuple[date | None, date | None]]


@dataclass(frozen=True)
class Attendance:
    """A participant's work-activity day.

    ``start`` and ``end`` are the work-activity hours, recorded for
    rehabilitative work activity (where paid work may share the day outside them).
    """

    participant_id: int
    day: date
    status: AttendanceStatus
    allowance: Decimal | None = None
    start: time | None = None
    end: time | None = None


@dataclass(frozen=True)
class GigFacts:
    """The gig being staffed; ``label`` names it in messages (e.g. "Parish hall, cleaning")."""

    gig_id: int
    day: date
    start: time
    minutes: int
    required_qualifications: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class Conflict:
    """One reason against a booking; ``message`` is a translated sentence saying what to do."""

    kind: ConflictKind
    person_id: int
    gig_id: int
    message: str
    blocking: bool


def allowance_over_cap(amount: Decimal) -> bool:
    """Whether a day's allowance is above the tax-free cap (equal to the cap is fine)."""
    return amount > ALLOWANCE_TAX_FREE_CAP


def _interval(day: date, start: time, minutes: int) -> tuple[datetime, datetime]:
    return gig_interval(day, start, minutes)


def _overlaps(first: tuple[datetime, datetime], second: tuple[datetime, datetime]) -> bool:
    # Half-open intervals: 8-10 and 10-12 touch but do not overlap.
    return first[0] < second[1] and second[0] < first[1]


def _times(interval: tuple[datetime, datetime]) -> str:
    start, end = interval
    minutes = int((end - start).total_seconds()) // 60
    return time_range_text(start.date(), start.time(), minutes)


def _week(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _clashes(
    gig: GigFacts, person_id: int, other_bookings: Sequence[Booking]
) -> list[tuple[datetime, datetime]]:
    """The person's other bookings that overlap the gig, in time order."""
    wanted = _interval(gig.day, gig.start, gig.minutes)
    found = []
    for booking in other_bookings:
        if booking.person_id != person_id or booking.gig_id == gig.gig_id:
            continue
        other = _interval(booking.day, booking.start, booking.minutes)
        if _overlaps(wanted, other):
            found.append(other)
    return sorted(found)


def _conflict(
    kind: ConflictKind, person_id: int, gig: GigFacts, message: str, blocking: bool
) -> Conflict:
    return Conflict(
        kind=kind, person_id=person_id, gig_id=gig.gig_id, message=message, blocking=blocking
    )


def _status_conflicts(gig: GigFacts, person: PersonFacts) -> list[Conflict]:
    if person.status is ParticipantStatus.PAUSED:
        message = _(
            "{name} is paused and cannot be booked on {gig}. "
            "Resume their participation first, or choose someone else."
        )
    elif person.status is ParticipantStatus.ENDED:
        message = _(
            "{name}'s participation has ended, so they cannot be booked on {gig}. "
            "Choose someone else."
        )
    else:
        return []
    text = message.format(name=person.name, gig=gig.label)
    return [_conflict(ConflictKind.NOT_ACTIVE, person.participant_id, gig, text, True)]


def _overlap_conflicts(
    gig: GigFacts, person: PersonFacts, other_bookings: Sequence[Booking]
) -> list[Conflict]:
    return [
        _conflict(
            ConflictKind.OVERLAP,
            person.participant_id,
            gig,
            _(
                "{name} is already booked on {date} at {times}, which overlaps {gig}. "
                "Choose someone else, or move one of the gigs."
            ).format(
                name=person.name,
                date=format_date(other[0].date()),
                times=_times(other),
                gig=gig.label,
            ),
            True,
        )
        for other in _clashes(gig, person.participant_id, other_bookings)
    ]


def _qualification_conflicts(gig: GigFacts, person: PersonFacts) -> list[Conflict]:
    found = []
    for code in gig.required_qualifications:
        held = person.qualifications.get(code)
        if held is None:
            kind = ConflictKind.QUALIFICATION_MISSING
            text = _(
                "{name} has no {qualification}, which {gig} requires. "
                "Add it to their qualifications, or choose someone else."
            ).format(name=person.name, qualification=code, gig=gig.label)
        else:
            issued, expires = held
            if issued is not None and issued > gig.day:
                kind = ConflictKind.QUALIFICATION_MISSING
                text = _(
                    "{name}'s {qualification} is valid only from {issued}, "
                    "but {gig} is on {date}. Choose someone else for that day."
                ).format(
                    name=person.name,
                    qualification=code,
                    issued=format_date(issued),
                    gig=gig.label,
                    date=format_date(gig.day),
                )
            elif expires is not None and expires < gig.day:
                # A card expiring on the gig's day is still valid that day.
                kind = ConflictKind.QUALIFICATION_EXPIRED
                text = _(
                    "{name}'s {qualification} expired on {expires}, before {gig} on {date}. "
                    "Renew it in their qualifications, or choose someone else."
                ).format(
                    name=person.name,
                    qualification=code,
                    expires=format_date(expires),
                    gig=gig.label,
                    date=format_date(gig.day),
                )
            else:
                continue
        found.append(_conflict(kind, person.participant_id, gig, text, False))
    return found


def _weekly_limit_conflicts(
    gig: GigFacts, person: PersonFacts, other_bookings: Sequence[Booking]
) -> list[Conflict]:
    limit = person.weekly_limit_minutes
    if limit is None:
        return []
    monday, sunday = _week(gig.day)
    booked = gig.minutes + sum(
        booking.minutes
        for booking in other_bookings
        if booking.person_id == person.participant_id
        and booking.gig_id != gig.gig_id
        and monday <= booking.day <= sunday
    )
    if booked <= limit:
        return []
    text = _(
        "With {gig}, {name} would work {booked} / {limit} in the week {monday}–{sunday}: "
        "more than their weekly limit. Choose someone else, or shorten their gigs that week."
    ).format(
        gig=gig.label,
        name=person.name,
        booked=format_duration(booked),
        limit=format_duration(limit),
        monday=format_date(monday),
        sunday=format_date(sunday),
    )
    return [_conflict(ConflictKind.WEEKLY_LIMIT, person.participant_id, gig, text, False)]


def _same_day_conflicts(
    gig: GigFacts, person: PersonFacts, attendance: Sequence[Attendance], blocks: bool
) -> list[Conflict]:
    return _same_day(
        gig, _Worker(person.participant_id, person.name, person.service_basis), attendance, blocks
    )


@dataclass(frozen=True)
class _Worker:
    participant_id: int
    name: str
    service_basis: ServiceBasis


def _same_day(
    gig: GigFacts,
    person: _Worker,
    attendance: Sequence[Attendance],
    blocks: bool,
    ask_unknown: bool = True,
) -> list[Conflict]:
    """The same-day rule, planned or recorded: ``gig`` holds the hours, planned or worked.

    ``ask_unknown``: whether a rehabilitative day without recorded hours asks the
    instructor to check (planning does; recorded hours report only breaches)."""
    days = [
        day
        for day in attendance
        if day.participant_id == person.participant_id
        and day.day == gig.day
        and day.status == "present"
    ]
    if not days:
        return []
    found = []
    if person.service_basis in _DISABILITY_BASES:
        text = _(
            "{name} has disability work activity with allowance on {date}: paid work that day "
            "({gig}) would break the same-day rule. Mark the day as paid work in attendance, "
            "or choose someone else."
        ).format(name=person.name, date=format_date(gig.day), gig=gig.label)
        found.append(
            _conflict(ConflictKind.SAME_DAY_RULE, person.participant_id, gig, text, blocks)
        )
    elif person.service_basis is ServiceBasis.REHABILITATIVE:
        wanted = _interval(gig.day, gig.start, gig.minutes)
        for day in days:
            if day.start is None or day.end is None:
                if not ask_unknown:
                    continue
                # Hours unknown: the rule cannot be checked, so ask; never a block.
                text = _(
                    "{name} has rehabilitative work activity on {date} without recorded hours. "
                    "Check that {gig} is outside the work-activity hours."
                ).format(name=person.name, date=format_date(gig.day), gig=gig.label)
                found.append(
                    _conflict(ConflictKind.SAME_DAY_RULE, person.participant_id, gig, text, False)
                )
                continue
            hours = (datetime.combine(day.day, day.start), datetime.combine(day.day, day.end))
            if _overlaps(wanted, hours):
                text = _(
                    "{name} has rehabilitative work activity on {date} at {times}, which "
                    "overlaps {gig}. Paid work must be outside the work-activity hours: move "
                    "the gig or the hours, or choose someone else."
                ).format(
                    name=person.name,
                    date=format_date(gig.day),
                    times=_times(hours),
                    gig=gig.label,
                )
                found.append(
                    _conflict(ConflictKind.SAME_DAY_RULE, person.participant_id, gig, text, blocks)
                )
    return found


@dataclass(frozen=True)
class RecordedHours:
    """Paid hours recorded for a participant: on ``day`` from ``start`` to ``end``, on a gig.

    ``label`` names the gig in messages, as the planner does ("Title (Customer)").
    """

    participant_id: int
    gig_id: int
    day: date
    start: time
    end: time
    label: str

    @property
    def minutes(self) -> int:
        """The span from start to end (a break inside it is still in the day's hours)."""
        span = datetime.combine(self.day, self.end) - datetime.combine(self.day, self.start)
        return max(int(span.total_seconds()) // 60, 0)


def check_recorded_hours(
    hours: RecordedHours,
    name: str,
    service_basis: ServiceBasis,
    attendance: Sequence[Attendance],
    same_day_rule_blocks: bool = False,
) -> list[Conflict]:
    """The same-day rule for hours recorded (the grid, an import) rather than planned.

    The same rule and the same sentences as :func:`check_participant` gives the
    planner: paid hours on a disability (or special-care) work-activity day present
    with allowance, or inside the rehabilitative work-activity hours recorded on the
    day, is a conflict of kind ``same_day_rule``, blocking when the centre's setting
    says so. Only breaches count: a rehabilitative day without recorded hours is not
    one (the attendance import records none). ``attendance`` may hold other days and
    people (they are ignored).
    """
    gig = GigFacts(
        gig_id=hours.gig_id,
        day=hours.day,
        start=hours.start,
        minutes=hours.minutes,
        required_qualifications=(),
        label=hours.label,
    )
    worker = _Worker(hours.participant_id, name, service_basis)
    return _same_day(gig, worker, attendance, same_day_rule_blocks, ask_unknown=False)


def same_day_violations(
    hours: RecordedHours,
    name: str,
    service_basis: ServiceBasis,
    attendance: Sequence[Attendance],
) -> list[Conflict]:
    """The breaches of the same-day rule by recorded hours, whatever the centre's setting
    (what ``check`` reports); the sentences of :func:`check_recorded_hours`."""
    return check_recorded_hours(hours, name, service_basis, attendance, True)


def same_day_applies(service_basis: ServiceBasis, day: Attendance) -> bool:
    """Whether recorded paid hours could break the same-day rule on this day at all.

    Only a day present can; for disability work activity always, for rehabilitative
    only when the day's work-activity hours are recorded. Lets a caller skip the
    hours of the days that cannot conflict.
    """
    if day.status != "present":
        return False
    if service_basis in _DISABILITY_BASES:
        return True
    return (
        service_basis is ServiceBasis.REHABILITATIVE
        and day.start is not None
        and day.end is not None
    )


def refuses(found: Sequence[Conflict]) -> bool:
    """Whether the conflicts stop the save: any of them blocks."""
    return any(conflict.blocking for conflict in found)


def check_participant(
    gig: GigFacts,
    person: PersonFacts,
    other_bookings: Sequence[Booking],
    attendance: Sequence[Attendance],
    same_day_rule_blocks: bool = False,
) -> list[Conflict]:
    """Everything against putting ``person`` on ``gig``; an empty list means all clear.

    ``other_bookings`` may hold anyone's bookings (others' are ignored), and may
    include this gig itself (ignored too, so a re-check of a saved booking does
    not clash with itself). Give at least the bookings of the gig's ISO week,
    Monday to Sunday, for the weekly limit. ``attendance`` likewise may hold
    other days and people. Conflicts come in a fixed order: status, overlap,
    qualifications, weekly limit, same-day rule.
    """
    return [
        *_status_conflicts(gig, person),
        *_overlap_conflicts(gig, person, other_bookings),
        *_qualification_conflicts(gig, person),
        *_weekly_limit_conflicts(gig, person, other_bookings),
        *_same_day_conflicts(gig, person, attendance, same_day_rule_blocks),
    ]


def check_instructor(
    gig: GigFacts, instructor_id: int, name: str, other_bookings: Sequence[Booking]
) -> list[Conflict]:
    """The instructor's other gigs that overlap ``gig`` (a warning each: see the module doc).

    ``other_bookings`` are instructor bookings, with ``person_id`` the instructor's id.
    """
    return [
        _conflict(
            ConflictKind.INSTRUCTOR_DOUBLE_BOOKED,
            instructor_id,
            gig,
            _(
                "{name} already leads another gig on {date} at {times}, which overlaps {gig}. "
                "Choose another instructor, or move one of the gigs."
            ).format(
                name=name, date=format_date(other[0].date()), times=_times(other), gig=gig.label
            ),
            False,
        )
        for other in _clashes(gig, instructor_id, other_bookings)
    ]


@dataclass(frozen=True)
class MonthForecast:
    """A participant's month against their lowest benefit limit, with the gig.

    ``so_far``: approved and planned earnings of the month without this gig;
    ``this_gig``: the gig's planned minutes at the hourly pay in force on its day;
    ``limit``: the lowest monthly or personal limit in force (None: reduction rules
    only, which never conflict); ``confirmed``: whether that limit is a confirmed figure.
    """

    participant_id: int
    name: str
    month: date
    so_far: Decimal
    this_gig: Decimal
    limit: Decimal | None
    confirmed: bool = True
    #: over the limit, when every crossed limit's rule allows some months a year over
    #: it: how many (of the rule with the fewest left); None otherwise
    allowed_months: int | None = None
    #: the months of the year before this one already over that limit
    months_over_before: int = 0

    @property
    def total(self) -> Decimal:
        return self.so_far + self.this_gig

    @property
    def over(self) -> bool:
        """More than the limit by a cent or more; at the limit exactly is within."""
        return self.limit is not None and self.total > self.limit

    @property
    def uses_allowed_month(self) -> bool:
        """Over the limit in one of the year's months it may be exceeded (one is left)."""
        return (
            self.over
            and self.allowed_months is not None
            and self.months_over_before < self.allowed_months
        )


_EUROS: dict[tuple[str, Decimal], str] = {}


def euros(value: Decimal) -> str:
    """An amount as the forecast says it: ``642 €`` when whole, ``642,50 €`` otherwise.

    Remembered per language (Babel is slow and a list repeats its figures)."""
    locale = current_locale()
    key = (str(locale), value)
    text = _EUROS.get(key)
    if text is None:
        text = format_money(value)
        if value == value.to_integral_value():
            text = text.replace(babel_numbers.get_decimal_symbol(locale) + "00", "", 1)
        if len(_EUROS) > 4096:
            _EUROS.clear()
        _EUROS[key] = text
    return text


def month_name(day: date) -> str:
    """The month of ``day`` by its name, as said alone: ``joulukuu``, ``December``."""
    return babel_dates.format_date(day, "LLLL", locale=current_locale())


def forecast_line(forecast: MonthForecast) -> str:
    """``Emilia Koski: joulukuu 642 € + tämä keikka 40 € = 682 € / raja 1 006 €``."""
    if forecast.limit is None:
        return _("{name}: {month} {so_far} + this gig {gig} = {total}").format(
            name=forecast.name,
            month=month_name(forecast.month),
            so_far=euros(forecast.so_far),
            gig=euros(forecast.this_gig),
            total=euros(forecast.total),
        )
    line = _("{name}: {month} {so_far} + this gig {gig} = {total} / limit {limit}").format(
        name=forecast.name,
        month=month_name(forecast.month),
        so_far=euros(forecast.so_far),
        gig=euros(forecast.this_gig),
        total=euros(forecast.total),
        limit=euros(forecast.limit),
    )
    if not forecast.confirmed:
        line += " " + _("(limit unconfirmed)")
    return line


def check_benefit_limit(
    gig: GigFacts, forecast: MonthForecast, blocks: bool = False
) -> list[Conflict]:
    """A conflict of kind ``benefit_limit`` when the gig takes the person over their limit.

    Blocking when the centre's setting ``benefit_limit_blocks`` says so, a warning otherwise;
    always a warning when the month would use one of the year's months the limit may be
    exceeded (the words say so, and how many are used).
    """
    if not forecast.over or forecast.limit is None:
        return []
    values = {
        "line": forecast_line(forecast),
        "gig": gig.label,
        "over": euros(forecast.total - forecast.limit),
        "allowed": forecast.allowed_months,
        "used": forecast.months_over_before,
    }
    if forecast.uses_allowed_month:
        text = _(
            "{line}. With {gig} the earnings limit of the month would be crossed by {over}. "
            "This month would use one of the months a year in which the limit may be "
            "exceeded (allowed: {allowed}, used so far this year: {used}). Agree on it with "
            "the participant first."
        ).format(**values)
        return [_conflict(ConflictKind.BENEFIT_LIMIT, forecast.participant_id, gig, text, False)]
    if forecast.allowed_months is not None:
        text = _(
            "{line}. With {gig} the earnings limit of the month would be crossed by {over}, "
            "and the months a year in which the limit may be exceeded are used (allowed: "
            "{allowed}, used so far this year: {used}). Choose someone else, or agree on it "
            "with the participant first."
        ).format(**values)
    else:
        text = _(
            "{line}. With {gig} the earnings limit of the month would be crossed by {over}. "
            "Choose someone else, or agree on it with the participant first."
        ).format(**values)
    return [_conflict(ConflictKind.BENEFIT_LIMIT, forecast.participant_id, gig, text, blocks)]

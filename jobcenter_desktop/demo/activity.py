"""A lived-in fortnight on the demo centre, so that every screen has something to show.

After :func:`~jobcenter_desktop.demo.registers.load_demo_data` has made the
registers, :func:`load_demo_activity` plans the gigs from last week's Monday up to
the usual horizon, staffs last week's and this week's gigs with people the
conflict checks accept (and one crew with a conflict, to see how it looks),
records the hours of the gigs already past (last week's approved, this week's
done and waiting for approval) and the participants' work-activity attendance
of those days. Everything goes through the same services the window uses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import ConflictKind
from jobcenter_desktop.domain.enums import AttendanceStatus, ParticipantStatus, ServiceBasis
from jobcenter_desktop.domain.gig_times import gig_end
from jobcenter_desktop.domain.schedule import finnish_holidays, week_start
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.gigs import GigRow, list_gigs
from jobcenter_desktop.queries.instructors import list_instructors
from jobcenter_desktop.queries.participants import ParticipantRow, list_participants
from jobcenter_desktop.services.planning.crew_checks import check_gig
from jobcenter_desktop.services.planning.gigs import assign, default_until, generate_gigs
from jobcenter_desktop.services.timesheets.attendance import record_attendance
from jobcenter_desktop.services.timesheets.entries import (
    EntryInput,
    approve,
    mark_done,
    record_entries,
    set_feedback,
)

ALLOWANCE = Decimal("9.00")
FEEDBACK = ("Siisti jälki, kiitos!", "Hyvin tehty.", "Kaikki sujui hyvin.", "")


@dataclass(frozen=True)
class ActivitySummary:
    gigs_planned: int
    gigs_staffed: int
    gigs_recorded: int
    attendance_days: int

    def __str__(self) -> str:
        return _(
            "{planned} gigs planned; {staffed} gigs of last week and this week staffed, "
            "the hours of {recorded} gigs recorded and {days} attendance days."
        ).format(
            planned=self.gigs_planned,
            staffed=self.gigs_staffed,
            recorded=self.gigs_recorded,
            days=self.attendance_days,
        )


def load_demo_activity(
    store: Store, today: date | None = None, seed: int = 2026
) -> ActivitySummary:
    """Plan, staff and record the demo centre's last and current week (see the module)."""
    today = today or date.today()
    rng = random.Random(seed)
    monday = week_start(today)
    first = monday - timedelta(days=7)
    planned = generate_gigs(store, until=default_until(today), today=first).created
    people = [p for p in list_participants(store) if p.status is ParticipantStatus.ACTIVE]
    leaders = [i.id for i in list_instructors(store) if i.active]
    last = monday + timedelta(days=6)
    for number, gig in enumerate(list_gigs(store, first, last)):
        if not gig.status.is_cancelled:
            _staff(store, gig, people, leaders, number)
    gigs = [gig for gig in list_gigs(store, first, last) if gig.participants]
    _one_conflict(store, [gig for gig in gigs if gig.day > today], people)
    past = [gig for gig in gigs if gig.day < today]
    for gig in past:
        _record(store, gig, rng)
    approve(store, up_to=monday - timedelta(days=1))
    days = _attendance(store, people, first, today, past)
    return ActivitySummary(planned, len(gigs), len(past), days)


def _staff(
    store: Store, gig: GigRow, people: list[ParticipantRow], leaders: list[int], number: int
) -> None:
    """A crew of the planned size, each member added only if the checks find nothing."""
    lead = [leaders[number % len(leaders)]] if leaders else []
    crew: list[int] = []
    offset = (number * 3) % len(people) if people else 0
    for person in people[offset:] + people[:offset]:
        if len(crew) >= gig.planned_crew_size:
            break
        if not check_gig(store, gig.id, [*crew, person.id], lead):
            crew.append(person.id)
    if crew:
        assign(store, gig.id, crew, lead)


def _one_conflict(store: Store, upcoming: list[GigRow], people: list[ParticipantRow]) -> None:
    """Put someone without the qualification a job needs on one upcoming gig, as a planner
    would see it (a warning on that card only)."""
    for gig in upcoming:
        crew = [m.id for m in gig.participants]
        for person in people:
            if person.id in crew:
                continue
            found = check_gig(store, gig.id, [*crew, person.id], None)
            if found and {c.kind for c in found} == {ConflictKind.QUALIFICATION_MISSING}:
                assign(store, gig.id, [*crew, person.id], [m.id for m in gig.instructors])
                return


def _record(store: Store, gig: GigRow, rng: random.Random) -> None:
    """The hours from the signed sheet: mostly as planned, now and then someone leaves early."""
    begin = datetime.combine(gig.day, gig.start_time)
    start = gig.start_time
    end = gig_end(gig.day, gig.start_time, gig.duration_minutes).time()
    early = (begin + timedelta(minutes=gig.duration_minutes - 30)).time()
    pause = "15" if gig.duration_minutes >= 240 else ""
    entries = []
    for member in gig.participants:
        leaves = early if rng.random() < 0.15 else end
        entries.append(
            EntryInput(
                participant_id=member.id,
                start=start.strftime("%H:%M"),
                end=leaves.strftime("%H:%M"),
                break_minutes=pause,
            )
        )
    for member in gig.instructors:
        entries.append(
            EntryInput(
                instructor_id=member.id,
                start=start.strftime("%H:%M"),
                end=end.strftime("%H:%M"),
                break_minutes=pause,
            )
        )
    record_entries(store, gig.id, entries)
    mark_done(store, gig.id)
    comment = rng.choice(FEEDBACK)
    if comment:
        set_feedback(store, gig.id, rng.choice((4, 5, 5)), comment)


def _attendance(
    store: Store, people: list[ParticipantRow], first: date, today: date, past: list[GigRow]
) -> int:
    """Work-activity days up to yesterday: paid work on a gig day, otherwise mostly present."""
    holidays = finnish_holidays({first.year, today.year})
    on_gig = {(m.id, gig.day) for gig in past for m in gig.participants}
    count = 0
    day = first
    while day < today:
        if day.weekday() < 5 and day not in holidays:
            for number, person in enumerate(people):
                if (person.id, day) in on_gig:
                    status, allowance = AttendanceStatus.PAID_WORK, None
                elif person.service_basis is ServiceBasis.OTHER:
                    continue
                elif (number + day.day) % 7 == 0:
                    status, allowance = AttendanceStatus.ABSENT, None
                else:
                    status, allowance = AttendanceStatus.PRESENT, ALLOWANCE
                record_attendance(store, person.id, day, status, allowance)
                count += 1
        day += timedelta(days=1)
    return count

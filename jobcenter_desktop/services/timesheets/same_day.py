"""The same-day rule where hours are recorded: the facts from the store, the rule from the domain.

The planner checks the rule when a crew is planned (``services.crew_checks``);
here the same rule (``domain.conflicts.check_recorded_hours``, the same
sentences) is put to hours as they are recorded: the timesheet grid, the
timesheet import, and attendance recorded on a day that already has paid hours.
The facts are read in a fixed number of queries whatever the number of rows, so
that an import checks ten thousand rows in memory.

A conflict warns, or refuses when the centre's setting ``same_day_rule_blocks``
says so: :class:`SameDayRuleError` then, and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Date, Time, select, text
from sqlalchemy.orm import Session

from jobcenter_desktop.db import bulk
from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import (
    Attendance,
    Contract,
    Customer,
    Gig,
    Participant,
    TimesheetEntry,
)
from jobcenter_desktop.domain import conflicts
from jobcenter_desktop.domain.conflicts import (
    Conflict,
    RecordedHours,
    check_recorded_hours,
    same_day_applies,
    same_day_violations,
)
from jobcenter_desktop.domain.enums import ServiceBasis
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.crew_facts import same_day_rule_blocks

# Service bases the same-day rule applies to; others are never checked.
RULED_BASES = frozenset(
    {ServiceBasis.DISABILITY, ServiceBasis.SPECIAL_CARE, ServiceBasis.REHABILITATIVE}
)


class SameDayRuleError(UserError):
    """Paid hours and a work-activity day with allowance would share a day, and the centre's
    setting makes the same-day rule block; nothing was saved."""

    def __init__(self, found: Sequence[Conflict], lines: Sequence[str] | None = None) -> None:
        self.conflicts = list(found)
        shown = list(lines) if lines is not None else [c.message for c in self.conflicts]
        text = [_("Nothing was saved: the centre's setting makes the same-day rule block.")]
        text += [f"- {line}" for line in shown]
        super().__init__("\n".join(text))


@dataclass(frozen=True, slots=True)
class Worker:
    """What the rule needs to know of a participant besides their days."""

    name: str
    service_basis: ServiceBasis


def blocks(session: Session) -> bool:
    """The centre's setting: whether the same-day rule refuses (True) or warns."""
    return same_day_rule_blocks(session)


def workers(session: Session, participant_ids: Iterable[int]) -> dict[int, Worker]:
    """The participants the rule applies to (by service basis), by id."""
    found: dict[int, Worker] = {}
    for part in bulk.chunks(participant_ids):
        rows = session.execute(
            select(
                Participant.id,
                Participant.first_name,
                Participant.last_name,
                Participant.service_basis,
            ).where(Participant.id.in_(part))
        )
        for participant_id, first, last, basis in rows:
            if basis in RULED_BASES:
                found[participant_id] = Worker(f"{first} {last}", basis)
    return found


def attendance_of(
    session: Session, participant_ids: Iterable[int], first: date, last: date
) -> dict[tuple[int, date], conflicts.Attendance]:
    """The recorded work-activity days of the people from ``first`` to ``last``."""
    found: dict[tuple[int, date], conflicts.Attendance] = {}
    for part in bulk.chunks(participant_ids):
        rows = session.execute(
            select(
                Attendance.participant_id,
                Attendance.day,
                Attendance.status,
                Attendance.allowance,
                Attendance.start_time,
                Attendance.end_time,
            ).where(
                Attendance.participant_id.in_(part),
                Attendance.day >= first,
                Attendance.day <= last,
            )
        )
        for participant_id, day, status, allowance, start, end in rows:
            found[(participant_id, day)] = conflicts.Attendance(
                participant_id=participant_id,
                day=day,
                status=status.value,
                allowance=allowance,
                start=start,
                end=end,
            )
    return found


def gig_label(title: str, customer: str) -> str:
    """A gig as the planner names it in messages."""
    return f"{title} ({customer})"


def hours_of(
    session: Session,
    participant_ids: Iterable[int],
    first: date,
    last: date,
    gig_ids: Iterable[int] | None = None,
) -> list[RecordedHours]:
    """The people's recorded paid hours from ``first`` to ``last`` (or on ``gig_ids`` only)."""
    query = (
        select(
            TimesheetEntry.participant_id,
            TimesheetEntry.gig_id,
            Gig.day,
            TimesheetEntry.start_time,
            TimesheetEntry.end_time,
            Contract.title,
            Customer.name,
        )
        .join(Gig, Gig.id == TimesheetEntry.gig_id)
        .join(Contract, Contract.id == Gig.contract_id)
        .join(Customer, Customer.id == Contract.customer_id)
        .where(Gig.day >= first, Gig.day <= last)
        .order_by(Gig.day, TimesheetEntry.start_time, TimesheetEntry.id)
    )
    if gig_ids is not None:
        query = query.where(Gig.id.in_(list(set(gig_ids))))
    found: list[RecordedHours] = []
    for part in bulk.chunks(participant_ids):
        for participant_id, gig_id, day, start, end, title, customer in session.execute(
            query.where(TimesheetEntry.participant_id.in_(part))
        ):
            if participant_id is not None:
                found.append(
                    RecordedHours(
                        participant_id, gig_id, day, start, end, gig_label(title, customer)
                    )
                )
    return found


def hours_of_entries(session: Session, entry_ids: Iterable[int]) -> list[RecordedHours]:
    """The participants' hours of these timesheet entries (instructors' are left out)."""
    found: list[RecordedHours] = []
    for part in bulk.chunks(entry_ids):
        rows = session.execute(
            select(
                TimesheetEntry.participant_id,
                TimesheetEntry.gig_id,
                Gig.day,
                TimesheetEntry.start_time,
                TimesheetEntry.end_time,
                Contract.title,
                Customer.name,
            )
            .join(Gig, Gig.id == TimesheetEntry.gig_id)
            .join(Contract, Contract.id == Gig.contract_id)
            .join(Customer, Customer.id == Contract.customer_id)
            .where(TimesheetEntry.id.in_(part), TimesheetEntry.participant_id.isnot(None))
            .order_by(TimesheetEntry.id)
        )
        for participant_id, gig_id, day, start, end, title, customer in rows:
            if participant_id is not None:
                found.append(
                    RecordedHours(
                        participant_id, gig_id, day, start, end, gig_label(title, customer)
                    )
                )
    return found


def check_hours(
    hours: Iterable[RecordedHours],
    people: dict[int, Worker],
    days: dict[tuple[int, date], conflicts.Attendance],
    blocking: bool,
) -> list[tuple[RecordedHours, Conflict]]:
    """Each recorded stretch of hours against the person's day, in memory."""
    found: list[tuple[RecordedHours, Conflict]] = []
    for item in hours:
        person = people.get(item.participant_id)
        day = days.get((item.participant_id, item.day))
        if person is None or day is None or not same_day_applies(person.service_basis, day):
            continue
        for conflict in check_recorded_hours(
            item, person.name, person.service_basis, (day,), blocking
        ):
            found.append((item, conflict))
    return found


def gig_conflicts(session: Session, gig_id: int) -> list[Conflict]:
    """The same-day conflicts of the gig's recorded participant hours (after a save)."""
    day = session.scalar(select(Gig.day).where(Gig.id == gig_id))
    if day is None:
        return []
    participant_ids = session.scalars(
        select(TimesheetEntry.participant_id).where(
            TimesheetEntry.gig_id == gig_id, TimesheetEntry.participant_id.isnot(None)
        )
    ).all()
    people = workers(session, [p for p in participant_ids if p is not None])
    if not people:
        return []
    hours = hours_of(session, people, day, day, [gig_id])
    found = check_hours(hours, people, attendance_of(session, people, day, day), blocks(session))
    return [conflict for _hours, conflict in found]


def checked_gig(session: Session, gig_id: int) -> list[Conflict]:
    """:func:`gig_conflicts`, refused with :class:`SameDayRuleError` when any blocks."""
    found = gig_conflicts(session, gig_id)
    if conflicts.refuses(found):
        raise SameDayRuleError(found)
    return found


_FINDINGS_SQL = """
SELECT p.participant_number, p.first_name, p.last_name, p.service_basis,
       a.day AS day, a.start_time AS day_start, a.end_time AS day_end,
       e.gig_id, e.start_time AS start, e.end_time AS "end", c.title, cu.name AS customer
FROM attendance a
JOIN participant p ON p.id = a.participant_id
JOIN timesheet_entry e ON e.participant_id = a.participant_id
JOIN gig g ON g.id = e.gig_id AND g.day = a.day
JOIN contract c ON c.id = g.contract_id
JOIN customer cu ON cu.id = c.customer_id
WHERE a.status = 'present'
ORDER BY a.day, p.participant_number, e.start_time, e.id
"""


def findings(connection: Connection) -> list[str]:
    """``check``: each breach of the same-day rule by recorded hours, in a sentence.

    Paid hours on a disability (or special-care) work-activity day recorded present,
    or inside a rehabilitative day's recorded work-activity hours. Read with plain
    SQL, as the other checks of ``services.integrity`` are.
    """
    query = text(_FINDINGS_SQL).columns(
        day=Date, day_start=Time, day_end=Time, start=Time, end=Time
    )
    problems: list[str] = []
    for row in connection.execute(query).mappings():
        try:
            basis = ServiceBasis(row["service_basis"])
        except ValueError:
            continue  # an unknown code: not this check's finding
        if basis not in RULED_BASES:
            continue
        participant_id = 0
        day = conflicts.Attendance(
            participant_id, row["day"], "present", None, row["day_start"], row["day_end"]
        )
        hours = RecordedHours(
            participant_id,
            row["gig_id"],
            row["day"],
            row["start"],
            row["end"],
            gig_label(row["title"], row["customer"]),
        )
        name = f"{row['first_name']} {row['last_name']}"
        problems += [
            _("Participant {number}: {problem}").format(
                number=row["participant_number"], problem=conflict.message
            )
            for conflict in same_day_violations(hours, name, basis, [day])
        ]
    return problems

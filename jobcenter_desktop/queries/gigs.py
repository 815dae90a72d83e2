"""The gigs of a date range with their contract, customer, site, crew and timesheet state.

Three queries whatever the number of gigs: the gigs (with their timesheet entry
counts and the invoice in force joined in, for the state shown on the planner's
cards), their participants, their instructors (both crew queries select by the same
date range, not by a list of ids).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import func, select

from jobcenter_desktop.db.models import (
    Contract,
    Customer,
    Gig,
    Instructor,
    InvoicedGig,
    Participant,
    TimesheetEntry,
    WorkSite,
    gig_instructor,
    gig_participant,
)
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import GigStatus
from jobcenter_desktop.queries.timesheets import Approval, SheetState, approval_of, sheet_state


@dataclass(frozen=True, slots=True)
class CrewMember:
    id: int
    number: str  # the participant number; empty for an instructor
    name: str


@dataclass(frozen=True, slots=True)
class GigRow:
    id: int
    contract_id: int
    contract_number: str
    contract_title: str
    customer_name: str
    site_name: str
    day: date
    scheduled_on: date | None
    start_time: time
    duration_minutes: int
    planned_crew_size: int
    status: GigStatus
    cancel_reason: str
    cancel_billable: bool
    note: str
    edited: bool
    participants: tuple[CrewMember, ...]
    instructors: tuple[CrewMember, ...]
    #: timesheet entries recorded for the gig, and how many of them are approved
    entry_count: int = 0
    approved_count: int = 0
    #: whether an invoice in force bills the gig
    invoiced: bool = False

    @property
    def approval(self) -> Approval:
        return approval_of(self.entry_count, self.approved_count)

    @property
    def sheet_state(self) -> SheetState:
        """Where the gig's hours are: the timesheet area's rule (``queries.timesheets``)."""
        return sheet_state(self.status, self.entry_count, self.approval, self.invoiced)

    @property
    def overstaffed(self) -> bool:
        """More participants on the gig than its planned crew size (5/3)."""
        return len(self.participants) > self.planned_crew_size

    @property
    def participant_numbers(self) -> tuple[str, ...]:
        return tuple(p.number for p in self.participants)

    @property
    def participant_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.participants)

    @property
    def instructor_names(self) -> tuple[str, ...]:
        return tuple(i.name for i in self.instructors)


def list_gigs(store: Store, start: date, end: date) -> list[GigRow]:
    """The gigs from ``start`` to ``end`` (both included), by day, time and contract."""
    in_range = (Gig.day >= start) & (Gig.day <= end)
    entries = (
        select(
            TimesheetEntry.gig_id,
            func.count().label("recorded"),
            func.count(TimesheetEntry.approved_at).label("approved"),
        )
        .join(Gig, Gig.id == TimesheetEntry.gig_id)
        .where(in_range)
        .group_by(TimesheetEntry.gig_id)
        .subquery()
    )
    gigs = (
        select(
            Gig.id,
            Gig.contract_id,
            Contract.contract_number,
            Contract.title,
            Customer.name,
            WorkSite.name,
            Gig.day,
            Gig.scheduled_on,
            Gig.start_time,
            Gig.duration_minutes,
            Gig.planned_crew_size,
            Gig.status,
            Gig.cancel_reason,
            Gig.cancel_billable,
            Gig.note,
            Gig.edited,
            func.coalesce(entries.c.recorded, 0),
            func.coalesce(entries.c.approved, 0),
            InvoicedGig.gig_id.is_not(None),
        )
        .join(Contract, Contract.id == Gig.contract_id)
        .join(Customer, Customer.id == Contract.customer_id)
        .outerjoin(WorkSite, WorkSite.id == Gig.work_site_id)
        .outerjoin(entries, entries.c.gig_id == Gig.id)
        .outerjoin(
            InvoicedGig, (InvoicedGig.gig_id == Gig.id) & InvoicedGig.released_by_id.is_(None)
        )
        .where(in_range)
        .order_by(Gig.day, Gig.start_time, Contract.contract_number, Gig.id)
    )
    participants = (
        select(
            gig_participant.c.gig_id,
            Participant.id,
            Participant.participant_number,
            Participant.first_name,
            Participant.last_name,
        )
        .join(Gig, Gig.id == gig_participant.c.gig_id)
        .join(Participant, Participant.id == gig_participant.c.participant_id)
        .where(in_range)
        .order_by(Participant.last_name, Participant.first_name, Participant.id)
    )
    instructors = (
        select(
            gig_instructor.c.gig_id,
            Instructor.id,
            Instructor.first_name,
            Instructor.last_name,
        )
        .join(Gig, Gig.id == gig_instructor.c.gig_id)
        .join(Instructor, Instructor.id == gig_instructor.c.instructor_id)
        .where(in_range)
        .order_by(Instructor.last_name, Instructor.first_name, Instructor.id)
    )
    crews: dict[int, list[CrewMember]] = defaultdict(list)
    leaders: dict[int, list[CrewMember]] = defaultdict(list)
    with store.read() as session:
        for gig_id, person_id, number, first, last in session.execute(participants):
            crews[gig_id].append(CrewMember(person_id, number, f"{first} {last}"))
        for gig_id, person_id, first, last in session.execute(instructors):
            leaders[gig_id].append(CrewMember(person_id, "", f"{first} {last}"))
        return [
            GigRow(
                gig_id,
                contract_id,
                number,
                title,
                customer,
                site or "",
                day,
                scheduled_on,
                start_time,
                duration,
                crew_size,
                status,
                reason,
                billable,
                note,
                edited,
                tuple(crews.get(gig_id, ())),
                tuple(leaders.get(gig_id, ())),
                int(recorded),
                int(approved),
                bool(invoiced),
            )
            for (
                gig_id,
                contract_id,
                number,
                title,
                customer,
                site,
                day,
                scheduled_on,
                start_time,
                duration,
                crew_size,
                status,
                reason,
                billable,
                note,
                edited,
                recorded,
                approved,
                invoiced,
            ) in session.execute(gigs)
        ]

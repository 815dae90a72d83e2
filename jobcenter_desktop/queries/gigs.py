"""The gigs of a date range with their contract, customer, site and crew.

Three queries whatever the number of gigs: the gigs, their participants, their
instructors (both crew queries select by the same date range, not by a list of ids).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select

from jobcenter_desktop.db.models import (
    Contract,
    Customer,
    Gig,
    Instructor,
    Participant,
    WorkSite,
    gig_instructor,
    gig_participant,
)
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import GigStatus


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
        )
        .join(Contract, Contract.id == Gig.contract_id)
        .join(Customer, Customer.id == Contract.customer_id)
        .outerjoin(WorkSite, WorkSite.id == Gig.work_site_id)
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
            ) in session.execute(gigs)
        ]

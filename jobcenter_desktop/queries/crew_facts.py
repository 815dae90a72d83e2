"""What the crew checks need to know, loaded for many gigs in a fixed number of queries.

The gigs (with their contracts' required qualifications), their crews (saved or
proposed), the participants, their qualification cards, everyone's bookings in a
period (cancelled gigs left out), the instructors' names and the centre's
same-day rule and benefit-limit settings. ``services.crew_checks`` puts them to the rules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from sqlalchemy import Column, select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.models import (
    Centre,
    Contract,
    Customer,
    Gig,
    Instructor,
    Participant,
    ParticipantQualification,
    QualificationType,
    contract_qualification,
    gig_instructor,
    gig_participant,
)
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import Booking, GigFacts
from jobcenter_desktop.domain.enums import GigStatus, ParticipantStatus, ServiceBasis
from jobcenter_desktop.domain.qualifications import display_name

_CANCELLED = (GigStatus.CANCELLED_BY_CUSTOMER, GigStatus.CANCELLED_BY_CENTRE)

#: per gig: the proposed participants and instructors, ``None`` for the saved crew
Proposed = tuple[Sequence[int] | None, Sequence[int] | None]
#: a qualification card held: (code, issued, expires)
Card = tuple[str, date | None, date | None]


@dataclass(frozen=True, slots=True)
class CrewFacts:
    gig: GigFacts
    # qualification code -> the key the gig's requirements use for it
    required: dict[str, str]
    participant_ids: list[int]
    instructor_ids: list[int]
    #: the contract's own pay rate (None: each person's rate applies), for the forecast
    pay_rate: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PersonRow:
    """A participant's facts that do not depend on the gig."""

    name: str
    status: ParticipantStatus
    service_basis: ServiceBasis
    weekly_limit_minutes: int | None


def load_crews(session: Session, wanted: Mapping[int, Proposed]) -> dict[int, CrewFacts]:
    """The gigs that exist among ``wanted``, with their requirements and crews."""
    rows = session.execute(
        select(
            Gig.id,
            Gig.day,
            Gig.start_time,
            Gig.duration_minutes,
            Gig.contract_id,
            Contract.title,
            Customer.name,
            Contract.pay_rate,
        )
        .join(Contract, Contract.id == Gig.contract_id)
        .join(Customer, Customer.id == Contract.customer_id)
        .where(Gig.id.in_(list(wanted)))
        .order_by(Gig.id)
    ).all()
    if not rows:
        return {}
    required: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for contract_id, code, name in session.execute(
        select(contract_qualification.c.contract_id, QualificationType.code, QualificationType.name)
        .join(
            QualificationType,
            QualificationType.id == contract_qualification.c.qualification_type_id,
        )
        .where(contract_qualification.c.contract_id.in_({row[4] for row in rows}))
        .order_by(contract_qualification.c.contract_id, QualificationType.id)
    ):
        required[contract_id].append((code, name))
    saved = [gig_id for gig_id, (p, i) in wanted.items() if p is None or i is None]
    members = _saved_crews(
        session, gig_participant.c.gig_id, gig_participant.c.participant_id, saved
    )
    leaders = _saved_crews(session, gig_instructor.c.gig_id, gig_instructor.c.instructor_id, saved)
    crews: dict[int, CrewFacts] = {}
    for gig_id, day, start, minutes, contract_id, title, customer, pay_rate in rows:
        needed = required.get(contract_id, [])
        # The rules name a qualification by its key: use the name the user sees, unless
        # two required ones would show the same name (then their codes keep them apart).
        names = [display_name(code, name) for code, name in needed]
        keys = names if len(set(names)) == len(names) else [code for code, _name in needed]
        proposed_participants, proposed_instructors = wanted[gig_id]
        participant_ids = (
            members.get(gig_id, []) if proposed_participants is None else proposed_participants
        )
        instructor_ids = (
            leaders.get(gig_id, []) if proposed_instructors is None else proposed_instructors
        )
        crews[gig_id] = CrewFacts(
            GigFacts(
                gig_id=gig_id,
                day=day,
                start=start,
                minutes=minutes,
                required_qualifications=tuple(keys),
                label=f"{title} ({customer})",
            ),
            {code: key for (code, _name), key in zip(needed, keys, strict=True)},
            list(dict.fromkeys(participant_ids)),
            list(dict.fromkeys(instructor_ids)),
            pay_rate,
        )
    return crews


def _saved_crews(
    session: Session, gig_column: Column[int], person_column: Column[int], gig_ids: list[int]
) -> dict[int, list[int]]:
    """The people saved on the gigs (participants or instructors), by gig."""
    crews: dict[int, list[int]] = defaultdict(list)
    if gig_ids:
        rows = session.execute(
            select(gig_column, person_column)
            .where(gig_column.in_(gig_ids))
            .order_by(gig_column, person_column)
        )
        for gig_id, person_id in rows:
            crews[gig_id].append(person_id)
    return crews


def _validity(held: tuple[date | None, date | None], day: date) -> tuple[int, date]:
    """Sort key: a card valid on ``day`` first, then the one that expires last."""
    issued, expires = held
    valid = (issued is None or issued <= day) and (expires is None or expires >= day)
    return (1 if valid else 0, expires or date.max)


def held_qualifications(
    cards: Iterable[Card], crew: CrewFacts
) -> dict[str, tuple[date | None, date | None]]:
    """The participant's best card for each qualification the gig requires, by its key."""
    mine: dict[str, tuple[date | None, date | None]] = {}
    for code, issued, expires in cards:
        key = crew.required.get(code)
        if key is None:
            continue
        card = (issued, expires)
        if key not in mine or _validity(card, crew.gig.day) > _validity(mine[key], crew.gig.day):
            mine[key] = card
    return mine


def load_people(session: Session, participant_ids: Sequence[int]) -> dict[int, PersonRow]:
    if not participant_ids:
        return {}
    rows = session.execute(
        select(
            Participant.id,
            Participant.first_name,
            Participant.last_name,
            Participant.status,
            Participant.service_basis,
            Participant.weekly_limit_minutes,
        ).where(Participant.id.in_(list(participant_ids)))
    )
    return {
        participant_id: PersonRow(f"{first} {last}", status, basis, limit)
        for participant_id, first, last, status, basis, limit in rows
    }


def load_cards(
    session: Session, participant_ids: Sequence[int], codes: Sequence[str]
) -> dict[int, list[Card]]:
    """The participants' cards of the qualifications some gig requires."""
    held: dict[int, list[Card]] = defaultdict(list)
    if not participant_ids or not codes:
        return held
    rows = session.execute(
        select(
            ParticipantQualification.participant_id,
            QualificationType.code,
            ParticipantQualification.issued_on,
            ParticipantQualification.expires_on,
        )
        .join(
            QualificationType,
            QualificationType.id == ParticipantQualification.qualification_type_id,
        )
        .where(
            ParticipantQualification.participant_id.in_(list(participant_ids)),
            QualificationType.code.in_(list(codes)),
        )
        .order_by(ParticipantQualification.participant_id, ParticipantQualification.id)
    )
    for participant_id, code, issued, expires in rows:
        held[participant_id].append((code, issued, expires))
    return held


def load_bookings(
    session: Session,
    gig_column: Column[int],
    person_column: Column[int],
    person_ids: Sequence[int],
    first: date,
    last: date,
) -> list[Booking]:
    """The people's places on the gigs from ``first`` to ``last``, cancelled gigs left out.

    Found by the gigs' days (an index), the people picked here: selecting by person
    would read each person's bookings of all the years and keep a week of them, which
    grows with the history; the gigs of a few days stay a few hundred rows.
    """
    if not person_ids:
        return []
    wanted = set(person_ids)
    rows = session.execute(
        select(person_column, Gig.id, Gig.day, Gig.start_time, Gig.duration_minutes)
        .select_from(Gig)
        .join(gig_column.table, gig_column == Gig.id)
        .where(Gig.day >= first, Gig.day <= last, Gig.status.not_in(_CANCELLED))
    )
    return [_booking(*row) for row in rows if row[0] in wanted]


def by_person(bookings: Iterable[Booking]) -> dict[int, list[Booking]]:
    # The rules skip other people's bookings anyway; grouping saves them the looking.
    found: dict[int, list[Booking]] = defaultdict(list)
    for booking in bookings:
        found[booking.person_id].append(booking)
    return found


def _booking(person_id: int, gig_id: int, day: date, start: time, minutes: int) -> Booking:
    return Booking(person_id=person_id, gig_id=gig_id, day=day, start=start, minutes=minutes)


def instructor_names(session: Session, instructor_ids: Sequence[int]) -> dict[int, str]:
    if not instructor_ids:
        return {}
    rows = session.execute(
        select(Instructor.id, Instructor.first_name, Instructor.last_name).where(
            Instructor.id.in_(list(instructor_ids))
        )
    )
    return {instructor_id: f"{first} {last}" for instructor_id, first, last in rows}


def same_day_rule_blocks(session: Session) -> bool:
    """The centre's setting: whether the same-day rule blocks a booking (default: warns)."""
    blocks = session.scalar(select(Centre.same_day_rule_blocks).order_by(Centre.id).limit(1))
    return bool(blocks)


def benefit_limit_blocks(session: Session) -> bool:
    """The centre's setting: whether a gig over a benefit limit blocks (default: warns)."""
    blocks = session.scalar(select(Centre.benefit_limit_blocks).order_by(Centre.id).limit(1))
    return bool(blocks)


def centre_blocks(session: Session) -> tuple[bool, bool]:
    """Both settings of the centre at once: whether the same-day rule blocks, and whether
    a gig over a benefit limit does (each warns by default)."""
    row = session.execute(
        select(Centre.same_day_rule_blocks, Centre.benefit_limit_blocks)
        .order_by(Centre.id)
        .limit(1)
    ).first()
    return (False, False) if row is None else (bool(row[0]), bool(row[1]))


def saved_crew(store: Store, gig_id: int) -> tuple[frozenset[int], frozenset[int]] | None:
    """The participants and instructors saved on the gig now; ``None`` if it does not exist.

    The planner's undo compares it with the crew it left, so that it never undoes over
    a change made since (in the crew dialog, a template, another workstation).
    """
    with store.read() as session:
        if session.get(Gig, gig_id) is None:
            return None
        participants = _saved_crews(
            session, gig_participant.c.gig_id, gig_participant.c.participant_id, [gig_id]
        )
        instructors = _saved_crews(
            session, gig_instructor.c.gig_id, gig_instructor.c.instructor_id, [gig_id]
        )
    return frozenset(participants.get(gig_id, ())), frozenset(instructors.get(gig_id, ()))

"""Crew checks: the conflicts of gigs' crews, from the store, and a crew saved with them.

The rules are ``domain.conflicts``; this module gathers their facts in a fixed
number of queries whatever the number of gigs and the crews' sizes: the gigs
(with their contracts' required qualifications), their crews, the people, their
qualifications, their other bookings in the gigs' ISO weeks (Monday to Sunday,
cancelled gigs left out), their attendance of the gigs' days and the centre's
``same_day_rule_blocks`` setting. :func:`check_gigs` checks a whole planner week
at once; :func:`check_gig` is the same check for one gig (or a proposed crew).

:func:`assign_checked` saves a crew only when nothing blocks it or the instructor
gives a reason to override; a crew saved despite conflicts writes an audit entry
(entity ``gig``, action ``override``) with the reason and the conflicts, in the
same transaction as the crew itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

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
from jobcenter_desktop.domain.conflicts import (
    Attendance,
    Booking,
    Conflict,
    GigFacts,
    PersonFacts,
    check_instructor,
    check_participant,
)
from jobcenter_desktop.domain.enums import GigStatus, ParticipantStatus, ServiceBasis
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.attendance import attendance_facts
from jobcenter_desktop.services.errors import NotFoundError, UserError
from jobcenter_desktop.services.gigs import assign_in
from jobcenter_desktop.services.qualifications import display_name
from jobcenter_desktop.services.store import Store

_CANCELLED = (GigStatus.CANCELLED_BY_CUSTOMER, GigStatus.CANCELLED_BY_CENTRE)

#: per gig: the proposed participants and instructors, ``None`` for the saved crew
_Proposed = tuple[Sequence[int] | None, Sequence[int] | None]
#: a qualification card held: (code, issued, expires)
_Card = tuple[str, date | None, date | None]


class CrewConflictError(UserError):
    """The crew has blocking conflicts and no reason to override them was given."""

    def __init__(self, found: Sequence[Conflict]) -> None:
        self.conflicts = list(found)
        lines = [
            _("The crew cannot be saved as it is:"),
            *(f"- {conflict.message}" for conflict in self.conflicts),
            _("Change the crew, or give a reason to save it despite the conflicts."),
        ]
        super().__init__("\n".join(lines))


@dataclass(frozen=True, slots=True)
class _Crew:
    gig: GigFacts
    # qualification code -> the key the gig's requirements use for it
    required: dict[str, str]
    participant_ids: list[int]
    instructor_ids: list[int]


@dataclass(frozen=True, slots=True)
class _Person:
    """A participant's facts that do not depend on the gig."""

    name: str
    status: ParticipantStatus
    service_basis: ServiceBasis
    weekly_limit_minutes: int | None


def check_gig(
    store: Store,
    gig_id: int,
    participant_ids: Sequence[int] | None = None,
    instructor_ids: Sequence[int] | None = None,
) -> list[Conflict]:
    """The conflicts of the gig's crew, or of a proposed crew; empty means all clear.

    ``None`` for either list means the crew saved on the gig. Unknown ids are
    ignored here (saving the crew refuses them). Participants' conflicts come
    first, in the order given, then the instructors'. An unknown gig raises
    :class:`NotFoundError`.
    """
    with store.read() as session:
        return _check_one(session, store, gig_id, participant_ids, instructor_ids)


def check_gigs(store: Store, gig_ids: Iterable[int]) -> dict[int, list[Conflict]]:
    """The conflicts of the saved crews of many gigs (a planner week), by gig id.

    The same answer as :func:`check_gig` for each gig, from one round of queries
    for all of them. Gigs that do not exist are left out of the answer.
    """
    wanted: dict[int, _Proposed] = {gig_id: (None, None) for gig_id in gig_ids}
    if not wanted:
        return {}
    with store.read() as session:
        return _check_many(session, store, wanted)


def assign_checked(
    store: Store,
    gig_id: int,
    participant_ids: Sequence[int],
    instructor_ids: Sequence[int],
    override_reason: str = "",
) -> list[Conflict]:
    """Save the gig's crew after checking it; returns the conflicts it was saved with.

    A blocking conflict refuses the crew (:class:`CrewConflictError`, nothing is
    changed) unless ``override_reason`` is given. Saving despite any conflict
    records the override, its reason and the conflicts, in the audit log.
    """
    reason = override_reason.strip()
    with store.write() as tx:
        found = _check_one(tx.session, store, gig_id, participant_ids, instructor_ids)
        if any(conflict.blocking for conflict in found) and not reason:
            raise CrewConflictError(found)
        gig = assign_in(tx, gig_id, participant_ids, instructor_ids)
        if found:
            tx.record(
                "gig",
                gig.id,
                "override",
                None,
                {
                    "reason": reason,
                    "conflicts": [
                        {
                            "kind": conflict.kind.value,
                            "person_id": conflict.person_id,
                            "blocking": conflict.blocking,
                            "message": conflict.message,
                        }
                        for conflict in found
                    ],
                },
            )
    return found


def _check_one(
    session: Session,
    store: Store,
    gig_id: int,
    participant_ids: Sequence[int] | None,
    instructor_ids: Sequence[int] | None,
) -> list[Conflict]:
    found = _check_many(session, store, {gig_id: (participant_ids, instructor_ids)})
    if gig_id not in found:
        raise NotFoundError()
    return found[gig_id]


def _check_many(
    session: Session, store: Store, wanted: Mapping[int, _Proposed]
) -> dict[int, list[Conflict]]:
    crews = _crews(session, wanted)
    if not crews:
        return {}
    participant_ids = sorted({p for crew in crews.values() for p in crew.participant_ids})
    instructor_ids = sorted({i for crew in crews.values() for i in crew.instructor_ids})
    first = min(crew.gig.day for crew in crews.values())
    last = max(crew.gig.day for crew in crews.values())
    monday = first - timedelta(days=first.weekday())
    sunday = last - timedelta(days=last.weekday()) + timedelta(days=6)
    codes = sorted({code for crew in crews.values() for code in crew.required})
    people = _people(session, participant_ids)
    cards = _cards(session, participant_ids, codes)
    # A day either side too: a gig running past midnight overlaps the next day's.
    bookings = _by_person(
        _bookings(
            session,
            gig_participant.c.gig_id,
            gig_participant.c.participant_id,
            participant_ids,
            monday - timedelta(days=1),
            sunday + timedelta(days=1),
        )
    )
    attendance: dict[int, list[Attendance]] = defaultdict(list)
    if participant_ids:
        for day in attendance_facts(store, first, last, participant_ids):
            attendance[day.participant_id].append(day)
    blocks = _same_day_rule_blocks(session)
    names = _instructor_names(session, instructor_ids)
    leading = _by_person(
        _bookings(
            session,
            gig_instructor.c.gig_id,
            gig_instructor.c.instructor_id,
            instructor_ids,
            first - timedelta(days=1),
            last + timedelta(days=1),
        )
    )
    result: dict[int, list[Conflict]] = {}
    for gig_id, crew in crews.items():
        found: list[Conflict] = []
        for participant_id in crew.participant_ids:
            person = people.get(participant_id)
            if person is None:
                continue
            facts = PersonFacts(
                participant_id=participant_id,
                name=person.name,
                status=person.status,
                service_basis=person.service_basis,
                weekly_limit_minutes=person.weekly_limit_minutes,
                qualifications=_held(cards.get(participant_id, ()), crew),
            )
            found.extend(
                check_participant(
                    crew.gig,
                    facts,
                    bookings.get(participant_id, ()),
                    attendance.get(participant_id, ()),
                    blocks,
                )
            )
        for instructor_id in crew.instructor_ids:
            if instructor_id in names:
                found.extend(
                    check_instructor(
                        crew.gig,
                        instructor_id,
                        names[instructor_id],
                        leading.get(instructor_id, ()),
                    )
                )
        result[gig_id] = found
    return result


def _crews(session: Session, wanted: Mapping[int, _Proposed]) -> dict[int, _Crew]:
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
    crews: dict[int, _Crew] = {}
    for gig_id, day, start, minutes, contract_id, title, customer in rows:
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
        crews[gig_id] = _Crew(
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


def _held(cards: Iterable[_Card], crew: _Crew) -> dict[str, tuple[date | None, date | None]]:
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


def _people(session: Session, participant_ids: Sequence[int]) -> dict[int, _Person]:
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
        participant_id: _Person(f"{first} {last}", status, basis, limit)
        for participant_id, first, last, status, basis, limit in rows
    }


def _cards(
    session: Session, participant_ids: Sequence[int], codes: Sequence[str]
) -> dict[int, list[_Card]]:
    """The participants' cards of the qualifications some gig requires."""
    held: dict[int, list[_Card]] = defaultdict(list)
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


def _bookings(
    session: Session,
    gig_column: Column[int],
    person_column: Column[int],
    person_ids: Sequence[int],
    first: date,
    last: date,
) -> list[Booking]:
    """The people's places on gigs from ``first`` to ``last``, cancelled gigs left out."""
    if not person_ids:
        return []
    rows = session.execute(
        select(person_column, Gig.id, Gig.day, Gig.start_time, Gig.duration_minutes)
        .join(Gig, Gig.id == gig_column)
        .where(
            person_column.in_(list(person_ids)),
            Gig.day >= first,
            Gig.day <= last,
            Gig.status.not_in(_CANCELLED),
        )
    )
    return [_booking(*row) for row in rows]


def _by_person(bookings: Iterable[Booking]) -> dict[int, list[Booking]]:
    # The rules skip other people's bookings anyway; grouping saves them the looking.
    found: dict[int, list[Booking]] = defaultdict(list)
    for booking in bookings:
        found[booking.person_id].append(booking)
    return found


def _booking(person_id: int, gig_id: int, day: date, start: time, minutes: int) -> Booking:
    return Booking(person_id=person_id, gig_id=gig_id, day=day, start=start, minutes=minutes)


def _instructor_names(session: Session, instructor_ids: Sequence[int]) -> dict[int, str]:
    if not instructor_ids:
        return {}
    rows = session.execute(
        select(Instructor.id, Instructor.first_name, Instructor.last_name).where(
            Instructor.id.in_(list(instructor_ids))
        )
    )
    return {instructor_id: f"{first} {last}" for instructor_id, first, last in rows}


def _same_day_rule_blocks(session: Session) -> bool:
    """The centre's setting: whether the same-day rule blocks a booking (default: warns)."""
    blocks = session.scalar(select(Centre.same_day_rule_blocks).order_by(Centre.id).limit(1))
    return bool(blocks)

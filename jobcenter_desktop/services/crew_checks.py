"""Crew checks: the conflicts of a gig's crew, from the store, and a crew saved with them.

The rules are ``domain.conflicts``; this module gathers their facts in a fixed
number of queries whatever the crew's size: the gig (with its contract's required
qualifications), the people, their qualifications, their other bookings in the
gig's ISO week (Monday to Sunday, cancelled gigs left out), their attendance of
the gig's day and the centre's ``same_day_rule_blocks`` setting.

:func:`assign_checked` saves a crew only when nothing blocks it or the instructor
gives a reason to override; a crew saved despite conflicts writes an audit entry
(entity ``gig``, action ``override``) with the reason and the conflicts, in the
same transaction as the crew itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import select
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
    Booking,
    Conflict,
    GigFacts,
    PersonFacts,
    check_instructor,
    check_participant,
)
from jobcenter_desktop.domain.enums import GigStatus
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.attendance import attendance_facts
from jobcenter_desktop.services.errors import NotFoundError, UserError
from jobcenter_desktop.services.gigs import assign_in
from jobcenter_desktop.services.qualifications import display_name
from jobcenter_desktop.services.store import Store

_CANCELLED = (GigStatus.CANCELLED_BY_CUSTOMER, GigStatus.CANCELLED_BY_CENTRE)


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


def check_gig(
    store: Store,
    gig_id: int,
    participant_ids: Sequence[int] | None = None,
    instructor_ids: Sequence[int] | None = None,
) -> list[Conflict]:
    """The conflicts of the gig's crew, or of a proposed crew; empty means all clear.

    ``None`` for either list means the crew saved on the gig. Unknown ids are
    ignored here (saving the crew refuses them). Participants' conflicts come
    first, in the order given, then the instructors'.
    """
    with store.read() as session:
        return _check(session, store, gig_id, participant_ids, instructor_ids)


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
        found = _check(tx.session, store, gig_id, participant_ids, instructor_ids)
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


def _check(
    session: Session,
    store: Store,
    gig_id: int,
    participant_ids: Sequence[int] | None,
    instructor_ids: Sequence[int] | None,
) -> list[Conflict]:
    crew = _crew(session, gig_id, participant_ids, instructor_ids)
    gig = crew.gig
    monday = gig.day - timedelta(days=gig.day.weekday())
    sunday = monday + timedelta(days=6)
    people = _people(session, crew.participant_ids, gig, crew.required)
    # A day either side too: a gig running past midnight overlaps the next day's.
    bookings = _participant_bookings(
        session, crew.participant_ids, monday - timedelta(days=1), sunday + timedelta(days=1)
    )
    attendance = (
        attendance_facts(store, gig.day, gig.day, crew.participant_ids)
        if crew.participant_ids
        else []
    )
    blocks = _same_day_rule_blocks(session)
    found: list[Conflict] = []
    for participant_id in crew.participant_ids:
        person = people.get(participant_id)
        if person is not None:
            found.extend(check_participant(gig, person, bookings, attendance, blocks))
    names = _instructor_names(session, crew.instructor_ids)
    leading = _instructor_bookings(session, crew.instructor_ids, gig.day)
    for instructor_id in crew.instructor_ids:
        if instructor_id in names:
            found.extend(check_instructor(gig, instructor_id, names[instructor_id], leading))
    return found


def _crew(
    session: Session,
    gig_id: int,
    participant_ids: Sequence[int] | None,
    instructor_ids: Sequence[int] | None,
) -> _Crew:
    row = session.execute(
        select(
            Gig.day,
            Gig.start_time,
            Gig.duration_minutes,
            Gig.contract_id,
            Contract.title,
            Customer.name,
        )
        .join(Contract, Contract.id == Gig.contract_id)
        .join(Customer, Customer.id == Contract.customer_id)
        .where(Gig.id == gig_id)
    ).one_or_none()
    if row is None:
        raise NotFoundError()
    day, start, minutes, contract_id, title, customer = row
    required = session.execute(
        select(QualificationType.code, QualificationType.name)
        .join(
            contract_qualification,
            contract_qualification.c.qualification_type_id == QualificationType.id,
        )
        .where(contract_qualification.c.contract_id == contract_id)
        .order_by(QualificationType.id)
    ).all()
    # The rules name a qualification by its key: use the name the user sees, unless
    # two required ones would show the same name (then their codes keep them apart).
    names = [display_name(code, name) for code, name in required]
    keys = names if len(set(names)) == len(names) else [code for code, _name in required]
    gig = GigFacts(
        gig_id=gig_id,
        day=day,
        start=start,
        minutes=minutes,
        required_qualifications=tuple(keys),
        label=f"{title} ({customer})",
    )
    if participant_ids is None:
        participant_ids = session.scalars(
            select(gig_participant.c.participant_id).where(gig_participant.c.gig_id == gig_id)
        ).all()
    if instructor_ids is None:
        instructor_ids = session.scalars(
            select(gig_instructor.c.instructor_id).where(gig_instructor.c.gig_id == gig_id)
        ).all()
    return _Crew(
        gig,
        {code: key for (code, _name), key in zip(required, keys, strict=True)},
        list(dict.fromkeys(participant_ids)),
        list(dict.fromkeys(instructor_ids)),
    )


def _validity(held: tuple[date | None, date | None], day: date) -> tuple[int, date]:
    """Sort key: a card valid on ``day`` first, then the one that expires last."""
    issued, expires = held
    valid = (issued is None or issued <= day) and (expires is None or expires >= day)
    return (1 if valid else 0, expires or date.max)


def _people(
    session: Session, participant_ids: Sequence[int], gig: GigFacts, keys: dict[str, str]
) -> dict[int, PersonFacts]:
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
    ).all()
    held: dict[int, dict[str, tuple[date | None, date | None]]] = defaultdict(dict)
    if keys:
        cards = session.execute(
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
                QualificationType.code.in_(list(keys)),
            )
        )
        for participant_id, code, issued, expires in cards:
            key = keys[code]
            mine = held[participant_id]
            card = (issued, expires)
            if key not in mine or _validity(card, gig.day) > _validity(mine[key], gig.day):
                mine[key] = card
    return {
        participant_id: PersonFacts(
            participant_id=participant_id,
            name=f"{first} {last}",
            status=status,
            service_basis=basis,
            weekly_limit_minutes=limit,
            qualifications=dict(held.get(participant_id, {})),
        )
        for participant_id, first, last, status, basis, limit in rows
    }


def _participant_bookings(
    session: Session, participant_ids: Sequence[int], monday: date, sunday: date
) -> list[Booking]:
    if not participant_ids:
        return []
    rows = session.execute(
        select(
            gig_participant.c.participant_id,
            Gig.id,
            Gig.day,
            Gig.start_time,
            Gig.duration_minutes,
        )
        .join(Gig, Gig.id == gig_participant.c.gig_id)
        .where(
            gig_participant.c.participant_id.in_(list(participant_ids)),
            Gig.day >= monday,
            Gig.day <= sunday,
            Gig.status.not_in(_CANCELLED),
        )
    )
    return [_booking(*row) for row in rows]


def _instructor_bookings(
    session: Session, instructor_ids: Sequence[int], day: date
) -> list[Booking]:
    if not instructor_ids:
        return []
    # A gig may run past midnight: the day before can overlap too.
    rows = session.execute(
        select(
            gig_instructor.c.instructor_id,
            Gig.id,
            Gig.day,
            Gig.start_time,
            Gig.duration_minutes,
        )
        .join(Gig, Gig.id == gig_instructor.c.gig_id)
        .where(
            gig_instructor.c.instructor_id.in_(list(instructor_ids)),
            Gig.day >= day - timedelta(days=1),
            Gig.day <= day + timedelta(days=1),
            Gig.status.not_in(_CANCELLED),
        )
    )
    return [_booking(*row) for row in rows]


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

"""Crew checks: the conflicts of gigs' crews, from the store, and a crew saved with them.

The rules are ``domain.conflicts``; their facts come from ``queries.crew_facts``
in a fixed number of queries whatever the number of gigs and the crews' sizes:
the gigs (with their contracts' required qualifications), their crews, the people,
their qualifications, their other bookings in the gigs' ISO weeks (Monday to
Sunday, cancelled gigs left out), their attendance of the gigs' days and the
centre's ``same_day_rule_blocks`` setting. :func:`check_gigs` checks a whole
planner week at once; :func:`check_gig` is the same check for one gig (or a
proposed crew).

:func:`assign_checked` saves a crew only when nothing blocks it or the instructor
gives a reason to override; a crew saved despite conflicts writes an audit entry
(entity ``gig``, action ``override``) with the reason and the conflicts, in the
same transaction as the crew itself. The crew of a gig with approved hours is
locked: :func:`assign_checked` refuses it before checking anything else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta

from sqlalchemy.orm import Session

from jobcenter_desktop.db.errors import NotFoundError, UserError
from jobcenter_desktop.db.models import (
    gig_instructor,
    gig_participant,
)
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import (
    Attendance,
    Conflict,
    PersonFacts,
    check_instructor,
    check_participant,
)
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.attendance import attendance_facts
from jobcenter_desktop.queries.crew_facts import (
    Proposed,
    by_person,
    held_qualifications,
    instructor_names,
    load_bookings,
    load_cards,
    load_crews,
    load_people,
    same_day_rule_blocks,
)
from jobcenter_desktop.services.planning.gigs import assign_in, gig_lock_guard, refuse_if_approved


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
    wanted: dict[int, Proposed] = {gig_id: (None, None) for gig_id in gig_ids}
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
    records the override, its reason and the conflicts, in the audit log. A gig with
    approved hours is refused first (:class:`GigLockedError`), before any conflict.
    """
    reason = override_reason.strip()
    with gig_lock_guard(), store.write() as tx:
        refuse_if_approved(tx.session, gig_id)
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
    session: Session, store: Store, wanted: Mapping[int, Proposed]
) -> dict[int, list[Conflict]]:
    crews = load_crews(session, wanted)
    if not crews:
        return {}
    participant_ids = sorted({p for crew in crews.values() for p in crew.participant_ids})
    instructor_ids = sorted({i for crew in crews.values() for i in crew.instructor_ids})
    first = min(crew.gig.day for crew in crews.values())
    last = max(crew.gig.day for crew in crews.values())
    monday = first - timedelta(days=first.weekday())
    sunday = last - timedelta(days=last.weekday()) + timedelta(days=6)
    codes = sorted({code for crew in crews.values() for code in crew.required})
    people = load_people(session, participant_ids)
    cards = load_cards(session, participant_ids, codes)
    # A day either side too: a gig running past midnight overlaps the next day's.
    bookings = by_person(
        load_bookings(
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
    blocks = same_day_rule_blocks(session)
    names = instructor_names(session, instructor_ids)
    leading = by_person(
        load_bookings(
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
                qualifications=held_qualifications(cards.get(participant_id, ()), crew),
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

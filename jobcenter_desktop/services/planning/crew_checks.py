"""Crew checks: the conflicts of gigs' crews, from the store, and a crew saved with them.

The rules are ``domain.conflicts``; their facts come from ``queries.crew_facts``
in a fixed number of queries whatever the number of gigs and the crews' sizes:
the gigs (with their contracts' required qualifications), their crews, the people,
their qualifications, their other bookings in the gigs' ISO weeks (Monday to
Sunday, cancelled gigs left out), their attendance of the gigs' days and the
centre's ``same_day_rule_blocks`` setting; for the participants with a benefit profile,
their months' earnings (``queries.earnings.load_many_months``, one round for all the
gigs' months) and the ``benefit_limit_blocks`` setting. :func:`check_gigs` checks a
whole planner week at once; :func:`check_gig` is the same check for one gig (or a
proposed crew); :func:`check_candidates` checks everyone the crew dialog offers at
once, so that the dialog shows each person's conflicts before they are ticked and
the crew's conflicts live as they are. None of the checks writes.

:func:`assign_checked` saves a crew only when nothing blocks it or the instructor
gives a reason to override; a crew saved despite conflicts writes an audit entry
(entity ``gig``, action ``override``) with the reason and the conflicts, in the
same transaction as the crew itself. The crew of a gig with approved hours is
locked: :func:`assign_checked` refuses it before checking anything else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from jobcenter_desktop.db.errors import NotFoundError, UserError
from jobcenter_desktop.db.models import (
    gig_instructor,
    gig_participant,
)
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import (
    Attendance,
    Booking,
    Conflict,
    MonthForecast,
    PersonFacts,
    check_benefit_limit,
    check_instructor,
    check_participant,
)
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.attendance import attendance_facts
from jobcenter_desktop.queries.crew_facts import (
    Card,
    CrewFacts,
    PersonRow,
    Proposed,
    by_person,
    centre_blocks,
    held_qualifications,
    instructor_names,
    load_bookings,
    load_cards,
    load_crews,
    load_people,
)
from jobcenter_desktop.queries.earnings import (
    benefit_rules,
    load_many_months,
    load_profiles,
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


@dataclass(frozen=True, slots=True)
class Candidate:
    """What one person would bring to a gig's crew: the crew dialog shows it on their row.

    ``other_minutes``: their minutes on the other gigs of the gig's ISO week (cancelled
    gigs left out); ``lacking``: the qualifications the contract requires that they do
    not hold, valid on the gig's day (by the name the user sees; none for instructors).
    ``forecast``: their month's earnings with the gig against their benefit limit (only
    for a participant with a benefit profile: special-category data, for the instructor).
    """

    conflicts: tuple[Conflict, ...]
    lacking: tuple[str, ...]
    other_minutes: int
    weekly_limit_minutes: int | None
    #: the month's earnings with this gig, for a participant with a benefit profile
    forecast: MonthForecast | None = None

    @property
    def blocking(self) -> bool:
        return any(conflict.blocking for conflict in self.conflicts)


@dataclass(frozen=True, slots=True)
class CandidateCheck:
    """The candidates for one gig's crew: each as if they were on it, nothing saved."""

    gig_minutes: int
    #: the qualifications the gig's contract requires, by the name the user sees
    required: tuple[str, ...]
    participants: dict[int, Candidate]
    instructors: dict[int, Candidate]

    def conflicts(
        self, participant_ids: Sequence[int], instructor_ids: Sequence[int]
    ) -> list[Conflict]:
        """The conflicts of a proposed crew: what :func:`check_gig` gives for it.

        One person's conflicts never depend on who else is on the crew (each rule
        reads their own bookings, cards and days), so the crew's are its people's.
        """
        found: list[Conflict] = []
        for people, ids in (
            (self.participants, participant_ids),
            (self.instructors, instructor_ids),
        ):
            for person_id in dict.fromkeys(ids):
                candidate = people.get(person_id)
                if candidate is not None:
                    found.extend(candidate.conflicts)
        return found


def check_candidates(
    store: Store, gig_id: int, participant_ids: Sequence[int], instructor_ids: Sequence[int]
) -> CandidateCheck:
    """Everyone the crew dialog offers, checked against the gig at once; nothing is written.

    Each person is checked as :func:`check_gig` would check them on the crew; their
    week's other hours and the required qualifications they lack come too. An unknown
    gig raises :class:`NotFoundError`; unknown people are left out.
    """
    with store.read() as session:
        crews = load_crews(session, {gig_id: ((), ())})
        crew = crews.get(gig_id)
        if crew is None:
            raise NotFoundError()
        as_crew = replace(crew, participant_ids=list(dict.fromkeys(participant_ids)))
        forecasts = _forecasts(session, {gig_id: as_crew}, participant_ids)
        # Two rounds, so that a participant and an instructor with the same id stay apart;
        # what they read gives the dialog its other columns too.
        mine_facts = _load(session, store, {gig_id: (participant_ids, ())}, forecasts)
        lead_facts = _load(session, store, {gig_id: ((), instructor_ids)})
    assert mine_facts is not None and lead_facts is not None  # the gig exists
    mine = _conflicts(mine_facts)[gig_id]
    leading = _conflicts(lead_facts)[gig_id]
    day = crew.gig.day
    people, cards, names = mine_facts.people, mine_facts.cards, lead_facts.names
    participant_week = _week_minutes(mine_facts.bookings, gig_id, day)
    instructor_week = _week_minutes(lead_facts.leading, gig_id, day)
    participants: dict[int, Candidate] = {}
    for participant_id in dict.fromkeys(participant_ids):
        person = people.get(participant_id)
        if person is None:
            continue
        held = held_qualifications(cards.get(participant_id, ()), crew)
        participants[participant_id] = Candidate(
            conflicts=tuple(c for c in mine if c.person_id == participant_id),
            lacking=tuple(
                key for key in crew.gig.required_qualifications if not _valid_on(held.get(key), day)
            ),
            other_minutes=participant_week.get(participant_id, 0),
            weekly_limit_minutes=person.weekly_limit_minutes,
            forecast=forecasts.get((gig_id, participant_id)),
        )
    instructors = {
        instructor_id: Candidate(
            conflicts=tuple(c for c in leading if c.person_id == instructor_id),
            lacking=(),
            other_minutes=instructor_week.get(instructor_id, 0),
            weekly_limit_minutes=None,
        )
        for instructor_id in dict.fromkeys(instructor_ids)
        if instructor_id in names
    }
    return CandidateCheck(
        gig_minutes=crew.gig.minutes,
        required=crew.gig.required_qualifications,
        participants=participants,
        instructors=instructors,
    )


def _valid_on(card: tuple[date | None, date | None] | None, day: date) -> bool:
    """Whether a card is valid on ``day``: the rule ``domain.conflicts`` applies."""
    if card is None:
        return False
    issued, expires = card
    return (issued is None or issued <= day) and (expires is None or expires >= day)


def _week_minutes(
    bookings: Mapping[int, Iterable[Booking]], gig_id: int, day: date
) -> dict[int, int]:
    """Each person's minutes on the other gigs of ``day``'s week (Monday to Sunday)."""
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    minutes: dict[int, int] = defaultdict(int)
    for person_id, theirs in bookings.items():
        for booking in theirs:
            if booking.gig_id != gig_id and monday <= booking.day <= sunday:
                minutes[person_id] += booking.minutes
    return minutes


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


@dataclass(frozen=True)
class _Facts:
    """What the checks of some proposed crews read, in one round of queries."""

    crews: dict[int, CrewFacts]
    people: dict[int, PersonRow]
    cards: dict[int, list[Card]]
    #: the participants' and the instructors' bookings of the gigs' weeks, a day either
    #: side too (a gig running past midnight overlaps the next day's)
    bookings: dict[int, list[Booking]]
    leading: dict[int, list[Booking]]
    attendance: dict[int, list[Attendance]]
    names: dict[int, str]
    blocks: bool
    limit_blocks: bool
    forecasts: Mapping[tuple[int, int], MonthForecast]


def _load(
    session: Session,
    store: Store,
    wanted: Mapping[int, Proposed],
    known_forecasts: Mapping[tuple[int, int], MonthForecast] | None = None,
) -> _Facts | None:
    crews = load_crews(session, wanted)
    if not crews:
        return None
    participant_ids = sorted({p for crew in crews.values() for p in crew.participant_ids})
    instructor_ids = sorted({i for crew in crews.values() for i in crew.instructor_ids})
    first = min(crew.gig.day for crew in crews.values())
    last = max(crew.gig.day for crew in crews.values())
    before = first - timedelta(days=first.weekday() + 1)
    after = last - timedelta(days=last.weekday()) + timedelta(days=7)
    codes = sorted({code for crew in crews.values() for code in crew.required})
    attendance: dict[int, list[Attendance]] = defaultdict(list)
    if participant_ids:
        for day in attendance_facts(store, first, last, participant_ids):
            attendance[day.participant_id].append(day)
    blocks, limit_blocks = centre_blocks(session)
    return _Facts(
        crews=crews,
        people=load_people(session, participant_ids),
        cards=load_cards(session, participant_ids, codes),
        bookings=by_person(
            load_bookings(
                session,
                gig_participant.c.gig_id,
                gig_participant.c.participant_id,
                participant_ids,
                before,
                after,
            )
        ),
        leading=by_person(
            load_bookings(
                session,
                gig_instructor.c.gig_id,
                gig_instructor.c.instructor_id,
                instructor_ids,
                before,
                after,
            )
        ),
        attendance=attendance,
        names=instructor_names(session, instructor_ids),
        blocks=blocks,
        limit_blocks=limit_blocks,
        forecasts=(
            known_forecasts
            if known_forecasts is not None
            else _forecasts(session, crews, participant_ids)
        ),
    )


def _conflicts(facts: _Facts) -> dict[int, list[Conflict]]:
    result: dict[int, list[Conflict]] = {}
    for gig_id, crew in facts.crews.items():
        found: list[Conflict] = []
        for participant_id in crew.participant_ids:
            person = facts.people.get(participant_id)
            if person is None:
                continue
            person_facts = PersonFacts(
                participant_id=participant_id,
                name=person.name,
                status=person.status,
                service_basis=person.service_basis,
                weekly_limit_minutes=person.weekly_limit_minutes,
                qualifications=held_qualifications(facts.cards.get(participant_id, ()), crew),
            )
            found.extend(
                check_participant(
                    crew.gig,
                    person_facts,
                    facts.bookings.get(participant_id, ()),
                    facts.attendance.get(participant_id, ()),
                    facts.blocks,
                )
            )
            forecast = facts.forecasts.get((gig_id, participant_id))
            if forecast is not None:
                found.extend(check_benefit_limit(crew.gig, forecast, facts.limit_blocks))
        for instructor_id in crew.instructor_ids:
            if instructor_id in facts.names:
                found.extend(
                    check_instructor(
                        crew.gig,
                        instructor_id,
                        facts.names[instructor_id],
                        facts.leading.get(instructor_id, ()),
                    )
                )
        result[gig_id] = found
    return result


def _check_many(
    session: Session,
    store: Store,
    wanted: Mapping[int, Proposed],
    known_forecasts: Mapping[tuple[int, int], MonthForecast] | None = None,
) -> dict[int, list[Conflict]]:
    facts = _load(session, store, wanted, known_forecasts)
    return {} if facts is None else _conflicts(facts)


def _forecasts(
    session: Session, crews: Mapping[int, CrewFacts], participant_ids: Sequence[int]
) -> dict[tuple[int, int], MonthForecast]:
    """Each (gig, participant with a benefit profile)'s month with the gig on it.

    The benefit profiles first (one query; nobody has one: done), then the rules and
    one round of queries for all the calendar months the gigs fall in (a week across a
    month end has two, read together: as many queries as one month).
    """
    if not participant_ids:
        return {}
    months: dict[tuple[int, int], list[int]] = defaultdict(list)
    for gig_id, crew in crews.items():
        months[(crew.gig.day.year, crew.gig.day.month)].append(gig_id)
    # The rules and profiles once for all the months: nobody with a profile, no more.
    profiles = load_profiles(session, participant_ids)
    if not profiles:
        return {}
    loaded = load_many_months(
        session, list(profiles), months, rules=benefit_rules(session), profiles=profiles
    )
    if not loaded:
        return {}
    found: dict[tuple[int, int], MonthForecast] = {}
    for (year, month), gig_ids in months.items():
        people = loaded.get((year, month))
        if not people:
            continue
        for gig_id in gig_ids:
            gig = crews[gig_id].gig
            for participant_id in crews[gig_id].participant_ids:
                person = people.get(participant_id)
                if person is None:
                    continue
                line = person.with_gig(gig_id, gig.day, gig.minutes, crews[gig_id].pay_rate)
                allowed, before = line.exceedance or (None, 0)
                found[(gig_id, participant_id)] = MonthForecast(
                    participant_id=participant_id,
                    name=person.name,
                    month=date(year, month, 1),
                    so_far=line.so_far,
                    this_gig=line.this_gig,
                    limit=line.limit,
                    confirmed=line.confirmed,
                    allowed_months=allowed,
                    months_over_before=before,
                )
    return found

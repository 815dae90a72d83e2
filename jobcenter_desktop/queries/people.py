"""The people the planner offers: active participants, then active instructors."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from jobcenter_desktop.db.models import Instructor, Participant
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import ParticipantStatus

PARTICIPANT = "participant"
INSTRUCTOR = "instructor"

PersonKey = tuple[str, int]


@dataclass(frozen=True, slots=True)
class Person:
    kind: str  # PARTICIPANT or INSTRUCTOR
    id: int
    name: str
    weekly_limit_minutes: int | None

    @property
    def key(self) -> PersonKey:
        return (self.kind, self.id)


def list_people(store: Store) -> list[Person]:
    """Active, non-archived participants (by name), then active instructors."""
    p, i = Participant, Instructor
    participants = (
        select(p.id, p.first_name, p.last_name, p.weekly_limit_minutes)
        .where(p.archived_at.is_(None), p.status == ParticipantStatus.ACTIVE)
        .order_by(p.last_name, p.first_name, p.id)
    )
    instructors = (
        select(i.id, i.first_name, i.last_name)
        .where(i.archived_at.is_(None), i.active.is_(True))
        .order_by(i.last_name, i.first_name, i.id)
    )
    with store.read() as session:
        people = [
            Person(PARTICIPANT, pid, f"{first} {last}", limit)
            for pid, first, last, limit in session.execute(participants)
        ]
        people += [
            Person(INSTRUCTOR, iid, f"{first} {last}", None)
            for iid, first, last in session.execute(instructors)
        ]
    return people

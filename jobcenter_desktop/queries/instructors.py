"""Instructor list rows and form contents."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from jobcenter_desktop.db.models import Instructor
from jobcenter_desktop.db.records import get
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.forms.instructors import InstructorInput


@dataclass(frozen=True, slots=True)
class InstructorRow:
    id: int
    last_name: str
    first_name: str
    phone: str
    email: str
    active: bool
    archived: bool
    search: str


def list_instructors(store: Store, include_archived: bool = False) -> list[InstructorRow]:
    i = Instructor
    query = select(
        i.id,
        i.last_name,
        i.first_name,
        i.phone,
        i.email,
        i.active,
        i.archived_at.isnot(None),
        i.search,
    ).order_by(i.last_name, i.first_name)
    if not include_archived:
        query = query.where(i.archived_at.is_(None))
    with store.read() as session:
        return [InstructorRow(*row) for row in session.execute(query)]


def load_instructor(store: Store, instructor_id: int) -> InstructorInput:
    with store.read() as session:
        row = get(session, Instructor, instructor_id)
        return InstructorInput(row.first_name, row.last_name, row.phone, row.email, row.active)

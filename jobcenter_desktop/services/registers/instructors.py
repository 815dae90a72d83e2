"""Instructors: the staff who lead the crews and record the hours."""

from __future__ import annotations

from jobcenter_desktop.db.models import Instructor
from jobcenter_desktop.db.records import saving
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.search import search_text
from jobcenter_desktop.forms.instructors import InstructorInput
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _

LABELS = {
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "phone": N_("Phone"),
    "email": N_("Email"),
    "active": N_("Active"),
}


def label(key: str) -> str:
    return _(LABELS[key])


def save_instructor(store: Store, data: InstructorInput, instructor_id: int | None = None) -> int:
    """Create (``instructor_id`` None) or update an instructor; returns the id."""
    with store.write() as tx:
        checker = v.Checker()
        first = checker.require("first_name", label("first_name"), data.first_name)
        last = checker.require("last_name", label("last_name"), data.last_name)
        phone = checker.check("phone", label("phone"), v.phone, data.phone)
        email = checker.check("email", label("email"), v.email, data.email)
        checker.raise_if_any()
        assert first and last
        with saving(tx, Instructor, instructor_id) as row:
            row.first_name = first
            row.last_name = last
            row.phone = phone or ""
            row.email = email or ""
            row.active = data.active
            row.search = search_text(first, last, row.phone, row.email)
        return row.id

"""Crew templates (työryhmä): a named crew of participants and a lead instructor.

The instructor saves the crews that usually go out together ("Tiistain siivous")
and puts one on a gig in one go; putting it on a gig goes through the same crew
checks as any crew (:func:`services.crew_checks.assign_checked`), so a blocking
conflict needs an override reason there too. Templates are archived, not deleted:
the audit log refers to them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from jobcenter_desktop.db.errors import ArchivedError, NotFoundError
from jobcenter_desktop.db.models import CrewTemplate, Gig, Instructor, Participant
from jobcenter_desktop.db.records import get, get_editable
from jobcenter_desktop.db.store import Store, Transaction, snapshot
from jobcenter_desktop.db.types import utcnow
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.conflicts import Conflict
from jobcenter_desktop.domain.search import fold
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services.planning.crew_checks import assign_checked

ENTITY = "crew_template"
MAX_NAME_LENGTH = 200

LABELS = {
    "name": N_("Crew name"),
    "members": N_("Crew members"),
    "lead_instructor": N_("Lead instructor"),
}


def label(key: str) -> str:
    return _(LABELS[key])


@dataclass(frozen=True, slots=True)
class CrewTemplateRow:
    id: int
    name: str
    lead_instructor_id: int | None
    member_ids: tuple[int, ...]
    archived: bool


def list_crew_templates(store: Store, include_archived: bool = False) -> list[CrewTemplateRow]:
    """The templates by name, each with its members (by participant number) and lead."""
    query = select(CrewTemplate).order_by(CrewTemplate.name, CrewTemplate.id)
    if not include_archived:
        query = query.where(CrewTemplate.archived_at.is_(None))
    with store.read() as session:
        return [
            CrewTemplateRow(
                row.id,
                row.name,
                row.lead_instructor_id,
                tuple(member.id for member in row.members),
                row.archived_at is not None,
            )
            for row in session.scalars(query)
        ]


def save_crew_template(
    store: Store,
    name: str,
    member_ids: Sequence[int],
    lead_instructor_id: int | None = None,
    template_id: int | None = None,
) -> int:
    """Create a template (``template_id`` None) or replace an existing one's name and crew."""
    with store.write() as tx:
        row = None if template_id is None else get_editable(tx.session, CrewTemplate, template_id)
        before = None if row is None else crew_template_snapshot(row)
        checker = v.Checker()
        text = _checked_name(checker, name)
        if text is not None and _name_taken(tx, text, template_id):
            checker.add("name", label("name"), _("another crew already has this name"))
        members = _members(tx, member_ids, checker)
        lead = _lead(tx, lead_instructor_id, checker)
        checker.raise_if_any()
        if row is None:
            row = CrewTemplate()
            tx.session.add(row)
        row.name = text or ""
        row.members = members
        row.lead_instructor = lead
        tx.session.flush()
        tx.record(
            ENTITY,
            row.id,
            "create" if before is None else "update",
            before,
            crew_template_snapshot(row),
        )
        return row.id


def set_crew_template_archived(store: Store, template_id: int, archived: bool = True) -> None:
    """Archive a template (hidden from the planner's list) or restore it; both audited."""
    with store.write() as tx:
        row = get(tx.session, CrewTemplate, template_id)
        if (row.archived_at is not None) == archived:
            return
        before = crew_template_snapshot(row)
        row.archived_at = utcnow() if archived else None
        tx.session.flush()
        tx.record(
            ENTITY,
            row.id,
            "archive" if archived else "restore",
            before,
            crew_template_snapshot(row),
        )


def apply_template(
    store: Store, template_id: int, gig_id: int, override_reason: str = ""
) -> list[Conflict]:
    """Put the template's crew on the gig: its members, and its lead (if it has one).

    A template without a lead keeps the gig's instructors. The crew is checked and
    saved by :func:`assign_checked`: blocking conflicts need ``override_reason``
    (:class:`CrewConflictError` otherwise); returns the conflicts it was saved with.
    """
    with store.read() as session:
        template = session.get(CrewTemplate, template_id)
        if template is None:
            raise NotFoundError()
        if template.archived_at is not None:
            raise ArchivedError()
        gig = session.get(Gig, gig_id)
        if gig is None:
            raise NotFoundError()
        member_ids = [member.id for member in template.members]
        if template.lead_instructor_id is not None:
            instructor_ids = [template.lead_instructor_id]
        else:
            instructor_ids = [instructor.id for instructor in gig.instructors]
    return assign_checked(store, gig_id, member_ids, instructor_ids, override_reason)


def _checked_name(checker: v.Checker, text: str) -> str | None:
    name = checker.require("name", label("name"), text)
    if name is None:
        return None
    name = " ".join(name.split())
    if len(name) > MAX_NAME_LENGTH:
        checker.add(
            "name",
            label("name"),
            _("must be at most {count} characters").format(count=MAX_NAME_LENGTH),
        )
        return None
    return name


def _name_taken(tx: Transaction, name: str, own_id: int | None) -> bool:
    """Whether another template (archived ones too: names stay unique) has the name."""
    wanted = fold(name)
    rows = tx.session.execute(select(CrewTemplate.id, CrewTemplate.name))
    return any(other != own_id and fold(stored) == wanted for other, stored in rows)


def _members(tx: Transaction, member_ids: Sequence[int], checker: v.Checker) -> list[Participant]:
    wanted = list(dict.fromkeys(member_ids))
    found = {
        row.id: row
        for row in tx.session.scalars(select(Participant).where(Participant.id.in_(wanted)))
    }
    if len(found) != len(wanted):
        checker.add("members", label("members"), _("choose one of the options"))
    elif any(row.archived_at is not None for row in found.values()):
        checker.add("members", label("members"), _("an archived person cannot be assigned"))
    return [found[i] for i in wanted if i in found]


def _lead(tx: Transaction, instructor_id: int | None, checker: v.Checker) -> Instructor | None:
    if instructor_id is None:
        return None
    row = tx.session.get(Instructor, instructor_id)
    if row is None:
        checker.add("lead_instructor", label("lead_instructor"), _("choose one of the options"))
    elif row.archived_at is not None:
        checker.add(
            "lead_instructor",
            label("lead_instructor"),
            _("an archived person cannot be assigned"),
        )
    return row


def crew_template_snapshot(row: CrewTemplate) -> dict[str, Any]:
    values = snapshot(row)
    values["members"] = [member.id for member in row.members]
    return values

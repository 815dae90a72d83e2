"""The qualification catalogue: the cards and certificates a centre keeps track of.

Six entries are built in (seeded by migration 0001 with English names that are
translated on display); a centre adds its own ("Anniskelupassi", "Tieturva 1"),
renames, archives and, while nothing refers to one, deletes them. A renamed
built-in entry keeps its code but shows the new name as typed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.models import QualificationType
from jobcenter_desktop.db.records import delete, get
from jobcenter_desktop.db.store import Store, snapshot
from jobcenter_desktop.db.types import utcnow
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.qualifications import display_name
from jobcenter_desktop.domain.search import fold
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _

ENTITY = "qualification_type"
MAX_NAME_LENGTH = 200
CODE_LENGTH = 40  # the width of qualification_type.code
CUSTOM_PREFIX = "custom"


LABELS = {"name": N_("Name")}


def label(key: str) -> str:
    return _(LABELS[key])


def _checked_name(checker: v.Checker, text: str) -> str | None:
    name = checker.require("name", label("name"), text)
    if name is not None:
        name = " ".join(name.split())  # one line, single spaces: it is a list entry
        if len(name) > MAX_NAME_LENGTH:
            checker.add(
                "name",
                label("name"),
                _("must be at most {count} characters").format(count=MAX_NAME_LENGTH),
            )
            return None
    return name


def _name_taken(session: Session, name: str, own_id: int | None) -> bool:
    """Whether an entry in use (not archived) already has this name, in any case."""
    wanted = fold(name)
    query = select(QualificationType.id, QualificationType.code, QualificationType.name).where(
        QualificationType.archived_at.is_(None)
    )
    for type_id, code, stored in session.execute(query):
        if type_id == own_id:
            continue
        if wanted in (fold(stored), fold(display_name(code, stored))):
            return True
    return False


def _check_unique(checker: v.Checker, session: Session, name: str, own_id: int | None) -> None:
    if _name_taken(session, name, own_id):
        checker.add("name", label("name"), _("is already in the catalogue"))


def _slug(name: str) -> str:
    """``name`` as lower-case ASCII letters, digits and underscores: "Tieturva 1" -> tieturva_1."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")


def _new_code(session: Session, name: str) -> str:
    """A code no entry has (archived ones included), made from the name."""
    taken = set(session.scalars(select(QualificationType.code)))
    slug = _slug(name)
    base = f"{CUSTOM_PREFIX}_{slug}" if slug else CUSTOM_PREFIX
    number = 1
    while True:
        suffix = "" if number == 1 else f"_{number}"
        code = base[: CODE_LENGTH - len(suffix)].rstrip("_") + suffix
        if code not in taken:
            return code
        number += 1


def add_qualification_type(store: Store, name: str) -> int:
    """Add an entry of the centre's own to the catalogue; returns its id."""
    with store.write() as tx:
        checker = v.Checker()
        clean = _checked_name(checker, name)
        if clean is not None:
            _check_unique(checker, tx.session, clean, None)
        checker.raise_if_any()
        assert clean is not None
        row = QualificationType(code=_new_code(tx.session, clean), name=clean)
        tx.session.add(row)
        tx.session.flush()
        tx.record(ENTITY, row.id, "create", None, snapshot(row))
        return row.id


def rename_qualification_type(store: Store, type_id: int, name: str) -> None:
    """Rename an entry; a built-in one then shows the new name as typed, untranslated."""
    with store.write() as tx:
        row = get(tx.session, QualificationType, type_id)
        checker = v.Checker()
        clean = _checked_name(checker, name)
        if clean is not None and row.archived_at is None:
            _check_unique(checker, tx.session, clean, type_id)
        checker.raise_if_any()
        assert clean is not None
        if clean in (row.name, display_name(row.code, row.name)):
            return  # unchanged: a built-in name stays translatable
        before = snapshot(row)
        row.name = clean
        tx.session.flush()
        tx.record(ENTITY, type_id, "update", before, snapshot(row))


def set_qualification_type_archived(store: Store, type_id: int, archived: bool) -> None:
    """Archive an entry (no longer offered for new choices; kept where it is recorded) or
    restore it. Restoring is refused while another entry in use has the same name."""
    with store.write() as tx:
        row = get(tx.session, QualificationType, type_id)
        if (row.archived_at is not None) == archived:
            return
        if not archived:
            checker = v.Checker()
            for name in (row.name, display_name(row.code, row.name)):
                _check_unique(checker, tx.session, name, type_id)
            checker.raise_if_any()
        before: dict[str, Any] = snapshot(row)
        row.archived_at = utcnow() if archived else None
        tx.session.flush()
        tx.record(ENTITY, type_id, "archive" if archived else "restore", before, snapshot(row))


def delete_qualification_type(store: Store, type_id: int) -> None:
    """Delete an entry for good; ``RecordInUseError`` (and no change) while a participant or
    a contract refers to it."""
    delete(store, QualificationType, type_id)

"""Text fields as the schema declares them, on every database: lengths and characters.

SQLite stores a 100,000-character name in a ``VARCHAR(100)`` without a word, and
PostgreSQL refuses it with an English error. So before every flush the text columns
of new rows, and the changed text columns of edited rows, are checked here: no
longer than the column's ``String(n)`` (free ``Text`` up to
:data:`~jobcenter_desktop.domain.limits.MAX_TEXT_CHARS`), no control or
text-direction character (:func:`jobcenter_desktop.domain.validation.text_problem`).
A problem is a :class:`~jobcenter_desktop.domain.validation.ValidationError` that
names the field in the user's language, as a form's own errors do; the import asks
:func:`row_problems` for each row before it writes anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from sqlalchemy import Enum, String, Text, event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from jobcenter_desktop.db.models import AuditEntry, Base
from jobcenter_desktop.domain.limits import MAX_TEXT_CHARS
from jobcenter_desktop.domain.validation import ValidationError, text_problem
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _

# Written by the program itself, not typed: the audit log, the search haystack
# (derived from fields checked here) and an issued invoice's snapshot (``document``: a
# month of daily gigs billed a line each is longer than any typed text).
_SKIPPED_MODELS: tuple[type[Base], ...] = (AuditEntry,)
_SKIPPED_COLUMNS = frozenset({"search", "approved_by", "document"})
# Columns that may hold several lines (a tab or a line break) although they have a length.
_MULTILINE_COLUMNS = frozenset(
    {
        "notes",
        "note",
        "terms",
        "task_description",
        "consent_scope",
        "transport_note",
        "cancel_reason",
        "unplanned_reason",
        "vat_reason",
        "feedback_comment",
        "reason",
    }
)

# The field labels the forms show (the same English texts, so the same translations).
_COMMON_LABELS = {
    "name": N_("Name"),
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "street": N_("Street address"),
    "postal_code": N_("Postal code"),
    "city": N_("City"),
    "phone": N_("Phone"),
    "email": N_("Email"),
    "notes": N_("Notes"),
    "note": N_("Note"),
    "business_id": N_("Business ID"),
    "reason": N_("Reason"),
    "title": N_("Title"),
    "role": N_("Role"),
    "iban": N_("IBAN"),
    "bic": N_("BIC"),
    "logo_mime": N_("Logo"),
    "legal_name": N_("Legal name"),
    "customer_number": N_("Customer number"),
    "participant_number": N_("Participant number"),
    "contract_number": N_("Contract number"),
    "identity_code": N_("Personal identity code"),
    "guardian_name": N_("Guardian"),
    "guardian_phone": N_("Guardian's phone"),
    "guardian_email": N_("Guardian's email"),
    "consent_scope": N_("Consent scope"),
    "transport_note": N_("Transport"),
    "einvoice_address": N_("E-invoice address"),
    "einvoice_operator": N_("E-invoice operator"),
    "customer_reference": N_("Customer's reference"),
    "task_description": N_("Task description"),
    "vat_reason": N_("Reason for no VAT"),
    "weekdays": N_("Weekdays"),
    "terms": N_("Terms"),
    "cancel_reason": N_("Reason for cancelling"),
    "unplanned_reason": N_("Reason for an unplanned person"),
    "feedback_comment": N_("Customer feedback comment"),
    "code": N_("Code"),
}
_TABLE_LABELS = {
    ("work_site", "name"): N_("Work site"),
    ("contact_person", "name"): N_("Contact person"),
    ("crew_template", "name"): N_("Crew name"),
}


def field_label(table: str, key: str) -> str:
    """The translated label of a column, as its form shows it."""
    text = _TABLE_LABELS.get((table, key)) or _COMMON_LABELS.get(key)
    return _(text) if text else key.replace("_", " ")


@cache
def _text_columns(model: type[Base]) -> tuple[tuple[str, int, bool], ...]:
    """The model's typed text columns: (attribute key, longest length, multi-line)."""
    columns = []
    for column in inspect(model).columns:
        kind = column.type
        if not isinstance(kind, String) or isinstance(kind, Enum):
            continue
        key = column.key
        if key in _SKIPPED_COLUMNS:
            continue
        length = kind.length if kind.length is not None else MAX_TEXT_CHARS
        columns.append((key, length, isinstance(kind, Text) or key in _MULTILINE_COLUMNS))
    return tuple(columns)


def row_problems(row: Base, only_changed: bool = False) -> dict[str, str]:
    """The row's text fields that cannot be stored: field key -> "Label: problem".

    With ``only_changed`` a stored row's unchanged fields are left alone (a value stored
    before the limits existed does not block, say, archiving the record).
    """
    model = type(row)
    if isinstance(row, _SKIPPED_MODELS):
        return {}
    state: Any = inspect(row) if only_changed else None
    problems: dict[str, str] = {}
    for key, length, multiline in _text_columns(model):
        value = row.__dict__.get(key)
        if not isinstance(value, str):
            continue
        if state is not None and not state.attrs[key].history.has_changes():
            continue
        problem = text_problem(value, length, multiline)
        if problem is not None:
            label = field_label(str(model.__tablename__), key)
            problems[key] = f"{label}: {problem}"
    return problems


def values_problems(model: type[Base], values: Mapping[str, Any]) -> dict[str, str]:
    """:func:`row_problems` of a new row given as its column values (a bulk insert)."""
    problems: dict[str, str] = {}
    for key, length, multiline in _text_columns(model):
        value = values.get(key)
        if not value or not isinstance(value, str):
            continue  # an empty text is always fine
        problem = text_problem(value, length, multiline)
        if problem is not None:
            problems[key] = f"{field_label(str(model.__tablename__), key)}: {problem}"
    return problems


def check_rows(new: Iterable[Any], changed: Iterable[Any] = ()) -> None:
    """Raise one :class:`ValidationError` for the text problems of ``new`` and ``changed``
    rows (the first problem of each field is kept, as a form's checker does)."""
    problems: dict[str, str] = {}
    for row in new:
        if isinstance(row, Base):
            for key, message in row_problems(row).items():
                problems.setdefault(key, message)
    for row in changed:
        if isinstance(row, Base):
            for key, message in row_problems(row, only_changed=True).items():
                problems.setdefault(key, message)
    if problems:
        raise ValidationError(problems)


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: UOWTransaction, _instances: object) -> None:
    check_rows(session.new, session.dirty)

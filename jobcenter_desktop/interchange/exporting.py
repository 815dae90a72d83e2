"""Export participants, customers or contracts as a CSV or Excel file, ready to import back.

The columns are those :mod:`importing` reads, in the same order, and the values are
written in a locale-neutral form the importer reads back unchanged: dates
``2026-10-05``, money ``35.00``, times ``08:30``, yes/no as ``yes``/``no``, the
code names of choices (``company``, ``exempt`` …), weekdays ``mon,thu`` and the
weekly hour limit in hours (``17.5``). So an export imports into an empty store
as the same records.

Only records in use are exported: archived ones are left out, as they are from
the everyday lists. (A contract whose customer is archived is still exported;
importing it needs that customer in the target store.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from decimal import Decimal
from enum import Enum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import Contract, Customer, Participant
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.search import number_order
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.interchange.register_columns import REGISTERS, register_columns
from jobcenter_desktop.interchange.tabular import write_table

#: The files an export writes: a name ending in anything else is refused before any work.
EXPORT_SUFFIXES = (".csv", ".xlsx")


def check_export_path(path: Path) -> None:
    """Refuse a file name that does not end in .csv or .xlsx (a UserError that says so)."""
    if path.suffix.lower() not in EXPORT_SUFFIXES:
        raise UserError(
            _(
                "An export is written as a .csv or an .xlsx file, not as “{suffix}”. "
                "Give a file name ending in .csv or .xlsx."
            ).format(suffix=path.suffix or path.name)
        )


def export_file(store: Store, register: str, path: Path) -> int:
    """Write ``register``'s records in use to ``path`` (.csv or .xlsx); returns the row count."""
    check_export_path(path)
    spec = register_columns(register)
    with store.read() as session:
        rows = _EXPORTERS[register](session)
    write_table(path, spec.columns, rows)
    return len(rows)


def export_rows(store: Store, register: str) -> list[list[str]]:
    """The rows :func:`export_file` would write, without the heading row."""
    register_columns(register)
    with store.read() as session:
        return _EXPORTERS[register](session)


# --- values ---------------------------------------------------------------------------------


def text(value: object) -> str:
    """A value in the export's locale-neutral form; ``None`` is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def hours(minutes: int | None) -> str:
    """Minutes as hours the way a person writes them: ``17.5``, ``20``, ``7.25``."""
    if minutes is None:
        return ""
    value = Decimal(minutes) / 60
    if value == value.to_integral_value():
        return str(int(value))
    exact = value.quantize(Decimal("0.01"))
    return format(exact.normalize(), "f")


# --- registers ------------------------------------------------------------------------------


def _customers(session: Session) -> list[list[str]]:
    rows = session.scalars(select(Customer).where(Customer.archived_at.is_(None))).all()
    result = []
    for c in sorted(rows, key=lambda row: number_order(row.customer_number)):
        values = (
            c.customer_number,
            c.type,
            c.name,
            c.business_id,
            c.street,
            c.postal_code,
            c.city,
            c.email,
            c.phone,
            c.invoice_language,
            c.einvoice_address,
            c.einvoice_operator,
            c.payment_term_days,
        )
        result.append([text(value) for value in values])
    return result


def _participants(session: Session) -> list[list[str]]:
    query = select(Participant).where(Participant.archived_at.is_(None))
    rows = session.scalars(query).all()
    result = []
    for p in sorted(rows, key=lambda row: number_order(row.participant_number)):
        result.append(
            [
                text(p.participant_number),
                text(p.first_name),
                text(p.last_name),
                text(p.date_of_birth),
                text(p.service_basis),
                text(p.pay_basis),
                text(p.hourly_pay),
                hours(p.weekly_limit_minutes),
                text(p.phone),
                text(p.email),
            ]
        )
    return result


def _contracts(session: Session) -> list[list[str]]:
    numbers = dict(session.execute(select(Customer.id, Customer.customer_number)).all())
    rows = session.scalars(select(Contract).where(Contract.archived_at.is_(None))).all()
    result = []
    for c in sorted(rows, key=lambda row: number_order(row.contract_number)):
        values = (
            c.contract_number,
            numbers[c.customer_id],
            c.title,
            c.task_type,
            c.worker_hour_price,
            c.instructor_hour_price,
            c.visit_price,
            c.minimum_charge,
            c.travel_fee,
            c.rounding_minutes,
            c.vat_treatment,
            c.vat_reason,
            c.household_deduction,
            c.weekdays,
            c.every_weeks,
            c.start_time,
            c.duration_minutes,
            c.valid_from,
            c.valid_to,
            c.status,
        )
        result.append([text(value) for value in values])
    return result


_EXPORTERS: dict[str, Callable[[Session], list[list[str]]]] = {
    "participants": _participants,
    "customers": _customers,
    "contracts": _contracts,
}
assert set(_EXPORTERS) == set(REGISTERS)

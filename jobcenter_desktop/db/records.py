"""What every register shares: numbering, archive, restore and hard delete."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from jobcenter_desktop.db.errors import ArchivedError, NotFoundError, RecordInUseError
from jobcenter_desktop.db.models import Archivable, Base
from jobcenter_desktop.db.store import Store, Transaction, snapshot
from jobcenter_desktop.db.types import utcnow
from jobcenter_desktop.domain.enums import Labelled
from jobcenter_desktop.domain.validation import Checker
from jobcenter_desktop.i18n import gettext as _

M = TypeVar("M", bound=Base)
L = TypeVar("L", bound=Labelled)


def choose(checker: Checker, key: str, label: str, enum: type[L], text: str) -> L | None:
    """The enum member the user meant (code or label), or a field error."""
    found = enum.parse(text) if text.strip() else None
    if found is None:
        checker.add(key, label, _("choose one of the options"))
    return found  # type: ignore[return-value]


def get(session: Session, model: type[M], record_id: int) -> M:
    row = session.get(model, record_id)
    if row is None:
        raise NotFoundError()
    return row


def get_editable(session: Session, model: type[M], record_id: int) -> M:
    row = get(session, model, record_id)
    if isinstance(row, Archivable) and row.archived_at is not None:
        raise ArchivedError()
    return row


def next_number(session: Session, column: InstrumentedAttribute[str], first: int = 1) -> str:
    """The next free number after the largest purely numeric one in ``column``."""
    numbers = session.scalars(select(column))
    largest = max((int(n) for n in numbers if n.isdigit()), default=first - 1)
    return str(largest + 1)


def claim_number(
    session: Session,
    column: InstrumentedAttribute[str],
    typed: str,
    own_id: int | None,
    taken_numbers: Container[str] | None = None,
    first: int = 1,
) -> tuple[str, bool]:
    """The typed number, or the next free one when blank; and whether another record has it.

    ``taken_numbers``, when given (an import), replaces the per-row uniqueness query.
    """
    number = typed.strip()
    if not number:
        return next_number(session, column, first), False
    if taken_numbers is not None:
        return number, number in taken_numbers
    return number, number_taken(session, column, number, own_id)


@contextmanager
def saving(
    tx: Transaction,
    model: type[M],
    record_id: int | None,
    audit: Callable[[M], dict[str, Any]] = snapshot,
    *,
    batch: bool = False,
) -> Iterator[M]:
    """Create (``record_id`` None) or update a record, then write its audit entry.

    The body fills in the row; if it raises (e.g. a ValidationError), nothing is added
    and no audit entry is written. With ``batch`` a new row is written (and audited)
    at the transaction's next flush, so an import inserts its rows in batches.
    """
    row = model() if record_id is None else get_editable(tx.session, model, record_id)
    before = None if record_id is None else audit(row)
    yield row
    if record_id is None:
        tx.session.add(row)
        if batch:
            tx.record_created(entity_name(model), row, audit)
            return
    tx.session.flush()  # the audit entry needs the id the database gives
    action = "create" if before is None else "update"
    tx.record(entity_name(model), row.id, action, before, audit(row))  # type: ignore[attr-defined]


def number_taken(
    session: Session, column: InstrumentedAttribute[str], number: str, own_id: int | None
) -> bool:
    model = column.class_
    query = select(func.count()).select_from(model).where(column == number)
    if own_id is not None:
        query = query.where(model.id != own_id)
    return bool(session.scalar(query))


def entity_name(model: type[Base]) -> str:
    return str(model.__tablename__)


def set_archived(store: Store, model: type[Archivable], record_id: int, archived: bool) -> None:
    """Archive (hide from everyday lists) or restore a record; both are audited."""
    with store.write() as tx:
        row: Any = get(tx.session, model, record_id)  # type: ignore[type-var]
        if (row.archived_at is not None) == archived:
            return
        before = snapshot(row)
        row.archived_at = utcnow() if archived else None
        tx.session.flush()
        tx.record(
            entity_name(model),  # type: ignore[arg-type]
            record_id,
            "archive" if archived else "restore",
            before,
            snapshot(row),
        )


def delete(store: Store, model: type[Base], record_id: int) -> None:
    """Delete for good; refused (and nothing changes) when anything refers to the record."""
    try:
        with store.write() as tx:
            row = get(tx.session, model, record_id)
            before = snapshot(row)
            tx.session.delete(row)
            tx.session.flush()
            tx.record(entity_name(model), record_id, "delete", before, None)
    except IntegrityError as error:
        raise RecordInUseError() from error

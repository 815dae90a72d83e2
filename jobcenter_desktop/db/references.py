"""Whether anything still refers to a record, read from the schema's foreign keys.

A row owned by the record (``ondelete="CASCADE"``: a customer's work sites, a
participant's qualifications) goes with it, so it does not keep the record alive;
but whatever refers to an owned row does (a gig at one of the customer's work sites).
Any other foreign key (``RESTRICT``) refuses the delete. Read-only: the screens ask
before they offer Delete.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ForeignKey, Table, exists, select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.models import Base

#: how many levels of owned rows are followed (customer → work site → …)
_DEPTH = 3


def _foreign_keys_to(table: Table) -> list[ForeignKey]:
    return [
        key
        for other in Base.metadata.sorted_tables
        for key in other.foreign_keys
        if key.column.table is table
    ]


def _referenced(session: Session, table: Table, ids: Sequence[Any], depth: int) -> bool:
    if not ids:
        return False
    for key in _foreign_keys_to(table):
        child = key.parent.table
        assert isinstance(child, Table)
        if (key.ondelete or "").upper() != "CASCADE":
            if session.scalar(select(exists().where(key.parent.in_(ids)))):
                return True
            continue
        if depth <= 0:
            continue
        keys = list(child.primary_key.columns)
        if len(keys) != 1:  # an owned link row (a contract's qualifications) has no referrers
            continue
        owned = list(session.scalars(select(keys[0]).where(key.parent.in_(ids))))
        if _referenced(session, child, owned, depth - 1):
            return True
    return False


def is_referenced(session: Session, model: type[Base], record_id: int) -> bool:
    """True when deleting the record would be refused: something still refers to it."""
    table = model.__table__
    assert isinstance(table, Table)
    return _referenced(session, table, [record_id], _DEPTH)

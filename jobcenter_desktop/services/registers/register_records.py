"""Archive, restore and delete a register's record by the register's name.

The screens name a register (``"customers"``); which ORM class holds it is the
core's business, so ``ui`` never handles the models.
"""

from __future__ import annotations

from typing import cast

from jobcenter_desktop.db import records
from jobcenter_desktop.db.models import (
    Archivable,
    Base,
    Contract,
    Customer,
    Instructor,
    Participant,
)
from jobcenter_desktop.db.references import is_referenced
from jobcenter_desktop.db.store import Store

#: the registers a screen can archive or delete in, by the name the screens use
REGISTERS: dict[str, type[Base]] = {
    "participants": Participant,
    "instructors": Instructor,
    "customers": Customer,
    "contracts": Contract,
}


def _model(register: str) -> type[Base]:
    try:
        return REGISTERS[register]
    except KeyError:
        raise ValueError(f"no register called {register!r}") from None


def set_archived(store: Store, register: str, record_id: int, archived: bool) -> None:
    """Archive (hide from everyday lists) or restore a record of ``register``; both are audited."""
    records.set_archived(store, cast(type[Archivable], _model(register)), record_id, archived)


def delete(store: Store, register: str, record_id: int) -> None:
    """Delete a record of ``register`` for good; refused when anything refers to it."""
    records.delete(store, _model(register), record_id)


def can_delete(store: Store, register: str, record_id: int) -> bool:
    """Whether :func:`delete` would delete the record: nothing refers to it (else archive it)."""
    with store.read() as session:
        return not is_referenced(session, _model(register), record_id)

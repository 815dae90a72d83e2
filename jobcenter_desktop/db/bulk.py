"""Many rows at once: batched INSERTs with their ids, and their audit entries in one go.

The imports write thousands of rows in one transaction. Through the ORM's unit of
work each row (and each of its audit entries) costs a Python object and its
bookkeeping; here the rows go in as plain values, in the few multi-row INSERTs
SQLAlchemy makes of them (``insertmanyvalues``), and come back with their ids in
the order given. The audit entries are the same ones :meth:`Transaction.record`
writes: who, what, which id, before and after.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from jobcenter_desktop.db.models import AuditEntry, Base
from jobcenter_desktop.db.store import Transaction, audit_values, jsonable

# Bound the parameters of one IN (...) (SQLite allows 32,766; servers differ).
CHUNK = 900
# What ``store.snapshot`` leaves out of an audit entry.
_NOT_AUDITED = frozenset({"created_at", "updated_at", "search"})

#: an audit entry: entity, entity id, action, before, after
Audit = tuple[str, int | None, str, dict[str, Any] | None, dict[str, Any] | None]


def chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    """The values (without repeats, sorted) in slices that fit one IN (...)."""
    ordered = sorted(set(values))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def table_of(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def insert_many(
    session: Session, model: type[Base], rows: Sequence[Mapping[str, Any]], key: Sequence[str]
) -> list[int]:
    """Insert the rows (column values by name); returns their new ids in the same order.

    ``key`` names columns that tell the new rows apart (a unique constraint's). The
    rows go in as one ``executemany`` (RETURNING would make SQLAlchemy insert them one
    at a time on SQLite, which cannot promise the order of the ids returned); their ids
    are then read back by ``key`` among the rows above the largest id before. The
    caller holds the write lock, so no one else adds rows meanwhile. The columns'
    Python-side defaults (``created_at``…) are filled in as for the ORM.
    """
    if not rows:
        return []
    table = table_of(model)
    top = session.scalar(select(func.max(table.c.id))) or 0
    executemany(session, table, rows)
    columns = [table.c[name] for name in key]
    found = {
        tuple(values): row_id
        for row_id, *values in session.execute(select(table.c.id, *columns).where(table.c.id > top))
    }
    return [found[tuple(row[name] for name in key)] for row in rows]


def executemany(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT the rows with the driver's own ``executemany``, the values converted once each.

    What SQLAlchemy does for each row of an ``executemany`` (column defaults, the
    types' conversions) done here in one tight loop: the columns' bind processors for
    the connection's dialect are looked up once, Python-side defaults evaluated once
    per call (every row of an import gets the same ``created_at``). Columns without a
    value or a default are NULL; ``id`` is left to the database.
    """
    connection = session.connection()
    dialect = connection.dialect
    columns = [column for column in table.columns if column.key != "id"]
    defaults: dict[str, Any] = {}
    for column in columns:
        default = column.default
        if default is None:
            defaults[column.key] = None
        elif default.is_scalar:
            defaults[column.key] = getattr(default, "arg", None)
        elif default.is_callable:
            defaults[column.key] = getattr(default, "arg")(None)  # noqa: B009
        else:
            defaults[column.key] = None
    processors = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
    statement = insert(table).values({column.key: bindparam(column.key) for column in columns})
    compiled = statement.compile(dialect=dialect)
    # An import repeats its dates, times and codes: each distinct value is converted once.
    seen: list[dict[Any, Any]] = [{} for _column in columns]
    converted: list[dict[str, Any]] = []
    for row in rows:
        values: dict[str, Any] = {}
        for column, process, memo in zip(columns, processors, seen, strict=True):
            value = row.get(column.key, defaults[column.key])
            if process is None or value is None:
                values[column.key] = value
                continue
            try:
                values[column.key] = memo[value]
            except KeyError:
                values[column.key] = memo[value] = process(value)
            except TypeError:  # not hashable (a JSON document)
                values[column.key] = process(value)
        converted.append(values)
    if compiled.positional:
        order = compiled.positiontup or []
        connection.exec_driver_sql(
            str(compiled), [tuple(values[name] for name in order) for values in converted]
        )
    else:
        connection.exec_driver_sql(str(compiled), converted)


def update_many(session: Session, model: type[Base], rows: Sequence[Mapping[str, Any]]) -> None:
    """Update rows by id (``"id"`` in each mapping, the same columns in all) in one go."""
    if not rows:
        return
    table = table_of(model)
    names = [name for name in rows[0] if name != "id"]
    statement = (
        update(table)
        .where(table.c.id == bindparam("row_id"))
        .values({name: bindparam(f"new_{name}") for name in names})
    )
    session.execute(
        statement,
        [{"row_id": row["id"], **{f"new_{name}": row[name] for name in names}} for row in rows],
    )


def delete_ids(session: Session, model: type[Base], ids: Iterable[int]) -> None:
    table = table_of(model)
    for part in chunks(ids):
        session.execute(delete(table).where(table.c.id.in_(part)))


class Snapshots:
    """What ``store.snapshot`` would say of rows inserted with given values, made fast.

    A column left out of the values shows its scalar default, if it has one.
    """

    def __init__(self, model: type[Base]) -> None:
        self.columns: list[tuple[str, Any]] = []
        for column in table_of(model).columns:
            if column.key in _NOT_AUDITED:
                continue
            default = None
            if column.default is not None and column.default.is_scalar:
                default = getattr(column.default, "arg", None)
            self.columns.append((column.key, jsonable(default)))

    def __call__(self, row_id: int, values: Mapping[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, default in self.columns:
            if key == "id":
                found[key] = row_id
                continue
            value = values.get(key, default)
            # Most values are already JSON (numbers, text, None): skip the conversions.
            if value is None or type(value) in (int, str, bool):
                found[key] = value
            else:
                found[key] = jsonable(value)
        return found


def record_many(tx: Transaction, entries: Sequence[Audit]) -> None:
    """Append the audit entries, as :meth:`Transaction.record` does each (what changed, via
    ``store.audit_values``), in one ``executemany``."""
    if not entries:
        return
    tx.session.flush()
    values = []
    for entity, entity_id, action, before, after in entries:
        kept_before, kept_after = audit_values(action, entity_id, before, after)
        values.append(
            {
                "actor": tx.actor,
                "entity": entity,
                "entity_id": entity_id,
                "action": action,
                "before": kept_before,
                "after": kept_after,
            }
        )
    executemany(tx.session, table_of(AuditEntry), values)

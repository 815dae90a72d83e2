"""Many rows at once: batched INSERTs with their ids, and their audit entries in one go.

The imports write thousands of rows in one transaction. Through the ORM's unit of
work each row (and each of its audit entries) costs a Python object and its
bookkeeping; here the rows go in as plain values, in the few multi-row INSERTs
SQLAlchemy makes of them (``insertmanyvalues``), and come back with their ids in
the order given. The audit entries are the same ones :meth:`Transaction.record`
writes: who, what, which id, before and after.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from jobcenter_desktop.db.models import AuditEntry, Base
from jobcenter_desktop.db.store import Transaction, audit_values, jsonable

# Bound the parameters of one IN (...) (SQLite allows 32,766; servers differ).
CHUNK = 900
# What ``store.snapshot`` leaves out of an audit entry.
_NOT_AUDITED = frozenset({"created_at", "updated_at", "search"})
# Values an audit snapshot keeps as they are.
_JSON_TYPES = frozenset({int, str, bool, type(None)})

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
    missing = _defaults(table)
    values = {
        column.key: [row.get(column.key, missing[column.key]) for row in rows]
        for column in table.columns
        if column.key != "id"
    }
    return _insert_columns(session, table, values, key)


def insert_rows(
    session: Session,
    model: type[Base],
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
    key: Sequence[str],
) -> list[int]:
    """:func:`insert_many` for rows given as tuples of the columns ``names``, in that order.

    The fast way for an import: no mapping per row; each distinct value of a column
    is converted for the database once.
    """
    if not rows:
        return []
    table = table_of(model)
    columns = list(zip(*rows, strict=True))
    return _insert_columns(
        session,
        table,
        {name: list(column) for name, column in zip(names, columns, strict=True)},
        key,
    )


def _insert_columns(
    session: Session, table: Table, values: dict[str, list[Any]], key: Sequence[str]
) -> list[int]:
    top = session.scalar(select(func.max(table.c.id))) or 0
    converted = _execute_columns(session, table, values)
    count = len(next(iter(values.values())))
    connection = session.connection()
    wanted = [converted[name] if name in converted else [None] * count for name in key]
    # Read back as the driver stores them: no conversion of the ten thousand rows again.
    query = select(table.c.id, *(table.c[name] for name in key)).where(table.c.id > top)
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    raw = connection.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        cursor.execute(str(compiled))
        found = {tuple(row[1:]): row[0] for row in cursor.fetchall()}
    finally:
        cursor.close()
    ids = [found.get(values_) for values_ in zip(*wanted, strict=True)]
    if all(row_id is not None for row_id in ids):
        return [row_id for row_id in ids if row_id is not None]
    # A driver that returns other types than it was given: compare the Python values.
    columns = [table.c[name] for name in key]
    typed = {
        tuple(values_): row_id
        for row_id, *values_ in session.execute(
            select(table.c.id, *columns).where(table.c.id > top)
        )
    }
    return [typed[tuple(row)] for row in zip(*(values[name] for name in key), strict=True)]


def _defaults(table: Table) -> dict[str, Any]:
    """Each column's value when a row gives none: its Python-side default, else None."""
    defaults: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if default is None:
            defaults[column.key] = None
        elif default.is_scalar:
            defaults[column.key] = getattr(default, "arg", None)
        elif default.is_callable:
            defaults[column.key] = getattr(default, "arg")(None)  # noqa: B009
        else:
            defaults[column.key] = None
    return defaults


def executemany(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT the rows with the driver's own ``executemany``, the values converted once each.

    What SQLAlchemy does for each row of an ``executemany`` (column defaults, the
    types' conversions) done here column by column: the columns' bind processors for
    the connection's dialect are looked up once, Python-side defaults evaluated once
    per call (every row of an import gets the same ``created_at``). Columns without a
    value or a default are NULL; ``id`` is left to the database.
    """
    if not rows:
        return
    missing = _defaults(table)
    _execute_columns(
        session,
        table,
        {
            column.key: [row.get(column.key, missing[column.key]) for row in rows]
            for column in table.columns
            if column.key != "id"
        },
    )


def _execute_columns(
    session: Session, table: Table, values: dict[str, list[Any]]
) -> dict[str, list[Any]]:
    """INSERT rows given column by column (``values``: name -> one value per row); the
    columns left out get their defaults. Returns the values as converted for the driver."""
    connection = session.connection()
    dialect = connection.dialect
    count = len(next(iter(values.values())))
    missing = _defaults(table)
    columns = [column for column in table.columns if column.key != "id"]
    converted: dict[str, list[Any]] = {}
    for column in columns:
        given = values.get(column.key)
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        if given is None:
            default = missing[column.key]
            value = default if process is None or default is None else process(default)
            converted[column.key] = [value] * count
        elif process is None:
            converted[column.key] = given
        else:
            converted[column.key] = _converted(process, given)
    statement = insert(table).values({column.key: bindparam(column.key) for column in columns})
    compiled = statement.compile(dialect=dialect)
    if compiled.positional:
        order = compiled.positiontup or []
        parameters: Any = list(zip(*(converted[name] for name in order), strict=True))
    else:
        names = list(converted)
        parameters = [
            dict(zip(names, row, strict=True)) for row in zip(*converted.values(), strict=True)
        ]
    connection.exec_driver_sql(str(compiled), parameters)
    return converted


def _converted(process: Callable[[Any], Any], values: list[Any]) -> list[Any]:
    """The values through ``process`` (None stays None); an import repeats its dates, times
    and codes, so each distinct value is converted once."""
    try:
        memo = {value: process(value) for value in set(values) if value is not None}
    except TypeError:  # not hashable (a JSON document)
        return [None if value is None else process(value) for value in values]
    memo[None] = None
    return [memo[value] for value in values]


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

    def many(self, ids: Sequence[int], rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """``self(row_id, values)`` of each row, column by column: each distinct value
        is made JSON once."""
        keys = [key for key, _default in self.columns]
        columns: list[list[Any]] = []
        for key, default in self.columns:
            if key == "id":
                columns.append(list(ids))
                continue
            given = [row.get(key, default) for row in rows]
            try:
                distinct = set(given)
            except TypeError:  # not hashable
                columns.append([_json(value) for value in given])
                continue
            memo = {value: _json(value) for value in distinct}
            if all(memo[value] is value for value in distinct):
                columns.append(given)  # already JSON: numbers, text, None
            else:
                columns.append([memo[value] for value in given])
        return [dict(zip(keys, values, strict=True)) for values in zip(*columns, strict=True)]

    def __call__(self, row_id: int, values: Mapping[str, Any]) -> dict[str, Any]:
        get = values.get
        found = {key: get(key, default) for key, default in self.columns}
        if "id" in found:
            found["id"] = row_id
        # Most values are already JSON (numbers, text, None): only the others are converted.
        for key in [key for key, value in found.items() if type(value) not in _JSON_TYPES]:
            found[key] = jsonable(found[key])
        return found


def _json(value: Any) -> Any:
    # Most values are already JSON (numbers, text, None): skip the conversions.
    if value is None or type(value) in (int, str, bool):
        return value
    return jsonable(value)


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

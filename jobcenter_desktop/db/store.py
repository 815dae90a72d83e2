"""The store: an open database with short write transactions that leave an audit trail."""

from __future__ import annotations

import contextlib
import getpass
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, inspect, null
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from jobcenter_desktop.db import field_limits  # noqa: F401 - checks text before each flush
from jobcenter_desktop.db.damage import not_a_database, unreadable
from jobcenter_desktop.db.engine import (
    make_engine,
    make_session_factory,
    optimize,
    sqlite_url,
    use_wal,
    writing,
)
from jobcenter_desktop.db.errors import (
    DiskFullError,
    DuplicateError,
    ReadOnlyStoreError,
    RecordInUseError,
    StoreBusyError,
    UserError,
)
from jobcenter_desktop.db.locks import (
    ATTENDANCE_PAID,
    ENTRY_PAID,
    GIG_INVOICED,
    INVOICE_ISSUED,
    OUT_OF_SERIES,
    PAY_RUN_CONFIRMED,
    PAY_RUN_OUT_OF_SERIES,
)
from jobcenter_desktop.db.migrate import migrate
from jobcenter_desktop.db.models import AuditEntry, Base
from jobcenter_desktop.domain.search import fold
from jobcenter_desktop.i18n import gettext as _


def default_actor() -> str:
    """Who is working: the operating-system user until the program has logins."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _fold_sql(value: str | None) -> str | None:
    return None if value is None else fold(value)


def snapshot(row: Base) -> dict[str, Any]:
    """The row's column values as JSON-ready data, for the audit log."""
    values: dict[str, Any] = {}
    for column in inspect(type(row)).columns:
        if column.key in ("created_at", "updated_at", "search"):
            continue
        values[column.key] = jsonable(getattr(row, column.key))
    return values


def jsonable(value: Any) -> Any:
    """A column value as JSON: enums by code, money as text, dates and times in ISO."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def audit_values(
    action: str,
    entity_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """What an audit entry keeps of two snapshots: what changed, not whole copies.

    A change (both given) keeps the fields whose values differ, on both sides, but not
    an empty side (``None``, ``""``, ``[]``): a field only in ``after`` was empty
    before, one only in ``before`` is empty now. Lists of rows (a gig's timesheet
    entries) are compared row by row (:func:`_list_changes`); the values all the rows
    listed share are kept once, under ``all_<list>`` (:func:`_put_rows`).
    A ``create`` or ``delete`` keeps the record's values except the empty ones
    (``None``, ``""``, ``[]``) and an ``id`` equal to the entry's own. Anything else
    (an import's summary, an override's reason) is kept as given, except that rows
    nested in it (an approval's terms per entry) leave out their ``None`` values.
    """
    if before is not None and after is not None:
        return _changes(before, after)
    if action not in ("create", "delete"):
        return _nested_set(before), _nested_set(after)
    return _given(entity_id, before), _given(entity_id, after)


def _nested_set(values: dict[str, Any] | None) -> dict[str, Any] | None:
    """``values`` with the ``None`` values of the dictionaries nested in it left out."""
    if values is None:
        return None
    return {key: _without_none(value) for key, value in values.items()}


def _without_none(value: Any) -> Any:
    # Only containers recurse: an import's list of ten thousand rows stays one pass.
    if isinstance(value, dict):
        return {
            key: _without_none(item) if isinstance(item, dict | list) else item
            for key, item in value.items()
            if item is not None
        }
    if isinstance(value, list):
        return [_without_none(item) if isinstance(item, dict | list) else item for item in value]
    return value


def _given(entity_id: int | None, values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return {
        key: _without_none(value)
        for key, value in values.items()
        if value is not None
        and value != ""
        and value != []
        and not (key == "id" and entity_id is not None and value == entity_id)
    }


#: The key an audit entry gives the values shared by every row of a list ``key``:
#: ``{"entries": [{"id": 7, "participant_id": 3}, …], "all_entries": {"start_time": …}}``.
SHARED_PREFIX = "all_"


def _changes(
    before: dict[str, Any], after: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for key in [*before, *(key for key in after if key not in before)]:
        was: Any = before.get(key)
        now: Any = after.get(key)
        if was == now:
            continue
        if _rows(was) and _rows(now):
            was, now = _list_changes(was, now)
            _put_rows(old, key, was, key in before)
            _put_rows(new, key, now, key in after)
            continue
        # An empty side is left out: a field only in ``after`` was empty before.
        if key in before and not _empty(was):
            old[key] = was
        if key in after and not _empty(now):
            new[key] = now
    return old, new


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def _put_rows(values: dict[str, Any], key: str, rows: list[dict[str, Any]], given: bool) -> None:
    """Put the rows under ``key`` (unless there are none); when there are several, the
    values every one of them has (a sheet's start and end times) go once under
    ``all_<key>``."""
    if not given or not rows:
        return
    shared = _shared(rows)
    if shared:
        values[key] = [
            {name: value for name, value in row.items() if name not in shared} for row in rows
        ]
        values[SHARED_PREFIX + key] = shared
    else:
        values[key] = rows


def _shared(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The values, other than the rows' own ids (``id``, ``was``), that every row has."""
    if len(rows) < 2:
        return {}
    first, *others = rows
    return {
        name: value
        for name, value in first.items()
        if name not in ("id", "was") and all(name in row and row[name] == value for row in others)
    }


def _rows(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _list_changes(
    before: list[dict[str, Any]], after: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Two lists of row snapshots reduced to what changed.

    Rows with the same ``id`` on both sides keep their ``id`` and changed fields only
    (and are left out when nothing changed). A row written again under a new ``id``
    with the same values (a sheet saved again) is kept as ``{"id": new, "was": old}``;
    written again with some values changed but referring to the same records (the same
    person's timesheet entry with a new end time: the same ``…_id`` values), as
    ``{"id": new, "was": old, <changed fields>}`` with ``{"id": old, <their values>}``
    on the other side. What is left are the rows removed (in ``before``) and added (in
    ``after``), with their values but not the empty ones.
    """
    by_id = {row["id"]: row for row in before if row.get("id") is not None}
    old: list[dict[str, Any]] = []
    new: list[dict[str, Any]] = []
    added: list[dict[str, Any]] = []
    for row in after:
        previous = by_id.pop(row.get("id"), None) if row.get("id") is not None else None
        if previous is None:
            added.append(row)
        elif previous != row:
            was, now = _changes(previous, row)
            old.append({"id": row["id"], **was})
            new.append({"id": row["id"], **now})
    # Rows removed and added again with the same values: only the new id is news.
    removed = list(by_id.values()) + [row for row in before if row.get("id") is None]
    unmatched: dict[str, list[dict[str, Any]]] = {}
    for row in removed:
        unmatched.setdefault(_without_id(row), []).append(row)
    fresh: list[dict[str, Any]] = []
    for row in added:
        twins = unmatched.get(_without_id(row))
        if twins:
            twin = twins.pop(0)
            new.append({"id": row.get("id"), "was": twin.get("id")})
        else:
            fresh.append(row)
    gone = [row for rows in unmatched.values() for row in rows]
    # Rows written again with changes: paired by the records they refer to.
    gone_by_refs = _unique_by(gone, _references)
    added_by_refs = _unique_by(fresh, _references)
    paired: set[int] = set()
    for refs, row in added_by_refs.items():
        previous = gone_by_refs.get(refs)
        if previous is None or refs == "[]":
            continue
        was, now = _changes(_without(previous, "id"), _without(row, "id"))
        old.append({"id": previous.get("id"), **was})
        new.append({"id": row.get("id"), "was": previous.get("id"), **now})
        paired.update((id(previous), id(row)))
    new.extend(_given(None, row) or {} for row in fresh if id(row) not in paired)
    old.extend(_given(None, row) or {} for row in gone if id(row) not in paired)
    return old, new


def _without_id(row: dict[str, Any]) -> str:
    return repr(sorted((key, repr(value)) for key, value in row.items() if key != "id"))


def _without(row: dict[str, Any], key: str) -> dict[str, Any]:
    return {name: value for name, value in row.items() if name != key}


def _references(row: dict[str, Any]) -> str:
    """The records a row refers to (its ``…_id`` values, not its own ``id``)."""
    return repr(sorted((key, value) for key, value in row.items() if key.endswith("_id")))


def _unique_by(
    rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], str]
) -> dict[str, dict[str, Any]]:
    """The rows by ``key``, leaving out the keys more than one row has."""
    found: dict[str, dict[str, Any]] = {}
    doubled: set[str] = set()
    for row in rows:
        value = key(row)
        if value in found:
            doubled.add(value)
        found[value] = row
    return {value: row for value, row in found.items() if value not in doubled}


@dataclass
class Transaction:
    """What a service gets inside :meth:`Store.write`: the session and the audit log."""

    session: Session
    actor: str
    entries: list[AuditEntry] = field(default_factory=list)
    # New rows whose audit entries wait for the ids a batched flush gives them.
    pending: list[tuple[str, Base, dict[str, Any] | None, Callable[[Any], dict[str, Any]]]] = field(
        default_factory=list
    )

    def record(
        self,
        entity: str,
        entity_id: int | None,
        action: str,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        """Append an audit entry: for a change (both ``before`` and ``after``) only the
        fields that changed are kept, ``field: before -> after``; for a new or deleted
        record its values, without the empty ones (see :func:`audit_values`)."""
        before, after = audit_values(action, entity_id, before, after)
        entry = AuditEntry(
            actor=self.actor,
            entity=entity,
            entity_id=entity_id,
            action=action,
            # A side not given is SQL NULL (as in bulk.record_many), not the JSON text null.
            before=null() if before is None else before,
            after=null() if after is None else after,
        )
        self.session.add(entry)
        self.entries.append(entry)

    def record_created(
        self, entity: str, row: Base, audit: Callable[[Any], dict[str, Any]]
    ) -> None:
        """Audit a new row at the next :meth:`flush`, once the database has given its id.

        Many rows (an import) are then written in a few batched INSERTs instead of
        one flush per row.
        """
        self.pending.append((entity, row, None, audit))

    def flush(self) -> None:
        """Write the pending rows and then their audit entries."""
        self.session.flush()
        pending, self.pending = self.pending, []
        for entity, row, before, audit in pending:
            self.record(entity, row.id, "create", before, audit(row))  # type: ignore[attr-defined]


class Store:
    """An open store file (or any SQLAlchemy URL) at the program's schema."""

    def __init__(self, engine: Engine, path: Path | None = None, actor: str | None = None) -> None:
        self.engine = engine
        self.path = path
        self.actor = actor or default_actor()
        self.sessions: sessionmaker[Session] = make_session_factory(engine)
        # Write transactions begin holding the write lock: what a service reads to
        # decide cannot change under it (BEGIN IMMEDIATE; PostgreSQL: an advisory lock).
        self.write_sessions: sessionmaker[Session] = make_session_factory(writing(engine))
        self.backup: Path | None = None
        # Where backups of this file go (the invoice run backs up there first).
        self.backups_dir: Path | None = None if path is None else path.parent / "backups"
        # The write transaction open in each thread, which nested writes and reads join.
        self._local = threading.local()

    @classmethod
    def open(cls, path: Path, backups_dir: Path | None = None, actor: str | None = None) -> Store:
        """Open (creating if needed) the SQLite file and migrate it, backing up first.

        Raises :class:`DamagedStoreError` for a file that is not a whole store,
        :class:`StoreTooNewError` for a newer program's file (left byte-identical),
        and a :class:`UserError` for a busy, read-only or full disk.
        """
        backups_dir = backups_dir or path.parent / "backups"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not_a_database(path):
            raise unreadable(path, backups_dir)
        engine = make_engine(sqlite_url(path))
        event.listen(engine, "connect", _register_functions)
        store = cls(engine, path, actor)
        store.backups_dir = backups_dir
        try:
            store.backup = migrate(engine, path, backups_dir)
            use_wal(engine)
        except DBAPIError as error:
            engine.dispose()
            known = user_error(error)
            if known is not None:
                raise known from error
            raise unreadable(path, backups_dir) from error
        except BaseException:
            engine.dispose()
            raise
        return store

    @classmethod
    def connect(cls, url: str, actor: str | None = None) -> Store:
        """Open a store on a database server (PostgreSQL) and bring it to the schema."""
        engine = make_engine(url)
        store = cls(engine, None, actor)
        migrate(engine, None, None)
        return store

    def close(self) -> None:
        # Optimizing is a courtesy: another workstation busy writing (the driver's own
        # "database is locked") must not turn a finished command into an error.
        with contextlib.suppress(DBAPIError, sqlite3.Error):
            optimize(self.engine)
        self.engine.dispose()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; inside :meth:`write` it is the writing one, which sees
        what the transaction has written so far."""
        joined = self._open_transaction()
        if joined is not None:
            yield joined.session
            return
        with self.sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Transaction]:
        """One short transaction holding the write lock: all of it is saved, or none of it.

        A write begun inside another (in the same thread) joins it, so a use case made
        of several services (demo data, an invoice run) is all or nothing as a whole.
        """
        joined = self._open_transaction()
        if joined is not None:
            inner = Transaction(joined.session, self.actor)
            yield inner
            inner.flush()
            return
        try:
            with self.write_sessions() as session, session.begin():
                transaction = Transaction(session, self.actor)
                self._local.transaction = transaction
                try:
                    yield transaction
                    transaction.flush()
                finally:
                    self._local.transaction = None
        except DBAPIError as error:
            known = user_error(error)
            if known is not None:
                raise known from error
            raise

    def _open_transaction(self) -> Transaction | None:
        found = getattr(self._local, "transaction", None)
        return found if isinstance(found, Transaction) else None


def user_error(error: DBAPIError) -> UserError | None:
    """The sentence for a database error a user can act on; None for a program error."""
    state = _sqlstate(error)
    text = str(error.orig).lower()
    if isinstance(error, OperationalError | IntegrityError) and (
        state in _BUSY_SQLSTATES or "locked" in text or "busy" in text
    ):
        return StoreBusyError()
    invoicing = invoicing_refusal(text) or pay_run_refusal(text)
    if invoicing is not None:
        return invoicing
    if state == _FOREIGN_KEY_SQLSTATE or "foreign key" in text:
        return RecordInUseError()
    if state == _UNIQUE_SQLSTATE or "unique constraint" in text:
        # With the write lock held while deciding, only a race or a hand edit gets here.
        return DuplicateError()
    if state == _DISK_FULL_SQLSTATE or "disk is full" in text or "disk full" in text:
        return DiskFullError()
    if "readonly" in text or "read-only" in text:
        return ReadOnlyStoreError()
    return None


def invoicing_refusal(text: str) -> UserError | None:
    """The sentence for the invoicing triggers' refusals (migration 0008), if ``text`` is one."""
    if INVOICE_ISSUED in text:
        return UserError(
            _(
                "An issued invoice, its payments and its reminders cannot be changed or "
                "deleted. Correct an invoice with a credit note."
            )
        )
    if OUT_OF_SERIES in text:
        return UserError(
            _(
                "Invoice numbers run in one series without gaps: the next number must be "
                "greater than the last one issued."
            )
        )
    if GIG_INVOICED in text:
        return UserError(
            _(
                "This gig is on an invoice, so it and its hours cannot be changed. Correct the "
                "invoice with a credit note that makes the hours invoiceable again."
            )
        )
    return None


def pay_run_refusal(text: str) -> UserError | None:
    """The sentence for the pay run triggers' refusals (migration 0010), if ``text`` is one."""
    if PAY_RUN_OUT_OF_SERIES in text:
        return UserError(
            _(
                "Pay run numbers run in one series without gaps: the next run must have the "
                "number after the last one. Make the run again."
            )
        )
    if PAY_RUN_CONFIRMED in text:
        return UserError(
            _(
                "A confirmed pay run and what it paid cannot be changed or deleted. Correct "
                "it with an adjusting run that gives the reason."
            )
        )
    if ENTRY_PAID in text:
        return UserError(
            _(
                "These hours are paid in a confirmed pay run, so they cannot be reopened or "
                "changed. Correct the pay with an adjusting run."
            )
        )
    if ATTENDANCE_PAID in text:
        return UserError(
            _(
                "The allowance of this attendance day is paid in a confirmed pay run, so the "
                "day cannot be changed or deleted. Correct the pay with an adjusting run."
            )
        )
    return None


# SQLSTATEs (PostgreSQL) of a transaction that lost to another workstation's and was
# rolled back: a lock wait past lock_timeout, a deadlock, a serialization failure.
_BUSY_SQLSTATES = frozenset({"55P03", "40P01", "40001"})
_FOREIGN_KEY_SQLSTATE = "23503"
_UNIQUE_SQLSTATE = "23505"
_DISK_FULL_SQLSTATE = "53100"


def _sqlstate(error: DBAPIError) -> str | None:
    """The SQL standard error code of a server database's error; None from SQLite."""
    code = getattr(error.orig, "sqlstate", None)
    return code if isinstance(code, str) else None


def _register_functions(dbapi_connection: Any, _record: Any) -> None:
    # Finnish case folding for ad-hoc SQL searches (SQLite's lower() is ASCII only).
    dbapi_connection.create_function("fold", 1, _fold_sql, deterministic=True)

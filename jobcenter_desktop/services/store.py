"""The store: an open database with short write transactions that leave an audit trail."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, inspect
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from jobcenter_desktop.db.engine import make_engine, make_session_factory, sqlite_url
from jobcenter_desktop.db.migrate import migrate
from jobcenter_desktop.db.models import AuditEntry, Base
from jobcenter_desktop.domain.search import fold
from jobcenter_desktop.services.errors import RecordInUseError, StoreBusyError


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
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


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
        entry = AuditEntry(
            actor=self.actor,
            entity=entity,
            entity_id=entity_id,
            action=action,
            before=before,
            after=after,
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
        self.backup: Path | None = None

    @classmethod
    def open(cls, path: Path, backups_dir: Path | None = None, actor: str | None = None) -> Store:
        """Open (creating if needed) the SQLite file and migrate it, backing up first."""
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = make_engine(sqlite_url(path))
        event.listen(engine, "connect", _register_functions)
        store = cls(engine, path, actor)
        store.backup = migrate(engine, path, backups_dir or path.parent / "backups")
        return store

    @classmethod
    def connect(cls, url: str, actor: str | None = None) -> Store:
        """Open a store on a database server (PostgreSQL) and bring it to the schema."""
        engine = make_engine(url)
        store = cls(engine, None, actor)
        migrate(engine, None, None)
        return store

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Transaction]:
        """One short transaction: all of it is saved, or none of it."""
        try:
            with self.sessions() as session, session.begin():
                transaction = Transaction(session, self.actor)
                yield transaction
                transaction.flush()
        except OperationalError as error:
            if _sqlstate(error) in _BUSY_SQLSTATES:
                raise StoreBusyError() from error
            if "locked" in str(error.orig) or "busy" in str(error.orig):
                raise StoreBusyError() from error
            raise
        except IntegrityError as error:
            # PostgreSQL's message is in the server's language: its SQLSTATE is not.
            if _sqlstate(error) == _FOREIGN_KEY_SQLSTATE:
                raise RecordInUseError() from error
            if "FOREIGN KEY" in str(error.orig).upper():
                raise RecordInUseError() from error
            raise


# SQLSTATEs (PostgreSQL) of a transaction that lost to another workstation's and was
# rolled back: a lock wait past lock_timeout, a deadlock, a serialization failure.
_BUSY_SQLSTATES = frozenset({"55P03", "40P01", "40001"})
_FOREIGN_KEY_SQLSTATE = "23503"


def _sqlstate(error: DBAPIError) -> str | None:
    """The SQL standard error code of a server database's error; None from SQLite."""
    code = getattr(error.orig, "sqlstate", None)
    return code if isinstance(code, str) else None


def _register_functions(dbapi_connection: Any, _record: Any) -> None:
    # Finnish case folding for ad-hoc SQL searches (SQLite's lower() is ASCII only).
    dbapi_connection.create_function("fold", 1, _fold_sql, deterministic=True)

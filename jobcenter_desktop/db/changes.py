"""Whether anyone else has written to the store since a transaction read it.

An import checks its rows without the write lock and must then, holding the lock,
confirm that what the checks read is unchanged. Reading it all again is the
sure way; this is the quick answer for the common case: SQLite's
``PRAGMA data_version`` changes on a connection whenever another connection
commits, so when the write transaction runs on the connection the checks read
on and the number is the same, nothing at all was written in between. Any other
answer ("don't know", another connection, another database) is ``False``: the
caller reads again and compares.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from jobcenter_desktop.db.store import Store, Transaction

FactsT = TypeVar("FactsT")
CheckedT = TypeVar("CheckedT")


@dataclass(frozen=True)
class Mark:
    """The connection a transaction read on and its data version then."""

    connection: Any
    version: int


def mark(session: Session) -> Mark | None:
    """The mark of the session's transaction (None where there is none to make)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return None
    raw = connection.connection.dbapi_connection
    if raw is None:
        return None
    return Mark(raw, _version(raw))


def unchanged_since(session: Session, before: Mark | None) -> bool:
    """True only when surely no other connection has committed since ``before``."""
    if before is None:
        return False
    connection = session.connection()
    raw = connection.connection.dbapi_connection
    return raw is before.connection and _version(raw) == before.version


def _version(raw: Any) -> int:
    cursor = raw.cursor()
    try:
        cursor.execute("PRAGMA data_version")
        return int(cursor.fetchone()[0])
    finally:
        cursor.close()


@contextmanager
def checked_write(
    store: Store,
    read_facts: Callable[[Session], FactsT],
    check: Callable[[FactsT], CheckedT],
) -> Iterator[tuple[Transaction, CheckedT]]:
    """Check without the write lock, then write holding it: ``(transaction, checked)``.

    ``read_facts`` reads what the checks rely on and ``check`` checks against it,
    raising to refuse. Other workstations keep saving while a big file is checked;
    under the lock, unless surely nothing was written meanwhile, the facts are read
    again and, if they changed, checked again (a refusal then is raised inside the
    transaction, so nothing is written).
    """
    with store.read() as session:
        facts = read_facts(session)
        read_at = mark(session)
    checked = check(facts)
    with store.write() as tx:
        if not unchanged_since(tx.session, read_at):
            now = read_facts(tx.session)
            if now != facts:
                checked = check(now)
        yield tx, checked

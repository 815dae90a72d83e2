"""Engine and sessions for the SQLite file (or PostgreSQL for several workstations).

SQLite: Python's ``sqlite3`` driver would start a transaction only before INSERT,
UPDATE and DELETE, so table changes ran outside any transaction and a crash could
save half an upgrade, and a reader that decided before writing raced another
process. The driver's own handling is switched off and every transaction is begun
here: ``BEGIN`` for reading, ``BEGIN IMMEDIATE`` (the write lock at once) for
writing and for upgrades. Then a transaction is all or nothing, DDL included.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000
#: Execution option: begin the transaction holding the write lock (SQLite).
WRITE_LOCK = "jobcenter_write_lock"
#: The key of the PostgreSQL advisory lock that serializes writes, like SQLite's one writer.
WRITE_LOCK_KEY = 0x4A0B_C3E7


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # None: the driver starts no transaction by itself; _on_begin does.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # FULL: a committed change survives a power cut, not only a crash.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _on_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(WRITE_LOCK, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _on_begin_postgresql(connection: Connection) -> None:
    if connection.get_execution_options().get(WRITE_LOCK, False):
        # Held to the end of the transaction; waits at most lock_timeout for another
        # workstation's write, then fails as busy.
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def driver_execute(connection: Connection, sql: str) -> list[Any]:
    """Run ``sql`` on the driver's connection outside any transaction (SQLite PRAGMAs
    that are ignored or refused inside one)."""
    raw = connection.connection.driver_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def use_wal(engine: Engine) -> None:
    """Switch an SQLite file to write-ahead logging (readers never wait for the writer).

    Called only once the file is known to be at this program's schema: the mode is
    written into the file, and a file from a newer program must stay byte-identical.
    """
    with engine.connect() as connection:
        if driver_execute(connection, "PRAGMA journal_mode")[0][0] != "wal":
            driver_execute(connection, "PRAGMA journal_mode = WAL")


#: Rows SQLite samples per index when it analyses: fast on a big file, a good enough guide.
ANALYSIS_LIMIT = 400


def optimize(engine: Engine) -> None:
    """``PRAGMA optimize`` on an SQLite store: analyses the tables whose size changed a lot
    since the last time (cheap when nothing did). Called after big writes (an import)
    and when the store closes; PostgreSQL keeps its statistics itself."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        driver_execute(connection, f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        driver_execute(connection, "PRAGMA optimize")


_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def compact_json(value: Any) -> str:
    """JSON without padding, letters as they are: the audit log's before and after.

    One encoder made once: ``json.dumps`` with arguments builds a new one every call.
    """
    return _COMPACT.encode(value)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def make_engine(url: str) -> Engine:
    connect_args: dict[str, Any] = {}
    parsed = make_url(url)
    options = str(parsed.query.get("options", ""))
    if parsed.get_backend_name() == "postgresql" and "lock_timeout" not in options:
        # Like SQLite's busy timeout: wait this long for another workstation's lock,
        # then give up (the store says the data is busy; nothing is half-written).
        connect_args["options"] = f"{options} -c lock_timeout={BUSY_TIMEOUT_MS}".strip()
    # hide_parameters: the values people typed (names, health, money) never reach a log.
    engine = create_engine(
        url, connect_args=connect_args, hide_parameters=True, json_serializer=compact_json
    )
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_connect)
        event.listen(engine, "begin", _on_begin)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _on_begin_postgresql)
    return engine


def writing(engine: Engine) -> Engine:
    """The same engine whose transactions begin holding the write lock."""
    return engine.execution_options(**{WRITE_LOCK: True})


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)

"""Engine and sessions for the SQLite file (portable SQL; PostgreSQL later)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed change survives a power cut, not only a crash.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


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
    engine = create_engine(url, connect_args=connect_args)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_connect)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)

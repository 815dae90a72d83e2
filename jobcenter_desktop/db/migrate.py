"""Bring a store file to the program's schema: back up first, refuse newer files.

An upgrade is one transaction that holds the write lock (see ``db/engine.py``): a
crash or power cut at any moment leaves the old file or the fully upgraded one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from jobcenter_desktop.db.backups import backup_file
from jobcenter_desktop.db.damage import half_upgraded
from jobcenter_desktop.db.engine import driver_execute, writing
from jobcenter_desktop.i18n import gettext as _

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: The schema revision this program writes (a test checks it is Alembic's head). A file
#: already at it opens without loading Alembic at all, which keeps the start quick.
HEAD_REVISION = "0010"


class StoreTooNewError(RuntimeError):
    """The file was written by a newer version of the program."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            _(
                "This data file was saved by a newer version of Jobcenter Desktop "
                "(schema {revision}). Install the newer version to open it."
            ).format(revision=revision)
        )
        self.revision = revision


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision the store is at; None for an empty database."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        return next(iter(versions), None)


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection for schema changes, in one transaction holding the write lock.

    On SQLite, foreign keys are switched off while the schema changes: Alembic's
    batch mode rebuilds a table by dropping it, which with foreign keys on would
    delete (ON DELETE CASCADE) or refuse (RESTRICT) the rows that refer to it. The
    references are checked before the transaction commits.
    """
    sqlite = engine.dialect.name == "sqlite"
    with writing(engine).connect() as connection:
        if sqlite:
            # Outside a transaction: SQLite ignores this pragma inside one.
            driver_execute(connection, "PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                yield connection
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"the migration broke references: {broken[:5]}")
        finally:
            if sqlite:
                driver_execute(connection, "PRAGMA foreign_keys = ON")


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    config = alembic_config()
    with migration_connection(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def migrate(engine: Engine, path: Path | None, backups_dir: Path | None) -> Path | None:
    """Upgrade the store to the program's schema; return the backup made, if any.

    A file that already holds a schema is copied to ``backups_dir`` before any
    change. A file from a newer program raises :class:`StoreTooNewError` and is
    left untouched. An upgrade that fails leaves the file as it was (one
    transaction), so its backup is removed again rather than piled up, and a file
    on disk raises :class:`~jobcenter_desktop.db.damage.DamagedStoreError`.
    """
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return None
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    if current == head:
        return None
    if current is not None:
        known = {rev.revision for rev in script.walk_revisions()}
        if current not in known:
            raise StoreTooNewError(current)
    backup = None
    if current is not None and path is not None and backups_dir is not None:
        backup = backup_file(path, backups_dir, f"before-{head}")
    try:
        upgrade(engine)
    except Exception as error:
        if backup is not None:
            backup.unlink(missing_ok=True)
        if path is not None and backups_dir is not None and _left_half_done(error):
            raise half_upgraded(path, backups_dir) from error
        raise
    return backup


def _left_half_done(error: Exception) -> bool:
    """True for the errors of a file an earlier, interrupted upgrade left half done."""
    text = str(error).lower()
    return any(
        sign in text
        for sign in ("already exists", "duplicate column", "no such table", "no such column")
    )

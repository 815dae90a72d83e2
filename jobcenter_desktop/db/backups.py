"""Backups of the store file and restoring one: SQLite's online backup API, verified copies.

A backup is ``backups/jobcenter-YYYYMMDD-HHMMSS-<label>.db`` (local time), one
self-contained SQLite file (rollback journal, no ``-wal`` beside it), private to
the user, and checked with ``PRAGMA integrity_check`` before it gets its name: a
copy that fails the check is deleted and the error says so. The labels:

- ``daily``: the automatic backup when the program first opens the store on a day
  (the window at start, and the command-line commands that write);
- ``manual``: File → Back up now, or the ``backup`` command;
- ``before-<revision>``: before a schema upgrade; ``before-restore``: the current
  data before a restore replaces it; ``before-<work>`` (e.g. an invoice run) from
  :func:`backup_before`.

Retention (:func:`prune_backups`, run after each daily backup) removes only
``daily`` backups: it keeps the newest daily backup of each of the 14 most recent
days that have one, of each of the 8 most recent ISO weeks and of each of the 12
most recent months; a backup any of the three keeps stays. Counting days that have
a backup (not calendar days) means a long pause never empties the folder. Every
other backup is kept until the user deletes it.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.paths import PRIVATE_FOLDER_MODE, make_private

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""Called as a copy goes on with (done, total); the GUI's progress bar follows it."""

DAILY = "daily"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
KEEP_DAILY = 14
KEEP_WEEKLY = 8
KEEP_MONTHLY = 12
#: Pages copied per step of the backup API: about 1 MB with SQLite's 4 KB pages.
STEP_PAGES = 256
#: How long to wait for another connection's write before giving up (seconds).
BUSY_TIMEOUT_S = 5.0
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^jobcenter-(\d{8}-\d{6})-([A-Za-z0-9][A-Za-z0-9._-]*)\.db$")
_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_DAILY_LABEL = re.compile(rf"^{DAILY}(-\d+)?$")
_PARTIAL = ".partial"
_STALE_PARTIAL_S = 24 * 3600
_PER_MILLE = 1000


class BackupError(UserError):
    """A backup or restore that could not be made; the text says what to do.

    Whenever this is raised, the store file is as it was.
    """


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: when it was taken, its size and the schema revision inside."""

    path: Path
    taken: datetime
    label: str
    size: int
    #: The Alembic revision stored in the file; None when it was not read or cannot be.
    revision: str | None

    @property
    def automatic(self) -> bool:
        """A daily backup, which the retention rule may delete."""
        return bool(_DAILY_LABEL.match(self.label))


@dataclass(frozen=True)
class Restored:
    """What :func:`restore_file` did."""

    source: Path
    database: Path
    revision: str
    #: The backup of the data that was replaced (None: there was no data file).
    safety_backup: Path | None
    #: True when the replaced file could not be read: ``safety_backup`` is then an
    #: exact copy of its bytes rather than a verified SQLite backup.
    replaced_was_damaged: bool = False


# --- making backups ---------------------------------------------------------------------------


def make_backup(
    database: Path,
    backups_dir: Path,
    label: str = MANUAL,
    *,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> Path:
    """Back up the store ``database`` into ``backups_dir``; returns the verified copy."""
    if not _LABEL.match(label):
        raise ValueError(f"not a backup label: {label!r}")
    _require_store_file(database)
    _make_folder(backups_dir)
    target = _free_name(backups_dir, label, now or datetime.now())
    try:
        _backup_into(database, target, progress)
    except BaseException:
        _remove(target)  # the reserved name of a backup that failed
        raise
    log.info("Backup of %s saved to %s", database, target)
    return target


def backup_file(path: Path, backups_dir: Path, label: str) -> Path:
    """The upgrade's backup (``db/migrate.py``): the same as :func:`make_backup`."""
    return make_backup(path, backups_dir, label)


def backup_before(database: Path, work: str, backups_dir: Path | None = None) -> Path:
    """A backup labelled ``before-<work>`` (e.g. ``before-invoice-run``), kept for good."""
    return make_backup(database, backups_dir or database.parent / "backups", f"before-{work}")


def backup_to(database: Path, out: Path, *, progress: Progress | None = None) -> Path:
    """Back up the store into the file ``out`` (replaced whole if it exists)."""
    _require_store_file(database)
    out = out.expanduser().absolute()
    if out.is_dir():
        raise BackupError(
            _("{path} is a folder. Give the backup a file name, e.g. {example}.").format(
                path=out, example=out / "jobcenter-backup.db"
            )
        )
    if _same_file(out, database):
        raise BackupError(
            _("{path} is the data file itself. Give the backup another file name.").format(path=out)
        )
    if not out.parent.is_dir():
        raise BackupError(
            _("The folder {folder} does not exist. Create it or choose another one.").format(
                folder=out.parent
            )
        )
    _backup_into(database, out, progress)
    log.info("Backup of %s saved to %s", database, out)
    return out


def daily_backup_due(backups_dir: Path, today: date | None = None) -> bool:
    """True when no daily backup has been taken today (it only lists file names)."""
    today = today or date.today()
    return not any(
        info.automatic and info.taken.date() == today
        for info in list_backups(backups_dir, read_schema=False)
    )


def daily_backup(
    database: Path,
    backups_dir: Path,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> Path | None:
    """The day's automatic backup, if none was taken today; then the retention rule.

    Returns the new backup, or None when it was not due (or there is no data yet).
    """
    now = now or datetime.now()
    if not database.is_file() or database.stat().st_size == 0:
        return None
    if not daily_backup_due(backups_dir, now.date()):
        return None
    path = make_backup(database, backups_dir, DAILY, progress=progress, now=now)
    prune_backups(backups_dir)
    return path


# --- listing and retention --------------------------------------------------------------------


def list_backups(backups_dir: Path, *, read_schema: bool = True) -> list[BackupInfo]:
    """The backups in the folder, newest first; with ``read_schema`` each file's revision."""
    try:
        entries = list(backups_dir.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = []
    for path in entries:
        match = _NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        taken = datetime.strptime(match.group(1), _STAMP)
        found.append(_info(path, taken, match.group(2), read_schema))
    found.sort(key=lambda info: (info.taken, info.path.name), reverse=True)
    return found


def newest_whole_backup(backups_dir: Path) -> Path | None:
    """The newest backup that holds a store and passes SQLite's quick check: the one to
    offer when the data file is damaged."""
    for info in list_backups(backups_dir):
        if info.revision is None:
            continue
        try:
            with _read_only(info.path) as connection:
                if connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]:
                    return info.path
        except sqlite3.DatabaseError:
            continue
    return None


def backup_info(path: Path) -> BackupInfo:
    """Any file offered as a backup: its date from the name (or the file), size, schema."""
    match = _NAME.match(path.name)
    if match is not None:
        return _info(path, datetime.strptime(match.group(1), _STAMP), match.group(2), True)
    taken = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    return _info(path, taken, "", True)


def backups_to_prune(
    backups: Sequence[BackupInfo],
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
) -> list[BackupInfo]:
    """The automatic backups the retention rule lets go (see the module's docstring)."""
    automatic = sorted(
        (info for info in backups if info.automatic),
        key=lambda info: (info.taken, info.path.name),
        reverse=True,
    )
    periods: list[tuple[Callable[[date], object], int]] = [
        (lambda day: day, daily),
        (lambda day: day.isocalendar()[:2], weekly),
        (lambda day: (day.year, day.month), monthly),
    ]
    kept: set[Path] = set()
    for period_of, count in periods:
        seen: set[object] = set()
        for info in automatic:  # newest first: the first of a period is its newest
            period = period_of(info.taken.date())
            if period in seen:
                continue
            if len(seen) == count:
                break
            seen.add(period)
            kept.add(info.path)
    return [info for info in automatic if info.path not in kept]


def prune_backups(backups_dir: Path) -> list[Path]:
    """Delete the daily backups the retention rule no longer keeps; returns them."""
    removed = []
    for info in backups_to_prune(list_backups(backups_dir, read_schema=False)):
        try:
            info.path.unlink()
        except OSError:
            log.warning("Could not delete the old backup %s", info.path, exc_info=True)
            continue
        removed.append(info.path)
        log.info("Deleted the old daily backup %s", info.path)
    cutoff = time.time() - _STALE_PARTIAL_S
    for partial in backups_dir.glob(f"*{_PARTIAL}"):
        # Left by a copy that was interrupted (a crash, a power cut); never a backup.
        try:
            if partial.stat().st_mtime < cutoff:
                partial.unlink()
        except OSError:
            pass
    return removed


def format_size(size: int) -> str:
    """A file size for people: ``840 kB``, ``12,4 MB`` (decimal units)."""
    from jobcenter_desktop.i18n.formatting import format_decimal

    if size < 1_000_000:
        return f"{format_decimal(Decimal(max(size, 1)) / 1000, 0)} kB"
    return f"{format_decimal(Decimal(size) / 1_000_000, 1)} MB"


# --- restoring --------------------------------------------------------------------------------


def check_restorable(source: Path) -> str:
    """The revision of a file that can be restored; refuses anything else.

    Raises :class:`BackupError` for a missing file, a file that is not a Jobcenter
    Desktop store, or a damaged one, and ``StoreTooNewError`` for a file from a
    newer program.
    """
    from jobcenter_desktop.db.migrate import StoreTooNewError

    if not source.is_file():
        raise BackupError(
            _("{file} does not exist or is not a file. Choose a backup file (.db).").format(
                file=source
            )
        )
    not_a_store = BackupError(
        _(
            "{file} is not a Jobcenter Desktop data file. Choose a backup from the "
            "backups folder of the data folder; nothing was changed."
        ).format(file=source)
    )
    damaged = BackupError(
        _(
            "{file} is damaged: it did not pass the integrity check. Choose another "
            "backup; nothing was changed."
        ).format(file=source)
    )
    try:
        with _read_only(source) as connection:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables:
                raise not_a_store
            revision = _revision(connection)
            if revision is None:
                raise not_a_store
            if revision not in _known_revisions():
                raise StoreTooNewError(revision)
            if not _integrity_ok(connection):
                raise damaged
    except sqlite3.DatabaseError as error:
        if _error_name(error) == "SQLITE_NOTADB":
            raise not_a_store from error
        if _error_name(error) == "SQLITE_CORRUPT":
            raise damaged from error
        raise BackupError(_read_error_text(source)) from error
    return revision


def restore_file(
    database: Path,
    backups_dir: Path,
    source: Path,
    *,
    progress: Progress | None = None,
) -> Restored:
    """Put the backup ``source`` in place of the store ``database``.

    The caller has closed every connection to ``database`` (a connection from
    another program or workstation makes this refuse, nothing changed). In order:
    ``source`` is checked (:func:`check_restorable`); the current data is backed
    up (label ``before-restore``; a file too damaged to back up is copied byte for
    byte instead); ``source`` is copied with the backup API into a temporary file
    beside ``database``, verified and synced; stale ``-wal``/``-shm`` files are
    removed and the copy replaces ``database`` atomically (``os.replace``). An older
    schema is upgraded when the store is next opened (``Store.open``).
    """
    source = source.expanduser().absolute()
    if database.exists() and _same_file(source, database):
        raise BackupError(
            _("{file} is the data file itself. Choose a backup to restore.").format(file=source)
        )
    revision = check_restorable(source)
    _refuse_if_in_use(database)
    safety: Path | None = None
    damaged = False
    if database.is_file() and database.stat().st_size > 0:
        safety, damaged = _safety_backup(database, backups_dir, _scaled(progress, 0, 500))
    temporary = database.parent / f".{database.name}.restore-{os.getpid()}.tmp"
    try:
        with closing(_connect_read_only(source)) as connection:
            _copy(connection, temporary, _scaled(progress, 500, 500))
        if not _verified(temporary):
            raise BackupError(
                _(
                    "The copy of {file} did not pass the integrity check, so nothing was "
                    "restored. Check the disk, then try again."
                ).format(file=source)
            )
        for suffix in ("-wal", "-shm", "-journal"):
            _remove(Path(f"{database}{suffix}"))
        os.replace(temporary, database)
    except sqlite3.Error as error:
        raise BackupError(_copy_error_text(error, database)) from error
    except OSError as error:
        log.warning("Restoring %s failed", source, exc_info=True)
        raise BackupError(
            _(
                "{file} could not be copied into the data folder {folder}. Check that the "
                "disk has free space and that you may write to the folder; nothing was "
                "restored."
            ).format(file=source, folder=database.parent)
        ) from error
    finally:
        _remove(temporary)
    make_private(database)
    _fsync_folder(database.parent)
    if progress is not None:
        progress(_PER_MILLE, _PER_MILLE)
    log.info("Restored %s into %s (data before it: %s)", source, database, safety)
    return Restored(source, database, revision, safety, damaged)


# --- helpers ----------------------------------------------------------------------------------


def _require_store_file(database: Path) -> None:
    if not database.is_file():
        raise BackupError(
            _("There is no data file at {path} yet, so there is nothing to back up.").format(
                path=database
            )
        )


def _make_folder(folder: Path) -> None:
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    make_private(folder)


def _free_name(backups_dir: Path, label: str, now: datetime) -> Path:
    """A new backup name, reserved by creating the (empty) file exclusively.

    Two workstations backing up in the same second (two invoice runs at once) each get
    their own name: the check and the claim are one step of the file system.
    """
    stamp = now.strftime(_STAMP)
    counter = 1
    while True:
        suffix = "" if counter == 1 else f"-{counter}"
        target = backups_dir / f"jobcenter-{stamp}-{label}{suffix}.db"
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            counter += 1
            continue
        return target


def _info(path: Path, taken: datetime, label: str, read_schema: bool) -> BackupInfo:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    revision = None
    if read_schema:
        try:
            with _read_only(path) as connection:
                revision = _revision(connection)
        except sqlite3.Error:
            revision = None
    return BackupInfo(path, taken, label, size, revision)


def _backup_into(database: Path, target: Path, progress: Progress | None) -> None:
    """Copy the live store into ``target`` through a partial file; verify; then name it."""
    partial = target.with_name(target.name + _PARTIAL)
    try:
        with closing(sqlite3.connect(database, timeout=BUSY_TIMEOUT_S)) as source:
            _copy(source, partial, progress)
        if not _verified(partial):
            raise BackupError(
                _(
                    "The backup of {path} did not pass the integrity check and was deleted. "
                    "The data file may be damaged: run check, or restore an earlier backup."
                ).format(path=database)
            )
        os.replace(partial, target)
    except sqlite3.Error as error:
        log.warning("Backing up %s failed", database, exc_info=True)
        raise BackupError(_copy_error_text(error, database)) from error
    except OSError as error:
        log.warning("Backing up %s failed", database, exc_info=True)
        raise BackupError(
            _(
                "The backup could not be written to {path}. Check that the disk has free "
                "space and that you may write to the folder."
            ).format(path=target)
        ) from error
    finally:
        _remove(partial)
    make_private(target)
    _fsync_folder(target.parent)


def _copy(source: sqlite3.Connection, target: Path, progress: Progress | None) -> None:
    """Copy with the online backup API into a new single-file database ``target``."""
    _remove(target)

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    with closing(sqlite3.connect(target)) as destination:
        source.backup(destination, pages=STEP_PAGES, progress=step)
        # The copy keeps the source's WAL mode; a backup should be one file.
        destination.execute("PRAGMA journal_mode = DELETE").fetchall()
    make_private(target)
    _fsync(target)


def _verified(path: Path) -> bool:
    try:
        with _read_only(path) as connection:
            return _integrity_ok(connection)
    except sqlite3.DatabaseError:
        return False


def _integrity_ok(connection: sqlite3.Connection) -> bool:
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    return [tuple(row) for row in rows] == [("ok",)]


def _revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:  # no such table: not a store
        return None
    return str(row[0]) if row else None


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from jobcenter_desktop.db.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection that leaves no ``-wal``/``-shm`` behind it created itself."""
    sidecars = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    existed = [side.exists() for side in sidecars]
    connection = _connect_read_only(path)
    try:
        yield connection
    finally:
        connection.close()
        wal, _shm = sidecars
        if not any(existed) and (not wal.exists() or wal.stat().st_size == 0):
            for side in sidecars:
                _remove(side)


def _refuse_if_in_use(database: Path) -> None:
    """Refuse while another connection (any process) has the store open.

    In WAL mode an idle connection holds a shared lock on the file, so taking the
    exclusive locking mode fails while anyone else has it open.
    """
    if not database.is_file():
        return
    try:
        connection = sqlite3.connect(database, timeout=1.0, isolation_level=None)
    except sqlite3.Error:
        return
    try:
        connection.execute("PRAGMA locking_mode = EXCLUSIVE").fetchall()
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        if _error_name(error) in ("SQLITE_BUSY", "SQLITE_LOCKED"):
            raise BackupError(
                _(
                    "The data file is in use by another program or workstation. Close "
                    "Jobcenter Desktop wherever it uses {path} and try again; nothing was "
                    "changed."
                ).format(path=database)
            ) from error
    except sqlite3.DatabaseError:
        pass  # damaged: nothing can be using it, and it is about to be replaced
    finally:
        connection.close()


def _safety_backup(
    database: Path, backups_dir: Path, progress: Progress | None
) -> tuple[Path, bool]:
    """The current data before a restore: a verified backup, or its bytes if unreadable."""
    try:
        return make_backup(database, backups_dir, BEFORE_RESTORE, progress=progress), False
    except BackupError as error:
        log.warning("The data file could not be backed up before a restore: %s", error)
        target = _free_name(backups_dir, f"{BEFORE_RESTORE}-damaged", datetime.now())
        try:
            shutil.copyfile(database, target)
            wal = Path(f"{database}-wal")
            if wal.is_file():
                shutil.copyfile(wal, Path(f"{target}-wal"))
                make_private(Path(f"{target}-wal"))
            make_private(target)
            _fsync(target)
        except OSError:
            _remove(target)
            raise error from None
        return target, True


def _scaled(progress: Progress | None, start: int, share: int) -> Progress | None:
    """One step's progress as part of a whole measured in thousandths."""
    if progress is None:
        return None
    report = progress

    def scaled(done: int, total: int) -> None:
        part = share * done // total if total else share
        report(start + part, _PER_MILLE)

    return scaled


def _error_name(error: sqlite3.Error) -> str:
    return str(getattr(error, "sqlite_errorname", ""))


def _copy_error_text(error: sqlite3.Error, database: Path) -> str:
    name = _error_name(error)
    if name in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
        return _(
            "The data file {path} is damaged or not a Jobcenter Desktop data file, so it "
            "could not be backed up. Restore an earlier backup (File → Restore…, or the "
            "restore command)."
        ).format(path=database)
    if name in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return _(
            "The data file is busy: another program or workstation is saving. Wait a "
            "moment and try again; nothing was changed."
        )
    if name == "SQLITE_FULL":
        return _("The disk is full. Free some space and try again; nothing was changed.")
    return _read_error_text(database)


def _read_error_text(path: Path) -> str:
    return _(
        "{path} could not be read. Check that the file exists and that you may read it; "
        "nothing was changed."
    ).format(path=path)


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.exists() and second.exists() and os.path.samefile(first, second)
    except OSError:
        return False


def _remove(path: Path) -> None:
    with suppress(FileNotFoundError):
        path.unlink()


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no folder handles to sync)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

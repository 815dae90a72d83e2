"""A store file that cannot be used: damaged, not a database, or half upgraded.

The program never works on such a file and never copies it into ``backups/``
again and again: it says what is wrong and names the newest backup that is
whole, which the user can restore (``restore FILE``, File → Restore…).
"""

from __future__ import annotations

from pathlib import Path

from jobcenter_desktop.db.backups import newest_whole_backup
from jobcenter_desktop.i18n import gettext as _

SQLITE_HEADER = b"SQLite format 3\x00"


class DamagedStoreError(RuntimeError):
    """The data file cannot be opened or upgraded; ``backup`` is the newest whole copy."""

    def __init__(self, path: Path, backup: Path | None, reason: str) -> None:
        self.path = path
        self.backup = backup
        self.reason = reason
        self.advice = restore_advice(backup)
        super().__init__(f"{reason} {self.advice}")


def restore_advice(backup: Path | None) -> str:
    """What to do about a damaged data file: restore ``backup``, the newest whole one."""
    if backup is None:
        return _("There is no backup to restore: contact your support person.")
    return _(
        "The newest whole backup is {backup}. Restore it (File → Restore…, or "
        "jobcenter-desktop restore {backup}); the current file is kept as a backup."
    ).format(backup=backup)


def not_a_database(path: Path) -> bool:
    """True when ``path`` holds bytes that are not an SQLite file (an empty file is fine)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    return bool(head) and head != SQLITE_HEADER


def unreadable(path: Path, backups_dir: Path) -> DamagedStoreError:
    return DamagedStoreError(
        path,
        newest_whole_backup(backups_dir),
        _("The data file {path} is damaged or is not a Jobcenter data file.").format(path=path),
    )


def half_upgraded(path: Path, backups_dir: Path) -> DamagedStoreError:
    return DamagedStoreError(
        path,
        newest_whole_backup(backups_dir),
        _(
            "The data file {path} could not be upgraded: an earlier upgrade was interrupted "
            "and left it half done. Nothing was changed now."
        ).format(path=path),
    )

"""The data folder: ``jobcenter.db``, ``backups/`` and ``logs/``, private to the user.

On POSIX the folders are 0700 and the files 0600: :meth:`DataFolder.create` makes
them so (also when an older version left them readable to others) and sets the
process umask to 0o077, so that the files SQLite and the log create later
(``-wal``, ``-shm``, rotated logs, backups) are private from the start. On Windows
the default folder is under ``%LOCALAPPDATA%``, which only its user (and
administrators) can read; the program changes no Windows permissions.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "jobcenter-desktop"
APP_AUTHOR = "Jobcenter"
ENV_DATA_DIR = "JOBCENTER_DATA_DIR"
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
PRIVATE_UMASK = 0o077


def private_umask() -> None:
    """From now on this process creates files 0600 and folders 0700 (POSIX only)."""
    if os.name == "posix":
        os.umask(PRIVATE_UMASK)


def make_private(path: Path) -> None:
    """Make a folder 0700 or a file 0600 (POSIX); symlinks and other files are left alone.

    A file the user does not own, or a read-only file system, is left as it is:
    the program still works there.
    """
    if os.name != "posix":
        return
    try:
        mode = path.lstat().st_mode
    except OSError:
        return
    if stat.S_ISDIR(mode):
        wanted = PRIVATE_FOLDER_MODE
    elif stat.S_ISREG(mode):
        wanted = PRIVATE_FILE_MODE
    else:
        return
    if stat.S_IMODE(mode) != wanted:
        with contextlib.suppress(OSError):
            path.chmod(wanted)


@dataclass(frozen=True)
class DataFolder:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "jobcenter.db"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def create(self) -> DataFolder:
        """Create the folders (private to the user) and tighten what is already there."""
        private_umask()
        for folder in (self.root, self.backups, self.logs):
            folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
        self.make_private()
        return self

    def make_private(self) -> None:
        """0700 for the folders, 0600 for the files in them (the store, backups, logs)."""
        for folder in (self.root, self.backups, self.logs):
            make_private(folder)
            try:
                entries = list(folder.iterdir())
            except OSError:
                continue
            for entry in entries:
                make_private(entry)


def data_folder(override: str | os.PathLike[str] | None = None) -> DataFolder:
    """``--data-dir`` first, then ``JOBCENTER_DATA_DIR``, then the platform's user data dir."""
    chosen = override or os.environ.get(ENV_DATA_DIR)
    if chosen:
        return DataFolder(Path(chosen).expanduser().resolve())
    return DataFolder(Path(platformdirs.user_data_dir(APP_DIR_NAME, APP_AUTHOR)))

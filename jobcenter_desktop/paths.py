"""The data folder: ``jobcenter.db``, ``backups/`` and ``logs/``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "jobcenter-desktop"
APP_AUTHOR = "Jobcenter"
ENV_DATA_DIR = "JOBCENTER_DATA_DIR"


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
        for folder in (self.root, self.backups, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def data_folder(override: str | os.PathLike[str] | None = None) -> DataFolder:
    """``--data-dir`` first, then ``JOBCENTER_DATA_DIR``, then the platform's user data dir."""
    chosen = override or os.environ.get(ENV_DATA_DIR)
    if chosen:
        return DataFolder(Path(chosen).expanduser().resolve())
    return DataFolder(Path(platformdirs.user_data_dir(APP_DIR_NAME, APP_AUTHOR)))

"""The log file in the data folder: where unexpected errors are written down."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from jobcenter_desktop.paths import PRIVATE_FOLDER_MODE, make_private, private_umask

LOG_NAME = "jobcenter.log"


def setup_logging(folder: Path) -> Path:
    """Log to ``folder/jobcenter.log`` (rotated at 1 MB, 5 kept); returns the file.

    The log names files and records, so it is private to the user like the store:
    the folder 0700, the files 0600 (POSIX).
    """
    private_umask()
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    make_private(folder)
    path = folder / LOG_NAME
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    for old in folder.glob(f"{LOG_NAME}*"):
        make_private(old)
    root.setLevel(logging.INFO)
    return path

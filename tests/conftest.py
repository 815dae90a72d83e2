"""Test session set-up: headless Qt and throwaway folders, set before PySide6 is imported.

No test may touch the real user data folder: ``JOBCENTER_DATA_DIR`` points to a
temporary folder for the whole session (tests that need a store of their own should
still use ``tmp_path``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="jobcenter-tests-"))


def _private_dir(name: str) -> str:
    folder = _SESSION_DIR / name
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)  # Qt warns (and pytest-qt fails) unless the runtime dir is 0700
    return str(folder)


os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_RUNTIME_DIR"] = _private_dir("runtime")
os.environ["XDG_CONFIG_HOME"] = _private_dir("config")  # QSettings and friends
os.environ["XDG_CACHE_HOME"] = _private_dir("cache")
os.environ["JOBCENTER_DATA_DIR"] = _private_dir("data")
os.environ.setdefault("PYTHONFAULTHANDLER", "1")  # for subprocesses; pytest enables it here


@pytest.fixture(scope="session", autouse=True)
def _finnish_by_default() -> None:
    """Finnish is the program's default language, so the tests run in it too."""
    from jobcenter_desktop.i18n import set_language

    set_language("fi")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_SESSION_DIR, ignore_errors=True)

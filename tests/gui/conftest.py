"""GUI test fixtures: a real store in a temporary folder and the application set up as the
window sets it up (fonts, translations, the wheel guard)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jobcenter_desktop.db.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "jobcenter.db", tmp_path / "backups", actor="tester")
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _app_setup(qapp: object) -> None:
    """The application as the window sets it up: fonts, translations and the wheel guard
    (``ui.wheel_guard``), through the one function ``ui.app.run`` calls."""
    from ui.app import setup_application

    setup_application(qapp)

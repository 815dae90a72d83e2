"""GUI test fixtures: a real store in a temporary folder and the app's fonts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jobcenter_desktop.services.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "jobcenter.db", tmp_path / "backups", actor="tester")
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _app_setup(qapp: object) -> None:
    from ui.app import setup_application

    setup_application(qapp)

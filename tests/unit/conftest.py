"""Shared fixtures for the unit tests (no Qt here)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.i18n import set_language


@pytest.fixture
def finnish() -> Iterator[None]:
    """Run the test in Finnish, the program's default language."""
    set_language("fi")
    yield
    set_language("fi")


@pytest.fixture
def english() -> Iterator[None]:
    """Run the test in English; Finnish is restored afterwards."""
    set_language("en")
    yield
    set_language("fi")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store at the newest schema, for the services and queries the rules sit behind."""
    opened = Store.open(tmp_path / "jobcenter.db", tmp_path / "backups", actor="tester")
    yield opened
    opened.close()

"""Shared fixtures for the integration tests: a real SQLite store in a temporary folder.

A test file that needs a different store (a PostgreSQL server, demo data) defines
its own ``store`` fixture, which takes precedence over this one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.i18n import set_language


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store at the newest schema, with its backups beside it."""
    opened = Store.open(tmp_path / "jobcenter.db", tmp_path / "backups", actor="tester")
    yield opened
    opened.close()


@pytest.fixture
def finnish() -> Iterator[None]:
    """Run the test in Finnish, and leave Finnish behind (a test may switch language)."""
    set_language("fi")
    yield
    set_language("fi")

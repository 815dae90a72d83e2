"""Shared fixtures for the unit tests (no Qt here)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

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

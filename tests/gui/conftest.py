"""GUI test fixtures: a real store in a temporary folder and the application set up as the
window sets it up (fonts, translations, the wheel guard)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.paths import DataFolder

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from ui.main_window import MainWindow


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


@pytest.fixture
def messages() -> list[str]:
    """What a view said in its status line (connect its ``status`` signal to ``append``)."""
    return []


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    """A data folder as the program makes it (``jobcenter.db``, ``backups/``, ``logs/``)."""
    return DataFolder(tmp_path / "data").create()


@pytest.fixture
def window(qtbot: QtBot, folder: DataFolder) -> MainWindow:
    """The main window on ``folder``'s store, shown and opened."""
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow

    settings = QSettings(str(folder.root / "window.ini"), QSettings.Format.IniFormat)
    main = MainWindow(folder, settings)
    qtbot.addWidget(main)
    main.show()
    assert main.open_store()
    return main

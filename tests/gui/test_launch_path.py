"""The start path: the window comes up with the area it shows, nothing the first paint does
not need is loaded, and every other area is built (and works) on its first visit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.demo.registers import load_demo_data
from jobcenter_desktop.paths import DataFolder
from tests.builders import make_participant
from ui.main_window import MainWindow
from ui.navigation import AREAS
from ui.register_view import RegisterView

ROOT = Path(__file__).resolve().parents[2]

#: what the first paint does not need: printing, spreadsheets, migrations, holidays, QR codes
NOT_AT_START = ("reportlab", "openpyxl", "alembic", "holidays", "lxml", "segno")

#: run in a fresh interpreter: the window started as ``--smoke`` starts it, then looked at
START = """
import argparse, json, sys
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from ui.app import open_window

app, window = open_window(
    argparse.Namespace(data_dir=sys.argv[1], smoke=True, lang=None, command=None)
)
opened = window.open_store()
app.processEvents()
loaded = sorted(m for m in sys.argv[2].split(",") if m in sys.modules)
at_start = sorted(window.built)
shown = window.stack.currentIndex()
window.activateWindow()
QTest.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
participants = window.built.get("participants")
visited = {
    "current": participants is not None and window.stack.currentWidget() is participants,
    "rows": participants.model.rowCount() if participants is not None else 0,
    "built": sorted(window.built),
}
help_names = sorted({name for name, _keys, _what in window.show_help().listed()})
print(json.dumps({
    "opened": opened, "loaded": loaded, "at_start": at_start, "shown": shown,
    "visited": visited, "help": help_names, "after_help": sorted(window.built),
}), flush=True)
window.close()
"""


@pytest.fixture
def demo_folder(tmp_path: Path) -> DataFolder:
    folder = DataFolder(tmp_path / "demo").create()
    store = Store.open(folder.database, folder.backups, actor="tester")
    try:
        load_demo_data(store)
    finally:
        store.close()
    return folder


def test_the_window_starts_with_only_the_shown_area_and_nothing_heavy(
    demo_folder: DataFolder,
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", START, str(demo_folder.root), ",".join(NOT_AT_START)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["opened"] is True
    # Up with the week, and nothing of printing, spreadsheets, migrations or holidays.
    assert result["loaded"] == []
    assert result["at_start"] == ["week"] and result["shown"] == 0
    # Ctrl+6 builds the participants' register, shown with the demo's people in it.
    visited = result["visited"]
    assert visited["current"] is True and visited["rows"] >= 20
    assert visited["built"] == ["participants", "week"]
    # F1 lists the keys of every area, also of the areas not visited yet.
    assert set(AREAS) <= set(result["help"])
    assert result["after_help"] == sorted(AREAS)


def test_an_area_is_built_on_its_first_visit_with_its_signals(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.store is not None
    make_participant(window.store, first_name="Aino", last_name="Mäkinen")
    assert list(window.built) == ["week"]
    assert window.stack.currentWidget() is window.built["week"]
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    view = window.built["participants"]
    assert isinstance(view, RegisterView)
    assert window.stack.currentWidget() is view and window.stack.currentIndex() == 5
    assert view.store is window.store and view.model.rowCount() == 1
    assert window.registers["participants"] is view  # built once, the same view after
    view.status.emit("Tallennettu")
    assert window.statusBar().currentMessage() == "Tallennettu"
    # The other areas are still waiting for their first visit.
    assert set(window.built) == {"week", "participants"}


def test_an_area_reached_from_code_is_built_with_the_open_store(
    qtbot: QtBot, window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    replaced = window.store
    assert replaced is not None
    window.set_store(store)  # a store replaced (a restored backup) before a first visit
    replaced.close()
    make_participant(store, first_name="Eero", last_name="Laine")
    participants = window.registers["participants"]
    assert participants.store is store and participants.model.rowCount() == 1
    assert window.stack.currentWidget() is window.built["week"]  # built, not shown
    assert window.week_view.store is store
    # Settings, built later, still tells the window of a saved centre and new qualifications.
    settings = window.settings_view
    assert settings.store is store
    window.header.setText("")
    settings.centre_saved.emit()
    assert window.header.text() != ""
    told: list[Store] = []
    monkeypatch.setattr(participants.spec, "store_changed", told.append)
    settings.qualifications_changed.emit()
    assert told == [store]
    assert [area for area in AREAS if area in window.built] == [
        "week",
        "participants",
        "settings",
    ]


def test_an_area_visited_the_first_time_reads_its_data_once(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.timesheets.view import TimesheetsView

    reads: list[bool] = []
    plain = TimesheetsView.reload
    monkeypatch.setattr(TimesheetsView, "reload", lambda view: reads.append(True) or plain(view))
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.timesheets_view
    assert window.timesheets_view.store is window.store
    assert reads == [True]
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert reads == [True, True]  # read again on each later visit, as before


def test_f1_builds_the_areas_not_visited_and_each_reads_its_data_when_shown(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.store is not None
    make_participant(window.store, first_name="Aino", last_name="Mäkinen")
    dialog = window.show_help()
    assert set(window.built) == set(AREAS)
    assert ("participants", "Ctrl+N") in {(name, keys) for name, keys, _w in dialog.listed()}
    dialog.close()
    participants = window.built["participants"]
    assert isinstance(participants, RegisterView)
    assert participants.store is None and participants.model.rowCount() == 0
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is participants
    assert participants.store is window.store and participants.model.rowCount() == 1
    # Reached from code, an area built for the help reads the store then.
    customers = window.registers["customers"]
    assert customers.store is window.store
    assert window.unread == {
        "timesheets",
        "attendance",
        "invoicing",
        "pay",
        "contracts",
        "instructors",
        "settings",
    }

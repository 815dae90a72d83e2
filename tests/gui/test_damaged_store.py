"""A data file that cannot be used: the window says why and offers the newest whole backup."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from jobcenter_desktop.db.backups import make_backup
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.paths import DataFolder
from jobcenter_desktop.queries.participants import list_participants
from tests.builders import make_participant
from ui.main_window import MainWindow


def damaged_with_backup(folder: DataFolder) -> Path:
    store = Store.open(folder.database, folder.backups, actor="tester")
    make_participant(store, last_name="Varmuuskopiossa")
    store.close()
    backup = make_backup(folder.database, folder.backups)
    folder.database.write_bytes(b"this is not a database any more" * 100)
    return backup


def open_window(qtbot, folder: DataFolder) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(folder.root / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(folder, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def answer(monkeypatch: pytest.MonkeyPatch, button_text: str | None, seen: list[str]) -> None:
    """Click the button with ``button_text`` (None: the last one) in the next message box."""

    def exec_(box: QMessageBox) -> int:
        seen.append(f"{box.text()} {box.informativeText()}")
        buttons = box.buttons()
        chosen = next((b for b in buttons if b.text() == button_text), buttons[-1])
        chosen.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_a_damaged_file_offers_the_newest_backup_and_restores_it(
    qtbot, folder: DataFolder, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    backup = damaged_with_backup(folder)
    window = open_window(qtbot, folder)
    seen: list[str] = []
    answer(monkeypatch, "Palauta varmuuskopio", seen)

    assert not window.open_store()
    window.backup_actions.wait()

    assert "vioittunut" in seen[0] and backup.name in seen[0]
    assert window.store is not None
    assert [p.last_name for p in list_participants(window.store)] == ["Varmuuskopiossa"]
    # The damaged file was kept, byte for byte, before the backup replaced it.
    kept = [p for p in folder.backups.iterdir() if "damaged" in p.name]
    assert kept and kept[0].read_bytes().startswith(b"this is not a database")


def test_a_damaged_file_without_backups_says_so_and_the_window_closes(
    qtbot, folder: DataFolder, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    folder.database.write_bytes(b"\x00garbage" * 1000)
    window = open_window(qtbot, folder)
    seen: list[str] = []
    answer(monkeypatch, None, seen)

    assert not window.open_store()

    assert "Palautettavaa varmuuskopiota ei ole" in seen[0]
    assert window.store is None
    qtbot.waitUntil(lambda: not window.isVisible())

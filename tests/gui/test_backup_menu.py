"""File → Back up now and Restore…, and the day's backup when the window starts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from jobcenter_desktop.db.backups import list_backups, make_backup
from jobcenter_desktop.queries.participants import list_participants
from tests.builders import make_participant
from ui.main_window import MainWindow


def file_menu_action(window: MainWindow, text: str):  # type: ignore[no-untyped-def]
    file_menu = window.menuBar().actions()[0].menu()
    assert file_menu.title() == "&Tiedosto"
    for action in file_menu.actions():
        if action.text() == text:
            return action
    raise AssertionError([action.text() for action in file_menu.actions()])


def rows(path: Path) -> list[str]:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_file_back_up_now_makes_a_verified_backup(qtbot, window, folder) -> None:  # type: ignore[no-untyped-def]
    assert window.store is not None
    make_participant(window.store)

    file_menu_action(window, "&Varmuuskopioi nyt").trigger()
    qtbot.waitUntil(lambda: not window.backup_actions.busy)

    made = [info for info in list_backups(folder.backups) if info.label == "manual"]
    assert len(made) == 1
    assert rows(made[0].path) == rows(folder.database)
    assert "Varmuuskopio tallennettu" in window.statusBar().currentMessage()


def test_file_restore_puts_the_backup_back_and_reopens_the_store(
    qtbot, window, folder, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    assert window.store is not None
    make_participant(window.store, last_name="Ennen")
    backup = make_backup(folder.database, folder.backups)
    make_participant(window.store, last_name="Jälkeen")
    asked: list[str] = []

    def yes(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    assert file_menu_action(window, "&Palauta varmuuskopio…") is not None

    window.backup_actions.restore_from(backup)
    qtbot.waitUntil(lambda: not window.backup_actions.busy)

    assert asked and backup.name in asked[0]
    assert window.store is not None
    names = [row.last_name for row in list_participants(window.store)]
    assert names == ["Ennen"]
    assert [info.label for info in list_backups(folder.backups)].count("before-restore") == 1
    assert "Palautettiin" in window.statusBar().currentMessage()


def test_a_refused_restore_says_why_and_keeps_working_on_the_data(
    qtbot, window, folder, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    not_a_backup = tmp_path / "muistiinpanot.db"
    not_a_backup.write_text("ei tietokanta", encoding="utf-8")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *_a: warnings.append(text)
    )

    window.backup_actions.restore_from(not_a_backup)
    qtbot.waitUntil(lambda: not window.backup_actions.busy)

    assert warnings and "ei ole Jobcenter Desktopin datatiedosto" in warnings[0]
    assert window.store is not None
    make_participant(window.store)  # the store is open again


def test_the_window_takes_the_days_backup_when_it_starts(qtbot, window, folder) -> None:  # type: ignore[no-untyped-def]
    from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput
    from jobcenter_desktop.services.registers.centre import save_centre

    assert window.store is not None
    save_centre(
        window.store,
        CentreInput(
            legal_name="Kotikunnan työkeskus",
            business_id="2077474-0",
            bank_accounts=[BankAccountInput("FI79 4405 2020 0360 82", "ITELFIHH")],
        ),
    )

    window.run_first_start()  # what the program does once the window is up
    qtbot.waitUntil(lambda: not window.backup_actions.busy)
    window.run_first_start()  # a second start on the same day takes none
    qtbot.waitUntil(lambda: not window.backup_actions.busy)

    assert [info.label for info in list_backups(folder.backups)] == ["daily"]

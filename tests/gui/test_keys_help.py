"""F1 opens the help, which lists every key registered in the window, area by area."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from ui.forms import area_shortcut
from ui.help_dialog import HelpDialog
from ui.main_window import MainWindow
from ui.navigation import AREAS
from ui.navigation import shortcut as area_keys
from ui.shortcuts import key_text


def _in(window: MainWindow, shortcut: QShortcut) -> bool:
    """Whether ``shortcut`` works in the window itself (not in one of its dialogs)."""
    owner = shortcut.parent()
    return isinstance(owner, QWidget) and owner.window() is window


def _live_keys(window: MainWindow) -> set[str]:
    """Every key the window's own shortcuts, actions and buttons answer to (not dialogs')."""
    found = set()
    for shortcut in window.findChildren(QShortcut):
        if _in(window, shortcut):
            found.add(key_text(shortcut.key()))
    for action in window.findChildren(QAction):
        owner = action.parent()
        if isinstance(owner, QWidget) and owner.window() is window:
            found.update(key_text(k) for k in action.shortcuts())
    for button in window.findChildren(QAbstractButton):
        if button.window() is window and not button.shortcut().isEmpty():
            found.add(key_text(button.shortcut()))
    return found


def _open_help(qtbot: QtBot, window: MainWindow) -> HelpDialog:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_f1_opens_the_help_with_every_key_registered_in_the_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = _open_help(qtbot, window)
    assert dialog.windowTitle() == "Näppäimet ja ohje"
    listed = {keys for _area, keys, _what in dialog.listed()}
    live = _live_keys(window)
    assert live - listed == set()
    assert {"F1", "Ctrl+Q", "Ctrl+S", "Ctrl+Shift+W", "Ctrl+D", "Page Up", "Alt+Vasen"} <= listed
    # Every key says what it does, in Finnish.
    assert all(what for _area, _keys, what in dialog.listed())
    text = dialog.text()
    assert "Siirry: Tuntikirjaukset" in text
    assert "Hyväksy viikon tehdyiksi merkityt keikat" in text


def test_each_area_lists_the_keys_registered_in_it(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _open_help(qtbot, window)
    listed = dialog.listed()
    for area in AREAS:
        _title, widget = window.areas[area]
        own = {key_text(s.key()) for s in widget.findChildren(QShortcut) if _in(window, s)}
        assert own <= {keys for name, keys, _what in listed if name == area}, area
    for area in AREAS:
        assert ("window", area_keys(area)) in {(n, k) for n, k, _w in listed}, area
    # The keys a gig card handles itself come from its own table.
    assert ("week", "Ctrl+M", "Keikan kortilla: Siirrä…") in listed
    assert ("week", "Del", "Keikan kortilla: Peru keikka…") in listed
    assert ("attendance", "L", "Päivän kohdalla: Läsnä") in listed


def test_a_shortcut_added_to_an_area_appears_in_the_help(qtbot: QtBot, window: MainWindow) -> None:
    area_shortcut(window.timesheets_view, "Ctrl+Alt+J", lambda: None, "Hyppää")
    QShortcut(QKeySequence("Ctrl+Alt+K"), window).setWhatsThis("Koko ikkunan oma")
    listed = _open_help(qtbot, window).listed()
    assert ("timesheets", "Ctrl+Alt+J", "Hyppää") in listed
    assert ("window", "Ctrl+Alt+K", "Koko ikkunan oma") in listed


def test_the_area_in_use_comes_first_and_f1_again_reads_the_keys_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    first = _open_help(qtbot, window)
    assert first.sections[0][0] == ["timesheets"]
    window.activateWindow()
    second = window.show_help()
    assert second is not first and window.help_dialog is second


def test_the_registers_with_the_same_keys_are_listed_once(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _open_help(qtbot, window)
    names = [names for names, _group in dialog.sections]
    assert ["customers", "contracts", "instructors"] in names
    assert "Tilaajat, Sopimukset, Ohjaajat" in dialog.text()

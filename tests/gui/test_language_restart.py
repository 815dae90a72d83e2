"""Settings offers Finnish, Swedish and English; a new language is offered a restart at once."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import ui.restart
from ui.restart import relaunch_command, without_language_option


@pytest.fixture
def relaunches(monkeypatch) -> list[str]:
    """Record the restarts instead of starting a new program or quitting the test run."""
    calls: list[str] = []
    monkeypatch.setattr(ui.restart, "relaunch", lambda: calls.append("relaunch") or True)
    monkeypatch.setattr(ui.restart, "quit_application", lambda: calls.append("quit"))
    return calls


def answer_with(button_text: str, seen: list[str]) -> None:
    """Click ``button_text`` in the message box that is about to open (it is modal)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        seen.append(box.informativeText())
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
                return
        box.reject()
        raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, click)


def choose(window, code: str) -> None:
    combo = window.settings_view.language
    combo.setCurrentIndex(combo.findData(code))


def test_settings_offers_the_three_languages_each_in_its_own_name(window):
    combo = window.settings_view.language
    names = [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]
    assert names == [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]


def test_restart_now_closes_the_window_and_starts_the_program_again(
    window, relaunches, monkeypatch
):
    store_close = window.store.close
    monkeypatch.setattr(
        window.store, "close", lambda: relaunches.append("store closed") or store_close()
    )
    seen: list[str] = []
    answer_with("Käynnistä uudelleen nyt", seen)

    choose(window, "sv")

    assert window.settings.value("language") == "sv"
    assert "Svenska" in seen[0]
    assert "Tallentamattomista muutoksista kysytään ensin" in seen[1]
    # The data file is closed before the new program opens it.
    assert relaunches == ["store closed", "relaunch", "quit"]
    assert not window.isVisible()


def test_later_keeps_the_window_and_the_choice(window, relaunches):
    seen: list[str] = []
    answer_with("Myöhemmin", seen)

    choose(window, "en")

    assert seen and relaunches == []
    assert window.isVisible()
    assert window.settings.value("language") == "en"
    assert "seuraavan kerran" in window.settings_view.language_note.text()


def test_choosing_the_language_already_shown_asks_nothing(window, relaunches, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(window.settings_view, "offer_restart", lambda name: asked.append(name))
    choose(window, "en")
    choose(window, "fi")  # back to the language the window is in
    assert asked == ["English"]


def test_a_window_that_refuses_to_close_is_not_restarted(window, relaunches, monkeypatch):
    # The user chose Cancel when asked about unsaved changes.
    monkeypatch.setattr(window, "_current_confirms_discard", lambda: False)
    monkeypatch.setattr(window.settings_view, "offer_restart", lambda name: True)

    choose(window, "sv")

    assert relaunches == []
    assert window.isVisible()


@pytest.mark.parametrize(
    ("arguments", "kept"),
    [
        (["-m", "jobcenter_desktop"], ["-m", "jobcenter_desktop"]),
        (["-m", "jobcenter_desktop", "--lang", "en"], ["-m", "jobcenter_desktop"]),
        (["app.py", "--lang=sv", "--data-dir", "/d"], ["app.py", "--data-dir", "/d"]),
        (["--data-dir", "/lang", "--lang", "fi"], ["--data-dir", "/lang"]),
    ],
)
def test_the_restart_drops_only_the_language_option(arguments, kept):
    assert without_language_option(arguments) == kept


def test_the_restart_runs_the_same_interpreter_with_its_own_options(monkeypatch):
    monkeypatch.setattr(sys, "orig_argv", ["python3", "-X", "dev", "-m", "jobcenter_desktop"])
    program, arguments = relaunch_command()
    assert program == sys.executable
    assert arguments == ["-X", "dev", "-m", "jobcenter_desktop"]

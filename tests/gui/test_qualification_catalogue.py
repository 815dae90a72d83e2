"""The box "Pätevyysluettelo" in the settings, driven through its widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.forms.participants import QualificationInput
from jobcenter_desktop.paths import DataFolder
from jobcenter_desktop.queries.participants import list_qualification_types
from jobcenter_desktop.services.registers.qualifications import add_qualification_type
from tests.builders import make_participant
from ui.centre.qualifications_box import QualificationCatalogue
from ui.centre.settings_view import SettingsView

# --- helpers ---------------------------------------------------------------------------------


@pytest.fixture
def catalogue(qtbot, store: Store) -> QualificationCatalogue:
    box = QualificationCatalogue()
    qtbot.addWidget(box)
    box.set_store(store)
    box.resize(500, 300)
    box.show()
    qtbot.waitExposed(box)
    return box


@pytest.fixture
def messages(catalogue: QualificationCatalogue) -> list[str]:
    seen: list[str] = []
    catalogue.status.connect(seen.append)
    return seen


def stored_names(store: Store, include_archived: bool = False) -> list[str]:
    return [t.name for t in list_qualification_types(store, include_archived)]


def choose(catalogue: QualificationCatalogue, text: str) -> None:
    row = catalogue.names().index(text)
    catalogue.list.setCurrentRow(row)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer_questions(monkeypatch, answer: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def capture_information(monkeypatch) -> list[str]:
    shown: list[str] = []

    def information(_parent, _title, text, *_args, **_kwargs):
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "information", staticmethod(information))
    return shown


# --- the list --------------------------------------------------------------------------------


def test_the_catalogue_lists_the_built_in_entries_in_finnish(catalogue: QualificationCatalogue):
    assert catalogue.title() == "Pätevyysluettelo"
    assert catalogue.names()[:2] == ["Työturvallisuuskortti", "Hygieniapassi"]


def test_without_a_store_nothing_can_be_done(qtbot):
    box = QualificationCatalogue()
    qtbot.addWidget(box)
    assert box.names() == []
    assert not box.add_button.isEnabled()
    assert not box.name_edit.isEnabled()
    assert not box.rename_button.isEnabled()


# --- adding ----------------------------------------------------------------------------------


def test_a_name_typed_and_entered_is_added(qtbot, catalogue, store, messages):
    with qtbot.waitSignal(catalogue.changed, timeout=2000):
        qtbot.keyClicks(catalogue.name_edit, "Tieturva 1")
        qtbot.keyClick(catalogue.name_edit, Qt.Key.Key_Return)

    assert catalogue.names()[-1] == "Tieturva 1"
    assert catalogue.list.currentItem().text() == "Tieturva 1"  # the new entry is chosen
    assert stored_names(store)[-1] == "Tieturva 1"
    assert next(t.code for t in list_qualification_types(store) if t.name == "Tieturva 1") == (
        "custom_tieturva_1"
    )
    assert catalogue.name_edit.text() == ""  # ready for the next one
    assert messages[-1] == "Tallennettu"
    assert not catalogue.error.isVisible()


def test_the_add_button_adds_too(qtbot, catalogue, store):
    catalogue.name_edit.setText("Anniskelupassi")
    click(qtbot, catalogue.add_button)
    assert stored_names(store)[-1] == "Anniskelupassi"


def test_an_empty_name_shows_the_message(qtbot, catalogue, store, messages):
    before = stored_names(store, include_archived=True)
    qtbot.keyClicks(catalogue.name_edit, "   ")

    qtbot.keyClick(catalogue.name_edit, Qt.Key.Key_Return)

    assert catalogue.error.isVisible()
    assert "Nimi: on pakollinen" in catalogue.error.text()
    assert messages[-1] == "Nimi: on pakollinen"
    assert stored_names(store, include_archived=True) == before

    # Typing again clears the message.
    qtbot.keyClicks(catalogue.name_edit, "T")
    assert not catalogue.error.isVisible()


def test_a_duplicate_name_in_other_case_is_refused(qtbot, catalogue, store):
    catalogue.name_edit.setText("HYGIENIAPASSI")
    qtbot.keyClick(catalogue.name_edit, Qt.Key.Key_Return)

    assert "Nimi: on jo luettelossa" in catalogue.error.text()
    assert catalogue.name_edit.text() == "HYGIENIAPASSI"  # kept, to be corrected
    assert len(stored_names(store)) == 6


# --- renaming --------------------------------------------------------------------------------


def test_rename_asks_for_the_new_name_with_the_old_one_filled_in(
    qtbot, catalogue, store, monkeypatch
):
    offered: list[str] = []

    def get_text(_parent, _title, _label, _echo, text, *_args, **_kwargs):
        offered.append(text)
        return "Hygieniaosaamistodistus", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    choose(catalogue, "Hygieniapassi")

    click(qtbot, catalogue.rename_button)

    assert offered == ["Hygieniapassi"]
    assert "Hygieniaosaamistodistus" in catalogue.names()
    assert catalogue.list.currentItem().text() == "Hygieniaosaamistodistus"
    assert stored_names(store)[1] == "Hygieniaosaamistodistus"


def test_a_cancelled_rename_changes_nothing(qtbot, catalogue, store, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *args, **kwargs: ("x", False)))
    choose(catalogue, "Hygieniapassi")
    click(qtbot, catalogue.rename_button)
    assert stored_names(store)[1] == "Hygieniapassi"


# --- archiving -------------------------------------------------------------------------------


def test_an_archived_entry_is_hidden_and_shown_on_request(qtbot, catalogue, store, messages):
    choose(catalogue, "Trukkikortti")
    assert catalogue.archive_button.text() == "Arkistoi"

    click(qtbot, catalogue.archive_button)

    assert "Trukkikortti" not in catalogue.names()
    assert "Trukkikortti" not in stored_names(store)
    assert messages[-1] == "Arkistoitu"

    qtbot.mouseClick(catalogue.show_archived, Qt.MouseButton.LeftButton)

    assert "Trukkikortti (arkistoitu)" in catalogue.names()
    choose(catalogue, "Trukkikortti (arkistoitu)")
    item = catalogue.list.currentItem()
    assert item.font().italic()
    assert not catalogue.list.item(0).font().italic()
    assert catalogue.archive_button.text() == "Palauta"

    click(qtbot, catalogue.archive_button)

    assert "Trukkikortti" in catalogue.names()
    assert "Trukkikortti" in stored_names(store)
    assert messages[-1] == "Palautettu"


# --- deleting --------------------------------------------------------------------------------


def test_an_unused_entry_is_deleted_after_confirmation(qtbot, catalogue, store, monkeypatch):
    add_qualification_type(store, "Anniskelupassi")
    catalogue.reload()
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    choose(catalogue, "Anniskelupassi")

    click(qtbot, catalogue.delete_button)

    assert len(asked) == 1 and "Anniskelupassi" in asked[0]
    assert "Anniskelupassi" not in catalogue.names()
    assert "Anniskelupassi" not in stored_names(store, include_archived=True)


def test_answering_no_keeps_the_entry(qtbot, catalogue, store, monkeypatch):
    answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    choose(catalogue, "Trukkikortti")
    click(qtbot, catalogue.delete_button)
    assert "Trukkikortti" in stored_names(store)


def test_deleting_an_entry_in_use_is_refused_with_a_message(
    qtbot, catalogue, store, monkeypatch, messages
):
    card = add_qualification_type(store, "Tieturva 1")
    make_participant(store, qualifications=[QualificationInput(card, "1.2.2025")])
    catalogue.reload()
    answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    shown = capture_information(monkeypatch)
    choose(catalogue, "Tieturva 1")

    click(qtbot, catalogue.delete_button)

    assert len(shown) == 1
    assert "Tieturva 1" in shown[0]
    assert "ei voi poistaa" in shown[0]
    assert "Arkistoi" in shown[0]
    assert messages[-1] == "Ei poistettu"
    assert "Tieturva 1" in catalogue.names()
    assert "Tieturva 1" in stored_names(store)


# --- in the settings view --------------------------------------------------------------------


@pytest.fixture
def view(qtbot, store: Store, tmp_path: Path) -> SettingsView:
    view = SettingsView()
    qtbot.addWidget(view)
    view.set_settings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    view.set_data_folder(DataFolder(tmp_path))
    view.set_store(store)
    view.resize(1366, 700)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def test_the_settings_show_the_catalogue_and_pass_its_messages_on(qtbot, view, store):
    seen: list[str] = []
    view.status.connect(seen.append)
    catalogue = view.qualifications
    assert "Hygieniapassi" in catalogue.names()

    with qtbot.waitSignal(view.qualifications_changed, timeout=2000):
        qtbot.keyClicks(catalogue.name_edit, "Tieturva 1")
        qtbot.keyClick(catalogue.name_edit, Qt.Key.Key_Return)

    assert seen[-1] == "Tallennettu"
    assert "Tieturva 1" in stored_names(store)
    assert not view.dirty  # the catalogue is saved at once; the centre form is untouched


def test_escape_in_the_catalogue_clears_the_name_not_the_centre_form(qtbot, view):
    phone = view.form.widgets["phone"]
    phone.setText("09 876 5432")
    view.dirty = True
    catalogue = view.qualifications
    catalogue.name_edit.setFocus()
    qtbot.keyClicks(catalogue.name_edit, "Tieturva")

    qtbot.keyClick(catalogue.name_edit, Qt.Key.Key_Escape)

    assert catalogue.name_edit.text() == ""
    assert phone.text() == "09 876 5432"
    assert view.dirty

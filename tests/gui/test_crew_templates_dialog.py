"""The dialog "Työryhmäpohjat": crew templates made, edited, refused in words and archived."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.services.planning.crew_templates import (
    list_crew_templates,
    save_crew_template,
)
from tests.builders import make_instructor, make_participant
from ui.crew_templates.dialog import CrewTemplatesDialog


@pytest.fixture(autouse=True)
def _never_block(monkeypatch) -> None:
    """A question left unanswered would block the test: unsaved edits are discarded."""
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Discard)
    )


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    return {
        "aino": make_participant(store),
        "eero": make_participant(store, first_name="Eero", last_name="Virtanen"),
        "paused": make_participant(store, first_name="Pekka", last_name="Tauko", status="paused"),
        "liisa": make_instructor(store),
    }


def open_dialog(qtbot: QtBot, store: Store) -> CrewTemplatesDialog:
    dialog = CrewTemplatesDialog(store, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_with_no_crews_a_new_one_is_ready_to_fill_in(qtbot: QtBot, store: Store, people) -> None:
    dialog = open_dialog(qtbot, store)
    assert dialog.windowTitle() == "Työryhmäpohjat"
    assert dialog.names() == []
    assert dialog.empty_note.isVisible()
    assert dialog.form.heading.text() == "Uusi työryhmäpohja"
    items = [dialog.form.members.item(r).text() for r in range(dialog.form.members.count())]
    assert [text.split(" (")[0] for text in items] == ["Aino Mäkinen", "Eero Virtanen"]
    assert dialog.form.lead_combo.itemText(0) == "Ei vastaavaa ohjaajaa"
    assert not dialog.archive_button.isEnabled()


def test_create_a_crew_with_ctrl_s(qtbot: QtBot, store: Store, people) -> None:
    dialog = open_dialog(qtbot, store)
    changed: list[bool] = []
    dialog.changed.connect(lambda: changed.append(True))
    dialog.form.name_edit.setText("Tiistain siivous")
    dialog.form.set_member(people["aino"])
    dialog.form.set_member(people["eero"])
    dialog.form.lead_combo.setCurrentIndex(dialog.form.lead_combo.findData(people["liisa"]))
    assert dialog.form.member_count.text() == "Valittuna: 2"
    dialog.form.name_edit.setFocus()
    qtbot.keyClick(dialog.form.name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    [saved] = list_crew_templates(store)
    assert (saved.name, set(saved.member_ids), saved.lead_instructor_id) == (
        "Tiistain siivous",
        {people["aino"], people["eero"]},
        people["liisa"],
    )
    assert dialog.names() == ["Tiistain siivous · 2 hlö"]
    assert dialog.list.currentRow() == 0
    assert dialog.message.text() == "Tallennettu"
    assert changed == [True]
    assert not dialog.dirty


def test_edit_a_crew(qtbot: QtBot, store: Store, people) -> None:
    save_crew_template(store, "Korjaamo", [people["aino"]])
    dialog = open_dialog(qtbot, store)
    assert dialog.form.name_edit.text() == "Korjaamo"
    assert dialog.form.member_ids() == [people["aino"]]

    dialog.form.member_filter.setText("virt")
    visible = [
        dialog.form.members.item(r).text()
        for r in range(dialog.form.members.count())
        if not dialog.form.members.item(r).isHidden()
    ]
    assert [text.split(" (")[0] for text in visible] == ["Eero Virtanen"]
    dialog.form.set_member(people["eero"])
    dialog.form.set_member(people["aino"], checked=False)
    assert dialog.dirty
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    [saved] = list_crew_templates(store)
    assert (saved.name, saved.member_ids, saved.lead_instructor_id) == (
        "Korjaamo",
        (people["eero"],),
        None,
    )


def test_a_duplicate_name_is_refused_in_words(qtbot: QtBot, store: Store, people) -> None:
    save_crew_template(store, "Korjaamo", [people["aino"]])
    dialog = open_dialog(qtbot, store)
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert dialog.form.heading.text() == "Uusi työryhmäpohja"
    dialog.form.name_edit.setText("  KORJAAMO ")
    dialog.save()

    assert dialog.form.error.isVisible()
    assert (
        dialog.form.error.text()
        == "⚠ Työryhmäpohjan nimi: toisella työryhmäpohjalla on jo tämä nimi"
    )
    assert dialog.message.text().startswith("Ei tallennettu")
    assert [t.name for t in list_crew_templates(store)] == ["Korjaamo"]


def test_an_empty_name_is_refused_in_words(qtbot: QtBot, store: Store, people) -> None:
    dialog = open_dialog(qtbot, store)
    dialog.save()
    assert "Työryhmäpohjan nimi: on pakollinen" in dialog.form.error.text()
    assert list_crew_templates(store) == []


def test_archive_hides_the_crew_and_restore_brings_it_back(
    qtbot: QtBot, store: Store, people
) -> None:
    save_crew_template(store, "Korjaamo", [people["aino"]])
    save_crew_template(store, "Seurakunta", [people["eero"]])
    dialog = open_dialog(qtbot, store)
    assert dialog.form.name_edit.text() == "Korjaamo"
    qtbot.mouseClick(dialog.archive_button, Qt.MouseButton.LeftButton)

    assert [t.name for t in list_crew_templates(store)] == ["Seurakunta"]
    assert dialog.names() == ["Seurakunta · 1 hlö"]
    assert dialog.form.name_edit.text() == "Seurakunta"
    assert dialog.message.text() == "Arkistoitu"

    dialog.show_archived.setChecked(True)
    assert dialog.names() == ["Korjaamo · 1 hlö (arkistoitu)", "Seurakunta · 1 hlö"]
    dialog.list.setCurrentRow(0)
    assert dialog.archive_button.text() == "Palauta"
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.archive_button, Qt.MouseButton.LeftButton)
    assert [t.name for t in list_crew_templates(store)] == ["Korjaamo", "Seurakunta"]
    assert dialog.message.text() == "Palautettu"


def test_unsaved_edits_are_asked_about_before_another_crew_is_shown(
    qtbot: QtBot, store: Store, people, monkeypatch
) -> None:
    save_crew_template(store, "Korjaamo", [people["aino"]])
    save_crew_template(store, "Seurakunta", [people["eero"]])
    dialog = open_dialog(qtbot, store)
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    dialog.form.name_edit.setText("Korjaamo 2")
    dialog.form.name_edit.textEdited.emit("Korjaamo 2")
    dialog.list.setCurrentRow(1)

    assert len(asked) == 1
    assert dialog.list.currentRow() == 0  # cancelled: still on the edited crew
    assert dialog.form.name_edit.text() == "Korjaamo 2"

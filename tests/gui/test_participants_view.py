"""The participant register driven like a user would: typing, clicking, reading the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QTableWidget, QWidget
from sqlalchemy import func, select

from jobcenter_desktop.db.models import Participant, QualificationType
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.participants import list_participants, load_participant
from tests.builders import make_participant
from ui.register_view import RegisterView
from ui.registers.participant_form import ParticipantForm
from ui.registers.participants import ParticipantsSpec

VALID_CODE = "010190-123M"


def open_view(qtbot, store: Store) -> RegisterView:
    """The register as the user has it: shown, in the active window (shortcuts need that)."""
    widget = RegisterView(ParticipantsSpec())
    widget.set_store(store)
    qtbot.addWidget(widget)
    widget.resize(1300, 750)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


@pytest.fixture
def view(qtbot, store: Store) -> RegisterView:
    return open_view(qtbot, store)


# --- helpers: what the user sees and does --------------------------------------------------


def shown_names(view: RegisterView) -> list[str]:
    """The 'last first' names in the list as displayed, top to bottom."""
    proxy = view.proxy
    return [
        f"{proxy.index(r, 1).data()} {proxy.index(r, 2).data()}" for r in range(proxy.rowCount())
    ]


def first_column(view: RegisterView) -> list[str]:
    return [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]


def form(view: RegisterView) -> ParticipantForm:
    assert isinstance(view.form, ParticipantForm)
    return view.form


def field(view: RegisterView, key: str) -> QWidget:
    return form(view).widgets[key]


def type_into(qtbot, view: RegisterView, key: str, text: str) -> None:
    widget = field(view, key)
    assert isinstance(widget, QLineEdit)
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def choose(qtbot, combo: QComboBox, data: object) -> None:
    """Pick an item with the keyboard: Home, then Down until the wanted entry is current."""
    assert combo.findData(data) >= 0, data
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _step in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def error_at(view: RegisterView, key: str) -> str:
    """The visible error text under the field ``key`` ('' when there is none)."""
    widget = field(view, key)
    box = widget.parentWidget()
    assert box is not None
    labels = [w for w in box.findChildren(QLabel) if w.isVisible() and w.text()]
    return "\n".join(label.text() for label in labels)


def select_row_of(qtbot, view: RegisterView, last_name: str) -> None:
    for row in range(view.proxy.rowCount()):
        if last_name in view.proxy.index(row, 1).data():
            rect = view.table.visualRect(view.proxy.index(row, 1))
            qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError(f"{last_name} not in the list")


def type_into_cell(qtbot, table: QTableWidget, column: int, text: str) -> None:
    """Click the cell of the first row, open it with F2 and type."""
    rect = table.visualRect(table.model().index(0, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(table, Qt.Key.Key_F2)
    cell_editor = QApplication.focusWidget()
    assert isinstance(cell_editor, QLineEdit)
    qtbot.keyClicks(cell_editor, text)


def save(qtbot, view: RegisterView) -> list[str]:
    messages: list[str] = []
    view.status.connect(messages.append)
    qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    view.status.disconnect(messages.append)
    return messages


def participant_count(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(Participant)) or 0)


# --- tests ---------------------------------------------------------------------------------


def test_typing_in_the_search_field_filters_the_list(qtbot, store: Store) -> None:
    last_names = ["Åström", "Öberg", "Virtanen", "Korhonen", "Nieminen", "Mäkinen", "Hämäläinen"]
    last_names += [f"Testinen{letter}" for letter in "ABCDEFGHIJKLMNOPQRSTUVW"]
    for index, last in enumerate(last_names):
        make_participant(store, first_name=f"Etu{index}", last_name=last)
    view = open_view(qtbot, store)
    assert view.proxy.rowCount() == 30

    qtbot.mouseClick(view.search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(view.search, "åst")
    assert shown_names(view) == ["Åström Etu0"]

    view.search.selectAll()
    qtbot.keyClicks(view.search, "ÖBERG")
    assert shown_names(view) == ["Öberg Etu1"]

    view.search.selectAll()
    qtbot.keyClick(view.search, Qt.Key.Key_Backspace)
    assert view.proxy.rowCount() == 30


def test_numbers_sort_numerically(view: RegisterView, store: Store) -> None:
    for number in ("10", "2", "1", "A-7"):
        make_participant(store, participant_number=number, last_name=f"Nro{number}")
    view.reload()
    assert first_column(view) == ["1", "2", "10", "A-7"]


def test_new_participant_is_saved_and_still_there_after_reopening(
    qtbot,
    store: Store,
    tmp_path: Path,
) -> None:
    view = open_view(qtbot, store)

    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert view.form_title.text() == "Uusi tekijä"
    type_into(qtbot, view, "first_name", "Eino")
    type_into(qtbot, view, "last_name", "Åkerlund")
    basis = field(view, "service_basis")
    assert isinstance(basis, QComboBox)
    choose(qtbot, basis, "disability")
    type_into(qtbot, view, "weekly_hour_limit", "17,5")
    messages = save(qtbot, view)

    assert messages == [_("Saved")]
    assert shown_names(view) == ["Åkerlund Eino"]
    assert view.proxy.index(0, 3).data() == "Vammaisten työtoiminta (sosiaalihuoltolaki)"
    assert view.current_id is not None
    assert view.form_title.text().startswith("Eino Åkerlund")
    limit = field(view, "weekly_hour_limit")
    assert isinstance(limit, QLineEdit)
    assert limit.text() == "17,5"

    record_id = view.current_id
    store.close()
    reopened = Store.open(tmp_path / "jobcenter.db", tmp_path / "backups", actor="tester")
    try:
        again = open_view(qtbot, reopened)
        assert shown_names(again) == ["Åkerlund Eino"]
        select_row_of(qtbot, again, "Åkerlund")
        assert again.current_id == record_id
        reopened_limit = field(again, "weekly_hour_limit")
        assert isinstance(reopened_limit, QLineEdit)
        assert reopened_limit.text() == "17,5"
        assert load_participant(reopened, record_id).service_basis == "disability"
    finally:
        reopened.close()


def test_wrong_identity_code_is_shown_at_the_field_and_nothing_is_saved(
    qtbot,
    view: RegisterView,
    store: Store,
) -> None:
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, view, "first_name", "Eino")
    type_into(qtbot, view, "last_name", "Åkerlund")
    code = form(view).identity_code
    assert code.editing  # a new participant's code is simply typed in
    qtbot.keyClicks(code.line, "010190-123A")  # the check character should be M
    messages = save(qtbot, view)

    assert "tarkistusmerkki ei täsmää" in error_at(view, "identity_code")
    assert messages and messages != [_("Saved")]
    assert participant_count(store) == 0
    assert view.current_id is None

    code.line.selectAll()
    qtbot.keyClicks(code.line, VALID_CODE)
    messages = []
    view.status.connect(messages.append)
    qtbot.keyClick(code.line, Qt.Key.Key_Return)  # Enter saves here as in every field
    assert messages == [_("Saved")]
    assert error_at(view, "identity_code") == ""
    assert participant_count(store) == 1


def test_identity_code_is_masked_and_kept_when_the_form_is_saved_untouched(
    qtbot,
    view: RegisterView,
    store: Store,
) -> None:
    record_id = make_participant(store, last_name="Salonen", identity_code=VALID_CODE)
    view.reload()
    select_row_of(qtbot, view, "Salonen")
    code = form(view).identity_code

    assert code.line.text() == "010190-****"
    assert code.line.isReadOnly()
    assert VALID_CODE not in code.line.text()

    qtbot.mouseClick(code.show_button, Qt.MouseButton.LeftButton)
    assert code.line.text() == VALID_CODE
    assert code.show_button.text() == "Piilota"
    qtbot.mouseClick(code.show_button, Qt.MouseButton.LeftButton)
    assert code.line.text() == "010190-****"

    type_into(qtbot, view, "city", "Joensuu")
    assert save(qtbot, view) == [_("Saved")]
    assert load_participant(store, record_id).identity_code == VALID_CODE
    assert load_participant(store, record_id).city == "Joensuu"
    assert form(view).identity_code.line.text() == "010190-****"

    # Change lets a new code be typed; it replaces the stored one.
    qtbot.mouseClick(code.change_button, Qt.MouseButton.LeftButton)
    assert not code.line.isReadOnly()
    assert code.line.text() == VALID_CODE
    code.line.selectAll()
    qtbot.keyClicks(code.line, "150385-456R")
    type_into(qtbot, view, "date_of_birth", "15.3.1985")
    assert save(qtbot, view) == [_("Saved")]
    assert load_participant(store, record_id).identity_code == "150385-456R"
    assert code.line.text() == "150385-****"


def test_status_ended_needs_an_outcome(
    qtbot,
    view: RegisterView,
    store: Store,
) -> None:
    record_id = make_participant(store, last_name="Lehtonen")
    view.reload()
    select_row_of(qtbot, view, "Lehtonen")
    status = form(view).status
    outcome = form(view).outcome
    assert not outcome.isEnabled()
    assert not field(view, "ended_on").isEnabled()

    choose(qtbot, status, "ended")
    assert outcome.isEnabled()
    ended_on = field(view, "ended_on")
    assert isinstance(ended_on, QLineEdit)
    assert ended_on.isEnabled() and ended_on.text()  # today is offered
    messages = save(qtbot, view)

    assert error_at(view, "outcome")
    assert messages != [_("Saved")]
    assert load_participant(store, record_id).status == "active"

    choose(qtbot, outcome, "hired_by_customer")
    type_into(qtbot, view, "ended_on", "30.4.2026")
    assert save(qtbot, view) == [_("Saved")]
    saved = load_participant(store, record_id)
    assert (saved.status, saved.outcome, saved.ended_on) == (
        "ended",
        "hired_by_customer",
        "30.4.2026",
    )
    assert form(view).outcome.isEnabled()


def test_archived_participant_leaves_the_list_and_can_be_restored(
    qtbot,
    view: RegisterView,
    store: Store,
) -> None:
    make_participant(store, last_name="Heikkinen")
    make_participant(store, last_name="Laine")
    view.reload()
    select_row_of(qtbot, view, "Heikkinen")

    qtbot.mouseClick(view.archive_button, Qt.MouseButton.LeftButton)
    assert shown_names(view) == ["Laine Aino"]
    assert view.current_id is None

    qtbot.mouseClick(view.show_archived, Qt.MouseButton.LeftButton)
    assert view.show_archived.isChecked()
    marked = [r for r in range(view.proxy.rowCount()) if "(arkistoitu)" in first_column(view)[r]]
    assert [view.proxy.index(r, 1).data() for r in marked] == ["Heikkinen"]

    select_row_of(qtbot, view, "Heikkinen")
    assert not view.form.isEnabled()  # an archived record is read-only until restored
    qtbot.mouseClick(view.archive_button, Qt.MouseButton.LeftButton)
    assert view.form.isEnabled()
    assert not any("(arkistoitu)" in n for n in first_column(view))

    qtbot.mouseClick(view.show_archived, Qt.MouseButton.LeftButton)
    assert sorted(shown_names(view)) == ["Heikkinen Aino", "Laine Aino"]
    assert len(list_participants(store)) == 2


def test_qualification_row_is_saved_and_shown_again(
    qtbot,
    view: RegisterView,
    store: Store,
) -> None:
    record_id = make_participant(store, last_name="Rantanen")
    with store.read() as session:
        hygiene = session.scalar(
            select(QualificationType.id).where(QualificationType.code == "hygiene_passport")
        )
    view.reload()
    select_row_of(qtbot, view, "Rantanen")
    editor = form(view).qualifications

    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    table: QTableWidget = editor.table
    assert table.rowCount() == 1
    combo = table.cellWidget(0, 0)
    assert isinstance(combo, QComboBox)
    choose(qtbot, combo, hygiene)
    # the issued date is typed and confirmed with Enter ...
    type_into_cell(qtbot, table, 1, "1.2.2025")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(0, 1).text() == "1.2.2025")
    # ... the expiry date is typed and saved straight away with Ctrl+S, the cell still open
    type_into_cell(qtbot, table, 2, "1.2.2030")
    assert save(qtbot, view) == [_("Saved")]

    saved = load_participant(store, record_id).qualifications
    assert [(q.qualification_type_id, q.issued_on, q.expires_on) for q in saved] == [
        (hygiene, "1.2.2025", "1.2.2030")
    ]
    # the form shows it again, also after opening another record and coming back
    make_participant(store, last_name="Aaltonen")
    view.reload(select_id=record_id)
    select_row_of(qtbot, view, "Aaltonen")
    assert editor.table.rowCount() == 0
    select_row_of(qtbot, view, "Rantanen")
    assert editor.table.rowCount() == 1
    shown = editor.table.cellWidget(0, 0)
    assert isinstance(shown, QComboBox)
    assert shown.currentData() == hygiene
    assert editor.table.item(0, 1).text() == "1.2.2025"
    assert editor.table.item(0, 2).text() == "1.2.2030"


def test_qualification_without_a_type_is_not_saved(
    qtbot,
    view: RegisterView,
    store: Store,
) -> None:
    record_id = make_participant(store, last_name="Rantanen")
    view.reload()
    select_row_of(qtbot, view, "Rantanen")
    qtbot.mouseClick(form(view).qualifications.add_button, Qt.MouseButton.LeftButton)
    save(qtbot, view)
    assert error_at(view, "qualifications")
    assert load_participant(store, record_id).qualifications == []

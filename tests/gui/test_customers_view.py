"""The customer register as the user meets it: typing, clicking and reading the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QWidget,
)

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.queries.customers import list_customers
from tests.builders import make_contract, make_customer
from ui.register_view import RegisterView
from ui.registers.customers import CustomersSpec
from ui.rows_editor import RowsEditor

NAME_COLUMN = 1
TYPE_COLUMN = 2


@pytest.fixture
def view(qtbot, store: Store) -> RegisterView:
    view = RegisterView(CustomersSpec())
    view.set_store(store)
    qtbot.addWidget(view)
    view.resize(1300, 750)
    show(qtbot, view)
    # No record is open until one is chosen: the user starts a new one with Ctrl+N.
    assert not view.record_open
    qtbot.keyClick(view.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert view.record_open
    return view


def show(qtbot, view: RegisterView) -> None:
    """Show the view as the active window, so that focus moves as it does for the user."""
    view.show()
    qtbot.waitExposed(view)
    view.windowHandle().requestActivate()
    qtbot.waitUntil(view.isActiveWindow)


def field(view: RegisterView, key: str) -> QWidget:
    return view.form.widgets[key]


def error_at(view: RegisterView, key: str) -> str:
    """The message shown under the field, or "" when there is none."""
    box = field(view, key).parentWidget()
    labels = box.findChildren(QLabel, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return "\n".join(label.text() for label in labels if label.isVisible())


def type_into(qtbot, view: RegisterView, key: str, text: str) -> None:
    widget = field(view, key)
    assert isinstance(widget, QLineEdit)
    qtbot.keyClicks(widget, text)


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Pick an item with the keyboard: Home, then the down arrow until it shows ``text``."""
    assert combo.findText(text) >= 0, text
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentText() != text:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def save(qtbot, view: RegisterView) -> None:
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)


def shown(view: RegisterView, column: int) -> list[str]:
    return [view.proxy.index(row, column).data() for row in range(view.proxy.rowCount())]


def click_row(qtbot, view: RegisterView, row: int) -> None:
    rect = view.table.visualRect(view.proxy.index(row, NAME_COLUMN))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_header(qtbot, view: RegisterView, column: int) -> None:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def type_in_cell(qtbot, editor: RowsEditor, row: int, column: int, text: str) -> None:
    """Double-click a cell of the small table, type, and press Enter."""
    table: QTableWidget = editor.table
    rect = table.visualItemRect(table.item(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    cell_editor = table.indexWidget(table.model().index(row, column))
    assert isinstance(cell_editor, QLineEdit)
    qtbot.keyClicks(cell_editor, text)
    qtbot.keyClick(cell_editor, Qt.Key.Key_Return)
    # The delegate commits on Enter through a queued call.
    qtbot.waitUntil(lambda: table.item(row, column).text() == text)


def test_a_wrong_business_id_is_shown_at_the_field_and_nothing_is_saved(qtbot, view, store):
    type_into(qtbot, view, "name", "Korjaamo Virtanen Oy")
    type_into(qtbot, view, "business_id", "0737546-3")
    save(qtbot, view)

    assert "tarkistusmerkki ei täsmää" in error_at(view, "business_id")
    assert error_at(view, "name") == ""
    assert list_customers(store, include_archived=True) == []
    assert view.list_stack.currentWidget() is view.empty_label
    assert "Ei vielä tilaajia" in view.empty_label.text()


def test_a_correct_customer_is_listed_and_still_there_after_reopening(qtbot, view, store):
    type_into(qtbot, view, "name", "Korjaamo Virtanen Oy")
    type_into(qtbot, view, "business_id", "0737546-2")
    type_into(qtbot, view, "city", "Joensuu")
    save(qtbot, view)

    assert shown(view, NAME_COLUMN) == ["Korjaamo Virtanen Oy"]
    assert field(view, "customer_number").text() == "1001"  # given on saving
    assert view.form_title.text() == "Korjaamo Virtanen Oy (1001)"

    database = Path(store.engine.url.database)
    store.close()
    reopened = Store.open(database, database.parent / "backups", actor="tester")
    try:
        again = RegisterView(CustomersSpec())
        qtbot.addWidget(again)
        again.set_store(reopened)
        assert shown(again, NAME_COLUMN) == ["Korjaamo Virtanen Oy"]
        assert shown(again, 3) == ["0737546-2"]
        assert shown(again, 4) == ["Joensuu"]
    finally:
        reopened.close()


def test_a_household_has_no_business_id(qtbot, view, store):
    assert field(view, "business_id").isEnabled()
    type_into(qtbot, view, "business_id", "0737546-2")
    type_into(qtbot, view, "einvoice_address", "003707375462")

    choose(qtbot, field(view, "type"), "Kotitalous")

    for key in ("business_id", "einvoice_address", "einvoice_operator"):
        assert not field(view, key).isEnabled()
        assert field(view, key).text() == ""
    type_into(qtbot, view, "name", "Maija Koskinen")
    save(qtbot, view)

    assert view.form.error_messages() == []
    [row] = list_customers(store)
    assert (row.name, row.business_id) == ("Maija Koskinen", "")
    assert shown(view, TYPE_COLUMN) == ["Kotitalous"]

    choose(qtbot, field(view, "type"), "Yritys")
    assert field(view, "business_id").isEnabled()


def test_work_sites_and_contacts_are_saved_and_shown_after_reload(qtbot, view, store):
    type_into(qtbot, view, "name", "Ilomantsin seurakunta")
    choose(qtbot, field(view, "type"), "Seurakunta")
    type_into(qtbot, view, "business_id", "2077474-0")

    sites = field(view, "work_sites")
    assert isinstance(sites, RowsEditor)
    qtbot.mouseClick(sites.add_button, Qt.MouseButton.LeftButton)
    for column, text in enumerate(["Seurakuntatalo", "Kirkkotie 1", "82900", "Ilomantsi"]):
        type_in_cell(qtbot, sites, 0, column, text)
    contacts = field(view, "contacts")
    assert isinstance(contacts, RowsEditor)
    qtbot.mouseClick(contacts.add_button, Qt.MouseButton.LeftButton)
    for column, text in enumerate(["Pekka Virtanen", "Suntio", "040 123 4567"]):
        type_in_cell(qtbot, contacts, 0, column, text)
    save(qtbot, view)
    assert view.form.error_messages() == []

    again = RegisterView(CustomersSpec())
    qtbot.addWidget(again)
    again.set_store(store)
    click_row(qtbot, again, 0)

    site_table = again.form.widgets["work_sites"].table  # type: ignore[attr-defined]
    contact_table = again.form.widgets["contacts"].table  # type: ignore[attr-defined]
    assert [site_table.item(0, c).text() for c in range(4)] == [
        "Seurakuntatalo",
        "Kirkkotie 1",
        "82900",
        "Ilomantsi",
    ]
    assert site_table.rowCount() == 1
    assert [contact_table.item(0, c).text() for c in range(3)] == [
        "Pekka Virtanen",
        "Suntio",
        "040 123 4567",
    ]
    assert contact_table.rowCount() == 1


def test_a_wrong_work_site_postal_code_is_shown_under_the_work_sites(qtbot, view, store):
    type_into(qtbot, view, "name", "Maija Koskinen")
    choose(qtbot, field(view, "type"), "Kotitalous")
    sites = field(view, "work_sites")
    assert isinstance(sites, RowsEditor)
    qtbot.mouseClick(sites.add_button, Qt.MouseButton.LeftButton)
    type_in_cell(qtbot, sites, 0, 0, "Koti")
    type_in_cell(qtbot, sites, 0, 2, "8290")
    save(qtbot, view)

    assert "⚠" in error_at(view, "work_sites")
    assert list_customers(store) == []


def test_search_finds_a_with_ring_and_a_header_click_sorts(qtbot, store):
    make_customer(store, name="Korjaamo Virtanen Oy")
    make_customer(store, name="Åbo Akademi", customer_number="99")
    make_customer(store, name="Aalto Yhtymä")
    view = RegisterView(CustomersSpec())
    qtbot.addWidget(view)
    view.set_store(store)
    show(qtbot, view)

    # numbers sort as numbers: 99 before 1001
    assert shown(view, 0) == ["99", "1001", "1002"]

    qtbot.keyClicks(view.search, "å")
    assert shown(view, NAME_COLUMN) == ["Åbo Akademi"]
    view.search.clear()
    assert view.proxy.rowCount() == 3

    click_header(qtbot, view, NAME_COLUMN)
    first = shown(view, NAME_COLUMN)[0]
    click_header(qtbot, view, NAME_COLUMN)
    assert {first, shown(view, NAME_COLUMN)[0]} == {"Aalto Yhtymä", "Åbo Akademi"}


def test_a_customer_with_a_contract_offers_archive_not_delete(qtbot, view, store, monkeypatch):
    customer_id = make_customer(store)
    make_contract(store, customer_id)
    view.reload()
    said: list[str] = []
    view.status.connect(said.append)
    asked: list[object] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: asked.append(args))
    click_row(qtbot, view, 0)
    assert view.current_id == customer_id

    assert view.delete_button.isHidden()
    assert view.archive_button.isVisible() and view.archive_button.isEnabled()
    # The Delete key in the list asks nothing and deletes nothing: it says to archive.
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert asked == []
    assert said and "Ctrl+Shift+A" in said[-1]
    assert len(list_customers(store, include_archived=True)) == 1

    qtbot.mouseClick(view.archive_button, Qt.MouseButton.LeftButton)
    assert view.proxy.rowCount() == 0
    assert [row.archived for row in list_customers(store, include_archived=True)] == [True]
    assert not view.record_open  # the archived customer left the list and the form

    qtbot.mouseClick(view.show_archived, Qt.MouseButton.LeftButton)
    assert view.proxy.rowCount() == 1
    click_row(qtbot, view, 0)
    assert view.delete_button.isHidden()
    assert len(list_customers(store, include_archived=True)) == 1


def test_a_customer_nothing_refers_to_can_be_deleted(qtbot, view, store, monkeypatch):
    make_customer(store)
    view.reload()
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes
    )
    click_row(qtbot, view, 0)
    assert view.delete_button.isVisible()

    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert list_customers(store, include_archived=True) == []
    assert view.proxy.rowCount() == 0
    assert not view.record_open

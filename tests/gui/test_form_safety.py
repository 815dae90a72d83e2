"""Nothing changes by accident in a form: the wheel and the "Discard" answer.

The wheel changes a drop-down, spin box or date field only when that field has the
keyboard; otherwise it scrolls the form. "Discard" in the unsaved-changes question
puts the stored record back into the form, so a later Ctrl+S saves nothing of it.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import ServiceBasis
from jobcenter_desktop.queries.contracts import load_contract
from jobcenter_desktop.queries.customers import load_customer
from jobcenter_desktop.queries.participants import load_participant
from jobcenter_desktop.services.planning.crew_templates import (
    list_crew_templates,
    save_crew_template,
)
from tests.builders import make_contract, make_customer, make_participant
from ui.crew_templates.dialog import CrewTemplatesDialog
from ui.forms import DateEdit
from ui.print_actions import MonthDialog
from ui.register_view import RegisterSpec, RegisterView
from ui.registers.contracts import ContractsSpec
from ui.registers.customers import CustomersSpec
from ui.registers.participants import ParticipantsSpec
from ui.wheel_guard import guard_installed, install_wheel_guard

WHEEL_DOWN = -120  # one notch towards the user: the next item, a smaller number


def wheel(widget: QWidget, delta: int = WHEEL_DOWN) -> None:
    """One real wheel notch over the middle of ``widget``."""
    inside = QPointF(widget.rect().center())
    event = QWheelEvent(
        inside,
        QPointF(widget.mapToGlobal(inside)),
        QPoint(),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def show_active(qtbot: QtBot, widget: QWidget) -> None:
    """Shown as the active window, so that focus is real focus."""
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.windowHandle().requestActivate()
    qtbot.waitUntil(widget.isActiveWindow)


def open_register(qtbot: QtBot, store: Store, spec: RegisterSpec, record_id: int) -> RegisterView:
    view = RegisterView(spec)
    view.set_store(store)
    qtbot.addWidget(view)
    view.resize(1200, 480)  # short: the form scrolls
    show_active(qtbot, view)
    view.select_id(record_id)
    view.open_record(record_id)
    view.search.setFocus()
    qtbot.waitUntil(view.search.hasFocus)
    return view


def form_scroll_area(view: RegisterView) -> QScrollArea:
    (area,) = [a for a in view.findChildren(QScrollArea) if a.isAncestorOf(view.form)]
    return area


def press_ctrl_s(qtbot: QtBot, view: RegisterView) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None and view.isAncestorOf(focused)
    qtbot.keyClick(focused, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The unsaved-changes question is answered "Discard"; the texts asked are kept."""
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_a: object, **_k: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


# --- the wheel --------------------------------------------------------------------------------


def test_the_guard_is_installed_once_as_the_window_installs_it(qapp: QApplication) -> None:
    install_wheel_guard(qapp)
    handler = QComboBox.wheelEvent
    install_wheel_guard(qapp)
    assert guard_installed() and QComboBox.wheelEvent is handler


def test_the_wheel_over_the_unfocused_service_basis_scrolls_the_form_and_changes_nothing(
    qtbot: QtBot, store: Store
) -> None:
    participant_id = make_participant(store, service_basis=ServiceBasis.REHABILITATIVE.value)
    stored = load_participant(store, participant_id)
    view = open_register(qtbot, store, ParticipantsSpec(), participant_id)
    combo = view.form.widgets["service_basis"]
    assert isinstance(combo, QComboBox)
    bar = form_scroll_area(view).verticalScrollBar()
    assert bar.maximum() > 0, "the form must be taller than its area for this test"
    bar.setValue(0)
    # The wheel can never give it the keyboard either (Qt's default for combos would).
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert not combo.hasFocus()

    wheel(combo)
    wheel(combo)

    assert combo.currentData() == ServiceBasis.REHABILITATIVE.value
    assert not view.dirty
    assert bar.value() > 0  # the form scrolled instead
    press_ctrl_s(qtbot, view)
    assert load_participant(store, participant_id) == stored


def test_the_wheel_over_the_focused_service_basis_changes_it(qtbot: QtBot, store: Store) -> None:
    participant_id = make_participant(store, service_basis=ServiceBasis.REHABILITATIVE.value)
    view = open_register(qtbot, store, ParticipantsSpec(), participant_id)
    combo = view.form.widgets["service_basis"]
    assert isinstance(combo, QComboBox)
    bar = form_scroll_area(view).verticalScrollBar()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    scrolled = bar.value()

    wheel(combo)

    assert combo.currentData() == ServiceBasis.DISABILITY.value
    assert view.dirty
    assert bar.value() == scrolled


def test_the_year_spin_box_changes_with_the_wheel_only_when_focused(qtbot: QtBot) -> None:
    dialog = MonthDialog(None, today=date(2026, 10, 20))
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    qtbot.waitUntil(dialog.month.hasFocus)
    assert dialog.year.focusPolicy() == Qt.FocusPolicy.StrongFocus

    wheel(dialog.year)
    assert dialog.chosen() == (2026, 10)

    dialog.year.setFocus()
    qtbot.waitUntil(dialog.year.hasFocus)
    wheel(dialog.year)
    assert dialog.chosen() == (2025, 10)


def make_long_form(qtbot: QtBot) -> tuple[QScrollArea, dict[str, QWidget]]:
    """A form of any future kind: date and number fields among many rows, in a scroll area."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    content = QWidget()
    layout = QFormLayout(content)
    fields: dict[str, QWidget] = {"first": QLineEdit()}
    for row in range(30):
        layout.addRow(f"Row {row}", QLineEdit())
    date_edit = QDateEdit(QDate(2026, 10, 5))
    spin = QDoubleSpinBox()
    spin.setValue(10.5)
    typed_date = DateEdit()
    typed_date.setText("5.10.2026")
    fields.update(date=date_edit, spin=spin, typed_date=typed_date)
    for name, widget in fields.items():
        layout.addRow(name, widget)
    area.setWidget(content)
    area.resize(400, 300)
    qtbot.addWidget(area)
    show_active(qtbot, area)
    fields["first"].setFocus()
    qtbot.waitUntil(fields["first"].hasFocus)
    return area, fields


@pytest.mark.parametrize("name", ["date", "spin"])
def test_a_date_or_number_field_without_focus_scrolls_the_form(qtbot: QtBot, name: str) -> None:
    area, fields = make_long_form(qtbot)
    widget = fields[name]
    assert isinstance(widget, (QDateEdit, QDoubleSpinBox))
    assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus
    before = widget.text()
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(0)

    wheel(widget)

    assert widget.text() == before
    assert bar.value() > 0


def test_the_wheel_never_changes_a_typed_date(qtbot: QtBot) -> None:
    # The forms' own date fields are typed (5.10.2026): the wheel has nothing to change.
    # (Qt passes a synthesized wheel event on to no parent, so the scrolling itself is
    # shown with the fields the guard forwards.)
    _area, fields = make_long_form(qtbot)
    typed = fields["typed_date"]
    assert isinstance(typed, DateEdit)

    wheel(typed)
    typed.setFocus()
    qtbot.waitUntil(typed.hasFocus)
    wheel(typed)

    assert typed.text() == "5.10.2026"


def test_a_focused_date_and_spin_box_change_with_the_wheel(qtbot: QtBot) -> None:
    area, fields = make_long_form(qtbot)
    date_edit, spin = fields["date"], fields["spin"]
    assert isinstance(date_edit, QDateEdit) and isinstance(spin, QDoubleSpinBox)
    bar = area.verticalScrollBar()
    for widget in (date_edit, spin):
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        scrolled = bar.value()
        wheel(widget)
        assert bar.value() == scrolled
    assert date_edit.date() != QDate(2026, 10, 5)
    assert spin.value() == pytest.approx(9.5)


def test_a_spin_box_outside_any_scroll_area_just_ignores_the_wheel(qtbot: QtBot) -> None:
    spin = QSpinBox()
    spin.setValue(5)
    other = QLineEdit()
    holder = QWidget()
    layout = QFormLayout(holder)
    layout.addRow("a", other)
    layout.addRow("b", spin)
    qtbot.addWidget(holder)
    show_active(qtbot, holder)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)

    wheel(spin)

    assert spin.value() == 5


# --- Discard ----------------------------------------------------------------------------------


def test_discard_puts_the_stored_participant_back_and_ctrl_s_saves_nothing(
    qtbot: QtBot, store: Store, answers: list[str]
) -> None:
    participant_id = make_participant(store, service_basis=ServiceBasis.REHABILITATIVE.value)
    stored = load_participant(store, participant_id)
    view = open_register(qtbot, store, ParticipantsSpec(), participant_id)
    first_name = view.form.widgets["first_name"]
    combo = view.form.widgets["service_basis"]
    assert isinstance(first_name, QLineEdit) and isinstance(combo, QComboBox)
    first_name.setFocus()
    first_name.selectAll()
    qtbot.keyClicks(first_name, "Ville")
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert view.dirty and combo.currentData() != stored.service_basis

    # As when the window switches to another area: asked, answered "Discard".
    assert view.confirm_discard()

    assert answers
    assert first_name.text() == stored.first_name
    assert combo.currentData() == stored.service_basis
    assert not view.dirty
    press_ctrl_s(qtbot, view)
    assert load_participant(store, participant_id) == stored


def test_discard_puts_the_stored_customer_back(
    qtbot: QtBot, store: Store, answers: list[str]
) -> None:
    customer_id = make_customer(store)
    stored = load_customer(store, customer_id)
    view = open_register(qtbot, store, CustomersSpec(), customer_id)
    name = view.form.widgets["name"]
    assert isinstance(name, QLineEdit)
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Toinen Oy")
    assert view.dirty

    assert view.confirm_discard()

    assert answers
    assert name.text() == stored.name
    assert not view.dirty
    press_ctrl_s(qtbot, view)
    assert load_customer(store, customer_id) == stored


def test_discard_puts_the_stored_contract_back(
    qtbot: QtBot, store: Store, answers: list[str]
) -> None:
    contract_id = make_contract(store)
    stored = load_contract(store, contract_id)
    view = open_register(qtbot, store, ContractsSpec(), contract_id)
    title = view.form.widgets["title"]
    assert isinstance(title, QLineEdit)
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Ikkunanpesu")
    assert view.dirty

    assert view.confirm_discard()

    assert answers
    assert title.text() == stored.title
    assert not view.dirty
    press_ctrl_s(qtbot, view)
    assert load_contract(store, contract_id) == stored


def test_discard_in_a_new_record_empties_the_form(
    qtbot: QtBot, store: Store, answers: list[str]
) -> None:
    customer_id = make_customer(store)
    view = open_register(qtbot, store, CustomersSpec(), customer_id)
    view.new_record()
    name = view.form.widgets["name"]
    assert isinstance(name, QLineEdit)
    qtbot.keyClicks(name, "Uusi Oy")

    assert view.confirm_discard()

    assert name.text() == ""
    assert not view.dirty


def test_discard_puts_the_stored_crew_back(qtbot: QtBot, store: Store, answers: list[str]) -> None:
    aino = make_participant(store)
    save_crew_template(store, "Korjaamo", [aino], None, None)
    dialog = CrewTemplatesDialog(store, None)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    dialog.form.name_edit.setFocus()
    dialog.form.name_edit.selectAll()
    qtbot.keyClicks(dialog.form.name_edit, "Siivous")
    assert dialog.dirty

    assert dialog.confirm_discard()

    assert answers
    assert dialog.form.name_edit.text() == "Korjaamo"
    assert not dialog.dirty
    assert [t.name for t in list_crew_templates(store, False)] == ["Korjaamo"]

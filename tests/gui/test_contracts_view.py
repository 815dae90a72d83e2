"""The contract register as the user meets it: typing, ticking, choosing and reading."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QWidget
from sqlalchemy import select

from jobcenter_desktop.db import records
from jobcenter_desktop.db.models import Contract, Customer
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import Weekday
from jobcenter_desktop.forms.customers import WorkSiteInput
from jobcenter_desktop.queries.contracts import list_contracts
from jobcenter_desktop.queries.participants import list_qualification_types
from jobcenter_desktop.services.registers.contracts import label
from tests.builders import make_contract, make_customer
from ui.register_view import RegisterView
from ui.registers.contract_form import ContractForm
from ui.registers.contracts import ContractsSpec

SCHEDULE_COLUMN = 4
PRICE_COLUMN = 7


@pytest.fixture
def company(store: Store) -> int:
    return make_customer(store, name="Korjaamo Virtanen Oy")


@pytest.fixture
def view(qtbot, store: Store, company: int) -> RegisterView:
    view = RegisterView(ContractsSpec())
    view.set_store(store)
    qtbot.addWidget(view)
    show(qtbot, view)
    return view


def show(qtbot, view: RegisterView) -> None:
    """Show the view as the active window, so that focus moves as it does for the user."""
    view.resize(1300, 750)
    view.show()
    qtbot.waitExposed(view)
    view.windowHandle().requestActivate()
    qtbot.waitUntil(view.isActiveWindow)
    # No record is open until one is chosen: the user starts a new one with Ctrl+N.
    assert not view.record_open
    qtbot.keyClick(view.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert view.record_open


def form(view: RegisterView) -> ContractForm:
    assert isinstance(view.form, ContractForm)
    return view.form


def field(view: RegisterView, key: str) -> QWidget:
    return view.form.widgets[key]


def error_at(view: RegisterView, key: str) -> str:
    """The message shown under the field, or "" when there is none."""
    box = field(view, key).parentWidget()
    labels = box.findChildren(QLabel, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return "\n".join(label.text() for label in labels if label.isVisible())


def type_into(qtbot, view: RegisterView, key: str, text: str) -> None:
    # QTest's keyClicks aborts the process on "ä" (Qt 6.12, qasciikey.cpp): type none.
    assert "ä" not in text.casefold() and "ö" not in text.casefold()
    widget = field(view, key)
    assert isinstance(widget, QLineEdit)
    qtbot.keyClicks(widget, text)


def leave(qtbot, view: RegisterView, key: str) -> None:
    """Click into the field and out of it again with Tab, as the user does."""
    widget = field(view, key)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is widget
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not widget


def choose(qtbot, combo: QWidget, text: str) -> None:
    """Pick an item with the keyboard: Home, then the down arrow until it shows ``text``."""
    assert isinstance(combo, QComboBox)
    assert combo.findText(text) >= 0, (text, [combo.itemText(i) for i in range(combo.count())])
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentText() != text:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def tick(qtbot, view: RegisterView, *days: Weekday) -> None:
    for day in days:
        qtbot.mouseClick(form(view).weekdays.boxes[day], Qt.MouseButton.LeftButton)


def save(qtbot, view: RegisterView) -> None:
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)


def shown(view: RegisterView, column: int) -> list[str]:
    return [view.proxy.index(row, column).data() for row in range(view.proxy.rowCount())]


def ticked_codes(view: RegisterView) -> set[str]:
    qualifications = form(view).qualifications
    items = [qualifications.item(row) for row in range(qualifications.count())]
    return {
        item.data(Qt.ItemDataRole.UserRole + 1)
        for item in items
        if item.checkState() == Qt.CheckState.Checked
    }


def fill_weekly_contract(qtbot, view: RegisterView) -> None:
    """The example of the brief: Mondays and Thursdays at 8.30 for three hours."""
    choose(qtbot, form(view).customer, "Korjaamo Virtanen Oy (1001)")
    type_into(qtbot, view, "title", "Taukotilojen siivous")
    tick(qtbot, view, Weekday.MON, Weekday.THU)
    type_into(qtbot, view, "start_time", "830")
    leave(qtbot, view, "start_time")
    type_into(qtbot, view, "duration_minutes", "180")
    type_into(qtbot, view, "worker_hour_price", "35,00")
    type_into(qtbot, view, "valid_from", "5.1.2026")


def test_the_empty_list_says_what_to_do(view):
    assert view.list_stack.currentWidget() is view.empty_label
    assert view.empty_label.text().startswith("Ei vielä sopimuksia")


def test_an_exempt_contract_needs_a_reason_and_then_saves(qtbot, view, store):
    fill_weekly_contract(qtbot, view)
    assert field(view, "start_time").text() == "8.30"
    assert not field(view, "vat_reason").isEnabled()
    choose(qtbot, form(view).vat, "Arvonlisäverosta vapautettu")
    assert field(view, "vat_reason").isEnabled()
    save(qtbot, view)

    message = error_at(view, "vat_reason")
    assert message.startswith("⚠") and label("vat_reason") in message
    assert error_at(view, "worker_hour_price") == ""
    assert list_contracts(store, include_archived=True) == []

    type_into(qtbot, view, "vat_reason", "AVL 37 §")
    save(qtbot, view)

    assert view.form.error_messages() == []
    [row] = list_contracts(store)
    assert (row.title, row.weekdays, row.customer_name) == (
        "Taukotilojen siivous",
        "mon,thu",
        "Korjaamo Virtanen Oy",
    )
    assert shown(view, 1) == ["Taukotilojen siivous"]
    assert shown(view, SCHEDULE_COLUMN) == ["ma, to"]
    assert shown(view, PRICE_COLUMN) == ["35,00\u00a0€"]
    # the saved contract is shown again, as stored
    assert field(view, "contract_number").text() == "1"
    assert field(view, "start_time").text() == "8.30"
    assert form(view).weekdays.value() == "mon,thu"


def test_valid_to_before_valid_from_is_refused(qtbot, view, store):
    fill_weekly_contract(qtbot, view)
    type_into(qtbot, view, "valid_to", "31.12.2025")
    save(qtbot, view)

    assert "ei voi olla aiemmin kuin" in error_at(view, "valid_to")
    assert list_contracts(store) == []


def test_a_company_cannot_use_the_household_deduction(qtbot, view, store):
    fill_weekly_contract(qtbot, view)
    qtbot.mouseClick(form(view).deduction.checkbox, Qt.MouseButton.LeftButton)
    assert form(view).deduction.value() == "yes"
    save(qtbot, view)

    assert label("household_deduction") in error_at(view, "household_deduction")
    assert list_contracts(store) == []


def test_a_household_can_use_the_household_deduction(qtbot, store):
    make_customer(store, type="household")
    view = RegisterView(ContractsSpec())
    qtbot.addWidget(view)
    view.set_store(store)
    show(qtbot, view)
    choose(qtbot, form(view).customer, "Maija Koskinen (1001)")
    type_into(qtbot, view, "title", "Muuttoapu")
    type_into(qtbot, view, "start_time", "9")
    type_into(qtbot, view, "duration_minutes", "240")
    type_into(qtbot, view, "worker_hour_price", "35")
    type_into(qtbot, view, "valid_from", "5.10.2026")
    qtbot.mouseClick(form(view).deduction.checkbox, Qt.MouseButton.LeftButton)
    save(qtbot, view)

    assert view.form.error_messages() == []
    assert shown(view, SCHEDULE_COLUMN) == ["kertakeikka 5.10.2026"]
    assert form(view).deduction.checkbox.isChecked()


def test_kitchen_work_on_a_new_contract_ticks_the_hygiene_passport(qtbot, view, store):
    assert ticked_codes(view) == set()
    choose(qtbot, form(view).task_type, "Keittiö- tai pesula-apu")
    assert ticked_codes(view) == {"hygiene_passport"}
    choose(qtbot, form(view).task_type, "Pihatyöt")
    assert ticked_codes(view) == {"safety_card"}

    fill_weekly_contract(qtbot, view)
    save(qtbot, view)
    assert view.form.error_messages() == []
    assert ticked_codes(view) == {"safety_card"}

    # a saved contract keeps what was chosen, whatever its task type becomes
    choose(qtbot, form(view).task_type, "Keittiö- tai pesula-apu")
    assert ticked_codes(view) == {"safety_card"}


def test_the_work_site_picker_follows_the_customer(qtbot, store, company):
    make_customer(
        store,
        name="Ilomantsin seurakunta",
        type="parish",
        business_id="2077474-0",
        work_sites=[WorkSiteInput("Seurakuntatalo", city="Ilomantsi")],
    )
    view = RegisterView(ContractsSpec())
    qtbot.addWidget(view)
    view.set_store(store)
    show(qtbot, view)
    sites = form(view).work_site

    choose(qtbot, form(view).customer, "Korjaamo Virtanen Oy (1001)")
    assert not sites.isEnabled()
    choose(qtbot, form(view).customer, "Ilomantsin seurakunta (1002)")
    assert sites.isEnabled()
    assert [sites.itemText(i) for i in range(sites.count())] == ["", "Seurakuntatalo, Ilomantsi"]
    choose(qtbot, sites, "Seurakuntatalo, Ilomantsi")
    choose(qtbot, form(view).customer, "Korjaamo Virtanen Oy (1001)")
    assert sites.currentData() is None


def test_a_saved_contract_opens_with_its_values(qtbot, store, company):
    hygiene = next(q.id for q in list_qualification_types(store) if q.code == "hygiene_passport")
    make_contract(
        store,
        company,
        weekdays="tue,fri",
        valid_to="31.12.2026",
        household_deduction="no",
        required_qualification_ids=[hygiene],
    )
    view = RegisterView(ContractsSpec())
    qtbot.addWidget(view)
    view.set_store(store)
    show(qtbot, view)
    rect = view.table.visualRect(view.proxy.index(0, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert form(view).customer.currentText() == "Korjaamo Virtanen Oy (1001)"
    assert form(view).weekdays.value() == "tue,fri"
    assert ticked_codes(view) == {"hygiene_passport"}
    assert not form(view).deduction.checkbox.isChecked()
    assert field(view, "valid_to").text() == "31.12.2026"
    assert shown(view, SCHEDULE_COLUMN) == ["ti, pe"]
    assert shown(view, 5) == ["5.1.2026–31.12.2026"]
    assert not view.dirty


def test_a_new_customer_appears_in_the_picker_when_the_view_reloads(qtbot, view, store):
    make_customer(store, name="Åbo Akademi", business_id="0737546-2")
    view.reload()
    texts = [form(view).customer.itemText(i) for i in range(form(view).customer.count())]
    assert "Åbo Akademi (1002)" in texts


def test_the_schedule_column_shortens_runs_of_days(qtbot, store, company):
    make_contract(store, company, weekdays="mon-fri,sun")
    make_contract(store, company, weekdays="mon,tue,thu")
    view = RegisterView(ContractsSpec())
    qtbot.addWidget(view)
    view.set_store(store)
    assert shown(view, SCHEDULE_COLUMN) == ["ma–pe, su", "ma, ti, to"]


def test_a_contract_of_an_archived_customer_still_shows_its_customer(qtbot, store, company):
    make_contract(store, company)
    records.set_archived(store, Customer, company, True)
    view = RegisterView(ContractsSpec())
    qtbot.addWidget(view)
    view.set_store(store)
    show(qtbot, view)
    customers = form(view).customer
    assert customers.count() == 1  # only the empty choice for a new contract

    rect = view.table.visualRect(view.proxy.index(0, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert customers.currentText() == "Korjaamo Virtanen Oy (1001, arkistoitu)"
    qtbot.keyClick(field(view, "title"), Qt.Key.Key_End)
    type_into(qtbot, view, "title", " (vanha)")
    save(qtbot, view)
    assert view.form.error_messages() == []
    assert shown(view, 1) == ["Taukotilojen siivous (vanha)"]


# --- a customer's cancellation is billable, per contract ------------------------------------


def stored_cancellation_billable(store: Store) -> list[bool]:
    with store.read() as session:
        return list(session.scalars(select(Contract.cancellation_billable).order_by(Contract.id)))


def test_the_cancellation_box_is_labelled_and_explained_in_finnish(view):
    box = form(view).cancellation.checkbox
    assert label("cancellation_billable") == "Tilaajan peruutus laskutetaan"
    assert box.text() == "Laskuta tilaajan peruma keikka"
    assert "vähimmäisveloitus" in box.toolTip()
    assert not box.isChecked()


def test_ticking_the_cancellation_box_saves_it(qtbot, view, store):
    fill_weekly_contract(qtbot, view)
    box = form(view).cancellation.checkbox
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert view.dirty
    save(qtbot, view)

    assert view.form.error_messages() == []
    assert stored_cancellation_billable(store) == [True]
    # the saved contract is shown again, as stored
    assert box.isChecked()
    assert not view.dirty


def test_a_saved_contract_keeps_its_cancellation_setting(qtbot, store, company):
    make_contract(store, company, cancellation_billable="yes")
    view = RegisterView(ContractsSpec())
    qtbot.addWidget(view)
    view.set_store(store)
    show(qtbot, view)
    rect = view.table.visualRect(view.proxy.index(0, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    box = form(view).cancellation.checkbox
    assert box.isChecked()
    assert not view.dirty

    # another field changed and saved: the setting stays
    qtbot.keyClick(field(view, "title"), Qt.Key.Key_End)
    type_into(qtbot, view, "title", " 2")
    save(qtbot, view)
    assert view.form.error_messages() == []
    assert stored_cancellation_billable(store) == [True]

    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    save(qtbot, view)
    assert stored_cancellation_billable(store) == [False]
    assert not box.isChecked()

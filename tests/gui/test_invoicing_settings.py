"""Invoicing in Settings, the customer form and the timesheets, driven through the widgets:
the VAT and interest tables, the reminder fee, the customer's invoice lines and the
billable amount of each gig."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.paths import DataFolder
from jobcenter_desktop.queries.centre import load_centre
from jobcenter_desktop.queries.customers import load_customer
from jobcenter_desktop.queries.rates import interest_rates, vat_rates
from jobcenter_desktop.services.invoicing.issuing import issue_run
from jobcenter_desktop.services.invoicing.pricing import Period
from tests.invoicing_data import People, approved_gig, invoicing_centre, priced_contract
from ui.centre.settings_view import SettingsView
from ui.register_view import RegisterView
from ui.registers.customers import CustomersSpec
from ui.timesheets.gig_list import STATE
from ui.timesheets.view import TimesheetsView

NBSP = "\u00a0"


def type_over(qtbot: QtBot, widget: QLineEdit, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick an item with the keyboard: Home, then the down arrow until it shows ``text``."""
    assert combo.findText(text) >= 0, text
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentText() != text:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


@pytest.fixture
def settings(qtbot: QtBot, store: Store, tmp_path: Path, messages: list[str]) -> SettingsView:
    view = SettingsView()
    qtbot.addWidget(view)
    view.set_settings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    view.set_data_folder(DataFolder(tmp_path))
    view.status.connect(messages.append)
    view.set_store(store)
    view.resize(1366, 700)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


# --- VAT rates ---------------------------------------------------------------------------------


def test_a_vat_rate_is_added_by_keyboard_and_deleted(
    qtbot: QtBot, settings: SettingsView, store: Store, messages: list[str]
) -> None:
    box = settings.vat_rates
    assert box.texts()[0] == ["Yleinen verokanta", "1.1.2013", f"24{NBSP}%", ""]
    assert len(box.texts()) == 7

    choose(qtbot, box.category, "Elintarvikkeet ja ravintolat")
    type_over(qtbot, box.valid_from, "1.7.2027")
    qtbot.keyClick(box.valid_from, Qt.Key.Key_Return)  # Enter moves on to the rate
    assert QApplication.focusWidget() is box.rate
    qtbot.keyClicks(box.rate, "12,5")
    qtbot.keyClick(box.rate, Qt.Key.Key_Return)  # Enter in the last field adds

    assert messages[-1] == "Tallennettu"
    assert ["Elintarvikkeet ja ravintolat", "1.7.2027", f"12,5{NBSP}%", ""] in box.texts()
    assert (box.valid_from.text(), box.rate.text()) == ("", "")
    added = [row for row in vat_rates(store) if row.valid_from == date(2027, 7, 1)]
    assert [(row.category.value, row.rate) for row in added] == [("food", Decimal("12.5"))]
    # The new row is the chosen one: Delete on the table removes it.
    assert box.current_id() == added[0].id
    assert box.delete_button.isEnabled()
    box.table.setFocus()
    qtbot.keyClick(box.table, Qt.Key.Key_Delete)
    assert messages[-1] == "Poistettu"
    assert len(box.texts()) == 7
    assert all(row.valid_from != date(2027, 7, 1) for row in vat_rates(store))


def test_a_wrong_rate_is_explained_in_the_box_and_nothing_is_added(
    qtbot: QtBot, settings: SettingsView, store: Store
) -> None:
    box = settings.vat_rates
    type_over(qtbot, box.valid_from, "1.1.2028")
    type_over(qtbot, box.rate, "25,555")
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    assert box.message.isVisible()
    assert "Verokanta (%): anna enintään kaksi desimaalia" in box.message.text()
    assert len(vat_rates(store)) == 7
    # What was typed stays, to be corrected; Esc in the box clears it.
    assert box.rate.text() == "25,555"
    box.rate.setFocus()
    qtbot.keyClick(box.rate, Qt.Key.Key_Escape)
    assert (box.valid_from.text(), box.rate.text()) == ("", "")
    assert box.message.isHidden()


def test_rates_issued_invoices_rely_on_are_marked_and_cannot_be_deleted(
    qtbot: QtBot, store: Store, tmp_path: Path, messages: list[str]
) -> None:
    invoicing_centre(store)
    approved_gig(store, priced_contract(store), date(2026, 11, 4), People(store))
    issue_run(store, Period.month("2026-11"), issue_date=date(2026, 12, 1))
    view = SettingsView()
    qtbot.addWidget(view)
    view.set_data_folder(DataFolder(tmp_path))
    view.set_store(store)
    box = view.vat_rates
    states = {(row[0], row[1]): row[3] for row in box.texts()}
    assert states["Yleinen verokanta", "1.9.2024"] == "Käytössä"
    assert states["Yleinen verokanta", "1.1.2013"] == "Lukittu"
    box.table.selectRow(1)
    assert not box.delete_button.isEnabled()
    assert "myöhemmällä voimaantulopäivällä" in box.model.index(1, 0).data(
        Qt.ItemDataRole.ToolTipRole
    )
    # Delete pressed anyway (the key works on a locked row too): the box says why not.
    box.delete()
    assert not box.message.isHidden() and "30.11.2026" in box.message.text()
    assert len(vat_rates(store)) == 7


# --- late-payment interest ---------------------------------------------------------------------


def test_an_interest_rate_is_added_through_the_box(
    qtbot: QtBot, settings: SettingsView, store: Store
) -> None:
    box = settings.interest_rates
    assert box.texts() == [["1.1.2026", f"9,5{NBSP}%", f"10,5{NBSP}%", ""]]
    type_over(qtbot, box.valid_from, "1.7.2026")
    qtbot.keyClick(box.valid_from, Qt.Key.Key_Return)
    qtbot.keyClicks(box.consumer, "9")
    qtbot.keyClick(box.consumer, Qt.Key.Key_Return)
    qtbot.keyClicks(box.business, "10")
    qtbot.keyClick(box.business, Qt.Key.Key_Return)
    assert box.texts()[1] == ["1.7.2026", f"9{NBSP}%", f"10{NBSP}%", ""]
    assert [(row.consumer, row.business) for row in interest_rates(store)][1] == (
        Decimal("9"),
        Decimal("10"),
    )


# --- the reminder fee --------------------------------------------------------------------------


def test_the_reminder_fee_is_saved_with_the_centre(
    qtbot: QtBot, settings: SettingsView, store: Store
) -> None:
    invoicing_centre(store)
    settings.revert()
    fee = settings.form.widgets["reminder_fee"]
    assert isinstance(fee, QLineEdit)
    assert fee.text() == "5,00"
    type_over(qtbot, fee, "4,5")
    qtbot.keyClick(fee, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = load_centre(store)
    assert saved is not None and saved.reminder_fee == "4,50"
    assert fee.text() == "4,50"

    type_over(qtbot, fee, "viisi")
    assert not settings.save()
    assert "Muistutusmaksu" in "\n".join(settings.form.error_messages())
    saved = load_centre(store)
    assert saved is not None and saved.reminder_fee == "4,50"


# --- the customer's invoice lines --------------------------------------------------------------


def test_the_customer_s_invoice_lines_are_saved(qtbot: QtBot, store: Store) -> None:
    view = RegisterView(CustomersSpec())
    qtbot.addWidget(view)
    view.set_store(store)
    view.resize(1300, 750)
    view.show()
    qtbot.waitExposed(view)
    view.windowHandle().requestActivate()
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.keyClick(view.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert view.record_open
    detail = view.form.widgets["invoice_detail"]
    assert isinstance(detail, QComboBox)
    assert [detail.itemText(i) for i in range(detail.count())] == [
        "Rivi keikkapäivää kohden",
        "Koottuna sopimuksittain ja kuukausittain",
    ]
    assert detail.currentData() == "per_gig"  # the default
    qtbot.keyClicks(view.form.widgets["name"], "Korjaamo Virtanen Oy")
    qtbot.keyClicks(view.form.widgets["business_id"], "0737546-2")
    choose(qtbot, detail, "Koottuna sopimuksittain ja kuukausittain")
    assert view.save()
    assert view.current_id is not None
    assert load_customer(store, view.current_id).invoice_detail == "per_month"
    view.open_record(view.current_id)
    assert detail.currentData() == "per_month"


# --- the billable amount in the timesheets -----------------------------------------------------


def test_the_gig_list_and_the_sheet_show_what_an_approved_gig_is_billed(
    qtbot: QtBot, store: Store
) -> None:
    contract = priced_contract(store)
    gig = approved_gig(store, contract, date(2026, 11, 30), People(store))
    view = TimesheetsView()
    qtbot.addWidget(view)
    view.set_store(store)
    view.show_gig(gig)
    # Two workers 3 h at 35 €/h and the instructor 3 h at 45 €/h.
    assert view.list_model.index(0, STATE).data() == f"Hyväksytty\n345,00{NBSP}€"
    assert f"Laskutettava: 345,00{NBSP}€ + alv" in view.list_model.index(0, 0).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert f"Laskutettava: <b>345,00{NBSP}€</b> + alv" in view.panel.totals.text()


def test_an_invoiced_gig_says_so_and_cannot_be_reopened(qtbot: QtBot, store: Store) -> None:
    invoicing_centre(store)
    gig = approved_gig(store, priced_contract(store), date(2026, 11, 30), People(store))
    [invoice] = issue_run(store, Period.month("2026-11"), issue_date=date(2026, 12, 1))
    view = TimesheetsView()
    qtbot.addWidget(view)
    view.set_store(store)
    view.show_gig(gig)
    assert view.list_model.index(0, STATE).data().startswith("Laskutettu")
    assert f"laskulla {invoice.number}" in view.panel.lock_line.text()
    assert not view.panel.reopen_button.isEnabled()
    assert not view.panel.approve_button.isEnabled()

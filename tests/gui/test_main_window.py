"""The main window as a user meets it: areas, shortcuts, first start, errors, layout."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput
from jobcenter_desktop.paths import DataFolder
from jobcenter_desktop.queries.instructors import list_instructors
from jobcenter_desktop.services.registers.centre import save_centre
from ui.centre.qualifications_box import QualificationCatalogue
from ui.errors import ErrorReporter
from ui.main_window import MainWindow
from ui.register_view import RegisterView


def _centre(store: Store) -> None:
    save_centre(
        store,
        CentreInput(
            legal_name="Kotikunnan työkeskus",
            business_id="2077474-0",
            bank_accounts=[BankAccountInput("FI79 4405 2020 0360 82", "ITELFIHH")],
        ),
    )


def test_the_areas_are_listed_in_finnish_and_ctrl_number_jumps(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    titles = [window.nav.item(i).text().split("   ")[0] for i in range(window.nav.count())]
    assert titles == [
        "Viikko",
        "Tuntikirjaukset",
        "Läsnäolot",
        "Laskutus",
        "Palkka-ajot",
        "Tekijät",
        "Tilaajat",
        "Sopimukset",
        "Ohjaajat",
        "Asetukset",
    ]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.timesheets_view
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.attendance_view
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.invoicing_view
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.registers["contracts"]
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.settings_view


def test_header_shows_the_centre_and_the_status_bar_where_the_data_lives(window, folder) -> None:  # type: ignore[no-untyped-def]
    assert window.store is not None
    _centre(window.store)
    window.refresh_all()
    assert window.header.text().startswith("Kotikunnan työkeskus")
    assert str(folder.database) in window.data_label.text()


def test_an_instructor_typed_in_is_saved_and_listed(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    view = window.registers["instructors"]
    assert view.list_stack.currentWidget() is view.empty_label
    assert "Ctrl+N" in view.empty_label.text()
    qtbot.keyClick(view.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.form.widgets["first_name"], "Liisa")
    qtbot.keyClicks(view.form.widgets["last_name"], "Laine")
    qtbot.keyClicks(view.form.widgets["email"], "liisa.laine@example")
    qtbot.keyClick(view.form.widgets["email"], Qt.Key.Key_Return)
    assert "Sähköposti" in view.form.error_messages()[0]
    assert window.store is not None and list_instructors(window.store) == []
    view.form.widgets["email"].clear()
    qtbot.keyClicks(view.form.widgets["email"], "liisa.laine@example.fi")
    qtbot.keyClick(view.form.widgets["email"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [r.last_name for r in list_instructors(window.store)] == ["Laine"]
    assert view.model.rowCount() == 1
    assert window.statusBar().currentMessage() == "Tallennettu"


def test_first_start_opens_the_wizard_only_without_a_centre(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[bool] = []
    monkeypatch.setattr("ui.main_window.CentreWizard.exec", lambda self: opened.append(True) or 0)
    window.run_first_start()
    assert opened == [True]
    assert "Asetukset" in window.statusBar().currentMessage()
    assert window.store is not None
    _centre(window.store)
    window.run_first_start()
    assert opened == [True]


def test_the_window_layout_is_remembered(qtbot, folder: DataFolder) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(folder.root / "window.ini"), QSettings.Format.IniFormat)
    first = MainWindow(folder, settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 520)
    first.registers["participants"].splitter.setSizes([300, 700])
    first.close()
    again = MainWindow(
        folder, QSettings(str(folder.root / "window.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(again)
    again.show()
    assert again.width() == 760
    sizes = again.registers["participants"].splitter.sizes()
    assert sizes[0] < sizes[1]


def test_an_unexpected_error_is_logged_and_shown_calmly(
    window, folder, monkeypatch, caplog
) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    reporter = ErrorReporter(folder.logs / "jobcenter.log")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        with caplog.at_level(logging.ERROR):
            reporter.handle(*sys.exc_info())  # type: ignore[arg-type]
    assert len(shown) == 1 and "Tallennetut tiedot ovat tallessa" in shown[0]
    assert "boom" in caplog.text


def test_switching_area_with_unsaved_changes_asks_first(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    view: RegisterView = window.registers["participants"]
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.form.widgets["first_name"], "Kesken")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is view
    assert view.form.value("first_name") == "Kesken"


def test_a_qualification_added_in_settings_is_offered_on_contracts(window) -> None:  # type: ignore[no-untyped-def]
    catalogue = window.settings_view.findChild(QualificationCatalogue)
    assert catalogue is not None
    catalogue.name_edit.setText("Tieturva 1")
    catalogue.add()
    form = window.registers["contracts"].form
    names = [form.qualifications.item(i).text() for i in range(form.qualifications.count())]
    assert "Tieturva 1" in names


def test_importing_a_file_with_a_bad_row_says_where_and_imports_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch, tmp_path
) -> None:
    bad = tmp_path / "tilaajat.csv"
    bad.write_text(
        "customer_number;type;name;business_id\n"
        "2001;company;Hyvä Oy;0737546-2\n"
        "2002;company;Virheellinen Oy;0737546-3\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    window.file_actions.import_register("customers")
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert "Rivi 3" in warnings[0] and "Y-tunnus" in warnings[0]
    assert window.registers["customers"].model.rowCount() == 0


def test_importing_a_good_file_fills_the_list(qtbot, window, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "tilaajat.csv"
    good.write_text(
        "customer_number;type;name;business_id\n2001;company;Hyvä Oy;0737546-2\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    window.file_actions.import_register("customers")
    view = window.registers["customers"]
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10000)
    assert "Tuotiin 1 riviä" in window.statusBar().currentMessage()


def test_demo_data_from_the_file_menu_fills_every_register(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.file_actions.load_demo_data()
    participants = window.registers["participants"]
    qtbot.waitUntil(lambda: participants.model.rowCount() > 0, timeout=20000)
    assert participants.model.rowCount() >= 20
    assert window.registers["customers"].model.rowCount() >= 10
    assert window.registers["contracts"].model.rowCount() >= 10
    assert window.registers["instructors"].model.rowCount() == 3
    assert not window.header.text().startswith("Jobcenter Desktop")


def test_a_list_exports_to_excel_with_ctrl_shift_e(qtbot, window, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from tests.builders import make_participant

    assert window.store is not None
    make_participant(window.store, first_name="Aino", last_name="Mäkinen")
    window.refresh_all()
    target = tmp_path / "tekijat.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    view = window.registers["participants"]
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(
        view.search,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    sheet = load_workbook(target).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "participant_number" and rows[1][2] == "Mäkinen"
    assert "Vietiin 1 riviä" in window.statusBar().currentMessage()


def test_record_hours_in_the_planner_opens_the_gigs_timesheet(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from datetime import date, time

    from jobcenter_desktop.services.planning.gigs import add_gig
    from tests.builders import make_contract, make_customer

    customer = make_customer(window.store, name="Kirkkoherranvirasto")
    contract = make_contract(window.store, customer, title="Siivous", status="active")
    gig_id = add_gig(window.store, contract, date(2026, 12, 3), time(8), 180)
    window.refresh_all()

    window.week_view.record_hours.emit(gig_id)

    assert window.stack.currentWidget() is window.timesheets_view
    assert window.timesheets_view.current_id == gig_id
    assert window.nav.currentItem().text().startswith("Tuntikirjaukset")


def test_each_area_puts_the_keyboard_where_its_work_starts(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.timesheets_view.table.hasFocus()  # the week's gigs
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.attendance_view.table.hasFocus()  # the attendance grid
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.invoicing_view.drafts_panel.table.hasFocus()  # the drafts
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.pay_view.panel.people.hasFocus()  # the pay run's people
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.registers["participants"].search.hasFocus()

"""The area "Läsnäolo": a week of work-activity days, recorded from the keyboard."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.queries.attendance import AttendanceRow, list_attendance
from jobcenter_desktop.queries.gigs import list_gigs
from jobcenter_desktop.services.planning.gigs import assign, generate_gigs
from jobcenter_desktop.services.timesheets.attendance import record_attendance
from tests.builders import make_contract, make_customer, make_participant
from ui.attendance import AttendanceView
from ui.attendance.day_dialog import DayDialog

MONDAY = date(2026, 11, 30)
TUESDAY = MONDAY + timedelta(days=1)
SATURDAY = MONDAY + timedelta(days=5)


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    return {
        "aino": make_participant(store),
        "eero": make_participant(store, first_name="Eero", last_name="Virtanen"),
        "paused": make_participant(store, first_name="Pekka", last_name="Tauko", status="paused"),
    }


@pytest.fixture
def view(qtbot: QtBot, store: Store, people: dict[str, int], messages: list[str]) -> AttendanceView:
    widget = AttendanceView()
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.status.connect(messages.append)
    widget.set_store(store)
    widget.show_week(MONDAY)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.table.setFocus()
    return widget


def days(store: Store) -> dict[tuple[int, date], AttendanceRow]:
    rows = list_attendance(store, MONDAY, MONDAY + timedelta(days=6))
    return {(row.participant_id, row.day): row for row in rows}


def cell(view: AttendanceView, participant_id: int, day: date) -> str:
    return str(view.index_of(participant_id, day).data())


def type_in_cell(qtbot: QtBot, view: AttendanceView, text: str) -> None:
    """Type into the current cell as a user does: the first key opens the cell's editor."""
    qtbot.keyClick(view.table, text[0])
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    if text[1:]:
        qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_the_week_has_the_active_people_and_the_working_days(view: AttendanceView, people) -> None:
    assert view.week_buttons.title.text() == "Viikko 49 · 30.11.–6.12.2026"
    assert [p.name for p in view.model.people] == ["Aino Mäkinen", "Eero Virtanen"]
    assert view.model.days == [MONDAY + timedelta(days=n) for n in range(5)]
    assert view.model.headerData(1, Qt.Orientation.Horizontal) == "Maanantai 30.11."
    assert cell(view, people["aino"], MONDAY) == ""
    assert "L läsnä" in view.hint.text() and "P poissa" in view.hint.text()


def test_typing_an_amount_records_present_with_that_allowance(
    qtbot: QtBot, view: AttendanceView, store: Store, people, messages: list[str]
) -> None:
    view.choose(people["aino"], MONDAY)
    type_in_cell(qtbot, view, "9,5")
    qtbot.waitUntil(lambda: messages == ["Tallennettu"])

    saved = days(store)[(people["aino"], MONDAY)]
    assert (saved.status.value, saved.allowance) == ("present", Decimal("9.50"))
    assert cell(view, people["aino"], MONDAY) == "Läsnä 9,50\xa0€"
    # Ready for the next person's day.
    assert view.current() == (people["eero"], MONDAY)


def test_a_letter_records_absent_and_delete_clears(
    qtbot: QtBot, view: AttendanceView, store: Store, people, messages: list[str]
) -> None:
    view.choose(people["eero"], TUESDAY)
    qtbot.keyClick(view.table, Qt.Key.Key_P)
    assert days(store)[(people["eero"], TUESDAY)].status.value == "absent"
    assert cell(view, people["eero"], TUESDAY) == "Poissa"
    assert messages == ["Tallennettu"]

    view.choose(people["eero"], TUESDAY)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert (people["eero"], TUESDAY) not in days(store)
    assert cell(view, people["eero"], TUESDAY) == ""
    assert messages == ["Tallennettu", "Tallennettu"]


def test_paid_work_by_its_letter(qtbot: QtBot, view: AttendanceView, store: Store, people) -> None:
    view.choose(people["aino"], TUESDAY)
    qtbot.keyClick(view.table, Qt.Key.Key_T)
    assert cell(view, people["aino"], TUESDAY) == "Palkkatyössä"


def test_an_allowance_over_the_cap_is_said_in_words(
    qtbot: QtBot, view: AttendanceView, store: Store, people, messages: list[str]
) -> None:
    view.choose(people["aino"], MONDAY)
    type_in_cell(qtbot, view, "13")
    qtbot.waitUntil(lambda: bool(messages))

    text = cell(view, people["aino"], MONDAY)
    assert text.startswith("⚠ ") and "yli rajan" in text
    assert "verottoman enimmäismäärän 12,00\xa0€" in view.note.text()
    assert view.note.isVisible()
    tooltip = str(view.index_of(people["aino"], MONDAY).data(Qt.ItemDataRole.ToolTipRole))
    assert "12,00" in tooltip


def test_a_negative_allowance_is_refused_in_words_and_nothing_is_saved(
    qtbot: QtBot, view: AttendanceView, store: Store, people, messages: list[str]
) -> None:
    view.choose(people["aino"], MONDAY)
    type_in_cell(qtbot, view, "-5")
    qtbot.waitUntil(lambda: bool(messages))

    assert days(store) == {}
    assert view.error.isVisible()
    assert "Työosuusraha" in view.error.text() and "negatiivinen" in view.error.text()
    assert messages[-1].startswith("Ei tallennettu")
    assert view.current() == (people["aino"], MONDAY)  # still there, to try again


def test_the_day_editor_refuses_an_end_before_the_start(
    qtbot: QtBot, view: AttendanceView, store: Store, people, monkeypatch
) -> None:
    shown: list[DayDialog] = []

    def exec_dialog(dialog: DayDialog) -> int:
        shown.append(dialog)
        dialog.allowance_edit.setText("8")
        dialog.start_edit.setText("14")
        dialog.end_edit.setText("9")
        dialog.accept()  # refused: the dialog stays open with the message
        assert not dialog.error.isHidden()
        assert "Päättymisaika" in dialog.error.text()
        dialog.end_edit.setText("15.30")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(DayDialog, "exec", exec_dialog)
    view.choose(people["eero"], MONDAY)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)

    assert len(shown) == 1
    saved = days(store)[(people["eero"], MONDAY)]
    assert (saved.allowance, str(saved.start_time), str(saved.end_time)) == (
        Decimal("8.00"),
        "14:00:00",
        "15:30:00",
    )
    assert cell(view, people["eero"], MONDAY) == "Läsnä 8,00\xa0€ · 14.00–15.30"


def test_week_navigation_and_the_weekend_column(
    qtbot: QtBot, view: AttendanceView, store: Store, people
) -> None:
    record_attendance(store, people["aino"], SATURDAY + timedelta(days=7), "absent")
    qtbot.keyClick(view.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.monday == MONDAY + timedelta(days=7)
    assert view.week_buttons.title.text().startswith("Viikko 50")
    assert len(view.model.days) == 6  # Saturday has a day recorded
    assert cell(view, people["aino"], SATURDAY + timedelta(days=7)) == "Poissa"

    view.week_buttons.previous.click()
    assert view.monday == MONDAY
    assert len(view.model.days) == 5
    qtbot.keyClick(view.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert view.monday == date.today() - timedelta(days=date.today().weekday())


def test_ctrl_f_filters_the_people_by_name(qtbot: QtBot, view: AttendanceView, people) -> None:
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    view.search.setText("virt")
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 0).data() == "Eero Virtanen"


def test_a_paused_participant_with_a_day_recorded_is_still_shown(
    view: AttendanceView, store: Store, people
) -> None:
    record_attendance(store, people["paused"], MONDAY, "present", "5")
    view.reload()
    assert "Pekka Tauko" in [p.name for p in view.model.people]
    assert view.confirm_discard()


def test_a_gig_that_day_is_hinted_in_the_cell(
    qtbot: QtBot, view: AttendanceView, store: Store, people
) -> None:
    customer = make_customer(store, name="Kirkkoherranvirasto")
    make_contract(store, customer, weekdays="tue", start_time="8.00", status="active")
    generate_gigs(store, until=MONDAY + timedelta(days=6), today=MONDAY)
    [gig] = list_gigs(store, MONDAY, MONDAY + timedelta(days=6))
    assign(store, gig.id, [people["aino"]], [])
    view.reload()

    assert cell(view, people["aino"], TUESDAY) == "keikka 8.00"
    tooltip = str(view.index_of(people["aino"], TUESDAY).data(Qt.ItemDataRole.ToolTipRole))
    assert "Ei kirjattu" in tooltip and "Keikka: 8.00 Kirkkoherranvirasto" in tooltip
    assert cell(view, people["eero"], TUESDAY) == ""


def test_a_weekend_gig_brings_its_day_into_the_grid(
    qtbot: QtBot, view: AttendanceView, store: Store, people
) -> None:
    customer = make_customer(store, name="Urheiluseura")
    make_contract(store, customer, weekdays="sat", start_time="18.00", status="active")
    generate_gigs(store, until=MONDAY + timedelta(days=6), today=MONDAY)
    [gig] = list_gigs(store, MONDAY, MONDAY + timedelta(days=6))
    assign(store, gig.id, [people["eero"]], [])
    view.reload()

    assert view.model.days[-1] == SATURDAY
    view.table.setCurrentIndex(view.index_of(people["eero"], SATURDAY))
    qtbot.keyClick(view.table, Qt.Key.Key_T)  # paid work that day
    assert days(store)[(people["eero"], SATURDAY)].status.value == "paid_work"

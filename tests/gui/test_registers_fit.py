"""The registers on a laptop screen (1366×768): list and form side by side with no sideways
scrolling, a calm placeholder until a record is chosen, the keyboard from the search field
into the list and on into the record, and input hints in the UI's language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from jobcenter_desktop.domain.parsing import parse_date
from jobcenter_desktop.i18n import LANGUAGES, set_language
from tests.gui.test_nothing_elided import build_demo_database, open_window, settle
from ui.forms import DateEdit, TimeEdit
from ui.main_window import MainWindow
from ui.navigation import AREAS
from ui.register_view import RegisterView
from ui.registers.participant_form import ParticipantForm

REGISTERS = ("participants", "customers", "contracts", "instructors")
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_database(tmp_path_factory)


@pytest.fixture
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    set_language(str(request.param))
    yield str(request.param)
    set_language("fi")


def go_to(qtbot: QtBot, window: MainWindow, area: str) -> RegisterView:
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + (AREAS.index(area) + 1) % 10), CTRL)
    settle()
    view = window.registers[area]
    assert window.stack.currentWidget() is view
    return view


def shown_columns(view: RegisterView) -> list[str]:
    header = view.table.horizontalHeader()
    return [
        str(view.proxy.headerData(c, Qt.Orientation.Horizontal))
        for c in range(view.proxy.columnCount())
        if not header.isSectionHidden(c)
    ]


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
@pytest.mark.parametrize("area", REGISTERS)
def test_the_list_and_the_form_fit_side_by_side(
    qtbot: QtBot, tmp_path: Path, demo_database: Path, language: str, area: str
) -> None:
    window = open_window(qtbot, tmp_path, demo_database)
    view = go_to(qtbot, window, area)
    for show in (lambda: view.table.selectRow(1), view.new_record):
        show()
        settle()
        assert view.record_open
        assert not view.table.horizontalScrollBar().isVisible(), shown_columns(view)
        assert not view.form_scroll.horizontalScrollBar().isVisible()
        assert len(shown_columns(view)) >= 3
    # A wider list (the splitter dragged) shows the columns left out again.
    left_out = view.proxy.columnCount() - len(shown_columns(view))
    view.splitter.setSizes([3000, 10])
    settle()
    assert len(shown_columns(view)) >= view.proxy.columnCount() - left_out
    assert not view.table.horizontalScrollBar().isVisible()


def test_a_register_starts_calm_and_the_keyboard_goes_search_list_record(
    qtbot: QtBot, tmp_path: Path, demo_database: Path
) -> None:
    window = open_window(qtbot, tmp_path, demo_database)
    view = go_to(qtbot, window, "participants")

    # Nobody is being edited: a placeholder says what to do, no empty "new" form.
    assert view.placeholder.isVisible()
    assert view.placeholder.text() == "Valitse tekijä listasta tai lisää uusi (Ctrl+N)."
    assert not view.form.isVisible() and not view.save_button.isVisible()
    assert QApplication.focusWidget() is view.search

    qtbot.keyClicks(view.search, "Lampinen")
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is view.table
    assert view.record_open
    assert view.form_title.text().startswith("Sami Lampinen")

    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    focus = QApplication.focusWidget()
    assert focus is not None and view.form.isAncestorOf(focus)

    # Enter in the search field opens the first match, ready to edit.
    view.focus_search()
    qtbot.keyClicks(view.search, "Aalto")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.form_title.text().startswith("Katariina Aalto")
    focus = QApplication.focusWidget()
    assert focus is not None and view.form.isAncestorOf(focus)

    # A new one (Ctrl+N) left untouched goes back to the placeholder with Esc.
    qtbot.keyClick(focus, Qt.Key.Key_N, CTRL)
    assert view.form_title.text() == "Uusi tekijä"
    assert view.form.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert view.placeholder.isVisible()
    assert view.current_id is None


def test_delete_is_offered_only_where_something_can_be_deleted(
    qtbot: QtBot, tmp_path: Path, demo_database: Path
) -> None:
    window = open_window(qtbot, tmp_path, demo_database)
    view = go_to(qtbot, window, "participants")
    view.table.selectRow(0)  # the demo's people have worked: they are archived, not deleted
    settle()
    assert view.record_open
    assert view.delete_button.isHidden()
    assert view.archive_button.isVisible()
    view.new_record()
    assert view.delete_button.isHidden()  # nothing saved yet, nothing to delete


@pytest.mark.parametrize(
    ("wanted", "date_hint", "time_hint", "pay_hint"),
    [
        ("fi", "esim. 14.3.2025", "esim. 8.30", "€/h, esim. 10,50"),
        ("en", "e.g. 14/03/2025", "e.g. 08:30", "€/h, e.g. 10.50"),
    ],
)
def test_input_hints_follow_the_language_and_show_past_dates(
    qtbot: QtBot, wanted: str, date_hint: str, time_hint: str, pay_hint: str
) -> None:
    set_language(wanted)
    try:
        date_edit, time_edit, form = DateEdit(), TimeEdit(), ParticipantForm()
        for widget in (date_edit, time_edit, form):
            qtbot.addWidget(widget)
        assert date_edit.placeholderText() == date_hint
        assert time_edit.placeholderText() == time_hint
        pay = form.widgets["hourly_pay"]
        assert isinstance(pay, QLineEdit)
        assert pay.placeholderText() == pay_hint
        # The example is a real, past date that the field reads as it is shown.
        assert parse_date(date_hint.split()[-1]) < date.today()
    finally:
        set_language("fi")

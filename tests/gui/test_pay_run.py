"""The pay area (Ctrl+5): a month's run previewed person by person, confirmed after the
question, its files in the folder chosen, listed with the confirmed runs; an adjusting
run asks why; a confirmed run's files are saved again byte for byte; the statements
print in one batch."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from jobcenter_desktop.i18n.formatting import format_money
from jobcenter_desktop.interchange.payroll_export import confirm_pay_run
from jobcenter_desktop.queries.pay_runs import list_pay_runs
from jobcenter_desktop.services.pay.accounts import set_participant_iban
from jobcenter_desktop.services.pay.runs import preview
from jobcenter_desktop.services.timesheets.attendance import record_day
from tests.invoicing_data import People, approved_gig, invoicing_centre, priced_contract
from ui.pay import view as pay_view
from ui.pay.view import PayView

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from ui.main_window import MainWindow

NOV_1, NOV_30 = date(2026, 11, 1), date(2026, 11, 30)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def money(euros: str) -> str:
    return format_money(Decimal(euros))


class Answers:
    """What the dialogs answer, and what they were asked or shown."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path | None) -> None:
        self.questions: list[str] = []
        self.shown: list[str] = []
        self.folder = folder
        self.reason: str | None = None
        self.asked_reason: list[str] = []
        monkeypatch.setattr(QMessageBox, "question", self._question)
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))
        monkeypatch.setattr(pay_view, "choose_folder", lambda *_a: self.folder)
        monkeypatch.setattr(pay_view, "ask_reason", self._reason)

    def _question(self, _parent: Any, _title: str, text: str, *_a: Any) -> Any:
        self.questions.append(text)
        return QMessageBox.StandardButton.Yes

    def _exec(self, box: QMessageBox) -> int:
        self.shown.append(f"{box.text()}\n{box.informativeText()}")
        return 0

    def _reason(self, _parent: Any, suggested: str) -> str | None:
        self.asked_reason.append(suggested)
        return self.reason


@pytest.fixture
def november(window: MainWindow) -> People:
    """Aino and Eero (10 €/h, wage) with 3 h approved on 2.11. and 9.11.; Aino has an
    IBAN and a day present (15 €); Eero has a day present (9 €) but no IBAN."""
    store = window.store
    assert store is not None
    invoicing_centre(store)
    people = People(store)
    contract = priced_contract(store)
    approved_gig(store, contract, date(2026, 11, 2), people)
    approved_gig(store, contract, date(2026, 11, 9), people)
    set_participant_iban(store, "1", "FI21 1234 5600 0007 85")
    record_day(store, people.aino, date(2026, 11, 2), "present", "15,00")
    record_day(store, people.eero, date(2026, 11, 2), "present", "9,00")
    return people


def open_pay(qtbot: QtBot, window: MainWindow) -> PayView:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    view = window.pay_view
    assert window.stack.currentWidget() is view
    view.panel.period.set_month(2026, 11)
    return view


def cells(view: PayView) -> list[list[str]]:
    model = view.panel.people_model
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def wait_done(qtbot: QtBot, view: PayView) -> None:
    qtbot.waitUntil(lambda: view.task is None, timeout=20000)


def test_the_months_run_is_previewed_confirmed_and_listed(
    qtbot: QtBot,
    window: MainWindow,
    november: People,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    store = window.store
    assert store is not None
    view = open_pay(qtbot, window)
    said: list[str] = []
    view.status.connect(said.append)
    rows = cells(view)
    assert [row[:2] for row in rows] == [["1", "Aino Mäkinen"], ["2", "Eero Aalto"]]
    assert rows[0][3:5] == ["6:00", money("60")] and rows[0][6] == money("15")
    assert rows[0][7] != rows[1][7]  # Aino by bank transfer, Eero by hand
    assert money("120") in view.panel.summary.text() and money("24") in view.panel.summary.text()
    # Eero's allowance is not in the bank file: said before confirming.
    assert view.panel.messages.isVisibleTo(view) and "Eero Aalto (2)" in view.panel.messages.text()
    assert view.panel.confirm_action.isEnabled()
    assert list_pay_runs(store) == []  # the preview saved nothing

    answers = Answers(monkeypatch, tmp_path / "files")
    qtbot.keyClick(view.panel.people, Qt.Key.Key_I, CTRL_SHIFT)
    wait_done(qtbot, view)

    assert len(answers.questions) == 1 and "2" in answers.questions[0]
    assert money("120") in answers.questions[0]
    [run] = list_pay_runs(store)
    assert (run.number, run.kind, run.wages, run.allowances) == (
        1,
        "regular",
        Decimal("120.00"),
        Decimal("24.00"),
    )
    written = sorted(path.name for path in (tmp_path / "files").iterdir())
    assert "payroll-2026-11-run-1.csv" in written and "transfers-2026-11-run-1.xml" in written
    assert said and "1" in said[-1] and str(tmp_path / "files") in said[-1]
    # Then the confirmed runs are shown, with the new one chosen; nothing is left to pay.
    assert view.panel.currentWidget() is view.panel.runs_box
    assert view.panel.runs_model.rowCount() == 1
    assert view.panel.save_files_action.isEnabled()
    assert not view.panel.confirm_action.isEnabled()
    assert view.panel.people_model.rowCount() == 0
    assert preview(store, NOV_1, NOV_30).is_empty
    # What to pay by hand is said once more after confirming.
    assert len(answers.shown) == 1 and "Eero Aalto (2)" in answers.shown[0]


def test_saying_no_confirms_nothing(
    qtbot: QtBot,
    window: MainWindow,
    november: People,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    store = window.store
    assert store is not None
    view = open_pay(qtbot, window)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    view.panel.confirm_action.trigger()
    assert list_pay_runs(store) == [] and view.task is None
    # Yes to the question, but no folder chosen: nothing either.
    answers = Answers(monkeypatch, None)
    view.panel.confirm_action.trigger()
    assert answers.questions and list_pay_runs(store) == []
    # A folder the files cannot be saved in: said before anything is confirmed.
    locked = tmp_path / "locked"
    locked.mkdir()
    answers.folder = locked
    warned: list[str] = []
    monkeypatch.setattr(pay_view, "can_write", lambda folder: folder != locked)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warned.append(text))
    view.panel.confirm_action.trigger()
    assert list_pay_runs(store) == [] and view.task is None
    assert len(warned) == 1 and str(locked) in warned[0]
    assert view.panel.people_model.rowCount() == 2


def test_an_adjusting_run_asks_why(
    qtbot: QtBot,
    window: MainWindow,
    november: People,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    store = window.store
    assert store is not None
    confirm_pay_run(store, NOV_1, NOV_30, tmp_path / "first")
    contract = priced_contract(store)
    approved_gig(store, contract, date(2026, 11, 16), november)  # approved late
    view = open_pay(qtbot, window)
    assert "1" in view.panel.kind.text() and view.panel.people_model.rowCount() == 2
    answers = Answers(monkeypatch, tmp_path / "second")
    view.panel.confirm_action.trigger()  # no reason given: nothing is confirmed
    assert len(answers.asked_reason) == 1 and answers.questions == []
    assert len(list_pay_runs(store)) == 1
    answers.reason = "Marraskuun 16. päivän tunnit hyväksyttiin myöhässä"
    view.panel.confirm_action.trigger()
    wait_done(qtbot, view)
    newest = list_pay_runs(store)[0]
    assert (newest.number, newest.kind, newest.corrects) == (2, "adjustment", 1)
    assert newest.reason == answers.reason and newest.wages == Decimal("60.00")


def test_a_confirmed_runs_files_are_saved_again_as_they_were(
    qtbot: QtBot,
    window: MainWindow,
    november: People,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    store = window.store
    assert store is not None
    first = confirm_pay_run(store, NOV_1, NOV_30, tmp_path / "first")
    view = open_pay(qtbot, window)
    qtbot.keyClick(view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert view.panel.currentWidget() is view.panel.runs_box
    assert view.panel.runs.hasFocus()
    Answers(monkeypatch, tmp_path / "again")
    qtbot.keyClick(view.panel.runs, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    again = sorted((tmp_path / "again").iterdir())
    assert [path.name for path in again] == sorted(path.name for path in first.files)
    for path in again:
        assert path.read_bytes() == (tmp_path / "first" / path.name).read_bytes()


def test_nothing_to_pay_says_so_and_cannot_be_confirmed(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    view = open_pay(qtbot, window)
    assert view.panel.people_model.rowCount() == 0
    assert not view.panel.confirm_action.isEnabled()
    assert "11/2026" in view.panel.kind.text()
    assert view.panel.runs_empty.isVisibleTo(view) is False  # on the other tab
    answers = Answers(monkeypatch, tmp_path)
    view.confirm()
    assert answers.questions == []


def test_the_statements_of_the_month_print_in_one_batch(
    qtbot: QtBot,
    window: MainWindow,
    november: People,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    shown: list[tuple[str, str, Any, str | None]] = []
    monkeypatch.setattr(
        pay_view,
        "show_preview",
        lambda _p, title, name, write, lang=None: shown.append((title, name, write, lang)),
    )
    view = open_pay(qtbot, window)
    qtbot.keyClick(view.panel.people, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    [(title, name, write, _language)] = shown
    assert "11/2026" in title and name.endswith("2026-11.pdf")
    target = tmp_path / name
    write(target, "fi")
    assert len(pdfium.PdfDocument(target)) == 2  # a page each for Aino and Eero


def test_a_folder_not_made_yet_counts_as_where_it_would_be_made(tmp_path: Path) -> None:
    assert pay_view.can_write(tmp_path / "palkat" / "2026-11")
    assert pay_view.can_write(tmp_path)

"""The timesheets area: a crew's day typed with the keyboard only, errors in words, approval."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from jobcenter_desktop.db.models import Gig, TimesheetEntry
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import GigStatus
from jobcenter_desktop.services.planning.gigs import add_gig, assign
from jobcenter_desktop.services.timesheets.entries import (
    ApprovedLockedError,
    EntryInput,
    approve,
    mark_done,
    record_entries,
)
from tests.builders import make_contract, make_customer, make_instructor, make_participant
from ui.timesheets.add_person import AddPersonDialog
from ui.timesheets.gig_list import STATE
from ui.timesheets.grid_model import BREAK, END, NOTE, START, WORKED
from ui.timesheets.view import TimesheetsView

MONDAY = date(2026, 11, 30)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


class Crew:
    """Monday 8.00–11.00 at the parish hall: Eero and Aino with the instructor Liisa."""

    def __init__(self, store: Store) -> None:
        customer = make_customer(store, name="Kirkkoherranvirasto")
        self.contract = make_contract(store, customer, title="Seurakuntatalon siivous")
        self.gig = add_gig(store, self.contract, MONDAY, time(8), 180)
        self.eero = make_participant(store, first_name="Eero", last_name="Aalto")
        self.aino = make_participant(store)
        self.liisa = make_instructor(store)
        assign(store, self.gig, [self.eero, self.aino], [self.liisa])


@pytest.fixture
def crew(store: Store) -> Crew:
    return Crew(store)


@pytest.fixture
def view(qtbot: QtBot, store: Store, crew: Crew, messages: list[str]) -> TimesheetsView:
    widget = TimesheetsView()
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.status.connect(messages.append)
    widget.set_store(store)
    widget.show()
    qtbot.waitActive(widget)
    widget.show_gig(crew.gig)
    return widget


def entries(store: Store, gig_id: int) -> list[TimesheetEntry]:
    with store.read() as session:
        return list(
            session.scalars(
                select(TimesheetEntry)
                .where(TimesheetEntry.gig_id == gig_id)
                .order_by(TimesheetEntry.id)
            )
        )


def gig_status(store: Store, gig_id: int) -> GigStatus:
    with store.read() as session:
        gig = session.get(Gig, gig_id)
        assert gig is not None
        return gig.status


def cell(view: TimesheetsView, row: int, column: int) -> str:
    return str(view.panel.model.index(row, column).data())


def test_the_sheet_is_prefilled_from_the_plan(view: TimesheetsView) -> None:
    panel = view.panel
    assert "Kirkkoherranvirasto" in panel.title.text()
    assert "maanantai 30.11.2026" in panel.details.text()
    assert "suunniteltu 8.00–11.00" in panel.details.text()
    assert "Kirjaamatta" in panel.details.text()
    assert [cell(view, r, 0) for r in range(3)] == [
        "Eero Aalto",
        "Aino Mäkinen",
        "Liisa Laine (ohjaaja)",
    ]
    assert [cell(view, 0, c) for c in (START, END, BREAK, WORKED)] == ["8.00", "11.00", "0", "3 h"]
    assert "9 h" in panel.totals.text()
    assert view.list_model.index(0, STATE).data() == "Kirjaamatta"
    assert view.week_buttons.title.text() == "Viikko 49 · 30.11.–6.12.2026"


def typed(qtbot: QtBot, text: str) -> None:
    """Type as a person does: each key goes to whatever has the focus then."""
    for char in text:
        qtbot.keyClick(QApplication.focusWidget(), char)


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_a_crews_day_by_keyboard_only(
    qtbot: QtBot, view: TimesheetsView, store: Store, crew: Crew, messages: list[str]
) -> None:
    grid = view.panel.grid
    assert grid.hasFocus()
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (0, START)
    # Eero came at 8.15: typed over the planned start; Tab to the end, Tab to the break.
    typed(qtbot, "815")
    press(qtbot, Qt.Key.Key_Tab)
    assert grid.currentIndex().column() == END
    press(qtbot, Qt.Key.Key_Tab)
    assert grid.currentIndex().column() == BREAK
    typed(qtbot, "30")
    # Enter commits and moves down in the same column: Aino's break.
    press(qtbot, Qt.Key.Key_Return)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, BREAK)
    assert cell(view, 0, START) == "8.15"
    assert cell(view, 0, WORKED) == "2 h 15 min"
    # Ctrl+D copies the break from the row above and moves down.
    press(qtbot, Qt.Key.Key_D, CTRL)
    assert cell(view, 1, BREAK) == "30"
    assert grid.currentIndex().row() == 2
    # Liisa stayed until 11.30, typed 11:30; Shift+Tab goes back to the end column.
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert grid.currentIndex().column() == END
    typed(qtbot, "11:30")
    press(qtbot, Qt.Key.Key_Return)
    assert cell(view, 2, END) == "11.30"
    # 2 h 15 min + 2 h 30 min + 3 h 30 min
    assert "Tehty työ yhteensä <b>8 h 15 min</b>" in view.panel.totals.text()
    assert view.panel.messages.isHidden()

    press(qtbot, Qt.Key.Key_S, CTRL)
    assert messages[-1] == "Tallennettu"
    saved = entries(store, crew.gig)
    assert [(e.start_time, e.end_time, e.break_minutes, e.worked_minutes) for e in saved] == [
        (time(8, 15), time(11), 30, 135),
        (time(8), time(11), 30, 150),
        (time(8), time(11, 30), 0, 210),
    ]
    assert [e.instructor_id for e in saved] == [None, None, crew.liisa]
    # The state and, under it, what the gig will be billed: 4 h 45 min at 35 €/h.
    assert view.list_model.index(0, STATE).data() == "Kirjattu\n166,25\u00a0€"
    assert "Laskutettava: <b>166,25\u00a0€</b> + alv" in view.panel.totals.text()
    assert not view.dirty

    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert gig_status(store, crew.gig) is GigStatus.DONE
    assert view.list_model.index(0, STATE).data() == "Valmis\n166,25\u00a0€"

    press(qtbot, Qt.Key.Key_Return, CTRL | SHIFT)
    assert all(e.approved_at is not None for e in entries(store, crew.gig))
    assert view.list_model.index(0, STATE).data() == "Hyväksytty\n166,25\u00a0€"
    assert view.panel.lock_line.text().startswith("Hyväksytty ")
    assert "(tester)" in view.panel.lock_line.text()
    model = view.panel.model
    assert not model.flags(model.index(0, START)) & Qt.ItemFlag.ItemIsEditable


def test_an_invalid_time_is_refused_in_words(qtbot: QtBot, view: TimesheetsView) -> None:
    typed(qtbot, "25.00")
    press(qtbot, Qt.Key.Key_Return)
    assert cell(view, 0, START) == "8.00"  # the cell keeps its value
    text = view.panel.messages.text()
    assert view.panel.messages.isVisible()
    assert text.startswith("⚠ Eero Aalto, alkamisaika: ”25.00” ei ole kellonaika.")
    assert "830, 8.30 tai 8:30" in text
    assert not view.dirty
    # 8:30 and 830 are read, and shown the Finnish way.
    press(qtbot, Qt.Key.Key_Up)
    typed(qtbot, "8:30")
    press(qtbot, Qt.Key.Key_Tab)
    assert cell(view, 0, START) == "8.30"
    assert view.panel.messages.isHidden()


def test_end_before_start_is_explained_and_not_saved(
    qtbot: QtBot, view: TimesheetsView, store: Store, crew: Crew, messages: list[str]
) -> None:
    press(qtbot, Qt.Key.Key_Tab)
    typed(qtbot, "7")
    press(qtbot, Qt.Key.Key_Return)
    assert cell(view, 0, END) == "7.00"
    assert cell(view, 0, WORKED) == "–"
    live = "⚠ Eero Aalto, päättymisaika: pitää olla alkuajan jälkeen"
    assert view.panel.messages.text() == live
    panel = view.panel
    panel.score.setCurrentIndex(panel.score.findData(5))
    panel.comment.setText("Hyvä työ")
    panel.comment.textEdited.emit("Hyvä työ")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert entries(store, crew.gig) == []
    with store.read() as session:
        gig = session.get(Gig, crew.gig)
        assert gig is not None
        assert gig.feedback_score is None  # saved with the hours or not at all
    assert messages[-1] == "Mitään ei muutettu."
    assert live in view.panel.messages.text()
    model = view.panel.model
    assert (
        model.index(0, END)
        .data(Qt.ItemDataRole.ToolTipRole)
        .endswith("pitää olla alkuajan jälkeen")
    )
    assert view.dirty  # what was typed stays for correcting


def test_an_approved_gig_is_read_only_and_the_store_refuses(
    qtbot: QtBot, view: TimesheetsView, store: Store, crew: Crew
) -> None:
    record_entries(store, crew.gig, [EntryInput(participant_id=crew.aino, start="8", end="11")])
    mark_done(store, crew.gig)
    approve(store, gig_id=crew.gig)
    view.reload()
    panel = view.panel
    assert panel.lock_line.isVisible()
    assert panel.lock_line.text().startswith("Hyväksytty ")
    assert not panel.add_button.isEnabled() and not panel.done_button.isEnabled()
    assert panel.reopen_button.isEnabled()
    typed(qtbot, "9")
    assert cell(view, 0, START) == "8.00"
    assert not view.dirty
    # The customer's feedback can still be given.
    panel.score.setCurrentIndex(panel.score.findData(4))
    panel.comment.setText("Hyvä työ")
    panel.comment.textEdited.emit("Hyvä työ")
    press(qtbot, Qt.Key.Key_S, CTRL)
    with store.read() as session:
        gig = session.get(Gig, crew.gig)
        assert gig is not None
        assert (gig.feedback_score, gig.feedback_comment) == (4, "Hyvä työ")
    assert view.panel.comment.text() == "Hyvä työ"
    with pytest.raises(ApprovedLockedError):
        record_entries(store, crew.gig, [EntryInput(participant_id=crew.aino, start="9", end="11")])


def test_reopening_asks_the_reason(
    qtbot: QtBot,
    view: TimesheetsView,
    store: Store,
    crew: Crew,
    messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record_entries(store, crew.gig, [EntryInput(participant_id=crew.aino, start="8", end="11")])
    mark_done(store, crew.gig)
    approve(store, gig_id=crew.gig)
    view.reload()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", True))
    press(qtbot, Qt.Key.Key_R, CTRL)
    assert "Uudelleen avaamisen syy: on pakollinen" in view.panel.messages.text()
    assert entries(store, crew.gig)[0].approved_at is not None
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Aino lähti jo 10.30", True))
    press(qtbot, Qt.Key.Key_R, CTRL)
    assert entries(store, crew.gig)[0].approved_at is None
    assert messages[-1] == "1 kirjausta avattu korjattaviksi."
    assert view.panel.lock_line.isHidden()
    typed(qtbot, "9")
    press(qtbot, Qt.Key.Key_Return)
    assert cell(view, 0, START) == "9.00"


def test_an_unplanned_person_is_added_with_a_reason(
    qtbot: QtBot,
    view: TimesheetsView,
    store: Store,
    crew: Crew,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_participant(store, first_name="Matti", last_name="Virtanen")

    def pick(dialog: AddPersonDialog) -> int:
        dialog.person.setCurrentText("Matti Virtanen")
        dialog.reason.setText("Tuurasi sairastunutta")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(AddPersonDialog, "exec", pick)
    press(qtbot, Qt.Key.Key_N, CTRL)
    assert cell(view, 3, 0) == "Matti Virtanen · lisätty"
    assert [cell(view, 3, c) for c in (START, END, BREAK)] == ["8.00", "11.00", "0"]
    grid = view.panel.grid
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (3, START)
    assert view.dirty
    press(qtbot, Qt.Key.Key_S, CTRL)
    saved = entries(store, crew.gig)
    assert len(saved) == 4
    assert saved[3].unplanned_reason == "Tuurasi sairastunutta"


def test_the_add_person_dialog_needs_a_person_and_a_reason(qtbot: QtBot) -> None:
    from ui.planner.people import PARTICIPANT, Person

    dialog = AddPersonDialog([Person(PARTICIPANT, 7, "Matti Virtanen", None)])
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() == 0
    assert "Valitse henkilö luettelosta." in dialog.error.text()
    assert "Kerro, miksi" in dialog.error.text()


def test_removing_a_row_and_switching_gigs_asks_to_save(
    qtbot: QtBot,
    view: TimesheetsView,
    store: Store,
    crew: Crew,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = add_gig(store, crew.contract, MONDAY + timedelta(days=2), time(12), 60)
    view.reload()
    view.panel.grid.go_to(1, NOTE)
    press(qtbot, Qt.Key.Key_Delete, CTRL)
    assert [cell(view, r, 0) for r in range(2)] == ["Eero Aalto", "Liisa Laine (ohjaaja)"]
    asked: list[bool] = []

    def cancel(*_args: object) -> QMessageBox.StandardButton:
        asked.append(True)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    view.table.selectRow(view.list_model.row_of_id(other) or 0)
    assert asked and view.current_id == crew.gig
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Save)
    view.table.selectRow(view.list_model.row_of_id(other) or 0)
    assert view.current_id == other
    assert len(entries(store, crew.gig)) == 2


def test_approving_the_week_says_what_it_does(
    qtbot: QtBot,
    view: TimesheetsView,
    store: Store,
    crew: Crew,
    messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record_entries(
        store,
        crew.gig,
        [
            EntryInput(participant_id=crew.aino, start="8", end="11"),
            EntryInput(participant_id=crew.eero, start="8", end="11"),
        ],
    )
    mark_done(store, crew.gig)
    view.reload()
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    press(qtbot, Qt.Key.Key_W, CTRL | SHIFT)
    assert asked[0].startswith(
        "Hyväksytäänkö 2 tuntikirjausta 1 tehdyksi merkityltä keikalta "
        "(viikko: Viikko 49 · 30.11.–6.12.2026), sunnuntaihin 6.12.2026 asti?"
    )
    assert all(e.approved_at is not None for e in entries(store, crew.gig))
    assert messages[-1] == "2 kirjausta hyväksytty ja lukittu."


def test_show_gig_opens_the_gigs_week(
    qtbot: QtBot, view: TimesheetsView, store: Store, crew: Crew
) -> None:
    later = add_gig(store, crew.contract, MONDAY + timedelta(days=8), time(10), 60)
    view.show_gig(later)
    assert view.week_buttons.title.text() == "Viikko 50 · 7.12.–13.12.2026"
    assert view.current_id == later
    assert "tiistai 8.12.2026" in view.panel.details.text()
    assert view.panel.totals.text() == ("Ei vielä ketään. Lisää työssä olleet henkilöt (Ctrl+N).")
    press(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.week_buttons.title.text().startswith("Viikko 49")
    assert view.current_id == crew.gig


def test_the_grid_model_reads_times_and_adds_up_without_a_view(qtbot: QtBot) -> None:
    from ui.timesheets.grid_model import GridRow, TimesheetGridModel

    model = TimesheetGridModel()
    refused: list[str] = []
    model.rejected.connect(refused.append)
    rows = [
        GridRow(1, None, "Aino Mäkinen", False, True, "8.00", "11.00", "0"),
        GridRow(2, None, "Eero Aalto", False, True, "8.00", "11.00", "0"),
    ]
    model.load(rows, read_only=False, rounding_minutes=15)
    assert model.setData(model.index(0, START), "830")
    assert model.setData(model.index(0, END), "11:07")
    assert model.index(0, START).data() == "8.30"
    assert model.index(0, END).data() == "11.07"
    assert not model.setData(model.index(1, END), "kolme")
    assert not model.setData(model.index(1, BREAK), "-5")
    assert len(refused) == 2 and refused[0].startswith("Eero Aalto, päättymisaika:")
    assert model.fill(BREAK, 0, [1]) is True
    assert model.totals() == (157 + 180, 150 + 180)  # 2 h 37 min is billed as 2 h 30 min
    assert model.problems() == []
    model.setData(model.index(1, BREAK), "180")
    assert model.problems() == [
        "Eero Aalto, tauko (min): pitää olla lyhyempi kuin aika alusta loppuun"
    ]
    assert [e.start for e in model.entries()] == ["8.30", "8.00"]


def test_the_same_day_rule_is_shown_in_words_under_the_grid_and_on_the_row(
    view: TimesheetsView, store: Store, crew: Crew, messages: list[str]
) -> None:
    from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput
    from jobcenter_desktop.services.registers.centre import save_centre
    from jobcenter_desktop.services.timesheets.attendance import record_attendance

    # Aino's rehabilitative work activity is 10.00–12.00: the gig's 8.00–11.00 overlaps it.
    record_attendance(store, crew.aino, MONDAY, "present", "9,00", "10.00", "12.00")
    assert view.save()
    assert len(entries(store, crew.gig)) == 3  # Eero, Aino and the instructor
    text = view.panel.messages.text()
    assert view.panel.messages.isVisible()
    assert "saman päivän sääntö" in text and "Aino Mäkinen" in text and "10.00–12.00" in text
    model = view.panel.model
    row = next(i for i, r in enumerate(model.rows) if r.participant_id == crew.aino)
    other = next(i for i, r in enumerate(model.rows) if r.participant_id == crew.eero)
    tip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "10.00–12.00" in tip
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(other, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "saman päivän" in messages[-1]

    # When the centre's setting blocks, the save is refused and nothing changes.
    save_centre(
        store,
        CentreInput(
            legal_name="Työkeskus Säde",
            business_id="0737546-2",
            bank_accounts=[BankAccountInput("FI2112345600000785")],
            same_day_rule_blocks=True,
        ),
    )
    model.setData(model.index(row, START), "9.00")
    assert not view.save()
    assert "Mitään ei tallennettu" in view.panel.messages.text()
    assert messages[-1] == "Mitään ei muutettu."
    assert [e.start_time for e in entries(store, crew.gig)] == [time(8)] * 3
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert view.dirty

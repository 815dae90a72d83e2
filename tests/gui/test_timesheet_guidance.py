"""The timesheets area guides: approving a week says how many gigs are still unrecorded,
and approved hours cannot be saved (the customer's feedback can, with its own button)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from jobcenter_desktop.db.models import Gig
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.queries.timesheets import week_approval, week_timesheets
from jobcenter_desktop.services.planning.gigs import add_gig, cancel_gig
from jobcenter_desktop.services.timesheets.entries import (
    EntryInput,
    approve,
    mark_done,
    record_entries,
)
from tests.gui.test_timesheet_view import CTRL, MONDAY, SHIFT, Crew, entries, press
from ui.timesheets.view import TimesheetsView

UNRECORDED = "Tämän viikon keikkoja, joille ei ole vielä kirjattu tunteja: {count}."


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


def _done(store: Store, crew: Crew) -> None:
    record_entries(store, crew.gig, [EntryInput(participant_id=crew.aino, start="8", end="11")])
    mark_done(store, crew.gig)


def _more_gigs(store: Store, crew: Crew, unrecorded: int) -> None:
    """``unrecorded`` gigs later in the week with no hours, and one cancelled (not counted)."""
    for day in range(unrecorded):
        add_gig(store, crew.contract, MONDAY + timedelta(days=1 + day), time(9), 120)
    cancelled = add_gig(store, crew.contract, MONDAY + timedelta(days=5), time(9), 120)
    cancel_gig(store, cancelled, "customer", "Juhlapyhä")


def _answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    return asked


@pytest.mark.parametrize("unrecorded", [1, 3])
def test_approving_a_week_says_how_many_gigs_are_still_unrecorded(
    qtbot: QtBot,
    view: TimesheetsView,
    store: Store,
    crew: Crew,
    messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
    unrecorded: int,
) -> None:
    _done(store, crew)
    _more_gigs(store, crew, unrecorded)
    view.reload()
    asked = _answer_yes(monkeypatch)
    press(qtbot, Qt.Key.Key_W, CTRL | SHIFT)
    wanted = UNRECORDED.format(count=unrecorded)
    assert wanted in asked[0]  # said before approving …
    assert all(e.approved_at is not None for e in entries(store, crew.gig))
    assert messages[-1].startswith("1 kirjausta hyväksytty ja lukittu.")
    assert wanted in messages[-1]  # … and after, where it stays in sight


def test_a_week_with_every_gig_recorded_says_nothing_about_unrecorded_ones(
    qtbot: QtBot,
    view: TimesheetsView,
    store: Store,
    crew: Crew,
    messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _done(store, crew)
    _more_gigs(store, crew, 0)  # only a cancelled one: nothing to record there
    view.reload()
    asked = _answer_yes(monkeypatch)
    press(qtbot, Qt.Key.Key_W, CTRL | SHIFT)
    assert "kirjattu tunteja" not in asked[0]
    assert messages[-1] == "1 kirjausta hyväksytty ja lukittu."


def test_nothing_to_approve_still_says_how_many_gigs_are_unrecorded(
    qtbot: QtBot, view: TimesheetsView, store: Store, crew: Crew, messages: list[str]
) -> None:
    _more_gigs(store, crew, 2)  # with the crew's own gig, three gigs without hours
    view.reload()
    press(qtbot, Qt.Key.Key_W, CTRL | SHIFT)
    assert messages[-1].startswith("Tällä viikolla ei ole hyväksyttäviä tunteja")
    assert UNRECORDED.format(count=3) in messages[-1]


def test_the_week_approval_counts_gigs_without_hours_and_not_cancelled_ones(
    store: Store, crew: Crew
) -> None:
    _more_gigs(store, crew, 2)
    rows = week_timesheets(store, MONDAY, MONDAY + timedelta(days=6))
    assert week_approval(rows).unrecorded_count == 3
    _done(store, crew)
    rows = week_timesheets(store, MONDAY, MONDAY + timedelta(days=6))
    assert week_approval(rows).unrecorded_count == 2


def test_save_is_disabled_on_an_approved_grid_and_the_feedback_has_its_own_button(
    qtbot: QtBot, view: TimesheetsView, store: Store, crew: Crew, messages: list[str]
) -> None:
    panel = view.panel
    assert panel.save_button.isEnabled()
    assert panel.feedback_button.isHidden()  # Save saves the feedback with the hours
    _done(store, crew)
    approve(store, gig_id=crew.gig)
    view.reload()
    assert not panel.save_button.isEnabled()
    assert not panel.feedback_button.isHidden()
    assert panel.feedback_button.text() == "Tallenna palaute"
    assert not panel.feedback_button.isEnabled()  # nothing to save yet
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert messages[-1] == "Ei tallennettavaa: tunnit on lukittu (katso taulukon yläpuolelta)."

    panel.score.setCurrentIndex(panel.score.findData(5))
    assert panel.feedback_button.isEnabled()
    qtbot.mouseClick(panel.feedback_button, Qt.MouseButton.LeftButton)
    with store.read() as session:
        gig = session.get(Gig, crew.gig)
        assert gig is not None and gig.feedback_score == 5
    assert messages[-1] == "Palaute tallennettu; hyväksytyt tunnit pysyvät ennallaan."
    assert not panel.save_button.isEnabled() and not panel.feedback_button.isEnabled()


def test_save_is_disabled_on_a_cancelled_gig(
    view: TimesheetsView, store: Store, crew: Crew
) -> None:
    cancel_gig(store, crew.gig, "customer", "Juhlapyhä")
    view.reload()
    assert not view.panel.save_button.isEnabled()

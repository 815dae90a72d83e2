"""The week planner: cards by day, week navigation, crew by drop, conflicts and keyboard."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.queries.gigs import list_gigs
from jobcenter_desktop.services.planning.gigs import cancel_gig, generate_gigs
from tests.builders import make_contract, make_customer, make_instructor, make_participant
from ui.planner.crew_dialog import CrewDialog
from ui.planner.people import PARTICIPANT
from ui.planner.week_view import WeekView

MONDAY = date(2026, 11, 30)
THURSDAY = date(2026, 12, 3)


@pytest.fixture
def planned(store: Store) -> Store:
    customer = make_customer(store, name="Kirkkoherranvirasto")
    make_contract(
        store,
        customer,
        title="Seurakuntatalon siivous",
        weekdays="mon,thu",
        start_time="8.00",
        duration_minutes="180",
        planned_crew_size="2",
        status="active",
    )
    generate_gigs(store, until=MONDAY + timedelta(days=13), today=MONDAY)
    return store


@pytest.fixture
def view(qtbot: QtBot, planned: Store, messages: list[str]) -> WeekView:
    week = WeekView()
    qtbot.addWidget(week)
    week.resize(1300, 700)
    week.status.connect(messages.append)
    week.set_store(planned)
    week.show_week(MONDAY)
    week.show()
    return week


def _first_gig_id(store: Store, day: date) -> int:
    return next(gig.id for gig in list_gigs(store, day, day))


def test_cards_appear_on_their_days_with_customer_and_time(view: WeekView) -> None:
    assert view.week_buttons.title.text() == "Viikko 49 · 30.11.–6.12.2026"
    assert len(view.columns) == 5  # no weekend gigs, no weekend columns
    monday, _tuesday, _wednesday, thursday, _friday = view.columns
    assert [card.gig.day for card in monday] == [MONDAY]
    assert [card.gig.day for card in thursday] == [THURSDAY]
    card = monday[0]
    assert "Kirkkoherranvirasto" in card.customer_text
    assert card.time_text == "8.00–11.00" and card.struck() == []
    assert card.crew_count_text == "▽ 0/2 hlö"  # a sign, not colour alone
    assert view.day_labels[0].text() == "Maanantai 30.11."


def test_next_and_previous_week(qtbot: QtBot, view: WeekView) -> None:
    view.next_week()
    assert view.monday == MONDAY + timedelta(days=7)
    assert view.week_buttons.title.text().startswith("Viikko 50")
    assert [card.gig.day for card in view.columns[0]] == [MONDAY + timedelta(days=7)]
    view.previous_week()
    view.previous_week()
    assert view.week_buttons.title.text().startswith("Viikko 48")
    assert all(not cards for cards in view.columns)
    qtbot.waitActive(view)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)  # type: ignore[no-untyped-call]
    assert view.monday == MONDAY


def test_a_dropped_participant_joins_the_crew_and_the_list_counts_the_hours(
    view: WeekView, planned: Store
) -> None:
    person = make_participant(planned, first_name="Aino", last_name="Laine", weekly_hour_limit="20")
    view.reload()
    card = view.columns[0][0]
    # what a drag of the person's row carries
    assert card.handle_mime(view.people_table.mime_for((PARTICIPANT, person)))
    card = view.columns[0][0]
    assert card.chip_names() == ["Aino Laine"]
    assert card.crew_count_text == "▽ 1/2 hlö"
    gig = list_gigs(planned, MONDAY, MONDAY)[0]
    assert [m.id for m in gig.participants] == [person]
    assert ("Aino Laine", "3 h", "20 h") in view.people_table.row_texts()


def test_removing_a_chip_takes_the_person_off(view: WeekView, planned: Store) -> None:
    person = make_participant(planned, first_name="Aino", last_name="Laine")
    gig_id = _first_gig_id(planned, MONDAY)
    assert view.drop_person(gig_id, PARTICIPANT, person)
    view.cards[gig_id].chips[0].remove()
    assert view.cards[gig_id].chip_names() == []
    assert list_gigs(planned, MONDAY, MONDAY)[0].participants == ()


def test_a_blocking_conflict_is_shown_and_cancelling_changes_nothing(
    view: WeekView, planned: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    paused = make_participant(planned, first_name="Pekka", last_name="Tauko", status="paused")
    shown: list[str] = []

    def answer(box: QMessageBox) -> QMessageBox.StandardButton:
        shown.append(box.text())
        return QMessageBox.StandardButton.Yes  # "Override with a reason…"

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    gig_id = _first_gig_id(planned, MONDAY)
    assert not view.drop_person(gig_id, PARTICIPANT, paused)
    assert len(shown) == 1 and "Pekka Tauko" in shown[0] and "⚠" in shown[0]
    assert list_gigs(planned, MONDAY, MONDAY)[0].participants == ()
    assert view.cards[gig_id].chip_names() == []


def test_an_override_with_a_reason_saves_and_shows_the_conflict_on_the_card(
    view: WeekView, planned: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    paused = make_participant(planned, first_name="Pekka", last_name="Tauko", status="paused")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Sovittu puhelimessa", True))
    gig_id = _first_gig_id(planned, MONDAY)
    assert view.drop_person(gig_id, PARTICIPANT, paused)
    card = view.cards[gig_id]
    assert card.chip_names() == ["Pekka Tauko"]
    # a blocking conflict has its own sign, on the person's chip
    assert any(text.startswith("⊘") and "Pekka Tauko" in text for text in card.conflict_texts())
    assert card.chips[0].tone == "blocking" and card.chips[0].label.startswith("⊘")


def test_a_warning_saves_the_crew_and_shows_on_the_card(
    view: WeekView, planned: Store, messages: list[str]
) -> None:
    busy = make_participant(planned, first_name="Aino", last_name="Laine", weekly_hour_limit="2")
    gig_id = _first_gig_id(planned, MONDAY)
    assert view.drop_person(gig_id, PARTICIPANT, busy)  # a warning asks nothing
    texts = view.cards[gig_id].conflict_texts()
    assert texts == ["⚠ Aino Laine: viikon tuntiraja ylittyy"]
    assert "varoituksin" in messages[-1]
    assert ("Aino Laine", "⚠ 3 h", "2 h") in view.people_table.row_texts()


def test_the_keyboard_crew_dialog_adds_a_person(
    qtbot: QtBot, view: WeekView, planned: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = make_participant(planned, first_name="Aino", last_name="Laine")
    leader = make_instructor(planned, first_name="Liisa", last_name="Ohjaaja")
    view.reload()

    def tick(dialog: CrewDialog) -> int:
        assert dialog.set_checked(PARTICIPANT, person, True)
        assert dialog.set_checked("instructor", leader, True)
        return 1

    monkeypatch.setattr(CrewDialog, "exec", tick)
    qtbot.waitActive(view)
    view.columns[0][0].setFocus()
    qtbot.keyClick(view.columns[0][0], Qt.Key.Key_Right)  # type: ignore[no-untyped-call]
    assert view.focused_card() is view.columns[3][0]  # Thursday: the empty days are skipped
    qtbot.keyClick(view.columns[3][0], Qt.Key.Key_Left)  # type: ignore[no-untyped-call]
    card = view.columns[0][0]
    assert view.focused_card() is card
    qtbot.keyClick(card, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    card = view.columns[0][0]
    assert card.chip_names() == ["Liisa Ohjaaja", "Aino Laine"]
    assert view.focused_card() is card


def test_a_cancelled_gig_is_greyed_with_its_reason(view: WeekView, planned: Store) -> None:
    cancel_gig(planned, _first_gig_id(planned, THURSDAY), "customer", "Juhlapyhä")
    view.reload()
    card = view.columns[3][0]
    texts = card.texts()
    assert any("Juhlapyhä" in text and text.startswith("✕") for text in texts)


def test_a_weekend_gig_adds_its_column_and_the_filter_hides_other_customers(
    view: WeekView, planned: Store
) -> None:
    other = make_customer(planned, name="Kauppa Oy", business_id="2077474-0")
    make_contract(planned, other, weekdays="sat", status="active")
    generate_gigs(planned, until=MONDAY + timedelta(days=6), today=MONDAY)
    view.reload()
    assert len(view.columns) == 6
    assert view.day_labels[5].text().startswith("Lauantai")
    view.customer_filter.setCurrentIndex(view.customer_filter.findData("Kauppa Oy"))
    assert sum(len(cards) for cards in view.columns) == 1
    view.customer_filter.setCurrentIndex(0)
    leader = make_instructor(planned, first_name="Liisa", last_name="Ohjaaja")
    view.reload()
    assert view.drop_person(view.columns[3][0].gig.id, "instructor", leader)
    view.instructor_filter.setCurrentIndex(view.instructor_filter.findData(leader))
    assert [card.gig.day for cards in view.columns for card in cards] == [THURSDAY]


def test_a_busy_week_builds_every_card_and_keeps_keyboard_focus(
    qtbot: QtBot, view: WeekView, planned: Store
) -> None:
    # Speed is measured by scripts/benchmark.py, not asserted here.
    customer = make_customer(planned, name="Iso Tilaaja Oy", business_id="2077474-0")
    for hour in range(8):
        make_contract(
            planned,
            customer,
            weekdays="mon,tue,wed,thu,fri",
            start_time=f"{8 + hour}.00",
            status="active",
        )
    generate_gigs(planned, until=MONDAY + timedelta(days=6), today=MONDAY)
    view.reload()
    assert sum(len(cards) for cards in view.columns) == 42
    qtbot.waitActive(view)
    view.focus_start()
    first, second = view.columns[0][:2]
    view.move_focus(first, 0, 1)  # what Down does
    assert view.focused_card() is second
    view.build_cards()
    assert sum(len(cards) for cards in view.columns) == 42

"""A change to one gig redraws that gig's card, not the board (and the cards it affects)."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.services.planning.gigs import add_gig, cancel_gig
from tests.builders import make_contract, make_customer, make_participant
from ui.planner.people import PARTICIPANT
from ui.planner.week_view import WeekView

MONDAY = date(2026, 11, 16)  # a past week: no state badges come and go with the date
THURSDAY = date(2026, 11, 19)


@pytest.fixture
def gigs(store: Store) -> dict[str, int]:
    customer = make_customer(store, name="Kirkkoherranvirasto")
    contract = make_contract(store, customer, status="active", planned_crew_size="2")
    return {
        "early": add_gig(store, contract, MONDAY, time(8), 180),
        "overlapping": add_gig(store, contract, MONDAY, time(10), 180),
        "thursday": add_gig(store, contract, THURSDAY, time(8), 180),
    }


@pytest.fixture
def view(qtbot: QtBot, store: Store, gigs: dict[str, int]) -> WeekView:
    week = WeekView()
    qtbot.addWidget(week)
    week.resize(1300, 700)
    week.set_store(store)
    week.show_week(MONDAY)
    week.show()
    return week


def _contents(view: WeekView) -> dict[int, int]:
    """How many times each card was given content, by gig id."""
    return {gig_id: card.content_count for gig_id, card in view.cards.items()}


def test_a_drop_redraws_only_its_card_and_the_people_figures_in_place(
    view: WeekView, store: Store, gigs: dict[str, int]
) -> None:
    person = make_participant(store, first_name="Aino", last_name="Laine")
    view.reload()  # the new person in the table
    board = view.days_area.widget()
    cards = dict(view.cards)
    before = _contents(view)
    resets: list[bool] = []
    view.people_table.people_model.modelReset.connect(lambda: resets.append(True))

    assert view.drop_person(gigs["early"], PARTICIPANT, person)

    assert view.days_area.widget() is board  # the same board ...
    assert all(view.cards[gig_id] is card for gig_id, card in cards.items())  # ... and cards
    after = _contents(view)
    assert after[gigs["early"]] == before[gigs["early"]] + 1
    assert {k: v for k, v in after.items() if k != gigs["early"]} == {
        k: v for k, v in before.items() if k != gigs["early"]
    }
    assert view.cards[gigs["early"]].chip_names() == ["Aino Laine"]
    assert view.cards[gigs["early"]].crew_count_text == "▽ 1/2 hlö"
    # The people table: the same rows, Aino's hours updated without a reset.
    assert resets == []
    assert ("Aino Laine", "3 h", "–") in view.people_table.row_texts()


def test_a_change_that_makes_a_conflict_on_another_gig_redraws_that_card_too(
    view: WeekView, store: Store, gigs: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    person = make_participant(store, first_name="Aino", last_name="Laine")
    view.reload()
    assert view.drop_person(gigs["early"], PARTICIPANT, person)
    board = view.days_area.widget()
    before = _contents(view)
    # An overlapping booking blocks: saved with a reason.
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Sovittu", True))

    assert view.drop_person(gigs["overlapping"], PARTICIPANT, person)

    assert view.days_area.widget() is board
    after = _contents(view)
    assert after[gigs["overlapping"]] == before[gigs["overlapping"]] + 1
    # The other gig's card was not touched by the drop, yet now shows the overlap.
    assert after[gigs["early"]] == before[gigs["early"]] + 1
    assert view.cards[gigs["early"]].chips[0].tone is not None
    assert view.cards[gigs["early"]].conflicts
    assert after[gigs["thursday"]] == before[gigs["thursday"]]


def test_a_reload_with_nothing_changed_gives_no_card_new_content(view: WeekView) -> None:
    board = view.days_area.widget()
    before = _contents(view)
    view.reload()
    assert view.days_area.widget() is board and _contents(view) == before


def test_a_cancelled_gig_redraws_its_card_and_a_new_gig_rebuilds_the_board(
    view: WeekView, store: Store, gigs: dict[str, int]
) -> None:
    board = view.days_area.widget()
    before = _contents(view)
    cancel_gig(store, gigs["thursday"], "customer", "Remontti")
    view.reload()
    assert view.days_area.widget() is board
    card = view.cards[gigs["thursday"]]
    assert card.cancelled and card.content_count == before[gigs["thursday"]] + 1
    assert card.cancelled_text == "✕ Tilaaja perui: Remontti"
    # Another gig on the board: the days are laid out anew.
    contract = view.cards[gigs["early"]].gig.contract_id
    added = add_gig(store, contract, MONDAY, time(14), 60)
    view.reload()
    assert view.days_area.widget() is not board
    assert [card.gig.id for card in view.columns[0]] == [gigs["early"], gigs["overlapping"], added]


def test_a_redrawn_card_takes_the_height_its_new_crew_needs(
    qtbot: QtBot, view: WeekView, store: Store, gigs: dict[str, int]
) -> None:
    card = view.cards[gigs["early"]]
    qtbot.waitUntil(lambda: card.height() == card.heightForWidth(card.width()))
    empty = card.height()
    for number in range(4):
        person = make_participant(store, first_name="Aino", last_name=f"Laine{number}")
        view.reload()
        assert view.drop_person(gigs["early"], PARTICIPANT, person)
    assert view.cards[gigs["early"]] is card
    qtbot.waitUntil(lambda: card.height() == card.heightForWidth(card.width()))
    assert card.height() > empty


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_a_right_click_on_a_chip_offers_to_remove_the_person(
    qtbot: QtBot,
    view: WeekView,
    store: Store,
    gigs: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    person = make_participant(store, first_name="Aino", last_name="Laine")
    view.reload()
    assert view.drop_person(gigs["early"], PARTICIPANT, person)
    card = view.cards[gigs["early"]]
    qtbot.waitUntil(lambda: card.width() > 0)

    gig_menus: list[int] = []
    monkeypatch.setattr(view, "show_gig_menu", lambda gig_id, where: gig_menus.append(gig_id))
    where = card.chip_rect(0).center()
    click = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, card.mapToGlobal(where))
    QApplication.sendEvent(card, click)
    menu = next(menu for menu in card.findChildren(QMenu) if menu.isVisible())
    assert [action.text() for action in menu.actions()] == ["Poista keikalta"]
    assert gig_menus == []
    menu.actions()[0].trigger()
    menu.close()
    assert view.cards[gigs["early"]].chip_names() == []
    # Elsewhere on the card, and from the keyboard: the gig's own menu.
    corner = QPoint(card.width() - 3, 3)
    QApplication.sendEvent(
        card, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, corner, card.mapToGlobal(corner))
    )
    assert gig_menus == [gigs["early"]]

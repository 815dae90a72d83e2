"""The week at a glance: each card's hours state, the cancelled look, the overstaffed flag,
conflicts on the person's chip with the words in the tooltip and the details panel, the
people table (labelled columns, figures never cut short, limits marked) and the empty
week's first steps."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.queries.gigs import list_gigs
from jobcenter_desktop.queries.timesheets import SheetState, week_timesheets
from jobcenter_desktop.services.invoicing.issuing import issue_run
from jobcenter_desktop.services.invoicing.pricing import Period
from jobcenter_desktop.services.planning.gigs import add_gig, assign, cancel_gig
from jobcenter_desktop.services.timesheets.entries import EntryInput, record_entries
from tests.builders import make_contract, make_customer, make_participant
from tests.invoicing_data import NOVEMBER, People, approved_gig, invoicing_centre, priced_contract
from ui.main_window import MainWindow
from ui.planner.gig_card import GigCard
from ui.planner.people import HOURS, LIMIT, NAME, PARTICIPANT
from ui.planner.week_view import WeekView

MONDAY = date(2026, 11, 16)  # a week of the past, whatever day the tests run


def _week(qtbot: QtBot, store: Store, monday: date, width: int = 1300) -> WeekView:
    view = WeekView()
    qtbot.addWidget(view)
    view.resize(width, 700)
    view.set_store(store)
    view.show_week(monday)
    view.show()
    return view


def _activate(qtbot: QtBot, view: QWidget) -> None:
    """Make the window the active one, so that a click gives a card the focus."""
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)


class Week:
    """A past week with a gig in each state: invoiced, approved, done, recorded, not recorded."""

    def __init__(self, store: Store) -> None:
        invoicing_centre(store)
        self.people = People(store)
        self.contract = priced_contract(store)
        self.invoiced = approved_gig(store, self.contract, MONDAY, self.people)
        issue_run(store, Period.month(NOVEMBER))
        day = MONDAY + timedelta(days=1)
        self.approved = approved_gig(store, self.contract, day, self.people)
        self.done = approved_gig(
            store, self.contract, day + timedelta(1), self.people, approved=False
        )
        self.recorded = add_gig(store, self.contract, day + timedelta(days=2), time(8), 180)
        assign(store, self.recorded, [self.people.aino], [])
        record_entries(
            store, self.recorded, [EntryInput(participant_id=self.people.aino, start="8", end="11")]
        )
        self.not_recorded = add_gig(store, self.contract, day + timedelta(days=3), time(8), 180)


@pytest.fixture
def week(store: Store) -> Week:
    return Week(store)


def test_each_card_shows_where_its_hours_are_in_the_timesheet_areas_words(
    qtbot: QtBot, store: Store, week: Week
) -> None:
    view = _week(qtbot, store, MONDAY)
    badges = {
        gig_id: view.cards[gig_id].state_text
        for gig_id in (week.invoiced, week.approved, week.done, week.recorded, week.not_recorded)
    }
    assert badges == {
        week.invoiced: "€ Laskutettu",
        week.approved: "✔ Hyväksytty",
        week.done: "✓ Valmis",
        week.recorded: "✎ Kirjattu",
        week.not_recorded: "○ Kirjaamatta",
    }
    # The one rule: the planner's state is the timesheet area's, gig by gig.
    sheets = {row.id: row.state for row in week_timesheets(store, MONDAY, MONDAY + timedelta(6))}
    planned = {gig.id: gig.sheet_state for gig in list_gigs(store, MONDAY, MONDAY + timedelta(6))}
    assert planned == sheets
    assert sheets[week.invoiced] is SheetState.INVOICED


def test_a_gig_still_ahead_shows_no_hours_state(qtbot: QtBot, store: Store) -> None:
    contract = make_contract(store, status="active")
    ahead = date.today() + timedelta(days=7)
    gig_id = add_gig(store, contract, ahead, time(8), 180)
    view = _week(qtbot, store, ahead)
    assert view.cards[gig_id].state_text is None


def test_a_cancelled_gig_is_struck_through_with_no_hours_state(
    qtbot: QtBot, store: Store, week: Week
) -> None:
    cancel_gig(store, week.not_recorded, "customer", "Remontti")
    view = _week(qtbot, store, MONDAY)
    card = view.cards[week.not_recorded]
    assert card.cancelled is True
    assert card.time_text == "8.00–11.00"
    assert card.struck() == ["8.00–11.00", card.customer_text]
    assert card.state_text is None
    assert card.cancelled_text == "✕ Tilaaja perui: Remontti"
    other = view.cards[week.recorded]
    assert other.cancelled is False and other.struck() == []


def test_an_overstaffed_gig_is_flagged_with_a_sign_and_words(
    qtbot: QtBot, store: Store, week: Week
) -> None:
    extra = [make_participant(store, first_name=n, last_name="Lisä") for n in ("Ville", "Veera")]
    assign(store, week.not_recorded, [week.people.aino, week.people.eero, *extra], [])
    # planned 1 (the contract's crew size), 4 on it
    view = _week(qtbot, store, MONDAY)
    card = view.cards[week.not_recorded]
    gig = card.gig
    assert gig.overstaffed
    assert card.crew_count_text == f"▲ 4/{gig.planned_crew_size} hlö"
    assert card.crew_count_tone == "warning"
    assert card.crew_count_tooltip.startswith(
        f"Liikaa tekijöitä: {4 - gig.planned_crew_size} enemmän"
    )
    full = view.cards[week.recorded]
    assert full.crew_count_text == "1/1 hlö" and full.crew_count_tone is None
    _activate(qtbot, view)
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert "▲ 4/1 hlö" in view.details.text()


def test_a_conflict_marks_the_persons_chip_and_the_details_say_it_without_a_taller_card(
    qtbot: QtBot, store: Store, messages: list[str]
) -> None:
    customer = make_customer(store, name="Kirkkoherranvirasto")
    contract = make_contract(store, customer, status="active", planned_crew_size="2")
    gig_id = add_gig(store, contract, MONDAY, time(8), 180)
    busy = make_participant(store, first_name="Aino", last_name="Laine", weekly_hour_limit="2")
    calm = make_participant(store, first_name="Eero", last_name="Aalto")
    view = _week(qtbot, store, MONDAY)
    view.status.connect(messages.append)
    assert view.drop_person(gig_id, PARTICIPANT, calm)
    assert view.drop_person(gig_id, PARTICIPANT, busy)  # a warning: saved, shown
    card = view.cards[gig_id]
    chips = {chip.member.name: chip for chip in card.chips}
    marked, clear = chips["Aino Laine"], chips["Eero Aalto"]
    assert marked.label == "⚠ Aino Laine" and marked.tone == "warning"
    message = card.conflicts[0].message
    assert marked.tooltip == f"Aino Laine (tekijä)\n⚠ {message}"
    assert clear.label == "Eero Aalto" and clear.tone is None
    assert card.conflict_lines() == []  # no line of its own on the card
    # The chip's tooltip where the mouse points at it; the card's own elsewhere.
    where = card.chip_rect(card.chips.index(marked)).center()
    assert card.chip_at(where) is marked and card.tooltip_at(where) == marked.tooltip
    assert card.tooltip_at(QPoint(card.width() - 2, 2)) == card.toolTip()
    # As tall as the same card without the conflict.
    board = QWidget()
    column = QVBoxLayout(board)
    twins = [GigCard(card.gig, view, card.conflicts), GigCard(card.gig, view, ())]
    for twin in twins:
        column.addWidget(twin)
    qtbot.addWidget(board)
    board.show()
    assert twins[0].chips[1].label == "⚠ Aino Laine"
    assert twins[0].heightForWidth(160) == twins[1].heightForWidth(160)
    _activate(qtbot, view)
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert f"⚠ {message}" in view.details.text().splitlines()


def test_the_people_table_has_labelled_columns_and_marks_the_limits(
    qtbot: QtBot, store: Store
) -> None:
    contract = make_contract(store, status="active", planned_crew_size="3", duration_minutes="690")
    gig_id = add_gig(store, contract, MONDAY, time(7), 690)
    full = make_participant(
        store, first_name="Kristiina", last_name="Gustafsson", weekly_hour_limit="11,5"
    )
    over = make_participant(store, first_name="Aino", last_name="Laine", weekly_hour_limit="10")
    free = make_participant(store, first_name="Eero", last_name="Aalto")
    assign(store, gig_id, [full, over, free], [])
    view = _week(qtbot, store, MONDAY)
    table = view.people_table
    model = table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Nimi", "Tunnit", "Viikkoraja"]
    rows = table.row_texts()
    assert rows[0] == ("Tekijät", "", "")
    assert ("Kristiina Gustafsson", "● 11,5 h", "11,5 h") in rows  # at the limit
    assert ("Aino Laine", "⚠ 11,5 h", "10 h") in rows  # over it
    assert ("Eero Aalto", "11,5 h", "–") in rows  # no limit
    at_row = next(n for n, r in enumerate(rows) if r[0] == "Aino Laine")
    tip = model.index(at_row, HOURS).data(Qt.ItemDataRole.ToolTipRole)
    assert "Viikon tuntiraja ylittyy: 1,5 h liikaa." in tip
    assert model.index(at_row, NAME).data(Qt.ItemDataRole.BackgroundRole) is not None


@pytest.mark.parametrize("side", [None, 10])
def test_the_figures_are_never_cut_short_at_1366_px(
    qtbot: QtBot, store: Store, side: int | None
) -> None:
    contract = make_contract(store, status="active", planned_crew_size="1")
    gig_id = add_gig(store, contract, MONDAY, time(7), 690)
    person = make_participant(
        store, first_name="Kristiina", last_name="Gustafsson-Heiskanen", weekly_hour_limit="17,5"
    )
    assign(store, gig_id, [person], [])
    # The window's width less the navigation list beside the week.
    holder = QWidget()
    qtbot.addWidget(holder)
    row = QHBoxLayout(holder)
    nav = QWidget()
    nav.setFixedWidth(185)
    view = WeekView()
    row.addWidget(nav)
    row.addWidget(view, 1)
    holder.resize(1366, 700)
    view.set_store(store)
    view.show_week(MONDAY)
    holder.show()
    qtbot.waitExposed(holder)
    if side is not None:  # the user drags the splitter as far right as it goes
        view.splitter.setSizes([5000, side])
    table = view.people_table
    header = table.horizontalHeader()
    for column in (HOURS, LIMIT):
        assert table.columnWidth(column) >= table.sizeHintForColumn(column)
        assert header.sectionViewportPosition(column) + table.columnWidth(column) <= (
            table.viewport().width()
        )
    texts = next(r for r in table.row_texts() if r[0].startswith("Kristiina"))
    assert texts[1:] == ("11,5 h", "17,5 h")


def test_the_empty_week_of_a_new_centre_says_what_to_do_with_a_button_each(
    qtbot: QtBot, store: Store
) -> None:
    view = _week(qtbot, store, MONDAY)
    steps = view.first_steps
    assert steps is not None and view.days_area.widget() is steps
    assert [b.text() for b in steps.buttons.values()] == [
        "Lisää tilaaja",
        "Lisää sopimus",
        "Lisää tekijä",
        "Luo keikat (Ctrl+G)",
    ]
    assert not steps.buttons["gigs"].isEnabled()  # nothing to plan from yet
    opened: list[str] = []
    view.start_record.connect(opened.append)
    for key in ("customers", "contracts", "participants"):
        qtbot.mouseClick(steps.buttons[key], Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert opened == ["customers", "contracts", "participants"]
    _activate(qtbot, view)
    view.focus_start()  # the keyboard starts at the first step to do
    assert steps.buttons["customers"].hasFocus()

    customer = make_customer(store)
    make_contract(
        store,
        customer,
        status="active",
        weekdays="mon,tue,wed,thu,fri",
        valid_from=f"{date.today():%d.%m.%Y}",
    )
    make_participant(store)
    view.reload()
    steps = view.first_steps
    assert steps is not None
    assert steps.marks["customers"].text() == "✓ 1 tallennettu"
    assert steps.first_to_do() is steps.buttons["gigs"]
    assert steps.buttons["gigs"].isEnabled()
    view.show_week(date.today())
    assert view.first_steps is not None
    qtbot.mouseClick(view.first_steps.buttons["gigs"], Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert view.first_steps is None
    assert view.cards  # this week's gigs are on the board


def test_a_first_step_opens_its_register_with_a_new_record(
    qtbot: QtBot, window: MainWindow
) -> None:
    steps = window.week_view.first_steps
    assert steps is not None
    qtbot.mouseClick(steps.buttons["contracts"], Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    register = window.registers["contracts"]
    assert window.stack.currentWidget() is register
    assert register.current_id is None  # a new record, empty
    assert register.form.isVisible()

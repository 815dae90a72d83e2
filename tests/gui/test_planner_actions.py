"""The week planner's gig actions: the card's menu and keys, moving, cancelling, a one-off
gig, crew templates with an override, recording hours and printing (the printing and the
crew-template register are replaced by recorders here: they are tested on their own)."""

from __future__ import annotations

import importlib
import sys
import types
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from jobcenter_desktop.db.models import AuditEntry
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import GigStatus
from jobcenter_desktop.queries.gigs import GigRow, list_gigs
from jobcenter_desktop.services.planning.crew_templates import save_crew_template
from jobcenter_desktop.services.planning.gigs import cancel_gig, generate_gigs
from tests.builders import make_contract, make_customer, make_instructor, make_participant
from ui.planner.card_text import hyphenate
from ui.planner.gig_dialogs import CancelGigDialog, MoveGigDialog, NewGigDialog
from ui.planner.people import PARTICIPANT
from ui.planner.week_view import WeekView

MONDAY = date(2026, 11, 30)
WEDNESDAY = date(2026, 12, 2)
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
        minimum_charge="60,00",
        cancellation_billable="yes",
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


def _gig(store: Store, day: date) -> GigRow:
    return next(gig for gig in list_gigs(store, day, day))


def _actions(menu: QMenu) -> dict[Any, Any]:
    """The menu's actions by their data (their name, or a template's id); submenus by title."""
    found: dict[Any, Any] = {}
    for action in menu.actions():
        if action.menu() is not None:
            found[action.text()] = action.menu()
        elif action.data() is not None:
            found[action.data()] = action
    return found


@dataclass
class Recorder:
    """Stands in for ``ui.print_actions`` and the crew-template dialog; records the calls."""

    calls: list[tuple[Any, ...]] = field(default_factory=list)


def _replace(monkeypatch: pytest.MonkeyPatch, module_name: str, name: str, value: Any) -> None:
    """Replace ``module_name.name``, whether or not that module exists yet."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError:
        module = types.ModuleType(module_name)
        monkeypatch.setitem(sys.modules, module_name, module)
    monkeypatch.setattr(module, name, value, raising=False)


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    recorder = Recorder()
    _replace(
        monkeypatch,
        "ui.print_actions",
        "preview_gig_sheet",
        lambda *args: recorder.calls.append(("gig_sheet", *args)),
    )
    _replace(
        monkeypatch,
        "ui.print_actions",
        "preview_week",
        lambda *args: recorder.calls.append(("week", *args)),
    )
    return recorder


def test_the_card_menu_offers_the_gig_actions_with_their_keys(
    view: WeekView, planned: Store
) -> None:
    save_crew_template(planned, "Tiistain siivous", [make_participant(planned)])
    gig = _gig(planned, MONDAY)
    menu = view.gig_menu(gig.id)
    actions = _actions(menu)
    assert list(actions) == [
        "crew",
        "Käytä työryhmäpohjaa",
        "move",
        "cancel",
        "hours",
        "print",
    ]
    assert actions["move"].text() == "Siirrä…\tCtrl+M"
    assert actions["print"].text() == "Tulosta keikkalista…\tCtrl+P"
    templates = actions["Käytä työryhmäpohjaa"]
    assert [a.text() for a in templates.actions()] == ["Tiistain siivous"]
    assert all(actions[name].isEnabled() for name in ("crew", "move", "cancel", "hours", "print"))


def test_a_cancelled_gig_cannot_be_moved_staffed_or_cancelled_again(
    view: WeekView, planned: Store, messages: list[str]
) -> None:
    gig = _gig(planned, THURSDAY)
    cancel_gig(planned, gig.id, "customer", "Juhlapyhä")
    view.reload()
    actions = _actions(view.gig_menu(gig.id))
    for name in ("crew", "move", "cancel", "hours", "print"):
        assert not actions[name].isEnabled(), name
        assert actions[name].toolTip() == "Keikka on peruttu."
    assert not actions["Käytä työryhmäpohjaa"].isEnabled()
    assert not view.run_gig_action("move", gig.id)
    assert messages[-1] == "Keikka on peruttu."
    person = make_participant(planned)
    view.reload()
    assert not view.drop_person(gig.id, PARTICIPANT, person)
    assert _gig(planned, THURSDAY).participants == ()


def test_moving_a_gig_by_the_dialog_and_its_key_puts_the_card_on_the_new_day(
    qtbot: QtBot,
    view: WeekView,
    planned: Store,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    shown: list[str] = []

    def move(dialog: MoveGigDialog) -> int:
        shown.append(dialog.when.day.text())
        dialog.when.day.setText("2.12.2026")
        dialog.when.start.setText("930")  # typed the short way
        dialog.when.duration.setText("150")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(MoveGigDialog, "exec", move)
    gig = _gig(planned, MONDAY)
    qtbot.waitActive(view)
    view.cards[gig.id].setFocus()
    qtbot.keyClick(view.cards[gig.id], Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)  # type: ignore[no-untyped-call]
    assert shown == ["30.11.2026"]
    assert [card.gig.id for card in view.columns[2]] == [gig.id]  # Wednesday
    assert view.columns[0] == []
    card = view.cards[gig.id]
    assert card.time_text == "9.30–12.00"
    assert view.focused_card() is card
    assert messages[-1] == "Keikka siirretty päivälle 2.12.2026."
    moved = _gig(planned, WEDNESDAY)
    assert (moved.id, moved.duration_minutes, moved.edited) == (gig.id, 150, True)


@pytest.mark.parametrize(
    ("day", "start", "duration", "problem"),
    [
        ("31.2.2026", "8.00", "180", "Päivämäärä: "),
        ("2.12.2026", "8.3", "180", "Alkamisaika: "),
        ("2.12.2026", "8.00", "", "Kesto (min): "),
        ("2.1.2026", "8.00", "180", "Päivämäärä: "),  # before the contract is valid
    ],
)
def test_what_the_move_refuses_is_shown_in_the_dialog_and_nothing_changes(
    view: WeekView,
    planned: Store,
    monkeypatch: pytest.MonkeyPatch,
    day: str,
    start: str,
    duration: str,
    problem: str,
) -> None:
    seen: list[list[str]] = []

    def move(dialog: MoveGigDialog) -> int:
        dialog.when.day.setText(day)
        dialog.when.start.setText(start)
        dialog.when.duration.setText(duration)
        dialog.accept()
        seen.append(dialog.problems())
        return dialog.result()

    monkeypatch.setattr(MoveGigDialog, "exec", move)
    gig = _gig(planned, MONDAY)
    assert not view.move_gig(gig.id)
    assert len(seen[0]) == 1 and seen[0][0].startswith("⚠ " + problem)
    assert _gig(planned, MONDAY) == gig
    assert [card.gig.id for card in view.columns[0]] == [gig.id]


def test_cancelling_needs_a_reason_and_shows_on_the_card(
    qtbot: QtBot,
    view: WeekView,
    planned: Store,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    tries: list[tuple[bool, bool, list[str]]] = []

    def cancel(dialog: CancelGigDialog) -> int:
        # The contract says a customer's cancellation is billable: ticked at first.
        tries.append((dialog.by_customer.isChecked(), dialog.billable.isChecked(), []))
        dialog.accept()  # no reason yet
        tries.append(
            (dialog.by_customer.isChecked(), dialog.billable.isChecked(), dialog.problems())
        )
        dialog.reason.setText("Tilaajan tilat remontissa")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(CancelGigDialog, "exec", cancel)
    gig = _gig(planned, THURSDAY)
    qtbot.waitActive(view)
    view.cards[gig.id].setFocus()
    qtbot.keyClick(view.cards[gig.id], Qt.Key.Key_Delete)  # type: ignore[no-untyped-call]
    assert tries[0] == (True, True, [])
    assert tries[1][2] == ["⚠ Peruutuksen syy: on pakollinen"]
    cancelled = _gig(planned, THURSDAY)
    assert cancelled.status is GigStatus.CANCELLED_BY_CUSTOMER
    assert (cancelled.cancel_billable, cancelled.cancel_reason) == (
        True,
        "Tilaajan tilat remontissa",
    )
    card = view.cards[gig.id]
    assert card.cancelled_text == "✕ Tilaaja perui, laskutetaan: Tilaajan tilat remontissa"
    assert messages[-1] == "Keikka peruttu."


def test_a_cancellation_by_the_centre_is_never_billed(
    view: WeekView, planned: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cancel(dialog: CancelGigDialog) -> int:
        dialog.by_centre.setChecked(True)
        assert not dialog.billable.isEnabled() and not dialog.billable.isChecked()
        dialog.reason.setText("Ohjaaja sairaana")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(CancelGigDialog, "exec", cancel)
    gig = _gig(planned, MONDAY)
    assert view.cancel_gig(gig.id)
    cancelled = _gig(planned, MONDAY)
    assert cancelled.status is GigStatus.CANCELLED_BY_CENTRE and not cancelled.cancel_billable
    assert view.cards[gig.id].cancelled_text == "✕ Työkeskus perui: Ohjaaja sairaana"


@pytest.mark.parametrize("billable", [False, True])
def test_the_billable_tick_follows_the_contract_and_can_be_changed(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch, billable: bool
) -> None:
    # A minimum charge no longer decides it: the contract's own setting does.
    customer = make_customer(store, name="Korjaamo Virtanen Oy")
    make_contract(
        store,
        customer,
        weekdays="mon",
        minimum_charge="60,00",
        cancellation_billable="kyllä" if billable else "ei",
        status="active",
    )
    generate_gigs(store, until=MONDAY, today=MONDAY)
    week = WeekView()
    qtbot.addWidget(week)
    week.set_store(store)
    week.show_week(MONDAY)
    seen: list[tuple[bool, bool, str]] = []

    def cancel(dialog: CancelGigDialog) -> int:
        seen.append(
            (dialog.by_customer.isChecked(), dialog.billable.isChecked(), dialog.billable.toolTip())
        )
        # The user decides otherwise for this gig.
        dialog.billable.setChecked(not dialog.billable.isChecked())
        dialog.reason.setText("Tilaaja ei tarvinnut siivousta")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(CancelGigDialog, "exec", cancel)
    gig = _gig(store, MONDAY)
    assert week.cancel_gig(gig.id)
    [(by_customer, ticked, tooltip)] = seen
    assert by_customer and ticked is billable
    assert ("ei laskuteta" in tooltip) is not billable
    cancelled = _gig(store, MONDAY)
    assert cancelled.status is GigStatus.CANCELLED_BY_CUSTOMER
    assert cancelled.cancel_billable is not billable


def test_a_new_one_off_gig_appears_on_the_chosen_day(
    qtbot: QtBot,
    view: WeekView,
    planned: Store,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    defaults: list[tuple[str, ...]] = []

    def add(dialog: NewGigDialog) -> int:
        defaults.append(
            (
                dialog.contract.currentText(),
                dialog.when.day.text(),
                dialog.when.start.text(),
                dialog.when.duration.text(),
            )
        )
        dialog.when.start.setText("13:00")
        dialog.note.setText("Lisäsiivous häiden jälkeen")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewGigDialog, "exec", add)
    thursday = _gig(planned, THURSDAY)
    qtbot.waitActive(view)
    view.cards[thursday.id].setFocus()  # the selected day
    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # type: ignore[no-untyped-call]
    customer, day, start, duration = defaults[0]
    assert customer.startswith("Kirkkoherranvirasto – Seurakuntatalon siivous")
    assert (day, start, duration) == ("3.12.2026", "8.00", "180")
    gigs = list_gigs(planned, THURSDAY, THURSDAY)
    assert len(gigs) == 2
    added = next(gig for gig in gigs if gig.id != thursday.id)
    assert added.scheduled_on is None and added.note == "Lisäsiivous häiden jälkeen"
    assert [card.gig.id for card in view.columns[3]] == [thursday.id, added.id]
    assert view.cards[added.id].time_text == "13.00–16.00"
    assert view.focused_card() is view.cards[added.id]
    assert messages[-1] == "Kertakeikka lisätty päivälle 3.12.2026."


def test_a_new_gig_without_active_contracts_says_what_to_do(view: WeekView, store: Store) -> None:
    dialog = NewGigDialog(store, [], MONDAY, view)
    assert dialog.problems() == [
        "⚠ Ei voimassa olevia sopimuksia. Lisää ensin sopimus tai merkitse jokin voimassa olevaksi."
    ]
    assert not dialog.try_save()
    dialog.deleteLater()


def test_a_template_with_a_blocking_conflict_asks_a_reason_and_audits_it(
    view: WeekView, planned: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    paused = make_participant(planned, first_name="Pekka", last_name="Tauko", status="paused")
    aino = make_participant(planned, first_name="Aino", last_name="Laine")
    leader = make_instructor(planned, first_name="Liisa", last_name="Ohjaaja")
    template = save_crew_template(planned, "Maanantain siivous", [aino, paused], leader)
    asked: list[str] = []

    def answer(box: QMessageBox) -> QMessageBox.StandardButton:
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes  # "Override with a reason…"

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Sovittu ohjaajan kanssa", True))
    gig = _gig(planned, MONDAY)
    templates = _actions(view.gig_menu(gig.id))["Käytä työryhmäpohjaa"]
    _actions(templates)[template].trigger()
    assert len(asked) == 1 and "Pekka Tauko" in asked[0]
    assert view.cards[gig.id].chip_names() == ["Liisa Ohjaaja", "Aino Laine", "Pekka Tauko"]
    with planned.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "override", AuditEntry.entity_id == gig.id
            )
        ).one()
        assert entry.after is not None
        assert entry.after["reason"] == "Sovittu ohjaajan kanssa"


def test_a_template_refused_without_a_reason_changes_nothing(
    view: WeekView, planned: Store, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    paused = make_participant(planned, status="paused")
    template = save_crew_template(planned, "Tauolla", [paused])
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Cancel)
    gig = _gig(planned, MONDAY)
    assert not view.apply_crew_template(gig.id, template)
    assert _gig(planned, MONDAY).participants == ()
    assert messages[-1] == "Mitään ei muutettu."


def test_record_hours_sends_the_gig_id(qtbot: QtBot, view: WeekView, planned: Store) -> None:
    gig = _gig(planned, MONDAY)
    with qtbot.waitSignal(view.record_hours) as sent:
        _actions(view.gig_menu(gig.id))["hours"].trigger()
    assert sent.args == [gig.id]
    qtbot.waitActive(view)
    other = _gig(planned, THURSDAY)
    view.cards[other.id].setFocus()
    with qtbot.waitSignal(view.record_hours) as sent:
        qtbot.keyClick(view.cards[other.id], Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)  # type: ignore[no-untyped-call]
    assert sent.args == [other.id]


def test_printing_gets_the_gig_and_the_shown_iso_week(
    qtbot: QtBot, view: WeekView, planned: Store, printed: Recorder
) -> None:
    gig = _gig(planned, THURSDAY)
    _actions(view.gig_menu(gig.id))["print"].trigger()
    view.print_week_action.trigger()
    view.show_week(date(2027, 1, 1))  # a Friday of ISO week 53 of 2026
    qtbot.waitActive(view)
    qtbot.keyClick(  # type: ignore[no-untyped-call]
        view,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert printed.calls == [
        ("gig_sheet", view, planned, gig.id),
        ("week", view, planned, 2026, 49),
        ("week", view, planned, 2026, 53),
    ]


def test_the_crew_templates_dialog_opens_and_the_week_is_read_again(
    view: WeekView, planned: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[Any, ...]] = []
    person = make_participant(planned, first_name="Aino", last_name="Laine")

    class Register:
        def __init__(self, store: Store, parent: Any) -> None:
            opened.append((store, parent))

        def exec(self) -> int:
            save_crew_template(planned, "Uusi ryhmä", [person])
            return 0

    _replace(monkeypatch, "ui.crew_templates.dialog", "CrewTemplatesDialog", Register)
    view.templates_action.trigger()
    assert opened == [(planned, view)]
    menu = _actions(view.gig_menu(_gig(planned, MONDAY).id))["Käytä työryhmäpohjaa"]
    assert [a.text() for a in menu.actions()] == ["Uusi ryhmä"]
    assert any(row[0] == "Aino Laine" for row in view.people_table.row_texts())


# The offscreen platform cannot raise a popup or grab the keyboard for it, and says so.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier),
        (None, None),  # a right click
    ],
)
def test_the_menu_key_shift_f10_and_a_right_click_open_the_card_menu(
    qtbot: QtBot,
    view: WeekView,
    planned: Store,
    key: Qt.Key | None,
    modifiers: Qt.KeyboardModifier | None,
) -> None:
    gig = _gig(planned, MONDAY)
    qtbot.waitActive(view)
    card = view.cards[gig.id]
    card.setFocus()
    if key is None or modifiers is None:
        where = QPoint(20, 20)
        click = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, card.mapToGlobal(where))
        QApplication.sendEvent(card, click)
    else:
        qtbot.keyClick(card, key, modifiers)  # type: ignore[no-untyped-call]
    menus = [menu for menu in view.findChildren(QMenu) if menu.isVisible()]
    assert len(menus) == 1
    assert "move" in _actions(menus[0])
    menus[0].close()


def test_the_toolbar_still_fits_a_1280_px_window(view: WeekView) -> None:
    # The navigation list and the margins take about 200 px of a 1280 px main window.
    toolbar = view.layout().itemAt(0).layout()
    assert toolbar is not None
    assert toolbar.minimumSize().width() <= 1280 - 200
    assert view.more_menu.actions()[0] is view.generate_action  # Create gigs, under More


def test_finnish_words_break_at_syllables() -> None:
    def shown(word: str) -> str:
        return hyphenate(word).replace("\u00ad", "-")

    assert shown("hyvinvointialue") == "hy-vin-voin-ti-a-lue"
    assert shown("Kirkkoherranvirasto") == "Kirk-ko-her-ran-vi-rasto"
    assert shown("Palvelukotiyhdistys") == "Pal-ve-lu-ko-ti-yh-dis-tys"
    assert shown("Oy") == "Oy"


def test_long_words_and_names_fit_a_narrow_card(qtbot: QtBot, planned: Store) -> None:
    customer = make_customer(planned, name="Palvelukotiyhdistys Kotirinne", business_id="2077474-0")
    make_contract(planned, customer, title="Keittiöapulaistehtävät", status="active")
    person = make_participant(planned, first_name="Maria-Kristiina", last_name="Gustafsson-Lind")
    generate_gigs(planned, until=MONDAY + timedelta(days=6), today=MONDAY)
    # Inside a window, the planner may be narrower than its toolbar (the days scroll).
    window = QWidget()
    qtbot.addWidget(window)
    view = WeekView(window)
    view.set_store(planned)
    view.show_week(MONDAY)
    window.resize(760, 600)
    view.setGeometry(0, 0, 760, 600)
    window.show()
    gig = next(
        gig
        for gig in list_gigs(planned, MONDAY, MONDAY)
        if gig.customer_name != "Kirkkoherranvirasto"
    )
    assert view.drop_person(gig.id, PARTICIPANT, person)
    # The day headings keep a column about 140 px wide (narrower, the days scroll).
    qtbot.waitUntil(lambda: 0 < view.cards[gig.id].width() < 150)
    card = view.cards[gig.id]
    # Nothing on the card asks for more width than the card has: long words wrap inside.
    assert card.minimumSizeHint().width() <= card.width()
    assert card.customer_text == "Palvelukotiyhdistys Kotirinne"
    lines = card.wrapped_lines("customer")
    assert len(lines) > 2 and lines[0].endswith("-")  # broken at a syllable, with a hyphen
    assert "".join(line.removesuffix("-") for line in lines[:-1]) == "Palvelukotiyhdistys"
    assert all(card.chip_rect(n).right() < card.width() for n in range(len(card.chips)))
    chip = card.chips[0]
    assert chip.shown().endswith("…") and "Gustafsson-Lind" in chip.tooltip
    cut = card.elided_texts()
    assert (chip.label, chip.shown()) in cut  # the whole name in the tooltip
    assert not {card.time_text, card.crew_count_text} & {whole for whole, _shown in cut}
    assert card.chip_names() == ["Maria-Kristiina Gustafsson-Lind"]

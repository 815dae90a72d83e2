"""The crew dialog helps choose: search, the crew first, hours against the limit, the
qualifications on the gig's day, conflicts live as people are ticked (nothing written
before Save), the keys; and Ctrl+Z undoes the planner's crew changes until it is left."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from jobcenter_desktop.db.models import AuditEntry, Participant, QualificationType
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import ParticipantStatus
from jobcenter_desktop.forms.participants import QualificationInput
from jobcenter_desktop.queries.gigs import GigRow, list_gigs
from jobcenter_desktop.queries.people import INSTRUCTOR, PARTICIPANT, list_people
from jobcenter_desktop.services.planning.crew_checks import check_gig
from jobcenter_desktop.services.planning.gigs import add_gig, assign
from tests.builders import make_contract, make_customer, make_instructor, make_participant
from ui.main_window import MainWindow
from ui.navigation import AREAS
from ui.planner.crew_candidates import CONFLICTS, HOURS, NAME, QUALIFICATIONS
from ui.planner.crew_dialog import CrewDialog
from ui.planner.week_view import WeekView

MONDAY = date(2026, 11, 30)
WEDNESDAY = date(2026, 12, 2)


def _ids(store: Store) -> dict[str, int]:
    with store.read() as session:
        return dict(session.execute(select(QualificationType.code, QualificationType.id)).all())


@pytest.fixture
def gig_id(store: Store) -> int:
    customer = make_customer(store, name="Kirkkoherranvirasto")
    contract = make_contract(
        store,
        customer,
        title="Seurakuntatalon siivous",
        planned_crew_size="3",
        status="active",
        required_qualification_ids=[_ids(store)["safety_card"]],
    )
    return add_gig(store, contract, WEDNESDAY, time(8), 180)


def _gig(store: Store, gig_id: int) -> GigRow:
    return next(gig for gig in list_gigs(store, WEDNESDAY, WEDNESDAY) if gig.id == gig_id)


def _dialog(qtbot: QtBot, store: Store, gig_id: int) -> CrewDialog:
    dialog = CrewDialog(_gig(store, gig_id), list_people(store), store)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def _cell(dialog: CrewDialog, kind: str, person_id: int, column: int) -> str:
    row = dialog.row_of(kind, person_id)
    assert row is not None
    return str(dialog.model.index(row, column).data())


def _names(dialog: CrewDialog) -> list[str]:
    return [str(dialog.proxy.index(row, NAME).data()) for row in range(dialog.proxy.rowCount())]


def _conflicts(dialog: CrewDialog) -> str:
    """The live conflicts as the dialog shows them, one line each."""
    return "\n".join(dialog.conflict_lines)


def _set_status(store: Store, participant_id: int, status: str) -> None:
    with store.write() as tx:
        person = tx.session.get(Participant, participant_id)
        assert person is not None
        person.status = ParticipantStatus(status)


def _audit_count(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_the_crew_comes_first_and_the_search_narrows_the_list(
    qtbot: QtBot, store: Store, gig_id: int
) -> None:
    make_participant(store, first_name="Aino", last_name="Aalto")
    on_gig = make_participant(store, first_name="Veikko", last_name="Ylönen")
    leader = make_instructor(store, first_name="Liisa", last_name="Ohjaaja")
    assign(store, gig_id, [on_gig], [leader])
    dialog = _dialog(qtbot, store, gig_id)
    assert _names(dialog)[:2] == ["Veikko Ylönen", "Liisa Ohjaaja"]
    assert dialog.chosen() == ([on_gig], [leader])
    # A click on a row's box unticks it (the view sets the check state as a number).
    box = dialog.model.index(dialog.row_of(INSTRUCTOR, leader) or 0, NAME)
    assert dialog.model.setData(box, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert dialog.chosen() == ([on_gig], [])
    assert dialog.search.hasFocus()
    qtbot.keyClicks(dialog.search, "aalt")
    assert _names(dialog) == ["Aino Aalto"]
    dialog.search.setText("YLÖ")  # case folds; ö stays ö (QTest types ASCII only)
    assert _names(dialog) == ["Veikko Ylönen"]


def test_each_candidate_shows_the_weeks_hours_against_the_limit(
    qtbot: QtBot, store: Store, gig_id: int
) -> None:
    limited = make_participant(store, first_name="Aino", last_name="Aalto", weekly_hour_limit="5")
    unlimited = make_participant(store, first_name="Eero", last_name="Eskola")
    # Monday 3 h in the same week; the Sunday before is another week and does not count.
    other = make_contract(store, title="Piha", status="active")
    assign(store, add_gig(store, other, MONDAY, time(8), 180), [limited], [])
    assign(store, add_gig(store, other, date(2026, 11, 29), time(8), 240), [limited], [])
    dialog = _dialog(qtbot, store, gig_id)
    assert _cell(dialog, PARTICIPANT, limited, HOURS) == "3 h / 5 h"
    assert _cell(dialog, PARTICIPANT, unlimited, HOURS) == "0 h"
    # Before it is ticked the row already says the gig would take them over the limit.
    assert "tuntiraja" in _cell(dialog, PARTICIPANT, limited, CONFLICTS)
    assert dialog.set_checked(PARTICIPANT, limited, True)
    assert _cell(dialog, PARTICIPANT, limited, HOURS) == "⚠ 6 h / 5 h"
    assert dialog.set_checked(PARTICIPANT, unlimited, True)
    assert _cell(dialog, PARTICIPANT, unlimited, HOURS) == "3 h"


def test_each_candidate_shows_the_qualifications_held_on_the_gigs_day(
    qtbot: QtBot, store: Store, gig_id: int
) -> None:
    card = _ids(store)["safety_card"]
    valid = make_participant(
        store,
        first_name="Aino",
        last_name="Aalto",
        qualifications=[QualificationInput(card, "1.2.2020", "2.12.2026")],  # last day: still
    )
    expired = make_participant(
        store,
        first_name="Eero",
        last_name="Eskola",
        qualifications=[QualificationInput(card, "1.2.2020", "1.12.2026")],
    )
    later = make_participant(
        store,
        first_name="Olli",
        last_name="Ojala",
        qualifications=[QualificationInput(card, "3.12.2026", "")],
    )
    without = make_participant(store, first_name="Pia", last_name="Peltola")
    leader = make_instructor(store)
    dialog = _dialog(qtbot, store, gig_id)
    assert "2.12.2026" in dialog.requirements.text()
    assert "Työturvallisuuskortti" in dialog.requirements.text()
    assert _cell(dialog, PARTICIPANT, valid, QUALIFICATIONS) == "✓ kaikki voimassa"
    for person in (expired, later, without):
        assert _cell(dialog, PARTICIPANT, person, QUALIFICATIONS) == "✕ Työturvallisuuskortti"
    assert _cell(dialog, INSTRUCTOR, leader, QUALIFICATIONS) == "–"
    assert not dialog.table.isColumnHidden(QUALIFICATIONS)


def test_a_contract_without_requirements_hides_the_qualifications_column(
    qtbot: QtBot, store: Store
) -> None:
    gig = add_gig(store, make_contract(store, status="active"), WEDNESDAY, time(8), 60)
    dialog = _dialog(qtbot, store, gig)
    assert dialog.table.isColumnHidden(QUALIFICATIONS)
    assert "ei vaadi" in dialog.requirements.text()


def test_conflicts_show_live_as_people_are_ticked_and_nothing_is_written(
    qtbot: QtBot, store: Store, gig_id: int
) -> None:
    busy = make_participant(store, first_name="Aino", last_name="Aalto")
    limited = make_participant(store, first_name="Eero", last_name="Eskola", weekly_hour_limit="2")
    clash = add_gig(store, make_contract(store, title="Muutto"), WEDNESDAY, time(10), 120)
    assign(store, clash, [busy], [])
    written = _audit_count(store)
    dialog = _dialog(qtbot, store, gig_id)
    assert _conflicts(dialog).startswith("✓")
    assert dialog.reason.isHidden()
    assert "⊘" in _cell(dialog, PARTICIPANT, busy, CONFLICTS)  # before ticking, on the row

    assert dialog.set_checked(PARTICIPANT, busy, True)
    text = _conflicts(dialog)
    assert text.startswith("⊘") and "Aino Aalto" in text and "10.00–12.00" in text
    assert not dialog.reason.isHidden()  # something blocks: the reason is asked here
    assert dialog.set_checked(PARTICIPANT, limited, True)
    assert "Eero Eskola" in _conflicts(dialog)
    # What the dialog shows is what the service's check of that crew gives.
    assert dialog.current_conflicts() == check_gig(store, gig_id, [busy, limited], [])
    assert dialog.set_checked(PARTICIPANT, busy, False)
    assert dialog.reason.isHidden()  # a warning alone needs no reason
    assert _conflicts(dialog).startswith("⚠")
    assert dialog.set_checked(PARTICIPANT, limited, False)
    assert _conflicts(dialog).startswith("✓")
    assert dialog.reason.isHidden()

    assert _audit_count(store) == written
    assert _gig(store, gig_id).participants == ()


def test_the_keys_search_down_space_enter(qtbot: QtBot, store: Store, gig_id: int) -> None:
    make_participant(store, first_name="Aino", last_name="Aalto")
    wanted = make_participant(store, first_name="Eero", last_name="Eskola")
    dialog = _dialog(qtbot, store, gig_id)
    qtbot.keyClicks(dialog.search, "esk")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)  # type: ignore[no-untyped-call]
    assert dialog.table.hasFocus()
    assert dialog.table.currentIndex().data() == "Eero Eskola"
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)  # type: ignore[no-untyped-call]
    assert dialog.chosen() == ([wanted], [])
    assert "Eero Eskola" in dialog.summary.text()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)  # type: ignore[no-untyped-call]
    assert dialog.chosen() == ([], [])
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)  # type: ignore[no-untyped-call]
    # Up from the top row goes back to the search; typing in the list searches too.
    qtbot.keyClick(dialog.table, Qt.Key.Key_Up)  # type: ignore[no-untyped-call]
    assert dialog.search.hasFocus()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)  # type: ignore[no-untyped-call]
    qtbot.keyClick(dialog.table, Qt.Key.Key_O)  # type: ignore[no-untyped-call]
    assert dialog.search.hasFocus() and dialog.search.text() == "esko"
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen() == ([wanted], [])
    assert dialog.changed()


def test_enter_saves_from_the_list_and_esc_cancels(qtbot: QtBot, store: Store, gig_id: int) -> None:
    make_participant(store, first_name="Aino", last_name="Aalto")
    dialog = _dialog(qtbot, store, gig_id)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)  # type: ignore[no-untyped-call]
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)  # type: ignore[no-untyped-call]
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    assert dialog.result() == QDialog.DialogCode.Accepted

    other = _dialog(qtbot, store, gig_id)
    qtbot.keyClick(other.search, Qt.Key.Key_Down)  # type: ignore[no-untyped-call]
    qtbot.keyClick(other.table, Qt.Key.Key_Space)  # type: ignore[no-untyped-call]
    qtbot.keyClick(other.table, Qt.Key.Key_Escape)  # type: ignore[no-untyped-call]
    assert other.result() == QDialog.DialogCode.Rejected
    assert _gig(store, gig_id).participants == ()


def test_enter_with_a_blocking_conflict_asks_for_the_reason_in_the_dialog(
    qtbot: QtBot, store: Store, gig_id: int
) -> None:
    # Paused since they were put on the gig: still listed (first), no longer offered.
    paused = make_participant(store, first_name="Pekka", last_name="Tauko")
    assign(store, gig_id, [paused], [])
    _set_status(store, paused, "paused")
    dialog = _dialog(qtbot, store, gig_id)
    assert _names(dialog)[0] == "Pekka Tauko"
    assert dialog.current_conflicts()[0].blocking
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert QApplication.focusWidget() is dialog.reason
    qtbot.keyClicks(dialog.reason, "Sovittu puhelimessa")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.override_reason() == "Sovittu puhelimessa"


# --- Ctrl+Z in the planner ------------------------------------------------------------------


@pytest.fixture
def view(qtbot: QtBot, store: Store, gig_id: int, messages: list[str]) -> WeekView:
    week = WeekView()
    qtbot.addWidget(week)
    week.resize(1300, 700)
    week.status.connect(messages.append)
    week.set_store(store)
    week.show_week(MONDAY)
    with qtbot.waitActive(week):
        week.show()
        week.activateWindow()
    return week


def _crew(store: Store, gig_id: int) -> list[int]:
    return [m.id for m in _gig(store, gig_id).participants]


def _ctrl_z(qtbot: QtBot, view: WeekView, gig_id: int) -> None:
    view.focus_gig(gig_id)
    focused = QApplication.focusWidget()
    assert focused is not None and view.isAncestorOf(focused)
    qtbot.keyClick(focused, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # type: ignore[no-untyped-call]


def test_ctrl_z_undoes_drops_one_after_another(
    qtbot: QtBot, view: WeekView, store: Store, gig_id: int, messages: list[str]
) -> None:
    aino = make_participant(store, first_name="Aino", last_name="Aalto")
    eero = make_participant(store, first_name="Eero", last_name="Eskola")
    view.reload()
    assert view.drop_person(gig_id, PARTICIPANT, aino)
    assert view.drop_person(gig_id, PARTICIPANT, eero)
    assert sorted(_crew(store, gig_id)) == sorted([aino, eero])
    _ctrl_z(qtbot, view, gig_id)
    assert _crew(store, gig_id) == [aino]
    assert "kumottu" in messages[-1]
    _ctrl_z(qtbot, view, gig_id)
    assert _crew(store, gig_id) == []
    assert view.cards[gig_id].gig.participants == ()  # the card shows it too
    _ctrl_z(qtbot, view, gig_id)
    assert messages[-1] == "Kumottavaa työryhmän muutosta ei ole."


def test_a_removed_chip_comes_back_with_ctrl_z(
    qtbot: QtBot, view: WeekView, store: Store, gig_id: int
) -> None:
    aino = make_participant(store, first_name="Aino", last_name="Aalto")
    assign(store, gig_id, [aino], [])
    view.reload()
    assert view.remove_person(gig_id, PARTICIPANT, aino)
    assert _crew(store, gig_id) == []
    _ctrl_z(qtbot, view, gig_id)
    assert _crew(store, gig_id) == [aino]


def test_undo_never_overwrites_a_crew_changed_since(
    qtbot: QtBot, view: WeekView, store: Store, gig_id: int, messages: list[str]
) -> None:
    aino = make_participant(store, first_name="Aino", last_name="Aalto")
    eero = make_participant(store, first_name="Eero", last_name="Eskola")
    view.reload()
    assert view.drop_person(gig_id, PARTICIPANT, aino)
    assign(store, gig_id, [aino, eero], [])  # elsewhere, e.g. another workstation
    view.reload()
    _ctrl_z(qtbot, view, gig_id)
    assert sorted(_crew(store, gig_id)) == sorted([aino, eero])
    assert "mitään ei kumottu" in messages[-1]


def test_leaving_the_planner_forgets_what_could_be_undone(window: MainWindow) -> None:
    store = window.store
    assert store is not None
    contract = make_contract(store, status="active")
    gig = add_gig(store, contract, WEDNESDAY, time(8), 180)
    aino = make_participant(store, first_name="Aino", last_name="Aalto")
    planner = window.week_view
    window.nav.setCurrentRow(AREAS.index("week"))
    planner.show_week(MONDAY)
    assert planner.drop_person(gig, PARTICIPANT, aino)
    assert planner.crew_undo
    window.showMinimized()  # not leaving: the window only went out of sight
    assert planner.crew_undo
    window.showNormal()
    window.nav.setCurrentRow(AREAS.index("timesheets"))
    window.nav.setCurrentRow(AREAS.index("week"))
    assert not planner.crew_undo
    assert not planner.undo_crew_change()
    assert _crew(store, gig) == [aino]


def test_the_dialog_saves_with_its_own_reason_and_ctrl_z_undoes_it(
    qtbot: QtBot,
    view: WeekView,
    store: Store,
    gig_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    busy = make_participant(store, first_name="Aino", last_name="Aalto")
    clash = add_gig(store, make_contract(store, title="Muutto"), WEDNESDAY, time(10), 120)
    assign(store, clash, [busy], [])
    view.reload()

    def tick(dialog: CrewDialog) -> int:
        assert dialog.set_checked(PARTICIPANT, busy, True)
        dialog.reason.setText("Muutto siirtyy, sovittu")
        return 1

    def no_wall_of_text(box: QMessageBox) -> int:
        raise AssertionError(f"asked afterwards: {box.text()}")

    monkeypatch.setattr(CrewDialog, "exec", tick)
    monkeypatch.setattr(QMessageBox, "exec", no_wall_of_text)
    assert view.open_crew_dialog(gig_id)
    assert _crew(store, gig_id) == [busy]
    with store.read() as session:
        override = session.scalars(select(AuditEntry).where(AuditEntry.action == "override")).one()
    assert "Muutto siirtyy, sovittu" in str(override.after)
    _ctrl_z(qtbot, view, gig_id)
    assert _crew(store, gig_id) == []


def test_a_dialog_closed_without_changes_saves_nothing(
    view: WeekView, store: Store, gig_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = _audit_count(store)
    monkeypatch.setattr(CrewDialog, "exec", lambda dialog: 1)
    assert not view.open_crew_dialog(gig_id)
    assert _audit_count(store) == written
    assert not view.crew_undo

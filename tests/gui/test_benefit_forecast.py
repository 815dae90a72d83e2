"""The earnings forecast where the booking happens (issue 10, item 3): the crew dialog's
forecast line, live as people are ticked, the over-limit person marked; saving with the
blocking setting asks for a reason and records it; a drop says the warning; the people
list shows the month's figure; the chart dialog opens with the month's weeks."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from jobcenter_desktop.db.models import AuditEntry, Participant
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import ConflictKind
from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput
from jobcenter_desktop.queries.gigs import GigRow, list_gigs
from jobcenter_desktop.queries.people import PARTICIPANT, list_people
from jobcenter_desktop.services.pay.benefits import set_benefit
from jobcenter_desktop.services.planning.gigs import add_gig, assign
from jobcenter_desktop.services.registers.centre import save_centre
from tests.builders import make_participant
from tests.invoicing_data import priced_contract
from ui.planner.crew_candidates import BLOCK_COLOUR, EARNINGS, WARN_COLOUR
from ui.planner.crew_dialog import CrewDialog
from ui.planner.earnings_chart import EarningsChartDialog
from ui.planner.week_view import WeekView

MONDAY = date(2026, 12, 7)
EARLIER = date(2026, 12, 1)  # Tuesday of the week before
WEDNESDAY = date(2026, 12, 9)


def _number(store: Store, participant_id: int) -> str:
    with store.read() as session:
        return session.get_one(Participant, participant_id).participant_number


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    """Emilia with a 60 € personal limit and 30 € planned; Ville without a profile."""
    contract = priced_contract(store, title="Seurakuntatalon siivous")
    emilia = make_participant(store, first_name="Emilia", last_name="Koski")
    ville = make_participant(store, first_name="Ville", last_name="Vapaa")
    set_benefit(store, _number(store, emilia), "earnings_related_pension", "60,00")
    earlier = add_gig(store, contract, EARLIER, time(8), 180)  # 30 € at 10 €/h
    assign(store, earlier, [emilia], [])
    gig = add_gig(store, contract, WEDNESDAY, time(8), 240)  # 40 € more
    return {"emilia": emilia, "ville": ville, "gig": gig, "earlier": earlier}


def _gig(store: Store, gig_id: int) -> GigRow:
    return next(gig for gig in list_gigs(store, WEDNESDAY, WEDNESDAY) if gig.id == gig_id)


def _dialog(qtbot: QtBot, store: Store, gig_id: int) -> CrewDialog:
    dialog = CrewDialog(_gig(store, gig_id), list_people(store), store)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _earnings_cell(dialog: CrewDialog, person_id: int, role: int = 0) -> object:
    row = dialog.row_of(PARTICIPANT, person_id)
    assert row is not None
    return dialog.model.index(row, EARNINGS).data(role)


def _blocking(store: Store) -> None:
    save_centre(
        store,
        CentreInput(
            legal_name="Työkeskus Säde",
            business_id="0737546-2",
            bank_accounts=[BankAccountInput("FI2112345600000785")],
            benefit_limit_blocks=True,
        ),
    )


def test_the_dialog_shows_the_forecast_and_marks_the_person_over_live(
    qtbot: QtBot, store: Store, people: dict[str, int]
) -> None:
    dialog = _dialog(qtbot, store, people["gig"])
    emilia, ville = people["emilia"], people["ville"]
    assert not dialog.table.isColumnHidden(EARNINGS)
    # Before ticking: the month so far against the limit, nothing marked.
    assert _earnings_cell(dialog, emilia) == "30\xa0€ / 60\xa0€"
    assert _earnings_cell(dialog, ville) == ""  # no profile, no forecast
    assert dialog.forecast_lines == []
    assert not dialog.forecast_area.isVisibleTo(dialog)

    assert dialog.set_checked(PARTICIPANT, emilia, True)
    assert _earnings_cell(dialog, emilia) == "⚠ 30\xa0€ + 40\xa0€ = 70\xa0€ / 60\xa0€"
    brush = _earnings_cell(dialog, emilia, Qt.ItemDataRole.ForegroundRole)
    assert brush.color() == WARN_COLOUR  # type: ignore[attr-defined]
    assert dialog.forecast_lines == [
        "⚠ Emilia Koski: joulukuu 30\xa0€ + tämä keikka 40\xa0€ = 70\xa0€ / raja 60\xa0€"
    ]
    assert dialog.forecast_area.isVisibleTo(dialog)
    assert "ansioraja ylittyisi 10\xa0€" in "\n".join(dialog.conflict_lines)
    assert not dialog.blocked()  # a warning by default

    assert dialog.set_checked(PARTICIPANT, ville, True)
    assert len(dialog.forecast_lines) == 1  # Ville has no profile
    assert dialog.set_checked(PARTICIPANT, emilia, False)
    assert dialog.forecast_lines == []
    assert _earnings_cell(dialog, emilia) == "30\xa0€ / 60\xa0€"
    assert "ansioraja" not in "\n".join(dialog.conflict_lines)


def test_no_profile_anywhere_hides_the_column(qtbot: QtBot, store: Store) -> None:
    contract = priced_contract(store)
    make_participant(store, first_name="Ville", last_name="Vapaa")
    gig = add_gig(store, contract, WEDNESDAY, time(8), 240)
    dialog = _dialog(qtbot, store, gig)
    assert dialog.table.isColumnHidden(EARNINGS)


def test_with_the_blocking_setting_saving_asks_for_a_reason_and_records_it(
    qtbot: QtBot,
    store: Store,
    people: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    _blocking(store)
    emilia = people["emilia"]
    dialog = _dialog(qtbot, store, people["gig"])
    dialog.set_checked(PARTICIPANT, emilia, True)
    assert dialog.blocked()
    brush = _earnings_cell(dialog, emilia, Qt.ItemDataRole.ForegroundRole)
    assert brush.color() == BLOCK_COLOUR  # type: ignore[attr-defined]
    assert dialog.forecast_lines[0].startswith("⊘ Emilia Koski")
    dialog.accept()  # no reason yet: the dialog stays and asks for one
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.reason.isVisibleTo(dialog)
    dialog.reason.setText("Sovittu Emilian kanssa")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted

    # Through the planner: the dialog's reason is recorded with the conflict.
    view = WeekView()
    qtbot.addWidget(view)
    view.status.connect(messages.append)
    view.set_store(store)
    view.show_week(MONDAY)

    def tick(shown: CrewDialog) -> int:
        shown.set_checked(PARTICIPANT, emilia, True)
        shown.reason.setText("Sovittu Emilian kanssa")
        return 1

    monkeypatch.setattr(CrewDialog, "exec", tick)
    assert view.open_crew_dialog(people["gig"])
    with store.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "override")).one()
    assert entry.after is not None and entry.after["reason"] == "Sovittu Emilian kanssa"
    assert [c["kind"] for c in entry.after["conflicts"]] == [ConflictKind.BENEFIT_LIMIT.value]


def test_a_drop_over_the_limit_warns_or_asks_by_the_setting(
    qtbot: QtBot,
    store: Store,
    people: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    view = WeekView()
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.status.connect(messages.append)
    view.set_store(store)
    view.show_week(MONDAY)
    # The people list: the month's figure against the limit, for Emilia only.
    assert view.people_table.month_text_of((PARTICIPANT, people["emilia"])) == "30 / 60\xa0€"
    assert view.people_table.month_text_of((PARTICIPANT, people["ville"])) == ""
    assert view.chart_button.isVisibleTo(view)

    assert view.drop_person(people["gig"], PARTICIPANT, people["emilia"])
    assert messages[-1].startswith("Työryhmä tallennettu varoituksin: Emilia Koski")
    assert view.people_table.month_text_of((PARTICIPANT, people["emilia"])) == ("⚠ 70 / 60\xa0€")
    assert view.remove_person(people["gig"], PARTICIPANT, people["emilia"])

    _blocking(store)
    shown: list[str] = []

    def answer(box: QMessageBox) -> QMessageBox.StandardButton:
        shown.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    assert not view.drop_person(people["gig"], PARTICIPANT, people["emilia"])
    assert len(shown) == 1 and "raja 60\xa0€" in shown[0]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Sovittu", True))
    assert view.drop_person(people["gig"], PARTICIPANT, people["emilia"])


def test_the_chart_dialog_shows_the_weeks_and_everyone(
    qtbot: QtBot, store: Store, people: dict[str, int]
) -> None:
    assign(store, people["gig"], [people["emilia"]], [])
    ids = [people["emilia"], people["ville"]]
    dialog = EarningsChartDialog(store, ids, 2026, 12, people["emilia"])
    qtbot.addWidget(dialog)
    dialog.show()
    lines = dialog.figure_lines()
    # December 2026 touches five ISO weeks (49-53); the bars are the month so far.
    assert [line.removeprefix("⚠ ").split(":")[0] for line in lines] == [
        "viikko 49",
        "viikko 50",
        "viikko 51",
        "viikko 52",
        "viikko 53",
    ]
    assert lines[0].endswith("30\xa0€ / raja 60\xa0€")
    assert lines[1] == "⚠ viikko 50: 7.12.–13.12.: 70\xa0€ / raja 60\xa0€"
    assert len(dialog.chart.bars) == 5 and dialog.chart.bars[1].over
    dialog.choice.setCurrentIndex(0)  # everyone with a profile: Emilia only
    assert dialog.figure_lines() == ["⚠ Emilia Koski: 70\xa0€ / raja 60\xa0€"]
    image = dialog.chart.grab()
    assert not image.isNull()

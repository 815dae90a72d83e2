"""The participant's Money tab, the IBAN in the register's form and the benefit rule
catalogue in Settings, driven through the widgets."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from jobcenter_desktop.db.models import ParticipantBenefit
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.benefits import BenefitCode
from jobcenter_desktop.i18n.formatting import format_date
from jobcenter_desktop.paths import DataFolder
from jobcenter_desktop.queries.benefits import benefit_rule_rows, participant_money
from jobcenter_desktop.queries.centre import load_centre
from jobcenter_desktop.queries.participants import load_participant
from jobcenter_desktop.services.pay.rates import set_rate
from tests.builders import make_participant
from tests.invoicing_data import invoicing_centre
from ui.centre.settings_view import SettingsView
from ui.register_view import RegisterView
from ui.registers.money_tab import MoneyTab
from ui.registers.participants import ParticipantsSpec

NBSP = "\u00a0"


def type_over(qtbot: QtBot, widget: QLineEdit, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def open_money(qtbot: QtBot, store: Store, participant_id: int) -> tuple[RegisterView, MoneyTab]:
    spec = ParticipantsSpec()
    view = RegisterView(spec)
    view.set_store(store)
    qtbot.addWidget(view)
    view.resize(1366, 740)
    view.show()
    qtbot.waitExposed(view)
    view.select_id(participant_id)
    view.open_record(participant_id)
    assert view.record_tabs is not None and spec.money_tab is not None
    view.record_tabs.setCurrentWidget(spec.money_tab)
    return view, spec.money_tab


def number_of(store: Store, participant_id: int) -> str:
    return load_participant(store, participant_id).participant_number


def test_the_rate_history_shows_and_a_raise_is_added_from_a_date(
    qtbot: QtBot, store: Store
) -> None:
    person = make_participant(store)
    set_rate(store, number_of(store, person), "10,00", "1.1.2026")
    _view, tab = open_money(qtbot, store, person)
    assert tab.rates_table.rowCount() == 1
    assert tab.rates_table.item(0, 0).text() == "1.1.2026"
    assert tab.rates_table.item(0, 1).text() == f"10,00{NBSP}€"
    assert "aiemm" in tab.rate_hint.text()  # earlier months keep their pay, in Finnish

    type_over(qtbot, tab.rate_from, "1.6.2026")
    type_over(qtbot, tab.rate_pay, "11,50")
    qtbot.mouseClick(tab.add_rate_button, Qt.MouseButton.LeftButton)
    assert tab.rates_table.rowCount() == 2
    assert tab.rates_table.item(0, 0).text() == "1.6.2026"  # the newest first
    assert tab.rates_table.item(0, 1).text() == f"11,50{NBSP}€"
    facts = participant_money(store, person)
    assert [(r.valid_from, r.hourly_pay) for r in facts.rates] == [
        (date(2026, 1, 1), Decimal("10.00")),
        (date(2026, 6, 1), Decimal("11.50")),
    ]

    type_over(qtbot, tab.rate_from, "1.7.2026")
    type_over(qtbot, tab.rate_pay, "paljon")
    qtbot.keyClick(tab.rate_pay, Qt.Key.Key_Return)
    assert tab.rate_message.isVisible() and "Tuntipalkka" in tab.rate_message.text()
    assert len(participant_money(store, person).rates) == 2


def _profile_count(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(ParticipantBenefit)) or 0)


def test_a_kela_benefit_and_an_earnings_related_pension_with_its_personal_limit(
    qtbot: QtBot, store: Store
) -> None:
    person = make_participant(store)
    _view, tab = open_money(qtbot, store, person)
    assert tab.no_benefits.isVisible() and not tab.cards

    choose(tab.benefit_combo, BenefitCode.KELA_DISABILITY_PENSION.value)
    assert not tab.limit_edit.isEnabled()  # the same limit for everyone: no personal one
    type_over(qtbot, tab.benefit_from, "1.1.2026")
    qtbot.mouseClick(tab.add_benefit_button, Qt.MouseButton.LeftButton)
    assert len(tab.cards) == 1
    kela = tab.cards[0].text.text()
    assert "976,59" in kela and "2026" in kela
    assert "vahvistamaton" in kela  # the 2026 figure is carried over, not confirmed

    choose(tab.benefit_combo, BenefitCode.EARNINGS_RELATED_PENSION.value)
    assert tab.limit_edit.isEnabled()
    qtbot.mouseClick(tab.add_benefit_button, Qt.MouseButton.LeftButton)
    assert tab.benefit_message.isVisible()
    assert "Henkilökohtainen raja" in tab.benefit_message.text()
    assert len(tab.cards) == 1 and _profile_count(store) == 1  # refused: nothing changed

    type_over(qtbot, tab.limit_edit, "1200")
    qtbot.mouseClick(tab.add_benefit_button, Qt.MouseButton.LeftButton)
    assert len(tab.cards) == 2 and _profile_count(store) == 2
    pension = next(c for c in tab.cards if c.row.code is BenefitCode.EARNINGS_RELATED_PENSION)
    assert f"1{NBSP}200,00" in pension.text.text().replace(" ", NBSP)

    # Ending a benefit: its last day shows on the card.
    type_over(qtbot, pension.last_day, "31.12.2026")
    qtbot.mouseClick(pension.end_button, Qt.MouseButton.LeftButton)
    pension = next(c for c in tab.cards if c.row.code is BenefitCode.EARNINGS_RELATED_PENSION)
    assert pension.row.valid_until == date(2026, 12, 31)
    assert "31.12.2026" in pension.text.text()


@pytest.mark.parametrize(
    ("days", "marked"),
    [(-1, True), (10, True), (30, True), (31, False)],
)
def test_the_consent_shows_its_expiry_and_is_marked_when_it_runs_out(
    qtbot: QtBot, store: Store, days: int, marked: bool
) -> None:
    expires = date.today() + timedelta(days=days)
    person = make_participant(
        store,
        consent_date=format_date(date.today() - timedelta(days=400)),
        consent_expires=format_date(expires),
    )
    _view, tab = open_money(qtbot, store, person)
    text = tab.consent_label.text()
    assert format_date(expires) in text
    assert ("⚠" in text) is marked


def test_no_consent_is_said_in_words(qtbot: QtBot, store: Store) -> None:
    _view, tab = open_money(qtbot, store, make_participant(store))
    assert "⚠" in tab.consent_label.text()


def test_the_iban_is_saved_compact_shown_grouped_and_a_wrong_one_refused_at_its_field(
    qtbot: QtBot, store: Store
) -> None:
    person = make_participant(store)
    view, tab = open_money(qtbot, store, person)
    assert view.record_tabs is not None
    view.record_tabs.setCurrentIndex(0)
    iban = view.form.widgets["iban"]
    assert isinstance(iban, QLineEdit)
    type_over(qtbot, iban, "fi2112345600000785")
    assert view.save()
    with store.read() as session:
        from jobcenter_desktop.db.models import Participant

        assert session.get(Participant, person).iban == "FI2112345600000785"  # type: ignore[union-attr]
    assert iban.text() == "FI21 1234 5600 0007 85"
    assert "FI21 1234 5600 0007 85" in tab.iban_label.text()

    type_over(qtbot, iban, "FI21 1234 5600 0007 86")
    assert not view.save()
    assert any("Tilinumero (IBAN)" in m for m in view.form.error_messages())
    assert load_participant(store, person).iban == "FI21 1234 5600 0007 85"  # unchanged


def test_the_money_tab_is_not_offered_for_a_new_participant(qtbot: QtBot, store: Store) -> None:
    person = make_participant(store)
    view, _tab = open_money(qtbot, store, person)
    view.new_record()
    assert view.record_tabs is not None
    assert view.record_tabs.currentIndex() == 0
    assert not view.record_tabs.isTabEnabled(1)


# --- Settings ----------------------------------------------------------------------------------


@pytest.fixture
def settings(qtbot: QtBot, store: Store, tmp_path: Path) -> SettingsView:
    view = SettingsView()
    qtbot.addWidget(view)
    view.set_settings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    view.set_data_folder(DataFolder(tmp_path))
    view.set_store(store)
    view.resize(1366, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_catalogue_adds_a_2027_figure_and_marks_it_confirmed(
    qtbot: QtBot, settings: SettingsView, store: Store
) -> None:
    box = settings.benefit_rules
    before = len(box.texts())
    choose(box.benefit, BenefitCode.KELA_DISABILITY_PENSION.value)
    type_over(qtbot, box.valid_from, "1.1.2027")
    type_over(qtbot, box.figure, "1006")
    type_over(qtbot, box.months, "2")
    type_over(qtbot, box.source, "Kela, 2027")
    qtbot.keyClick(box.source, Qt.Key.Key_Return)
    assert len(box.texts()) == before + 1
    row = next(r for r in benefit_rule_rows(store) if r.valid_from == date(2027, 1, 1))
    assert row.code is BenefitCode.KELA_DISABILITY_PENSION
    assert row.monthly_limit == Decimal("1006.00") and row.exceed_months == 2
    assert row.year == 2027 and not row.confirmed
    shown = box.texts()[[r.id for r in box.model.rows].index(row.id)]
    assert shown[1] == "1.1.2027" and f"1{NBSP}006,00" in shown[2].replace(" ", NBSP)

    assert box.current_id() == row.id
    assert box.confirm_button.isEnabled()
    qtbot.mouseClick(box.confirm_button, Qt.MouseButton.LeftButton)
    row = next(r for r in benefit_rule_rows(store) if r.valid_from == date(2027, 1, 1))
    assert row.confirmed and not box.confirm_button.isEnabled()

    # A reduction rule takes a share; a wrong one is explained and nothing is added.
    choose(box.benefit, BenefitCode.UNEMPLOYMENT_BENEFIT.value)
    type_over(qtbot, box.valid_from, "1.1.2027")
    type_over(qtbot, box.figure, "150")
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    assert box.message.isVisible()
    assert len(box.texts()) == before + 1


def test_the_benefit_limit_blocking_checkbox_saves(
    qtbot: QtBot, settings: SettingsView, store: Store
) -> None:
    invoicing_centre(store)
    settings.revert()
    tick = settings.form.widgets["benefit_limit_blocks"]
    assert isinstance(tick, QCheckBox) and not tick.isChecked()
    tick.setChecked(True)
    assert settings.save()
    saved = load_centre(store)
    assert saved is not None and saved.benefit_limit_blocks and not saved.same_day_rule_blocks
    assert tick.isChecked()

"""The box "Sulkupäivät" in the settings, driven through its widgets."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.i18n.formatting import format_date
from jobcenter_desktop.paths import DataFolder
from jobcenter_desktop.services.planning.gigs import generate_gigs
from jobcenter_desktop.services.registers.closure_days import add_closure_day, list_closure_days
from tests.builders import make_contract
from ui.centre.closure_days_box import ClosureDaysBox
from ui.centre.settings_view import SettingsView

TODAY = date.today()
# A weekday a few weeks ahead, so that a weekly contract has a gig on it.
COMING = TODAY + timedelta(days=21 - TODAY.weekday())


def typed(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


@pytest.fixture
def box(qtbot: QtBot, store: Store) -> ClosureDaysBox:
    widget = ClosureDaysBox()
    qtbot.addWidget(widget)
    widget.set_store(store)
    widget.resize(520, 360)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def messages(box: ClosureDaysBox) -> list[str]:
    seen: list[str] = []
    box.status.connect(seen.append)
    return seen


def stored(store: Store) -> list[tuple[date, str]]:
    return [(row.day, row.reason) for row in list_closure_days(store)]


def test_an_empty_list_says_what_to_do(box: ClosureDaysBox) -> None:
    assert box.title() == "Sulkupäivät"
    assert box.texts() == []
    assert box.empty_note.isVisible()
    assert not box.remove_button.isEnabled()


def test_a_day_typed_with_a_reason_is_added_at_once(
    qtbot: QtBot, box: ClosureDaysBox, store: Store, messages: list[str]
) -> None:
    box.date_edit.setText(typed(COMING))
    box.reason_edit.setText("Henkilöstön koulutus")
    qtbot.keyClick(box.reason_edit, Qt.Key.Key_Return)

    assert stored(store) == [(COMING, "Henkilöstön koulutus")]
    assert messages == ["Tallennettu"]
    assert box.texts() == [f"ma {format_date(COMING)} · Henkilöstön koulutus"]
    assert box.list.currentRow() == 0
    assert box.date_edit.text() == "" and box.reason_edit.text() == ""
    assert not box.message.isVisible()  # no gigs on the day: nothing more to say


def test_a_short_date_means_this_year(qtbot: QtBot, box: ClosureDaysBox, store: Store) -> None:
    box.date_edit.setText("24.12.")
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    assert stored(store) == [(date(TODAY.year, 12, 24), "")]


def test_a_wrong_date_and_a_duplicate_are_refused_in_words(
    qtbot: QtBot, box: ClosureDaysBox, store: Store, messages: list[str]
) -> None:
    box.date_edit.setText("32.13.")
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    assert box.message.isVisible()
    assert box.message.text() == "⚠ Sulkupäivä: ei ole päivämäärä, käytä esim. 5.10.2026"
    assert stored(store) == []

    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    box.date_edit.clear()
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    assert "Sulkupäivä" in box.message.text() and "pakollinen" in box.message.text()

    add_closure_day(store, COMING, "Kesätauko")
    box.date_edit.setText(typed(COMING))
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    assert "on jo sulkupäivä" in box.message.text()
    assert messages[-1] == box.message.text().removeprefix("⚠ ")
    assert stored(store) == [(COMING, "Kesätauko")]


def test_closing_a_day_with_gigs_says_that_they_stay(
    qtbot: QtBot, box: ClosureDaysBox, store: Store
) -> None:
    make_contract(store, weekdays="mon", valid_from=typed(TODAY), status="active")
    generate_gigs(store, until=COMING + timedelta(days=1), today=TODAY)
    box.date_edit.setText(typed(COMING))
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)

    assert box.message.isVisible()
    assert box.message.text().startswith(f"Keikkoja jo päivälle {format_date(COMING)}: 1.")
    assert "peru ne viikkonäkymässä" in box.message.text()


def test_past_days_are_shown_on_request(qtbot: QtBot, box: ClosureDaysBox, store: Store) -> None:
    add_closure_day(store, TODAY - timedelta(days=30), "Vanha")
    add_closure_day(store, COMING, "Tuleva")
    box.reload()
    assert [text.split(" · ")[1] for text in box.texts()] == ["Tuleva"]

    box.show_past.setChecked(True)
    assert [text.split(" · ")[1] for text in box.texts()] == ["Vanha", "Tuleva"]


def test_remove_the_chosen_day(
    qtbot: QtBot, box: ClosureDaysBox, store: Store, messages: list[str]
) -> None:
    add_closure_day(store, COMING, "Koulutus")
    add_closure_day(store, COMING + timedelta(days=7), "Retki")
    box.reload()
    box.list.setCurrentRow(0)
    box.list.setFocus()
    qtbot.keyClick(box.list, Qt.Key.Key_Delete)

    assert stored(store) == [(COMING + timedelta(days=7), "Retki")]
    assert box.list.currentRow() == 0
    assert messages[-1].startswith("Poistettu")


def test_the_settings_show_the_closure_days(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    view = SettingsView()
    qtbot.addWidget(view)
    view.set_settings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    view.set_data_folder(DataFolder(tmp_path))
    add_closure_day(store, COMING, "Koulutus")
    view.set_store(store)
    seen: list[str] = []
    view.status.connect(seen.append)

    assert view.closure_days.texts() == [f"ma {format_date(COMING)} · Koulutus"]
    view.closure_days.date_edit.setText(typed(COMING + timedelta(days=1)))
    view.closure_days.add()
    assert seen == ["Tallennettu"]
    assert not view.dirty  # saved at once; the centre form is untouched

r"""Grab a participant's Money tab and the benefit rule catalogue in Settings, at 1366×768.

    xvfb-run -a -s "-screen 0 1366x768x24" \
        .venv/bin/python scripts/money_tab_screenshot.py [LANGUAGE]

Writes ``docs/screenshots/money-tab.png`` and ``docs/screenshots/benefit-catalogue.png``
on the demo centre, where the first participant is given a raise from a date, an IBAN,
a Kela disability pension and an earnings-related pension with its personal limit, and
a consent expiring within 30 days.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from jobcenter_desktop.db.store import Store  # noqa: E402
from jobcenter_desktop.demo.activity import load_demo_activity  # noqa: E402
from jobcenter_desktop.demo.registers import load_demo_data  # noqa: E402
from jobcenter_desktop.i18n import set_language  # noqa: E402
from jobcenter_desktop.i18n.formatting import format_date  # noqa: E402
from jobcenter_desktop.paths import DataFolder  # noqa: E402
from jobcenter_desktop.queries.participants import list_participants, load_participant  # noqa: E402
from jobcenter_desktop.services.pay.accounts import set_participant_iban  # noqa: E402
from jobcenter_desktop.services.pay.benefits import set_benefit  # noqa: E402
from jobcenter_desktop.services.pay.rates import set_rate  # noqa: E402
from jobcenter_desktop.services.registers.participants import save_participant  # noqa: E402
from ui.app import setup_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.navigation import AREAS  # noqa: E402
from ui.registers.participants import ParticipantsSpec  # noqa: E402

SHOTS = ROOT / "docs" / "screenshots"


def _prepare(store: Store) -> int:
    person = sorted(list_participants(store), key=lambda r: r.id)[0]
    number = person.participant_number
    data = load_participant(store, person.id)
    data.consent_date = format_date(date.today() - timedelta(days=340))
    data.consent_scope = "Kela, TE-palvelut"
    data.consent_expires = format_date(date.today() + timedelta(days=20))
    save_participant(store, data, person.id)
    set_rate(store, number, "10,00", date(date.today().year, 1, 1))
    set_rate(store, number, "10,80", date(date.today().year, 6, 1))
    set_participant_iban(store, number, "FI2112345600000785")
    set_benefit(store, number, "kela_disability_pension", None, date(2024, 3, 1))
    set_benefit(store, number, "earnings_related_pension", "1250,00", date(2025, 1, 1))
    return person.id


def _settle(app: QApplication) -> None:
    for _ in range(30):
        app.processEvents()


def main() -> None:
    set_language(sys.argv[1] if len(sys.argv) > 1 else "fi")
    app = QApplication([])
    setup_application(app)
    folder = DataFolder(Path(tempfile.mkdtemp())).create()
    store = Store.open(folder.database, folder.backups)
    load_demo_data(store)
    load_demo_activity(store)
    participant_id = _prepare(store)
    store.close()
    settings = QSettings(str(folder.root / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(folder, settings)
    window.resize(1366, 768)
    window.move(0, 0)
    window.show()
    window.open_store()
    screen = app.primaryScreen()

    window.nav.setCurrentRow(AREAS.index("participants"))
    view = window.registers["participants"]
    spec = view.spec
    assert isinstance(spec, ParticipantsSpec) and spec.money_tab is not None
    view.select_id(participant_id)
    view.open_record(participant_id)
    assert view.record_tabs is not None
    view.record_tabs.setCurrentWidget(spec.money_tab)
    _settle(app)
    screen.grabWindow(0).copy(0, 0, 1366, 768).save(str(SHOTS / "money-tab.png"))

    window.nav.setCurrentRow(AREAS.index("settings"))
    settings_view = window.settings_view
    _settle(app)
    box = settings_view.benefit_rules
    box.table.selectRow(0)
    scroll = box.parentWidget()
    while scroll is not None and not hasattr(scroll, "ensureWidgetVisible"):
        scroll = scroll.parentWidget()
    if scroll is not None:
        scroll.ensureWidgetVisible(box, 0, 0)  # type: ignore[attr-defined]
    _settle(app)
    screen.grabWindow(0).copy(0, 0, 1366, 768).save(str(SHOTS / "benefit-catalogue.png"))
    print(SHOTS / "money-tab.png", SHOTS / "benefit-catalogue.png")
    window.close()


if __name__ == "__main__":
    main()

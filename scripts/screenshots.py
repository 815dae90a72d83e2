"""Grab the README screenshots from the real window on the demo centre.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [LANGUAGE [AREA ...]]

Writes ``docs/screenshots/<area>.png`` at 1366×768, the smallest screen the
instructors use: every area, or only the AREAs named (e.g. ``fi invoicing``).
Another language than Finnish gets its own files, ``<area>-<language>.png``
(``sv week`` writes ``week-sv.png``), so the README's Finnish pictures stay.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from jobcenter_desktop.db.store import Store  # noqa: E402
from jobcenter_desktop.demo.activity import load_demo_activity  # noqa: E402
from jobcenter_desktop.demo.registers import load_demo_data  # noqa: E402
from jobcenter_desktop.i18n import set_language  # noqa: E402
from jobcenter_desktop.paths import DataFolder  # noqa: E402
from ui.app import setup_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.navigation import AREAS  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def _picture(name: str, language: str) -> Path:
    """``week.png`` in Finnish, ``week-sv.png`` in Swedish, ``week-en.png`` in English."""
    return OUT / (f"{name}.png" if language == "fi" else f"{name}-{language}.png")


def main() -> None:
    language = sys.argv[1] if len(sys.argv) > 1 else "fi"
    set_language(language)
    app = QApplication([])
    setup_application(app)
    folder = DataFolder(Path(tempfile.mkdtemp())).create()
    store = Store.open(folder.database, folder.backups)
    load_demo_data(store)
    load_demo_activity(store)
    store.close()
    settings = QSettings(str(folder.root / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(folder, settings)
    window.resize(1366, 768)
    window.show()
    window.open_store()
    OUT.mkdir(parents=True, exist_ok=True)
    wanted = set(sys.argv[2:]) or set(AREAS)
    for row, name in enumerate(AREAS):
        if name not in wanted:
            continue
        window.nav.setCurrentRow(row)
        view = window.registers.get(name)
        if view is not None and view.proxy.rowCount():
            view.table.selectRow(min(2, view.proxy.rowCount() - 1))
        if name in ("timesheets", "attendance"):
            # Last week: recorded, approved and attended (this week may have no past days yet).
            getattr(window, f"{name}_view").previous_week()
        if name in ("invoicing", "pay"):
            # The month of last week's approved hours (last month early in a month).
            day = date.today() - timedelta(days=7)
            panel = window.invoicing_view.drafts_panel if name == "invoicing" else None
            (panel or window.pay_view.panel).period.set_month(day.year, day.month)
        app.processEvents()
        window.grab().save(str(_picture(name, language)))
        print(_picture(name, language))
        if name == "invoicing":
            _issued_list(app, window, language)
        if name == "pay":
            _confirmed_runs(app, window, language)
    window.close()


def _issued_list(app: QApplication, window: MainWindow, language: str) -> None:
    """The month issued, one invoice paid: the issued list with its states."""
    store = window.store
    assert store is not None
    from jobcenter_desktop.services.invoicing.issuing import issue_run
    from jobcenter_desktop.services.invoicing.payments import record_payment
    from jobcenter_desktop.services.invoicing.pricing import Period

    day = date.today() - timedelta(days=7)
    issued = issue_run(store, Period.month(f"{day:%Y-%m}"))
    if issued:
        record_payment(store, issued[0].number, issued[0].total, date.today())
    window.invoicing_view.show_issued()
    window.invoicing_view.reload()
    app.processEvents()
    window.grab().save(str(_picture("invoices-issued", language)))
    print(_picture("invoices-issued", language))


def _confirmed_runs(app: QApplication, window: MainWindow, language: str) -> None:
    """The month's pay run confirmed: the list of confirmed runs."""
    store = window.store
    assert store is not None
    from jobcenter_desktop.interchange.payroll_export import confirm_pay_run

    start, end = window.pay_view.period()
    confirm_pay_run(store, start, end, Path(tempfile.mkdtemp()))
    window.pay_view.reload()
    window.pay_view.show_runs()
    app.processEvents()
    window.grab().save(str(_picture("pay-runs", language)))
    print(_picture("pay-runs", language))


if __name__ == "__main__":
    main()

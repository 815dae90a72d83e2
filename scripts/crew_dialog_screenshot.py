r"""Grab the crew dialog over the week planner on the demo centre, at 1366×768.

    xvfb-run -a -s "-screen 0 1366x768x24" \
        .venv/bin/python scripts/crew_dialog_screenshot.py [LANGUAGE] [--forecast]

Writes ``docs/screenshots/crew-dialog.png``: the demo week's gig whose crew lacks a
required qualification, the dialog's search typed, and one more person ticked, so
that the hours, the qualifications and the live conflicts all show. The screen is
grabbed (the dialog is a window of its own), so run it under a real or virtual X
server, not ``offscreen``.

With ``--forecast`` (issue 10) the people on the gig and the one ticked get benefit
profiles first (the Kela limit for the crew, a low personal limit for the one ticked,
so that the gig takes them over it), and the picture is
``docs/screenshots/crew-dialog-forecast.png``: the earnings column and the forecast lines.
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
from sqlalchemy import select  # noqa: E402

from jobcenter_desktop.db.models import Participant  # noqa: E402
from jobcenter_desktop.db.store import Store  # noqa: E402
from jobcenter_desktop.demo.activity import load_demo_activity  # noqa: E402
from jobcenter_desktop.demo.registers import load_demo_data  # noqa: E402
from jobcenter_desktop.i18n import set_language  # noqa: E402
from jobcenter_desktop.paths import DataFolder  # noqa: E402
from jobcenter_desktop.queries.people import PARTICIPANT  # noqa: E402
from jobcenter_desktop.services.pay.benefits import set_benefit  # noqa: E402
from ui.app import setup_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.planner.crew_dialog import CrewDialog  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "crew-dialog.png"
FORECAST_OUT = ROOT / "docs" / "screenshots" / "crew-dialog-forecast.png"


def main() -> None:
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    forecast = "--forecast" in sys.argv[1:]
    set_language(args[0] if args else "fi")
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
    window.move(0, 0)
    window.show()
    window.open_store()
    planner = window.week_view
    planner.show_week(date.today() + timedelta(days=7 if date.today().weekday() >= 4 else 0))
    app.processEvents()
    # The gig the demo leaves with a conflict, else the first staffed one ahead.
    ahead = [g for g in planner.gigs if g.day >= date.today() and g.participants]
    gig = next((g for g in ahead if planner.conflicts.get(g.id)), ahead[0])
    planner.focus_gig(gig.id)
    assert planner.store is not None
    on_gig = {m.id for m in gig.participants}
    extra_id = next(p.id for p in planner.people if p.kind == PARTICIPANT and p.id not in on_gig)
    if forecast:
        with planner.store.read() as session:
            numbers = dict(
                session.execute(select(Participant.id, Participant.participant_number)).all()
            )
        for member in gig.participants:
            set_benefit(planner.store, numbers[member.id], "kela_disability_pension")
        set_benefit(planner.store, numbers[extra_id], "earnings_related_pension", "45,00")
        planner.reload()
        gig = next(g for g in planner.gigs if g.id == gig.id)
    dialog = CrewDialog(gig, planner.people, planner.store, planner)
    dialog.show()
    dialog.move(
        window.x() + (window.width() - dialog.width()) // 2,
        window.y() + (window.height() - dialog.height()) // 2,
    )
    dialog.set_checked(PARTICIPANT, extra_id, True)
    for _ in range(20):
        app.processEvents()
    screen = app.primaryScreen()
    out = FORECAST_OUT if forecast else OUT
    screen.grabWindow(0).copy(0, 0, 1366, 768).save(str(out))
    print(out)
    dialog.reject()
    window.close()


if __name__ == "__main__":
    main()

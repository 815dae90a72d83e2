"""Grab the File menu open over the demo centre, for the README.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python scripts/file_menu_screenshot.py

A menu is a window of its own, so this needs a real (virtual) screen rather than
the offscreen platform: the whole screen is grabbed. Writes
``docs/screenshots/file-menu.png``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from jobcenter_desktop.db.store import Store  # noqa: E402
from jobcenter_desktop.demo.activity import load_demo_activity  # noqa: E402
from jobcenter_desktop.demo.registers import load_demo_data  # noqa: E402
from jobcenter_desktop.i18n import set_language  # noqa: E402
from jobcenter_desktop.paths import DataFolder  # noqa: E402
from ui.app import setup_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "file-menu.png"


def main() -> None:
    set_language(sys.argv[1] if len(sys.argv) > 1 else "fi")
    app = QApplication([])
    setup_application(app)
    folder = DataFolder(Path(tempfile.mkdtemp())).create()
    store = Store.open(folder.database, folder.backups)
    load_demo_data(store)
    load_demo_activity(store)
    store.close()
    settings = QSettings(str(folder.root / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(folder, settings)
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    window.open_store()
    file_menu = window.menuBar().actions()[0]

    def open_menu() -> None:
        window.activateWindow()
        window.menuBar().setActiveAction(file_menu)

    def grab() -> None:
        screen = app.primaryScreen()
        OUT.parent.mkdir(parents=True, exist_ok=True)
        screen.grabWindow(0).copy(0, 0, 1366, 768).save(str(OUT))
        print(OUT)
        app.quit()

    QTimer.singleShot(800, open_menu)
    QTimer.singleShot(1800, grab)
    app.exec()
    window.close()


if __name__ == "__main__":
    main()

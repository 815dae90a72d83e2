"""Grab what the window says when its data file is damaged, for the README.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python scripts/damaged_store_screenshot.py

A message box is a window of its own, so this needs a real (virtual) screen: the
whole screen is grabbed. Writes ``docs/screenshots/damaged-store.png``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from jobcenter_desktop.db.backups import make_backup  # noqa: E402
from jobcenter_desktop.db.store import Store  # noqa: E402
from jobcenter_desktop.demo.registers import load_demo_data  # noqa: E402
from jobcenter_desktop.i18n import set_language  # noqa: E402
from jobcenter_desktop.paths import DataFolder  # noqa: E402
from ui.app import setup_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "damaged-store.png"


def main() -> None:
    set_language(sys.argv[1] if len(sys.argv) > 1 else "fi")
    app = QApplication([])
    setup_application(app)
    folder = DataFolder(Path(tempfile.mkdtemp())).create()
    store = Store.open(folder.database, folder.backups)
    load_demo_data(store)
    store.close()
    make_backup(folder.database, folder.backups, "daily")
    with folder.database.open("r+b") as damaged:  # a disk error in the file's first page
        damaged.write(b"\x00" * 100)
    settings = QSettings(str(folder.root / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(folder, settings)
    window.setGeometry(0, 0, 1366, 768)
    window.show()

    def grab_and_close() -> None:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        app.primaryScreen().grabWindow(0).copy(0, 0, 1366, 768).save(str(OUT))
        print(OUT)
        box = app.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.buttons()[-1].click()  # close the program

    QTimer.singleShot(1200, grab_and_close)
    QTimer.singleShot(300, window.open_store)
    app.exec()


if __name__ == "__main__":
    main()

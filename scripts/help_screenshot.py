"""Grab the F1 help over the timesheets area on the demo centre, at 1366×768.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/help_screenshot.py [LANGUAGE]

Writes ``docs/screenshots/help.png`` (``help-<language>.png`` for another language).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QSettings  # noqa: E402
from PySide6.QtGui import QColor, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from jobcenter_desktop.db.store import Store  # noqa: E402
from jobcenter_desktop.demo.activity import load_demo_activity  # noqa: E402
from jobcenter_desktop.demo.registers import load_demo_data  # noqa: E402
from jobcenter_desktop.i18n import set_language  # noqa: E402
from jobcenter_desktop.paths import DataFolder  # noqa: E402
from ui.app import setup_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.navigation import AREAS  # noqa: E402


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
    window.nav.setCurrentRow(AREAS.index("timesheets"))
    dialog = window.show_help()
    app.processEvents()
    # The dialog over the window, where a window manager would centre it.
    picture = window.grab()
    corner = QPoint(
        (picture.width() - dialog.width()) // 2, (picture.height() - dialog.height()) // 2
    )
    painter = QPainter(picture)
    painter.drawPixmap(corner, dialog.grab())
    painter.setPen(QColor("#808080"))
    painter.drawRect(corner.x() - 1, corner.y() - 1, dialog.width() + 1, dialog.height() + 1)
    painter.end()
    name = "help.png" if language == "fi" else f"help-{language}.png"
    target = ROOT / "docs" / "screenshots" / name
    picture.save(str(target))
    print(target)
    dialog.close()
    window.close()


if __name__ == "__main__":
    main()

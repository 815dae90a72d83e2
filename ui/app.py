"""Start the window: language, fonts, Qt's own translations, the error dialog, the store."""

from __future__ import annotations

import argparse
import atexit
import os
import sys
import tempfile
from typing import TYPE_CHECKING

from jobcenter_desktop import APP_NAME
from jobcenter_desktop.i18n import current_language, set_language
from jobcenter_desktop.logs import setup_logging
from jobcenter_desktop.paths import data_folder
from jobcenter_desktop.resources import resources_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow


def run(args: argparse.Namespace) -> int:
    """Open the main window; with ``--smoke`` check it opens offscreen, print OK, exit."""
    from PySide6.QtCore import QTimer

    app, window = open_window(args)

    def start() -> None:
        opened = window.open_store()
        if args.smoke:
            ok = opened and window.isVisible() and window.store is not None
            print("OK" if ok else "FAILED", flush=True)
            window.close()
            app.exit(0 if ok else 1)
        elif opened:
            window.run_first_start()

    # Paint the window first, then open the store: the user sees it at once.
    QTimer.singleShot(0, start)
    return app.exec()


def open_window(args: argparse.Namespace) -> tuple[QApplication, MainWindow]:
    """The application set up and the main window shown, its store not opened yet.

    Only what the first paint needs is imported here: the window builds the area it
    shows, and each other area (with its modules) on its first visit.
    """
    if args.smoke:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    data_dir = args.data_dir
    if args.smoke and not data_dir and not os.environ.get("JOBCENTER_DATA_DIR"):
        data_dir = tempfile.mkdtemp(prefix="jobcenter-smoke-")
        atexit.register(remove_smoke_folder, data_dir)
    folder = data_folder(data_dir).create()
    log_file = setup_logging(folder.logs)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    settings = QSettings(str(folder.root / "window.ini"), QSettings.Format.IniFormat)
    if not args.lang:
        set_language(str(settings.value("language", "fi")))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    setup_application(app)

    from ui.errors import ErrorReporter
    from ui.main_window import MainWindow

    ErrorReporter(log_file).install()
    route_qt_messages()
    window = MainWindow(folder, settings)
    window.show()
    return app, window


def setup_application(app: object) -> None:
    """Application name, bundled fonts, Qt's own dialogs in the chosen language and the
    wheel guard (the wheel changes a field only when it has the keyboard).

    The GUI tests call this too (tests/gui/conftest.py), so they run as the window does.
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtGui import QFont, QFontDatabase, QIcon
    from PySide6.QtWidgets import QApplication

    from ui.wheel_guard import install_wheel_guard

    assert isinstance(app, QApplication)
    install_wheel_guard(app)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Jobcenter")
    fonts = resources_dir() / "fonts"
    families = []
    for font_file in sorted(fonts.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        families += QFontDatabase.applicationFontFamilies(font_id)
    if sys.platform.startswith("linux") and families:
        # The same type on every Linux workstation, also where no fonts are installed.
        app.setFont(QFont(families[0], 10))
    icon = resources_dir() / "icons" / "jobcenter.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    language = current_language()
    # Swedish as written in Finland (sv_FI), as Babel formats it for the Swedish window.
    qt_locale = {"fi": "fi_FI", "sv": "sv_FI"}.get(language)
    QLocale.setDefault(QLocale(qt_locale) if qt_locale else QLocale(QLocale.Language.English))
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase",):
        translator = QTranslator(app)
        if translator.load(f"{name}_{language}", translations):
            app.installTranslator(translator)


def route_qt_messages() -> None:
    """Qt's own warnings go to the log file, not to the user's terminal."""
    import logging

    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")

    def handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        qt_log.warning("%s", message)

    qInstallMessageHandler(handler)


def remove_smoke_folder(path: str) -> None:
    """Remove the throw-away data folder of a ``--smoke`` start without ``--data-dir``
    (at exit: its log file is closed first, so that Windows lets it go)."""
    import logging
    import shutil

    root = logging.getLogger()
    for handler in list(root.handlers):
        if str(getattr(handler, "baseFilename", "")).startswith(path):
            root.removeHandler(handler)
            handler.close()
    shutil.rmtree(path, ignore_errors=True)

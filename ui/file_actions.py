"""The File menu: demo data, imports, the data folder, about."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from jobcenter_desktop import APP_NAME, __version__
from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import gettext as _
from ui.background import BackgroundTask

if TYPE_CHECKING:
    from ui.main_window import MainWindow

IMPORTS = (
    ("participants", "Ctrl+Shift+1"),
    ("customers", "Ctrl+Shift+2"),
    ("contracts", "Ctrl+Shift+3"),
)


class FileActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def actions(self) -> list[QAction]:
        result = []
        demo = QAction(_("Load &demo data"), self.window)
        demo.triggered.connect(self.load_demo_data)
        result.append(demo)
        titles = {
            "participants": _("Import &participants…"),
            "customers": _("Import &customers…"),
            "contracts": _("Import c&ontracts…"),
        }
        for register, keys in IMPORTS:
            action = QAction(titles[register], self.window)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _checked=False, r=register: self.import_register(r))
            result.append(action)
        folder = QAction(_("Open the data &folder"), self.window)
        folder.triggered.connect(self.open_data_folder)
        result.append(folder)
        return result

    def _run(self, label: str, work: Any, done: Any) -> None:
        BackgroundTask(self.window, label, work, done, self._failed).start()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError | ValidationError):
            QMessageBox.warning(self.window, _("Nothing was changed"), str(error))
            return
        raise error  # the error reporter logs it and shows the calm dialog

    def load_demo_data(self) -> None:
        store = self.window.store
        if store is None:
            return
        from jobcenter_desktop.demo.activity import load_demo_activity
        from jobcenter_desktop.demo.registers import load_demo_data

        def load() -> str:
            return f"{load_demo_data(store)} {load_demo_activity(store)}"

        def done(summary: str) -> None:
            self.window.refresh_all()
            self.window.show_status(summary)

        self._run(_("Loading demo data…"), load, done)

    def import_register(self, register: str) -> None:
        store = self.window.store
        if store is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self.window,
            _("Import"),
            "",
            _("Spreadsheets (*.csv *.xlsx);;All files (*)"),
        )
        if not path:
            return
        from jobcenter_desktop.interchange.importing import import_file

        # The register's list is built (areas are built on their first visit) before the
        # rows go in, so that it shows them when they are in, like every list then open.
        self.window.registers.get(register)

        def done(count: int) -> None:
            self.window.refresh_all()
            self.window.show_status(_("Imported {count} rows").format(count=count))

        self._run(_("Importing…"), lambda: import_file(store, register, Path(path)), done)

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.window.folder.root)))

    def about(self) -> None:
        QMessageBox.about(
            self.window,
            APP_NAME,
            _("{name} {version}\nData folder: {folder}").format(
                name=APP_NAME, version=__version__, folder=self.window.folder.root
            ),
        )

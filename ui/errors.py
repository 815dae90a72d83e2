"""Unexpected errors: written to the log, shown as one calm dialog, never a traceback."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from jobcenter_desktop.i18n import gettext as _

log = logging.getLogger("jobcenter")


class ErrorReporter:
    """Replaces ``sys.excepthook`` while the window is open."""

    def __init__(self, log_file: Path) -> None:
        self.log_file = log_file
        self._showing = False

    def install(self) -> None:
        sys.excepthook = self.handle

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        log.error("Unexpected error", exc_info=(kind, error, trace))
        if self._showing or QApplication.instance() is None:
            return  # one dialog at a time; the rest are in the log
        self._showing = True
        try:
            box = QMessageBox(QApplication.activeWindow())
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(_("Something went wrong"))
            box.setText(
                _(
                    "Something unexpected happened and the last action was not completed. "
                    "Your saved data is safe: a change is saved whole or not at all."
                )
            )
            box.setInformativeText(
                _("The details were written to the log file:\n{path}").format(path=self.log_file)
            )
            box.exec()
        finally:
            self._showing = False

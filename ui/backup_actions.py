"""File → Back up now and Restore…, and the day's automatic backup when the window starts.

The copying runs in a plain Python thread that touches no Qt object; a timer on the
GUI thread moves the progress bar and reports the end. The thread also finishes its
file work if the window closes meanwhile (the interpreter waits for it), so a copy
is never cut off half written.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from jobcenter_desktop.db.backups import (
    BackupError,
    Progress,
    Restored,
    backup_info,
    daily_backup,
    daily_backup_due,
    make_backup,
    restore_file,
)
from jobcenter_desktop.db.migrate import StoreTooNewError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_time

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)
POLL_MS = 50


class _Job:
    """Work in a thread of its own; the GUI thread reads ``done``/``total`` and the outcome."""

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        self.work = work
        self.done = 0
        self.total = 0
        self.result: Any = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="jobcenter-backup")

    def _run(self) -> None:
        try:
            self.result = self.work(self._progress)
        except Exception as error:  # handed to the GUI thread, which decides what to show
            self.error = error

    def _progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total


class _ProgressDialog(QProgressDialog):
    """A progress bar that the user cannot close: the copy is finished, never cut off."""

    def __init__(self, label: str, parent: QWidget) -> None:
        super().__init__(label, "", 0, 0, parent)
        self.setCancelButton(None)  # type: ignore[arg-type]
        self.setWindowTitle(label)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(300)
        self.setAutoClose(False)
        self.setAutoReset(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() != Qt.Key.Key_Escape:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()


class BackupActions:
    """The window's backups: actions for the File menu and the daily backup."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.job: _Job | None = None
        self._dialog: _ProgressDialog | None = None
        self._polling = False
        self._done: Callable[[Any], None] = lambda _result: None
        self._failed: Callable[[BaseException], None] = lambda _error: None
        self._timer = QTimer(window)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def actions(self) -> list[QAction]:
        back_up = QAction(_("&Back up now"), self.window)
        back_up.setShortcut(QKeySequence("Ctrl+Shift+B"))
        back_up.setStatusTip(_("Make a verified copy of the data in the backups folder."))
        back_up.triggered.connect(self.back_up_now)
        restore = QAction(_("&Restore…"), self.window)
        restore.setStatusTip(_("Replace the data with a backup; the current data is kept."))
        restore.triggered.connect(self.restore)
        return [back_up, restore]

    @property
    def busy(self) -> bool:
        return self.job is not None

    # --- the actions ----------------------------------------------------------------------------

    def back_up_now(self) -> None:
        if self._refuse_while_busy():
            return
        folder = self.window.folder

        def done(path: Path) -> None:
            self.window.show_status(_("Backup saved: {path}").format(path=path))

        self._start(
            _("Backing up…"),
            lambda progress: make_backup(folder.database, folder.backups, progress=progress),
            done,
            self._refused,
        )

    def restore(self) -> None:
        if self._refuse_while_busy():
            return
        path, _filter = QFileDialog.getOpenFileName(
            self.window,
            _("Restore a backup"),
            str(self.window.folder.backups),
            _("Backups (*.db);;All files (*)"),
        )
        if path:
            self.restore_from(Path(path))

    def restore_from(self, source: Path, *, ask: bool = True) -> None:
        """Ask (unless the user already chose it), then put the backup ``source`` in place
        of the data and reopen the store."""
        if self._refuse_while_busy():
            return
        try:
            info = backup_info(source)
        except OSError:
            self._refused(BackupError(_("{file} could not be read.").format(file=source)))
            return
        question = _(
            "Replace the data with the backup {file} of {date} at {time}?\n\n"
            "Everything saved after it is replaced. The current data is backed up "
            "first into {folder}."
        ).format(
            file=source.name,
            date=format_date(info.taken.date()),
            time=format_time(info.taken.time()),
            folder=self.window.folder.backups,
        )
        if ask:
            answer = QMessageBox.question(
                self.window,
                _("Restore a backup"),
                question,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if not self.window._current_confirms_discard():
            return
        # No connection of this window may stay open while the file is replaced.
        if self.window.store is not None:
            self.window.store.close()
        folder = self.window.folder

        def done(restored: Restored) -> None:
            if self.window.open_store():  # upgrades a backup from an older version
                self.window.show_status(
                    _("Restored {file}; the data before it was backed up: {backup}").format(
                        file=restored.source.name, backup=restored.safety_backup
                    )
                )

        def failed(error: BaseException) -> None:
            self.window.open_store()  # the data as it was: nothing was replaced
            self._refused(error)

        self._start(
            _("Restoring…"),
            lambda progress: restore_file(
                folder.database, folder.backups, source, progress=progress
            ),
            done,
            failed,
        )

    def start_daily_backup(self) -> None:
        """The day's automatic backup, in the background, if none was taken today."""
        store = self.window.store
        folder = self.window.folder
        if store is None or store.path is None or self.busy:
            return
        if not daily_backup_due(folder.backups):
            return

        def done(path: Path | None) -> None:
            if path is not None:
                self.window.show_status(_("Daily backup saved: {path}").format(path=path))

        def failed(error: BaseException) -> None:
            log.warning("The daily backup failed", exc_info=error)
            self.window.show_status(
                _("The daily backup was not made: {reason}").format(reason=error)
            )

        self._start(
            None,
            lambda progress: daily_backup(folder.database, folder.backups, progress=progress),
            done,
            failed,
        )

    def wait(self) -> None:
        """Block until the running copy has finished (tests; closing in a hurry)."""
        if self.job is not None:
            self.job.thread.join()
            self._poll()

    # --- running --------------------------------------------------------------------------------

    def _start(
        self,
        label: str | None,
        work: Callable[[Progress], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Run ``work`` off the GUI thread; ``label`` None runs it without a dialog."""
        self.job = _Job(work)
        self._done, self._failed = done, failed
        self._dialog = _ProgressDialog(label, self.window) if label is not None else None
        self.job.thread.start()
        self._timer.start()

    def _poll(self) -> None:
        job = self.job
        if job is None or self._polling:
            return
        if self._dialog is not None and job.total:
            # A window-modal progress dialog runs the event loop inside setValue: this
            # timer must not finish the job from in there as well.
            self._polling = True
            try:
                self._dialog.setMaximum(job.total)
                self._dialog.setValue(min(job.done, job.total))
            finally:
                self._polling = False
        if job.thread.is_alive():
            return
        self._timer.stop()
        self.job = None
        if self._dialog is not None:
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None
        if job.error is not None:
            self._failed(job.error)
        else:
            self._done(job.result)

    def _refuse_while_busy(self) -> bool:
        if self.busy:
            self.window.show_status(
                _("A backup is being made. Try again when it is ready (a moment).")
            )
        return self.busy

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, BackupError | StoreTooNewError):
            QMessageBox.warning(self.window, _("Nothing was changed"), str(error))
            return
        raise error  # the error reporter logs it and shows the calm dialog

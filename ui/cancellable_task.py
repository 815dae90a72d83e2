"""Long work that counts its steps and can be cancelled: a thread, a progress bar with
"x / y" and a Cancel button that works.

:class:`~ui.background.BackgroundTask` is for work that is all or nothing and short
enough to wait for; this is for work such as an invoice run, which asks "cancelled?"
between its steps and then stops with nothing saved.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.i18n import gettext as _

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
#: The work gets ``progress(done, total)`` to call after each step and ``cancelled()``
#: to ask between steps.
Work = Callable[[Progress, Cancelled], Any]


class ProgressDialog(QDialog):
    """The label, a bar that reads "x / y", and Cancel (Esc cancels too)."""

    cancel_requested = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(label)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(380)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first step is counted
        self.bar.setFormat("%v / %m")
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton(_("Cancel (Esc)"))
        self.cancel_button.clicked.connect(self.request_cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        self.finished_work = False

    def show_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def request_cancel(self) -> None:
        if not self.cancel_button.isEnabled():
            return
        self.cancel_button.setEnabled(False)
        self.label.setText(_("Cancelling… nothing is saved."))
        self.cancel_requested.emit()

    def reject(self) -> None:  # Esc and the window's close button
        if self.finished_work:
            super().reject()
        else:
            self.request_cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.finished_work:
            event.accept()
        else:
            event.ignore()
            self.request_cancel()


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, cancel: threading.Event) -> None:
        super().__init__()
        self.work = work
        self.cancel = cancel

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.progressed.emit, self.cancel.is_set)
        except Exception as error:  # handed to the GUI thread, which decides what to show
            self.failed.emit(error)
        else:
            self.finished.emit(result)


class CancellableTask(QObject):
    """Runs ``work(progress, cancelled)`` in a thread behind a :class:`ProgressDialog`;
    ``done(result)`` or ``failed(error)`` is called on the GUI thread afterwards."""

    def __init__(
        self,
        parent: QWidget,
        label: str,
        work: Work,
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        super().__init__(parent)
        self._done = done
        self._failed = failed
        self.cancel_event = threading.Event()
        self.dialog = ProgressDialog(label, parent)
        self.dialog.cancel_requested.connect(self.cancel)
        self.thread = QThread(self)
        self.worker = _Worker(work, self.cancel_event)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # Slots of objects in the GUI thread: the calls are queued there.
        self.worker.progressed.connect(self.dialog.show_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)

    def start(self) -> None:
        self.dialog.show()
        self.thread.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next step (safe from any thread)."""
        self.cancel_event.set()

    def _stop(self) -> None:
        self.thread.quit()
        self.thread.wait()
        self.dialog.finished_work = True
        self.dialog.close()
        self.dialog.deleteLater()
        owner = self.dialog.parentWidget()
        if owner is not None:
            owner.window().activateWindow()  # the keyboard goes back where the work began
        self.worker.deleteLater()
        self.deleteLater()

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        self._stop()
        self._done(result)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._stop()
        self._failed(error)

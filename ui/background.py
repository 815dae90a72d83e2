"""Long work off the GUI thread, behind a progress dialog, so the window never freezes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Worker(QObject):
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work

    @Slot()
    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the GUI thread, which decides what to show
            self.failed.emit(error)
        else:
            self.finished.emit(result)


class BackgroundTask(QObject):
    """Runs ``work`` in a thread with a busy progress dialog; calls back on the GUI thread.

    The work runs in one store transaction (all or nothing), so it has no cancel
    button: it is never left half done.
    """

    def __init__(
        self,
        parent: QWidget,
        label: str,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        super().__init__(parent)
        self._done = done
        self._failed = failed
        self.dialog = QProgressDialog(label, "", 0, 0, parent)
        self.dialog.setCancelButton(None)  # type: ignore[arg-type]
        self.dialog.setMinimumDuration(300)
        self.dialog.setWindowTitle(label)
        self.thread = QThread(self)
        self.worker = _Worker(work)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # Slots of this object, which lives in the GUI thread: the calls are queued there.
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)

    def start(self) -> None:
        self.thread.start()

    def _stop(self) -> None:
        self.dialog.reset()
        self.thread.quit()
        self.thread.wait()
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

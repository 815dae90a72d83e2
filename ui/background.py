"""Long work off the GUI thread, behind a progress dialog, so the window never freezes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Worker(QObject):
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the GUI thread, which decides what to show
            self.failed.emit(error)
        else:
            self.finished.emit(result)


def run_in_background(
    parent: QWidget,
    label: str,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None],
) -> QThread:
    """Run ``work`` in a thread with a busy progress dialog; call back on the GUI thread.

    The work runs in one store transaction (all or nothing), so it has no cancel
    button: it is never left half done.
    """
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(300)
    dialog.setWindowTitle(label)
    thread = QThread(parent)
    worker = _Worker(work)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        dialog.reset()
        thread.quit()
        thread.wait()
        worker.deleteLater()
        callback(value)

    worker.finished.connect(lambda result: finish(done, result))
    worker.failed.connect(lambda error: finish(failed, error))
    thread.start()
    return thread

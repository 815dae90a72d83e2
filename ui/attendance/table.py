"""The attendance grid's keyboard: a letter sets the day, digits type an allowance."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from jobcenter_desktop.domain.enums import AttendanceStatus
from jobcenter_desktop.i18n import current_language

# One letter per status, from the word in the user's language (Läsnä, Poissa, Työssä…).
_STATUS_KEYS = {
    "fi": {
        "L": AttendanceStatus.PRESENT,
        "P": AttendanceStatus.ABSENT,
        "T": AttendanceStatus.PAID_WORK,
    },
    "sv": {
        "N": AttendanceStatus.PRESENT,
        "F": AttendanceStatus.ABSENT,
        "A": AttendanceStatus.PAID_WORK,
    },
    "en": {
        "P": AttendanceStatus.PRESENT,
        "A": AttendanceStatus.ABSENT,
        "W": AttendanceStatus.PAID_WORK,
    },
}
# What starts typing an allowance in the cell (a minus too, so that it is refused in words).
_AMOUNT_START = set("0123456789,.-")


def status_keys() -> dict[str, AttendanceStatus]:
    """The letter of each status in the current language."""
    return _STATUS_KEYS.get(current_language(), _STATUS_KEYS["en"])


def key_of(status: AttendanceStatus) -> str:
    return next(key for key, value in status_keys().items() if value is status)


class AttendanceTable(QTableView):
    """Arrows move; a status letter, Delete and Enter act on the current day."""

    #: a status letter was pressed on a day
    status_chosen = Signal(object)
    #: Delete or Backspace on a day
    clear_requested = Signal()
    #: Enter on a day, or a double click
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(False)  # Tab leaves the grid, as in every other form
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(120)
        self.doubleClicked.connect(self._double_clicked)

    def _on_day(self) -> bool:
        index = self.currentIndex()
        return index.isValid() and index.column() > 0

    def _double_clicked(self, *_args: object) -> None:
        if self._on_day():
            self.open_requested.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        key = event.key()
        text = event.text().strip().upper()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._on_day():
            self.clear_requested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._on_day():
            self.open_requested.emit()
        elif plain and text in status_keys() and self._on_day():
            self.status_chosen.emit(status_keys()[text])
        elif plain and text and text[0] in _AMOUNT_START:
            super().keyPressEvent(event)  # starts editing the cell with that character
        elif plain and text:
            event.accept()  # other letters would only open an editor that then refuses them
        else:
            super().keyPressEvent(event)

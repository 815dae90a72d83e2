"""The area "Läsnäolo": the work-activity days of a week, a row per participant.

Every change is saved at once, one day in one transaction; the same-day rule of
the planner reads these days.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import AttendanceStatus
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services.timesheets.attendance import clear_attendance, record_day
from ui.attendance.day_dialog import DayDialog
from ui.attendance.table import AttendanceTable, key_of
from ui.attendance.week_model import (
    DAY_ROLE,
    PARTICIPANT_ROLE,
    AttendanceWeekModel,
    NameFilter,
    over_cap_text,
)
from ui.forms import ERROR_STYLE, area_shortcut, error_text
from ui.planner.day_board import day_heading, monday_of
from ui.week_buttons import WeekButtons, WeekPaging


def _hint_text() -> str:
    return _(
        "{present} present · {absent} absent · {paid} on paid work · type an amount: present "
        "with that allowance · Delete clears · Enter opens the day"
    ).format(
        present=key_of(AttendanceStatus.PRESENT),
        absent=key_of(AttendanceStatus.ABSENT),
        paid=key_of(AttendanceStatus.PAID_WORK),
    )


class AttendanceView(WeekPaging, QWidget):
    """The week grid; ``status`` says what just happened ("Tallennettu")."""

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.monday = monday_of(date.today())

        self.week_buttons = WeekButtons(self, self.previous_week, self.this_week, self.next_week)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(150)
        self.search.setMaximumWidth(260)
        top = self.week_buttons.row()
        top.addWidget(self.week_buttons.title)
        top.addStretch(1)
        top.addWidget(self.search)

        self.model = AttendanceWeekModel(self)
        self.proxy = NameFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = AttendanceTable()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(_("Attendance"))
        self.hint = QLabel(_hint_text())
        self.hint.setWordWrap(True)
        self.note = QLabel()  # the empty state and the days over the cap, in words
        self.note.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        layout.addWidget(self.hint)

        self.search.textChanged.connect(self.proxy.set_text)
        self.search.returnPressed.connect(self.focus_start)
        # Queued: the cell editor has closed before the week is read again.
        self.model.typed.connect(self._typed, Qt.ConnectionType.QueuedConnection)
        self.table.status_chosen.connect(self._status_chosen)
        self.table.clear_requested.connect(self.clear_day)
        self.table.open_requested.connect(self.open_day)
        area_shortcut(self, "Ctrl+F", self._focus_search, _("Search for a participant"))
        self._update_title()

    def minimumSizeHint(self) -> QSize:
        # As in the planner: let a small window shrink (the grid scrolls) instead of
        # forcing the window as wide as the toolbar.
        return QSize(320, 240)

    # --- the store and the week ---------------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.reload()

    def confirm_discard(self) -> bool:
        """Nothing waits to be saved here: every change is saved at once."""
        return True

    def show_week(self, day: date) -> None:
        self.monday = monday_of(day)
        self._clear_error()
        self.reload()

    def _update_title(self) -> None:
        self.week_buttons.show(self.monday)

    def reload(self) -> None:
        """Read the week again, keeping the chosen person and day."""
        self._update_title()
        chosen = self.current()
        if self.store is None:
            self.model.set_week([], [], [], {})
            self.note.hide()
            return
        recorded = self.model.load_week(self.store, self.monday)
        self._show_note(len(self.model.people), sum(row.over_cap for row in recorded))
        self._choose(*(chosen or (None, None)))

    def _show_note(self, people: int, over_cap: int) -> None:
        if not people:
            self.note.setText(
                _("No active participants yet — add them in the participant register first.")
            )
        elif over_cap:
            self.note.setText(
                "⚠ "
                + _(
                    "Days over the cap this week: {count}. {problem} The part over it is taxable."
                ).format(count=over_cap, problem=over_cap_text())
            )
        else:
            self.note.clear()
        self.note.setVisible(bool(self.note.text()))

    # --- the chosen cell ----------------------------------------------------------------------

    def current(self) -> tuple[int, date] | None:
        """The participant id and day of the chosen cell (None on a name or nowhere)."""
        index = self.table.currentIndex()
        day = index.data(DAY_ROLE) if index.isValid() else None
        if day is None:
            return None
        return int(index.data(PARTICIPANT_ROLE)), day

    def _choose(self, participant_id: int | None, day: date | None) -> None:
        """Make a cell current: the given one, else today's (or Monday's) day of the first row."""
        if not self.proxy.rowCount():
            return
        row = self.model.row_of(participant_id) if participant_id is not None else None
        column = self.model.column_of(day) if day is not None else None
        if column is None:
            column = self.model.column_of(date.today()) or 1
        source = self.model.index(row if row is not None else 0, column)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            index = self.proxy.index(0, column)
        self.table.setCurrentIndex(index)

    def choose(self, participant_id: int, day: date) -> None:
        """Put the cursor on that participant's day (used by the tests, and after a save)."""
        self._choose(participant_id, day)

    def _move_down(self) -> None:
        index = self.table.currentIndex()
        below = index.siblingAtRow(index.row() + 1)
        if below.isValid():
            self.table.setCurrentIndex(below)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_start(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid():
            self._choose(None, None)

    # --- changes ------------------------------------------------------------------------------

    def _status_chosen(self, status: AttendanceStatus) -> None:
        chosen = self.current()
        if chosen is not None and self._record(*chosen, status):
            self._move_down()

    def _typed(self, participant_id: int, day: date, text: str) -> None:
        letter = text.strip().upper()
        keys = {key_of(status): status for status in AttendanceStatus}
        if not letter:
            self._choose(participant_id, day)  # an emptied cell: nothing to save
            return
        if letter in keys:
            saved = self._record(participant_id, day, keys[letter])
        else:
            saved = self._record(participant_id, day, AttendanceStatus.PRESENT, text)
        if saved:
            self._move_down()

    def _record(
        self,
        participant_id: int,
        day: date,
        status: AttendanceStatus,
        allowance: str = "",
        start: str = "",
        end: str = "",
    ) -> bool:
        if self.store is None:
            return False
        try:
            recorded = record_day(self.store, participant_id, day, status, allowance, start, end)
        except (ValidationError, UserError) as error:
            self._refused(error)
            self._choose(participant_id, day)
            return False
        self._saved(participant_id, day)
        self._warn([conflict.message for conflict in recorded.warnings])
        return True

    def clear_day(self) -> None:
        chosen = self.current()
        if self.store is None or chosen is None:
            return
        try:
            cleared = clear_attendance(self.store, *chosen)
        except UserError as error:
            self._refused(error)
            return
        if cleared:
            self._saved(*chosen)

    def open_day(self) -> None:
        chosen = self.current()
        if self.store is None or chosen is None:
            return
        participant_id, day = chosen
        person = self.model.people[self.model.row_of(participant_id) or 0]
        row = self.model.recorded.get(chosen)
        store = self.store

        warnings: list[str] = []

        def save(status: AttendanceStatus, allowance: str, start: str, end: str) -> None:
            recorded = record_day(store, participant_id, day, status, allowance, start, end)
            warnings[:] = [conflict.message for conflict in recorded.warnings]

        dialog = DayDialog(f"{person.name} · {day_heading(day)}", row, save, self)
        if dialog.exec():
            self._saved(participant_id, day)
            self._warn(warnings)

    def _saved(self, participant_id: int, day: date) -> None:
        self._clear_error()
        self.reload()
        self._choose(participant_id, day)
        self.status.emit(_("Saved"))

    def _refused(self, error: Exception) -> None:
        if isinstance(error, ValidationError):
            messages = list(error.errors.values())
        else:
            messages = [str(error)]
        self.error.setText("\n".join(error_text(m) for m in messages))
        self.error.show()
        self.status.emit(_("Not saved: {reason}").format(reason=" ".join(messages)))

    def _warn(self, messages: list[str]) -> None:
        """The same-day rule's warnings about a day that was saved."""
        if not messages:
            return
        lines = [_("Saved, but check the same-day rule:"), *messages]
        self.error.setText("\n".join(error_text(m) for m in lines))
        self.error.show()
        self.status.emit(_("Saved, with a same-day rule warning."))

    def _clear_error(self) -> None:
        self.error.hide()
        self.error.clear()

    def index_of(self, participant_id: int, day: date) -> QModelIndex:
        """The grid's cell of that participant and day (invalid when not shown)."""
        row = self.model.row_of(participant_id)
        column = self.model.column_of(day)
        if row is None or column is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, column))

"""The timesheet grid's rows as typed: one person per row, times kept as the screen shows them.

The model accepts a time typed as ``830``, ``8.30`` or ``8:30`` and keeps it as
``8.30``; anything else is refused with a sentence (``rejected``) and the cell
keeps its value. Worked minutes are computed live from what is typed; the
service checks everything again on save.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from jobcenter_desktop.domain.parsing import parse_int, parse_time
from jobcenter_desktop.domain.timesheets import billable_minutes, worked_minutes
from jobcenter_desktop.domain.validation import FieldError
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_duration, format_time
from jobcenter_desktop.queries.timesheets import SheetRow
from jobcenter_desktop.services.timesheets.entries import EntryInput, label

Index = QModelIndex | QPersistentModelIndex

PERSON, START, END, BREAK, WORKED, NOTE = range(6)
HEADERS = (N_("Person"), N_("Start"), N_("End"), N_("Break (min)"), N_("Worked"), N_("Note"))
EDITABLE = (START, END, BREAK, NOTE)
# The service's field names, to place its errors on the cells.
FIELD_COLUMNS = {"start": START, "end": END, "break_minutes": BREAK, "note": NOTE}
ERROR_BACKGROUND = QColor("#fde2e2")
WARNING_BACKGROUND = QColor("#fff3cd")


@dataclass
class GridRow:
    """One row as typed; ``start``, ``end`` and ``break_minutes`` are text."""

    participant_id: int | None
    instructor_id: int | None
    name: str
    is_instructor: bool
    planned: bool
    start: str
    end: str
    break_minutes: str
    note: str = ""
    unplanned_reason: str = ""

    @classmethod
    def of(cls, row: SheetRow) -> GridRow:
        return cls(
            row.participant_id,
            row.instructor_id,
            row.name,
            row.is_instructor,
            row.planned,
            format_time(row.start),
            format_time(row.end),
            str(row.break_minutes),
            row.note,
            row.unplanned_reason,
        )

    @property
    def key(self) -> tuple[str, int]:
        if self.instructor_id is not None:
            return ("instructor", self.instructor_id)
        return ("participant", self.participant_id or 0)

    def worked(self) -> int:
        """Minutes worked, or ``FieldError``/``ValueError`` when the times do not add up."""
        pause = parse_int(self.break_minutes) if self.break_minutes.strip() else 0
        return worked_minutes(parse_time(self.start), parse_time(self.end), pause)

    def entry(self) -> EntryInput:
        return EntryInput(
            participant_id=self.participant_id,
            instructor_id=self.instructor_id,
            start=self.start,
            end=self.end,
            break_minutes=self.break_minutes,
            note=self.note,
            unplanned_reason=self.unplanned_reason,
        )


class TimesheetGridModel(QAbstractTableModel):
    """The rows of one gig's timesheet; ``changed`` after every accepted edit."""

    changed = Signal()
    #: a typed value was refused: the sentence to show
    rejected = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[GridRow] = []
        self.read_only = False
        self.rounding_minutes = 1
        #: (row, column) -> the service's message, until the next edit of the row
        self.cell_errors: dict[tuple[int, int], str] = {}
        #: participant id -> the same-day rule's sentence about their row (a warning)
        self.person_warnings: dict[int, str] = {}

    def load(self, rows: list[GridRow], read_only: bool, rounding_minutes: int) -> None:
        self.beginResetModel()
        self.rows = [replace(row) for row in rows]
        self.read_only = read_only
        self.rounding_minutes = max(1, rounding_minutes)
        self.cell_errors = {}
        self.person_warnings = {}
        self.endResetModel()

    # --- Qt's model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(HEADERS[section])
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), row, column)
        if role == Qt.ItemDataRole.BackgroundRole and (
            (index.row(), column) in self.cell_errors or column == problem_column(row)
        ):
            return QBrush(ERROR_BACKGROUND)
        if role == Qt.ItemDataRole.BackgroundRole and self.warning_of(row) and column == PERSON:
            return QBrush(WARNING_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (START, END, BREAK, WORKED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: GridRow, column: int) -> str:
        if column == PERSON:
            return person_text(row)
        if column == START:
            return row.start
        if column == END:
            return row.end
        if column == BREAK:
            return row.break_minutes
        if column == WORKED:
            try:
                return format_duration(row.worked())
            except ValueError:
                return "–"
        return row.note

    def _tooltip(self, number: int, row: GridRow, column: int) -> str | None:
        if (number, column) in self.cell_errors:
            return self.cell_errors[(number, column)]
        if column == PERSON and self.warning_of(row):
            return self.warning_of(row)
        if column == PERSON and not row.planned:
            return _("Not on the planned crew. Reason: {reason}").format(
                reason=row.unplanned_reason
            )
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row = self.rows[index.row()]
        column = index.column()
        text = str(value).strip()
        if column in (START, END):
            try:
                text = format_time(parse_time(text))
            except ValueError:
                self.rejected.emit(bad_time_message(row.name, column, text))
                return False
            if column == START:
                row.start = text
            else:
                row.end = text
        elif column == BREAK:
            try:
                minutes = parse_int(text) if text else 0
            except ValueError:
                minutes = -1
            if minutes < 0:
                self.rejected.emit(bad_break_message(row.name, text))
                return False
            row.break_minutes = str(minutes)
        else:
            row.note = str(value)
        self._row_edited(index.row())
        return True

    def _row_edited(self, number: int) -> None:
        self.cell_errors = {k: v for k, v in self.cell_errors.items() if k[0] != number}
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(HEADERS) - 1))
        self.changed.emit()

    # --- rows ---------------------------------------------------------------------------------

    def add_row(self, row: GridRow) -> int:
        number = len(self.rows)
        self.beginInsertRows(QModelIndex(), number, number)
        self.rows.append(row)
        self.endInsertRows()
        self.changed.emit()
        return number

    def remove_row(self, number: int) -> None:
        if not 0 <= number < len(self.rows):
            return
        self.beginRemoveRows(QModelIndex(), number, number)
        del self.rows[number]
        self.endRemoveRows()
        self.cell_errors = {}
        self.changed.emit()

    def fill(self, column: int, source: int, targets: list[int]) -> bool:
        """Copy one cell's value to the same column of other rows (Ctrl+D); True if any took."""
        if self.read_only or column not in EDITABLE or not 0 <= source < len(self.rows):
            return False
        value = self._text(self.rows[source], column)
        done = False
        for target in targets:
            if 0 <= target < len(self.rows) and target != source:
                done = self.setData(self.index(target, column), value) or done
        return done

    def entries(self) -> list[EntryInput]:
        return [row.entry() for row in self.rows]

    def show_errors(self, errors: dict[str, str]) -> None:
        """Mark the cells the service's errors (``"2.end"`` …) point at."""
        self.cell_errors = {}
        for key, message in errors.items():
            number, _dot, field = key.partition(".")
            if number.isdigit() and field in FIELD_COLUMNS and int(number) < len(self.rows):
                self.cell_errors[(int(number), FIELD_COLUMNS[field])] = message
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(HEADERS) - 1)
            )

    def show_warnings(self, messages: dict[int, str]) -> None:
        """Mark the rows of these participants (id -> the same-day rule's sentence)."""
        self.person_warnings = dict(messages)
        if self.rows:
            self.dataChanged.emit(self.index(0, PERSON), self.index(len(self.rows) - 1, PERSON))

    def warning_of(self, row: GridRow) -> str:
        """The same-day rule's sentence about the row's person ("" when none)."""
        if row.is_instructor or row.participant_id is None:
            return ""
        return self.person_warnings.get(row.participant_id, "")

    # --- live checks and totals ---------------------------------------------------------------

    def problems(self) -> list[str]:
        """What is wrong in the typed rows, one sentence per row."""
        found = []
        for row in self.rows:
            try:
                row.worked()
            except FieldError as error:
                key = "end" if problem_column(row) == END else "break_minutes"
                found.append(f"{row.name}, {label(key).lower()}: {error.message}")
            except ValueError:
                found.append(_("{name}: type the start and end times.").format(name=row.name))
        return found

    def totals(self) -> tuple[int, int]:
        """Worked and billable minutes of the rows that add up (billable per row, as saved)."""
        worked = billable = 0
        for row in self.rows:
            try:
                minutes = row.worked()
            except ValueError:
                continue
            worked += minutes
            billable += billable_minutes(minutes, self.rounding_minutes)
        return worked, billable


def problem_column(row: GridRow) -> int | None:
    """The cell that makes the row not add up: the end, the break, or none."""
    try:
        row.worked()
    except FieldError:
        if parse_time(row.end) <= parse_time(row.start):
            return END
        return BREAK
    except ValueError:
        return START
    return None


def person_text(row: GridRow) -> str:
    text = _("{name} (instructor)").format(name=row.name) if row.is_instructor else row.name
    if not row.planned:
        text = _("{name} · added").format(name=text)
    return text


def bad_time_message(name: str, column: int, text: str) -> str:
    which = label("start") if column == START else label("end")
    return _(
        '{name}, {field}: "{text}" is not a time. Type it as 830, 8.30 or 8:30; '
        "the cell keeps its earlier value."
    ).format(name=name, field=which.lower(), text=text)


def bad_break_message(name: str, text: str) -> str:
    return _(
        '{name}, break: "{text}" is not a number of minutes. Type whole minutes, e.g. 30; '
        "the cell keeps its earlier value."
    ).format(name=name, text=text)

"""The week's gigs in the timesheets area, each with its timesheet's state in words."""

from __future__ import annotations

from typing import Any

from babel import dates as babel_dates
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import (
    current_locale,
    format_duration,
    format_short_date,
    format_time,
)
from jobcenter_desktop.queries.timesheets import Approval, SheetState, WeekGigRow
from ui.table_model import ID_ROLE

Index = QModelIndex | QPersistentModelIndex

STATE_LABELS = {
    SheetState.NOT_RECORDED: N_("Not recorded yet"),
    SheetState.RECORDED: N_("Hours recorded"),
    SheetState.DONE: N_("Marked done"),
    SheetState.APPROVED: N_("Hours approved"),
    SheetState.CANCELLED: N_("Gig cancelled"),
}
# A pale background per state; the words carry the meaning, the colour only helps.
STATE_COLOURS = {
    SheetState.NOT_RECORDED: "#fff4d6",
    SheetState.RECORDED: "#e3effc",
    SheetState.DONE: "#e6f4e1",
    SheetState.APPROVED: "#d3ecd0",
    SheetState.CANCELLED: "#eeeeee",
}
HEADERS = (N_("Day and time"), N_("Customer and work"), N_("People"), N_("State"))
WHEN, WORK, PEOPLE, STATE = range(4)


def state_text(state: SheetState, approval: Approval = Approval.NONE) -> str:
    if approval is Approval.PARTLY and state is not SheetState.CANCELLED:
        return _("Partly approved")
    return _(STATE_LABELS[state])


def day_text(row: WeekGigRow) -> str:
    name = babel_dates.format_date(row.day, "ccc", locale=current_locale())
    return f"{name} {format_short_date(row.day)}"


class WeekGigsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[WeekGigRow] = []

    def set_rows(self, rows: list[WeekGigRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of_id(self, gig_id: int) -> int | None:
        return next((n for n, row in enumerate(self.rows) if row.id == gig_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.BackgroundRole and column == STATE:
            return QBrush(QColor(STATE_COLOURS[row.state]))
        return None

    def _text(self, row: WeekGigRow, column: int) -> str:
        if column == WHEN:
            return f"{day_text(row)}\n{format_time(row.start_time)}–{format_time(row.end_time)}"
        if column == WORK:
            return f"{row.customer_name}\n{row.contract_title}"
        if column == PEOPLE:
            return str(row.crew_count)
        return state_text(row.state, row.approval)

    def _tooltip(self, row: WeekGigRow) -> str:
        lines = [row.customer_name, row.contract_title]
        if row.site_name:
            lines.append(row.site_name)
        if row.entry_count:
            lines.append(
                _("{count} entries, {worked} worked").format(
                    count=row.entry_count, worked=format_duration(row.worked_minutes)
                )
            )
        return "\n".join(lines)

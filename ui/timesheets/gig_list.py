"""The week's gigs in the timesheets area, each with its timesheet's state in words and
what it will be billed (net), so that the instructor sees the money before the invoice run."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from babel import dates as babel_dates
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import (
    current_locale,
    format_duration,
    format_money,
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
    SheetState.INVOICED: N_("Invoiced"),
    SheetState.CANCELLED: N_("Gig cancelled"),
}
# A pale background per state; the words carry the meaning, the colour only helps.
STATE_COLOURS = {
    SheetState.NOT_RECORDED: "#fff4d6",
    SheetState.RECORDED: "#e3effc",
    SheetState.DONE: "#e6f4e1",
    SheetState.APPROVED: "#d3ecd0",
    SheetState.INVOICED: "#cfe3f2",
    SheetState.CANCELLED: "#eeeeee",
}
# The state column also shows what the gig is billed (net), on its second line: a column
# of its own would leave too little room for the customer and work beside the sheet.
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
        #: gig id -> the net it is or will be billed (gigs with no charge are absent)
        self.amounts: dict[int, Decimal] = {}

    def set_rows(self, rows: list[WeekGigRow], amounts: dict[int, Decimal] | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.amounts = dict(amounts or {})
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
        amount = self.amounts.get(row.id)
        state = state_text(row.state, row.approval)
        return state if amount is None else f"{state}\n{format_money(amount)}"

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
        amount = self.amounts.get(row.id)
        if amount is not None:
            lines.append(billable_text(amount))
        return "\n".join(lines)


def billable_text(amount: Decimal, rich: bool = False) -> str:
    """``Laskutettava: 310,61 € + alv`` (the net, VAT excluded); ``rich``: the sum in bold."""
    money = format_money(amount)
    return _("Billable: {amount} + VAT").format(amount=f"<b>{money}</b>" if rich else money)

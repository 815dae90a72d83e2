"""The drafts of the period and a customer's pending manual lines, as table models."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from jobcenter_desktop.domain.invoices import Totals
from jobcenter_desktop.domain.search import sort_key
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_decimal, format_money
from jobcenter_desktop.queries.extra_lines import ExtraLineRow
from jobcenter_desktop.services.invoicing.labels import line_kind_label, unit_label
from jobcenter_desktop.services.invoicing.pricing import Draft
from ui.table_model import ID_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Cell(Generic[R]):
    """A column: its header (an English msgid), the text, the raw sort value, alignment."""

    header: str
    text: Callable[[R], str]
    sort: Callable[[R], Any]
    numeric: bool = False


class CellTableModel(QAbstractTableModel, Generic[R]):
    """Rows in, cells out: display text, a sort role with raw values and an id role."""

    columns: Sequence[Cell[R]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_id(self, row: R) -> Any:
        return getattr(row, "id", None)

    def row_of_id(self, wanted: Any) -> int | None:
        return next((n for n, row in enumerate(self.rows) if self.row_id(row) == wanted), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.columns[section].header)
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            value = column.sort(row)
            return sort_key(value) if isinstance(value, str) else value
        if role == ID_ROLE:
            return self.row_id(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return RIGHT
        return self.extra_data(row, index.column(), role)

    def extra_data(self, row: R, column: int, role: int) -> Any:
        return None


@dataclass(frozen=True)
class DraftRow:
    """A draft with its totals worked out once."""

    draft: Draft
    totals: Totals

    @property
    def id(self) -> int:
        return self.draft.customer_id

    @classmethod
    def of(cls, draft: Draft) -> DraftRow:
        return cls(draft, draft.totals)


def customer_text(draft: Draft) -> str:
    return f"{draft.customer_name} ({draft.customer_number})"


class DraftsModel(CellTableModel[DraftRow]):
    """The period's drafts: customer, number of lines, net, VAT, total. Id: the customer."""

    columns = (
        Cell[DraftRow](
            N_("Customer"), lambda r: customer_text(r.draft), lambda r: r.draft.customer_name
        ),
        Cell[DraftRow](
            N_("Lines"), lambda r: str(len(r.draft.lines)), lambda r: len(r.draft.lines), True
        ),
        Cell[DraftRow](
            N_("Net"), lambda r: format_money(r.totals.net), lambda r: r.totals.net, True
        ),
        Cell[DraftRow](
            N_("VAT"), lambda r: format_money(r.totals.vat), lambda r: r.totals.vat, True
        ),
        Cell[DraftRow](
            N_("Total"), lambda r: format_money(r.totals.total), lambda r: r.totals.total, True
        ),
    )

    def set_drafts(self, drafts: Sequence[Draft]) -> None:
        self.set_rows([DraftRow.of(draft) for draft in drafts])

    def total(self) -> Decimal:
        return sum((row.totals.total for row in self.rows), Decimal("0.00"))

    def extra_data(self, row: DraftRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join((customer_text(row.draft), *row.draft.problems))
        return None


class ExtraLinesModel(CellTableModel[ExtraLineRow]):
    """A customer's manual lines waiting for the next invoice."""

    columns = (
        Cell[ExtraLineRow](N_("Date"), lambda r: format_date(r.day), lambda r: r.day),
        Cell[ExtraLineRow](
            N_("Kind"), lambda r: line_kind_label(r.kind), lambda r: line_kind_label(r.kind)
        ),
        Cell[ExtraLineRow](N_("Description"), lambda r: r.description, lambda r: r.description),
        Cell[ExtraLineRow](
            N_("Quantity"),
            lambda r: f"{format_decimal(r.quantity)} {unit_label(r.unit)}",
            lambda r: r.quantity,
            True,
        ),
        Cell[ExtraLineRow](
            N_("Unit price"), lambda r: format_money(r.unit_price), lambda r: r.unit_price, True
        ),
        Cell[ExtraLineRow](N_("Net"), lambda r: format_money(r.net), lambda r: r.net, True),
    )

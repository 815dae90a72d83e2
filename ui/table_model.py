"""One table model for every list: frozen query rows in, cells out, searchable."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from jobcenter_desktop.domain.search import fold, sort_key
from jobcenter_desktop.i18n import gettext as _

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class ListRow(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def archived(self) -> bool: ...
    @property
    def search(self) -> str: ...


R = TypeVar("R")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column(Generic[R]):
    """A list column: its header (an English msgid) and how a row shows and sorts in it."""

    header: str
    display: Callable[[R], str]
    sort: Callable[[R], Any] | None = None
    numeric: bool = False


class ColumnTableModel(QAbstractTableModel, Generic[R]):
    """Rows in, cells out: display text, a sort role with raw values and an id role.

    The columns are given to the constructor or set on the class; :meth:`extra_data`
    answers any other role (tooltips, colours) for a subclass.
    """

    columns: Sequence[Column[R]] = ()

    def __init__(self, columns: Sequence[Column[R]] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        if columns is not None:
            self.columns = list(columns)
        self.rows: list[R] = []
        # A cell's text is made once per fill: the view asks again on every paint and
        # sizing pass, and money and dates are slow to format (Babel).
        self._texts: dict[tuple[int, int], str] = {}
        self._sorts: dict[tuple[int, int], Any] = {}
        # Connected first, so that the views read the new texts of changed cells.
        self.dataChanged.connect(self._forget)

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._texts.clear()
        self._sorts.clear()
        self.endResetModel()

    def sort_value(self, row_number: int, column_number: int) -> Any:
        """The raw value a column sorts row ``row_number`` by (made once per fill)."""
        key = (row_number, column_number)
        if key not in self._sorts:
            row = self.rows[row_number]
            column = self.columns[column_number]
            value = column.sort(row) if column.sort else column.display(row)
            self._sorts[key] = sort_key(value) if isinstance(value, str) else value
        return self._sorts[key]

    def _forget(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        for row in range(top_left.row(), bottom_right.row() + 1):
            for column in range(top_left.column(), bottom_right.column() + 1):
                self._texts.pop((row, column), None)
                self._sorts.pop((row, column), None)

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

    def display(self, row: R, column: int) -> str:
        return self.columns[column].display(row)

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            key = (index.row(), index.column())
            text = self._texts.get(key)
            if text is None:
                text = self._texts[key] = self.display(row, index.column())
            return text
        if role == SORT_ROLE:
            return self.sort_value(index.row(), index.column())
        if role == ID_ROLE:
            return self.row_id(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return RIGHT
        return self.extra_data(row, index.column(), role)

    def extra_data(self, row: R, column: int, role: int) -> Any:
        return None


class RowTableModel(ColumnTableModel[Any]):
    """A register's list: archived rows say so and are shown in italics."""

    def __init__(self, columns: Sequence[Column[Any]], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._italic = QFont()
        self._italic.setItalic(True)

    def display(self, row: Any, column: int) -> str:
        text = super().display(row, column)
        if column == 0 and row.archived:
            return _("{text} (archived)").format(text=text)
        return text

    def extra_data(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and row.archived:
            return self._italic
        return None


class SearchProxy(QSortFilterProxyModel):
    """Filters by every typed word (Finnish case folding) and sorts by raw values."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._terms = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._terms:
            return True
        model = self.sourceModel()
        assert isinstance(model, ColumnTableModel)
        haystack = model.rows[source_row].search
        return all(term in haystack for term in self._terms)

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ColumnTableModel)
        a = model.sort_value(left.row(), left.column())
        b = model.sort_value(right.row(), right.column())
        if a is None or b is None:
            return a is None and b is not None
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)

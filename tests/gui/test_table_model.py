"""The list model and its search proxy, tested without a view."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from ui.table_model import ID_ROLE, SORT_ROLE, Column, RowTableModel, SearchProxy


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    hours: int
    archived: bool = False

    @property
    def search(self) -> str:
        return self.name.casefold()


COLUMNS = [
    Column("Name", lambda r: r.name),
    Column("Hours", lambda r: str(r.hours), sort=lambda r: r.hours, numeric=True),
]
ROWS = [Row(1, "Åström", 10), Row(2, "Aalto", 9), Row(3, "Öberg", 100, archived=True)]


def _proxy() -> tuple[RowTableModel, SearchProxy]:
    model = RowTableModel(COLUMNS)
    model.set_rows(ROWS)
    proxy = SearchProxy()
    proxy.setSourceModel(model)
    return model, proxy


def _column(proxy: SearchProxy, column: int) -> list[str]:
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_cells_ids_and_archived_marking() -> None:
    model, _ = _proxy()
    assert model.rowCount() == 3 and model.columnCount() == 2
    assert model.index(1, 0).data(ID_ROLE) == 2
    assert model.index(2, 0).data() == "Öberg (arkistoitu)"
    assert model.index(2, 0).data(Qt.ItemDataRole.FontRole).italic()
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Nimi"


def test_numbers_sort_by_value_not_by_text() -> None:
    _, proxy = _proxy()
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert _column(proxy, 1) == ["9", "10", "100"]
    assert proxy.index(0, 1).data(SORT_ROLE) == 9


def test_search_folds_case_and_needs_every_word() -> None:
    _, proxy = _proxy()
    proxy.set_query("ÅST")
    assert _column(proxy, 0) == ["Åström"]
    proxy.set_query("a")
    assert sorted(_column(proxy, 0)) == ["Aalto"]
    proxy.set_query("")
    assert proxy.rowCount() == 3


def test_row_of_id() -> None:
    model, _ = _proxy()
    assert model.row_of_id(3) == 2
    assert model.row_of_id(99) is None


def test_a_cell_is_formatted_once_per_fill_and_again_when_it_changes() -> None:
    calls: list[int] = []
    hours = {1: 10}

    def text(row: Row) -> str:
        calls.append(row.id)
        return f"{hours[row.id]} h"

    model = RowTableModel([Column("Hours", text, sort=lambda r: hours[r.id])])
    model.set_rows([Row(1, "Aalto", 10)])
    index = model.index(0, 0)
    assert [index.data(), index.data(), index.data(SORT_ROLE)] == ["10 h", "10 h", 10]
    assert calls == [1]
    hours[1] = 12  # the row's figure changes and the model says so
    model.dataChanged.emit(index, index)
    assert [index.data(), index.data(SORT_ROLE)] == ["12 h", 12]
    model.set_rows([Row(1, "Aalto", 12)])
    assert index.data() == "12 h" and calls == [1, 1, 1]

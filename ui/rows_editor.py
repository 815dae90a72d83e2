"""A small editable table for a record's own detail rows (work sites, accounts …)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.i18n import gettext as _

ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class RowField:
    """One column: the dataclass attribute, its header, and optional choices (value, text)."""

    key: str
    header: str
    choices: Sequence[tuple[Any, str]] | None = None
    checkbox: bool = False


class RowsEditor(QWidget):
    """Edits a list of ``item_type`` dataclasses; ``value()`` returns the edited list."""

    changed = Signal()

    def __init__(
        self, item_type: type[Any], fields: Sequence[RowField], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.item_type = item_type
        self.fields = list(fields)
        self.table = QTableWidget(0, len(self.fields))
        self.table.setHorizontalHeaderLabels([f.header for f in self.fields])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column, field in enumerate(self.fields):
            if field.choices is not None:
                # A picker is as wide as its longest choice; the other columns share the rest.
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(160)
        self.table.itemChanged.connect(self._emit_changed)
        self.add_button = QPushButton(_("Add row"))
        self.remove_button = QPushButton(_("Remove row"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def _emit_changed(self, *_args: Any) -> None:
        self.changed.emit()

    def add_row(self, item: Any = None) -> None:
        item = item if item is not None and not isinstance(item, bool) else self.item_type()
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, field in enumerate(self.fields):
            value = getattr(item, field.key)
            if field.choices is not None:
                combo = QComboBox()
                for choice_value, text in field.choices:
                    combo.addItem(text, choice_value)
                combo.setCurrentIndex(max(combo.findData(value), 0))
                combo.currentIndexChanged.connect(self._emit_changed)
                self.table.setCellWidget(row, column, combo)
                continue
            cell = QTableWidgetItem()
            if field.checkbox:
                cell.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                cell.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            else:
                cell.setText("" if value is None else str(value))
            self.table.setItem(row, column, cell)
        marker = self.table.item(row, 0) or QTableWidgetItem()
        if self.table.item(row, 0) is None:
            self.table.setItem(row, 0, marker)
        marker.setData(ID_ROLE, getattr(item, "id", None))
        self.changed.emit()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def set_value(self, items: Sequence[Any]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for item in items:
            self.add_row(item)
        self.table.blockSignals(False)

    def _open_editor(self) -> QWidget | None:
        if self.table.state() != QAbstractItemView.State.EditingState:
            return None
        focus = QApplication.focusWidget()
        return focus if focus is not None and self.table.isAncestorOf(focus) else None

    def cancel_edit(self) -> bool:
        """Throw away what is being typed in a cell (Esc); True if a cell was being edited."""
        editor = self._open_editor()
        if editor is None:
            return False
        self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
        self.table.setFocus()
        return True

    def commit_edit(self) -> None:
        """Keep what is being typed in a cell, e.g. when Ctrl+S is pressed inside it."""
        editor = self._open_editor()
        if editor is not None:
            self.table.commitData(editor)

    def value(self) -> list[Any]:
        self.commit_edit()
        items = []
        for row in range(self.table.rowCount()):
            values: dict[str, Any] = {}
            for column, field in enumerate(self.fields):
                widget = self.table.cellWidget(row, column)
                cell = self.table.item(row, column)
                if isinstance(widget, QComboBox):
                    values[field.key] = widget.currentData()
                elif field.checkbox:
                    values[field.key] = cell is not None and cell.checkState() == (
                        Qt.CheckState.Checked
                    )
                else:
                    values[field.key] = cell.text() if cell is not None else ""
            marker = self.table.item(row, 0)
            if "id" in {f.name for f in dataclasses.fields(self.item_type)}:
                values["id"] = marker.data(ID_ROLE) if marker is not None else None
            items.append(self.item_type(**values))
        return items

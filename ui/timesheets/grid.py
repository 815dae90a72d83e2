"""The timesheet grid: a table that is typed into like a spreadsheet.

Typing on a cell starts editing it (the typed text replaces the value); Tab
moves right over the editable cells and wraps to the next row; Enter commits
and moves down in the same column; the arrow keys move; Ctrl+D copies the
value of the row above (or, over a selection of several rows, the top row's
value) and moves down, so a break typed once is repeated with one key a row.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from jobcenter_desktop.i18n import gettext as _
from ui.timesheets.grid_model import BREAK, EDITABLE, END, NOTE, PERSON, START, WORKED

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _EnterMovesDown(QStyledItemDelegate):
    """Enter in an open cell commits it and moves down (the default only commits)."""

    def __init__(self, grid: TimesheetGrid) -> None:
        super().__init__(grid)
        self.grid = grid

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(editor, QLineEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER_KEYS
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.grid.move_down()
            return True
        return super().eventFilter(editor, event)


class TimesheetGrid(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(_EnterMovesDown(self))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setDefaultSectionSize(30)
        self.setAccessibleName(_("Timesheet"))
        self.setStyleSheet("QTableView { font-size: 14px; }")
        fill = QShortcut(QKeySequence("Ctrl+D"), self)
        fill.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        fill.setWhatsThis(_("Copy the row above (in the timesheet)"))
        fill.activated.connect(self.fill_down)

    def size_columns(self) -> None:
        header = self.horizontalHeader()
        header.setSectionResizeMode(PERSON, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        for column, width in ((START, 75), (END, 75), (BREAK, 95), (WORKED, 105)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(column, width)

    # --- moving -------------------------------------------------------------------------------

    def go_to(self, row: int, column: int) -> None:
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        self.setCurrentIndex(model.index(row, column))

    def move_down(self) -> None:
        current = self.currentIndex()
        if current.isValid():
            self.go_to(min(current.row() + 1, self.model().rowCount() - 1), current.column())

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Tab and Shift+Tab go over the cells that can be typed in, row after row.

        Past the last cell an invalid index lets the focus leave the grid.
        """
        if cursorAction not in (
            QAbstractItemView.CursorAction.MoveNext,
            QAbstractItemView.CursorAction.MovePrevious,
        ):
            return super().moveCursor(cursorAction, modifiers)
        model = self.model()
        current = self.currentIndex()
        if model is None or not current.isValid():
            return super().moveCursor(cursorAction, modifiers)
        cells = [(row, column) for row in range(model.rowCount()) for column in EDITABLE]
        here = (current.row(), current.column())
        if cursorAction == QAbstractItemView.CursorAction.MoveNext:
            following = [cell for cell in cells if cell > here]
            target = following[0] if following else None
        else:
            before = [cell for cell in cells if cell < here]
            target = before[-1] if before else None
        if target is None:
            return QModelIndex()
        return model.index(*target)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter on a cell that is not being edited moves down, as in a spreadsheet.
        if (
            event.key() in _ENTER_KEYS
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self.state() != QAbstractItemView.State.EditingState
        ):
            self.move_down()
            return
        super().keyPressEvent(event)

    # --- filling ------------------------------------------------------------------------------

    def fill_down(self) -> None:
        """Ctrl+D: the value above into this cell, then down; over several rows, the top value."""
        model = self.model()
        current = self.currentIndex()
        if model is None or not current.isValid():
            return
        fill = getattr(model, "fill", None)
        if fill is None:
            return
        column = current.column()
        rows = sorted({index.row() for index in self.selectedIndexes() if index.column() == column})
        if self.state() == QAbstractItemView.State.EditingState:
            self.commit_open_editor()
        if len(rows) > 1:
            fill(column, rows[0], rows[1:])
            return
        if current.row() > 0:
            fill(column, current.row() - 1, [current.row()])
            self.move_down()

    def commit_open_editor(self) -> None:
        """Commit and close the cell being edited (before saving or filling)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        # An open editor is a line edit on the viewport.
        for editor in self.viewport().findChildren(QLineEdit):
            if editor.isVisible():
                self.commitData(editor)
                self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

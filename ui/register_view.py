"""The pattern every register shares: search, list, detail form, New/Save/Archive."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services.registers import register_records
from ui.export_dialog import export_register
from ui.forms import FieldForm, area_shortcut, confirm_discard, error_text
from ui.rows_editor import RowsEditor
from ui.table_model import ID_ROLE, Column, RowTableModel, SearchProxy

#: no list column is made wider than this for its longest text (a long name is elided)
MAX_COLUMN_WIDTH = 200
#: the form's width when the register is first shown, if it needs no more: on a 1366 px
#: screen this leaves the list room for its main columns
FORM_WIDTH = 520


class RegisterSpec(ABC):
    """What a register holds and how it is read and saved; the view does the rest."""

    #: the register's name in ``services.register_records``, for archive, restore and delete
    register: str
    #: the name ``services.exporting`` knows the register by, if it can be exported
    export_name: str | None = None

    @abstractmethod
    def columns(self) -> list[Column]: ...

    @abstractmethod
    def empty_text(self) -> str: ...

    @abstractmethod
    def make_form(self) -> FieldForm: ...

    @abstractmethod
    def list_rows(self, store: Store, include_archived: bool) -> list[Any]: ...

    @abstractmethod
    def new_input(self) -> Any: ...

    @abstractmethod
    def load_input(self, store: Store, record_id: int) -> Any: ...

    @abstractmethod
    def save_input(self, store: Store, data: Any, record_id: int | None) -> int: ...

    @abstractmethod
    def record_title(self, data: Any) -> str: ...

    @abstractmethod
    def new_title(self) -> str: ...

    def placeholder_text(self) -> str:
        """What the form's place says while no record is open."""
        return _("Choose one from the list, or add a new one (Ctrl+N).")

    def hide_order(self) -> list[int]:
        """Columns to leave out, first to last, when the list is too narrow for all of them
        (the first column always stays); by default the rightmost go first."""
        return list(range(len(self.columns()) - 1, 0, -1))

    def record_actions(self) -> list[QWidget]:
        """Buttons about the shown record above its form (printing, say); unlike the
        form, they stay usable while an archived record is shown."""
        return []

    def store_changed(self, store: Store) -> None:  # noqa: B027 - most registers need nothing
        """Refresh what the form's pickers offer (customers, qualifications …)."""

    def collect(self, form: FieldForm) -> Any:
        return form.collect(self.new_input())

    def record_tabs(self) -> list[tuple[str, QWidget]]:
        """More tabs of the open record beside its form (the participant's Money tab);
        none by default. They save on their own, not with the form's Save."""
        return []

    def record_shown(  # noqa: B027 - most registers have no tabs
        self, store: Store | None, record_id: int | None, archived: bool
    ) -> None:
        """The open record changed (None: none open, or a new one not saved yet)."""


class RegisterView(QWidget):
    """Search field, list, detail form and the New/Save/Archive actions of one register."""

    status = Signal(str)

    def __init__(self, spec: RegisterSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.store: Store | None = None
        self.current_id: int | None = None
        self.current_archived = False
        self.dirty = False
        self._selecting = False

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.show_archived = QCheckBox(_("Show &archived"))
        self.new_button = QPushButton(_("New (Ctrl+N)"))
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_archived)
        top.addWidget(self.new_button)

        self.model = RowTableModel(self.spec.columns(), self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setResizeContentsPrecision(100)
        #: column widths fitted once to the data, unless the user's own widths were restored
        self.columns_sized = False
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.empty_label = QLabel(self.spec.empty_text())
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)

        self.form_title = QLabel()
        self.form_title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.form = self.spec.make_form()
        self.general_error = QLabel()
        self.general_error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.save_button = QPushButton(_("Save (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.archive_button = QPushButton(_("Archive"))
        self.delete_button = QPushButton(_("Delete"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch()
        buttons.addWidget(self.archive_button)
        buttons.addWidget(self.delete_button)
        form_box = QWidget()
        form_layout = QVBoxLayout(form_box)
        form_layout.addWidget(self.form_title)
        form_layout.addWidget(self.form)
        form_layout.addWidget(self.general_error)
        form_layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_box)
        self.form_scroll = scroll
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        actions = self.spec.record_actions()
        if actions:
            row = QHBoxLayout()
            for action in actions:
                row.addWidget(action)
            row.addStretch()
            right_layout.addLayout(row)
        #: the form's tab and the spec's own tabs, when it has any
        self.record_tabs: QTabWidget | None = None
        extra_tabs = self.spec.record_tabs()
        if extra_tabs:
            self.record_tabs = QTabWidget()
            self.record_tabs.setDocumentMode(True)
            self.record_tabs.addTab(scroll, _("Details"))
            for title, widget in extra_tabs:
                self.record_tabs.addTab(widget, title)
            right_layout.addWidget(self.record_tabs, 1)
        else:
            right_layout.addWidget(scroll, 1)
        right_layout.addLayout(buttons)
        #: as wide as the form needs not to scroll sideways (and its fields some room to
        #: show their values), but no wider: the list takes the rest
        self.form_width = (
            max(form_box.minimumSizeHint().width(), min(form_box.sizeHint().width(), FORM_WIDTH))
            + scroll.verticalScrollBar().sizeHint().width()
            + 2 * scroll.frameWidth()
        )
        # No record open: a calm word in the form's place, not an empty "new" form.
        self.placeholder = QLabel(self.spec.placeholder_text())
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: palette(placeholder-text); font-size: 14px;")
        self.record_panel = right
        self.detail_stack = QStackedWidget()
        self.detail_stack.addWidget(self.placeholder)
        self.detail_stack.addWidget(right)

        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_stack)
        self.splitter.addWidget(self.detail_stack)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([600, self.form_width])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.search.textChanged.connect(self._filter)
        self.show_archived.toggled.connect(self._archived_toggled)
        self.new_button.clicked.connect(self.new_record)
        self.save_button.clicked.connect(self.save)
        self.archive_button.clicked.connect(self.toggle_archived)
        self.delete_button.clicked.connect(self.delete)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._activated)
        self.table.horizontalHeader().sectionResized.connect(self._section_resized)
        self.table.viewport().installEventFilter(self)
        #: each column's width when shown, for fitting the list to its room
        self._column_widths: dict[int, int] = {}
        self._fitting = False
        self.form.changed.connect(self._mark_dirty)
        for widget in self.form.widgets.values():
            if isinstance(widget, QLineEdit):
                widget.returnPressed.connect(self.save)
        area_shortcut(self, "Ctrl+F", self.focus_search, _("Search the list"))
        area_shortcut(self, "Ctrl+N", self.new_record, _("Add a new one"))
        area_shortcut(self, "Ctrl+S", self.save, _("Save the form"))
        area_shortcut(self, "Esc", self.revert, _("Undo the changes not saved yet"))
        area_shortcut(
            self, "Ctrl+Shift+A", self.toggle_archived, _("Archive or restore the chosen one")
        )
        area_shortcut(self, "Ctrl+Shift+E", self.export, _("Export the list"))
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        delete.setWhatsThis(_("Delete the chosen one (in the list)"))
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete)
        into_list = QShortcut(QKeySequence(Qt.Key.Key_Down), self.search)
        into_list.setContext(Qt.ShortcutContext.WidgetShortcut)
        into_list.setWhatsThis(_("Move from the search field into the list"))
        into_list.activated.connect(self.enter_list)
        self.search.returnPressed.connect(self.open_first_match)
        self._show_placeholder()

    # --- behaviour ----------------------------------------------------------------------------

    def set_store(self, store: Store) -> None:
        self.store = store
        self.spec.store_changed(store)
        self.reload()
        self._show_placeholder()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def enter_list(self) -> None:
        """Down from the search field: into the list, on the chosen row or the first."""
        if self.proxy.rowCount() == 0:
            return
        self.table.setFocus()
        if not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)  # opens it beside the list
        selected = self.table.selectionModel().selectedRows()
        if selected:
            self.table.setCurrentIndex(selected[0])

    def open_first_match(self) -> None:
        """Enter in the search field: the chosen (or first) match opened, ready to edit."""
        self.enter_list()
        if self.current_id is not None:
            self.focus_form()

    def _activated(self, _index: Any) -> None:
        # Enter (or a double click) on a row: its record is open already; go and edit it.
        if self.current_id is not None:
            self.focus_form()

    def focus_form(self) -> None:
        """The keyboard into the open record's first field."""
        if self.detail_stack.currentWidget() is not self.record_panel:
            return
        first = next(
            (w for w in self.form.widgets.values() if w.isEnabled() and w.isVisibleTo(self)),
            None,
        )
        if first is not None:
            first.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def reload(self, select_id: int | None = None) -> None:
        if self.store is None:
            return
        rows = self.spec.list_rows(self.store, self.show_archived.isChecked())
        self._selecting = True
        self.model.set_rows(rows)
        self.proxy.sort(self.proxy.sortColumn(), self.proxy.sortOrder())
        self._selecting = False
        self.list_stack.setCurrentWidget(self.table if rows else self.empty_label)
        if rows and not self.columns_sized:
            self._fitting = True
            self.table.resizeColumnsToContents()
            for column in range(self.model.columnCount()):
                width = min(self.table.columnWidth(column), MAX_COLUMN_WIDTH)
                self.table.setColumnWidth(column, width)
                self._column_widths[column] = width
            self._fitting = False
            self.columns_sized = True
        self.fit_columns()
        if select_id is not None:
            self.select_id(select_id)

    def select_id(self, record_id: int) -> None:
        row = self.model.row_of_id(record_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self._selecting = True
            self.table.selectRow(index.row())
            self.table.scrollTo(index)
            self._selecting = False

    # --- the list fits its room ---------------------------------------------------------------

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def _natural_width(self, column: int) -> int:
        header = self.table.horizontalHeader()
        width = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
        return min(width, MAX_COLUMN_WIDTH)

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        # A width the user drags is kept; the stretched last column's is not a choice.
        header = self.table.horizontalHeader()
        last = header.logicalIndex(header.count() - 1 - self._hidden_at_end())
        if not self._fitting and new > 0 and column != last:
            self._column_widths[column] = new

    def _hidden_at_end(self) -> int:
        header = self.table.horizontalHeader()
        count = 0
        for visual in range(header.count() - 1, -1, -1):
            if not header.isSectionHidden(header.logicalIndex(visual)):
                break
            count += 1
        return count

    def fit_columns(self) -> None:
        """Show as many columns as fit beside the form, leaving out the least needed first,
        so that the list never scrolls sideways; a wider list shows them again."""
        count = self.model.columnCount()
        if self._fitting or count == 0 or not self.columns_sized:
            return
        header = self.table.horizontalHeader()
        widths = {c: self._column_widths.get(c) or self._natural_width(c) for c in range(count)}
        room = self.table.viewport().width()
        shown = set(range(count))
        for column in self.spec.hide_order():
            if sum(widths[c] for c in shown) <= room:
                break
            shown.discard(column)
        self._fitting = True
        try:
            for column in range(count):
                header.setSectionHidden(column, column not in shown)
            last = max(shown, key=header.visualIndex)
            for column in shown:
                if column != last and header.sectionSize(column) != widths[column]:
                    header.resizeSection(column, widths[column])
        finally:
            self._fitting = False

    def _archived_toggled(self, _checked: bool) -> None:
        self.reload()

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)

    def _mark_dirty(self) -> None:
        self.dirty = True

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._selecting or self.store is None:
            return
        indexes = selected.indexes()
        if not indexes:
            return
        record_id = int(indexes[0].data(ID_ROLE))
        if record_id == self.current_id:
            return
        if not self.confirm_discard():
            self._selecting = True
            if self.current_id is not None:
                self.select_id(self.current_id)
            else:
                self.table.clearSelection()
            self._selecting = False
            return
        self.open_record(record_id)

    def open_record(self, record_id: int) -> None:
        assert self.store is not None
        try:
            data = self.spec.load_input(self.store, record_id)
        except UserError as error:
            self.status.emit(str(error))
            self.reload()
            return
        row = self.model.row_of_id(record_id)
        self.current_archived = row is not None and self.model.rows[row].archived
        self._show_record(record_id, data)

    def _show_placeholder(self) -> None:
        """No record open: the placeholder in the form's place."""
        self.current_id = None
        self.current_archived = False
        self.form.load(self.spec.new_input())
        self.general_error.hide()
        self.dirty = False
        self.detail_stack.setCurrentWidget(self.placeholder)
        self._record_tabs_follow(None)

    @property
    def record_open(self) -> bool:
        """A record (or a new one being written) is in the form."""
        return self.detail_stack.currentWidget() is self.record_panel

    def _show_record(self, record_id: int | None, data: Any) -> None:
        self.current_id = record_id
        self.detail_stack.setCurrentWidget(self.record_panel)
        self.form.load(data)
        self.general_error.hide()
        self.dirty = False
        self.form_title.setText(
            self.spec.record_title(data) if record_id else self.spec.new_title()
        )
        self.form.setEnabled(not self.current_archived)
        self.save_button.setEnabled(not self.current_archived)
        self.archive_button.setEnabled(record_id is not None)
        # Delete only where the store would delete; what is in use is archived instead.
        self.delete_button.setVisible(self._deletable())
        self._record_tabs_follow(record_id)

    def _record_tabs_follow(self, record_id: int | None) -> None:
        """The spec's tabs show the open record; a record not saved yet has none of them."""
        self.spec.record_shown(self.store, record_id, self.current_archived)
        if self.record_tabs is None:
            return
        for index in range(1, self.record_tabs.count()):
            self.record_tabs.setTabEnabled(index, record_id is not None)
        if record_id is None:
            self.record_tabs.setCurrentIndex(0)
        self.archive_button.setText(
            _("Restore (Ctrl+Shift+A)") if self.current_archived else _("Archive (Ctrl+Shift+A)")
        )

    def _deletable(self) -> bool:
        if self.store is None or self.current_id is None:
            return False
        return register_records.can_delete(self.store, self.spec.register, self.current_id)

    def confirm_discard(self) -> bool:
        """Ask before unsaved changes are thrown away; True when it is fine to go on."""
        return confirm_discard(self, self.dirty, self.save, self.discard_changes)

    def discard_changes(self) -> None:
        """Show the stored record again (a new record empty), throwing away what is typed."""
        for widget in self.form.widgets.values():
            if isinstance(widget, RowsEditor):
                widget.cancel_edit()
        if self.current_id is not None and self.store is not None:
            self.open_record(self.current_id)
        else:
            self._show_record(None, self.spec.new_input())

    def new_record(self) -> None:
        if self.store is None or not self.confirm_discard():
            return
        self.current_archived = False
        self.table.clearSelection()
        self._show_record(None, self.spec.new_input())
        first = next(iter(self.form.widgets.values()), None)
        if first is not None:
            first.setFocus()

    def revert(self) -> None:
        """Esc: cancel the cell being edited, or else go back to the saved record."""
        if any(isinstance(w, RowsEditor) and w.cancel_edit() for w in self.form.widgets.values()):
            return
        if self.current_id is not None and self.store is not None:
            self.open_record(self.current_id)
        elif self.dirty:
            self._show_record(None, self.spec.new_input())
        else:  # Esc on an untouched new form: nothing is being written any more
            self._show_placeholder()
            self.search.setFocus()

    def save(self) -> bool:
        if self.store is None or self.current_archived or not self.record_open:
            return False
        data = self.spec.collect(self.form)
        try:
            record_id = self.spec.save_input(self.store, data, self.current_id)
        except ValidationError as error:
            unplaced = self.form.show_errors(error.errors)
            self._show_general(unplaced)
            self.status.emit(_("Not saved: check the marked fields."))
            return False
        except UserError as error:
            self._show_general([str(error)])
            return False
        self.current_id = record_id
        self.dirty = False
        self.reload(select_id=record_id)
        self.open_record(record_id)
        self.status.emit(_("Saved"))
        return True

    def _show_general(self, messages: list[str]) -> None:
        self.general_error.setText("\n".join(error_text(m) for m in messages))
        self.general_error.setVisible(bool(messages))

    def toggle_archived(self) -> None:
        if self.store is None or self.current_id is None:
            return
        archive = not self.current_archived
        try:
            register_records.set_archived(self.store, self.spec.register, self.current_id, archive)
        except UserError as error:
            QMessageBox.warning(self, _("Not done"), str(error))
            return
        self.status.emit(_("Archived") if archive else _("Restored"))
        record_id = self.current_id
        self.reload()
        if archive and not self.show_archived.isChecked():
            self._show_placeholder()
        else:
            self.select_id(record_id)
            self.open_record(record_id)

    def delete(self) -> None:
        if self.store is None or self.current_id is None:
            return
        if not self._deletable():
            self.status.emit(
                _("This one is in use, so it cannot be deleted: archive it (Ctrl+Shift+A).")
            )
            return
        answer = QMessageBox.question(
            self,
            _("Delete"),
            _("Delete this record for good? This cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            register_records.delete(self.store, self.spec.register, self.current_id)
        except UserError as error:
            QMessageBox.information(self, _("Not deleted"), str(error))
            return
        self.status.emit(_("Deleted"))
        self.reload()
        self._show_placeholder()

    def _context_menu(self, position: Any) -> None:
        menu = QMenu(self)
        action = QAction(_("Export the list…"), menu)
        action.setEnabled(self.spec.export_name is not None)
        action.triggered.connect(self.export)
        menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(position))

    def export(self) -> None:
        if self.store is not None and self.spec.export_name is not None:
            message = export_register(self, self.store, self.spec.export_name)
            if message:
                self.status.emit(message)

"""The box "Pätevyysluettelo" in the settings: the cards and certificates the centre tracks.

Every change is saved at once (there is no Save for the catalogue): adding an
entry of the centre's own, renaming, archiving (no longer offered for new
choices, kept where it is recorded) and deleting one that nothing refers to.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.errors import NotFoundError, RecordInUseError, UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.participants import QualificationTypeRow, list_qualification_types
from jobcenter_desktop.services.registers.qualifications import (
    MAX_NAME_LENGTH,
    add_qualification_type,
    delete_qualification_type,
    rename_qualification_type,
    set_qualification_type_archived,
)
from ui.forms import ERROR_STYLE, error_text

ID_ROLE = Qt.ItemDataRole.UserRole
ARCHIVED_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
VISIBLE_ROWS = 7


class QualificationCatalogue(QGroupBox):
    """The catalogue as a list with Add, Rename…, Archive/Restore and Delete."""

    #: a short message for the status bar ("Tallennettu" …)
    status = Signal(str)
    #: the catalogue changed: pickers elsewhere should offer the new list
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Qualification catalogue"), parent)
        self.store: Store | None = None

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("New qualification, e.g. Tieturva 1"))
        self.name_edit.setMaxLength(MAX_NAME_LENGTH + 50)  # the service names the limit
        self.name_edit.setAccessibleName(_("Name of the new qualification"))
        self.add_button = QPushButton(_("Add"))
        self.add_button.setToolTip(_("Added at once; no need to save."))
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(_("Qualification catalogue"))
        self.rename_button = QPushButton(_("Rename…"))
        self.archive_button = QPushButton(_("Archive"))
        self.delete_button = QPushButton(_("Delete"))
        self.show_archived = QCheckBox(_("Show archived"))

        add_row = QHBoxLayout()
        add_row.addWidget(self.name_edit, 1)
        add_row.addWidget(self.add_button)
        actions = QVBoxLayout()
        actions.addWidget(self.rename_button)
        actions.addWidget(self.archive_button)
        actions.addWidget(self.delete_button)
        actions.addStretch()
        actions.addWidget(self.show_archived)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(actions)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addLayout(add_row)
        layout.addWidget(self.error)

        self.name_edit.returnPressed.connect(self.add)
        self.name_edit.textEdited.connect(self._clear_error)
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.archive_button.clicked.connect(self.toggle_archived)
        self.delete_button.clicked.connect(self.delete)
        self.show_archived.toggled.connect(self._show_archived_toggled)
        self.list.currentItemChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(self.rename)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.setWhatsThis(_("Delete the chosen qualification"))
        delete_key.activated.connect(self.delete)
        rename_key = QShortcut(QKeySequence("F2"), self.list)
        rename_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        rename_key.setWhatsThis(_("Rename the chosen qualification"))
        rename_key.activated.connect(self.rename)
        self._fit_list_height()
        self._update_buttons()

    # --- set-up -------------------------------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self._clear_error()
        self.reload()

    def cancel_typing(self) -> bool:
        """Esc: clear the name being typed; True if the focus was in the catalogue."""
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            return False
        self.name_edit.clear()
        self._clear_error()
        return True

    def _fit_list_height(self) -> None:
        """Room for ``VISIBLE_ROWS`` whole entries: the built-in ones and a first own one."""
        row = self.list.sizeHintForRow(0) if self.list.count() else -1
        if row <= 0:
            row = self.list.fontMetrics().height() + 2
        self.list.setFixedHeight(VISIBLE_ROWS * row + 2 * self.list.frameWidth())

    # --- the list -----------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Show the catalogue as saved, keeping (or moving to) the chosen entry."""
        if select_id is None:
            select_id = self.current_id()
        self.list.blockSignals(True)
        try:
            self.list.clear()
            if self.store is not None:
                types = list_qualification_types(
                    self.store, include_archived=self.show_archived.isChecked()
                )
                for qualification in types:
                    self.list.addItem(self._item(qualification))
            for row in range(self.list.count()):
                if self.list.item(row).data(ID_ROLE) == select_id:
                    self.list.setCurrentRow(row)
                    break
        finally:
            self.list.blockSignals(False)
        self._fit_list_height()
        self._update_buttons()

    def _item(self, qualification: QualificationTypeRow) -> QListWidgetItem:
        text = qualification.name
        if qualification.archived:
            text = _("{text} (archived)").format(text=qualification.name)
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, qualification.id)
        item.setData(ARCHIVED_ROLE, qualification.archived)
        item.setData(NAME_ROLE, qualification.name)
        if qualification.archived:
            font = item.font()
            font.setItalic(True)
            item.setFont(font)
            item.setToolTip(_("Archived: no longer offered for new choices."))
        return item

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(ID_ROLE))

    def _current_archived(self) -> bool:
        item = self.list.currentItem()
        return item is not None and bool(item.data(ARCHIVED_ROLE))

    def _current_name(self) -> str:
        item = self.list.currentItem()
        return "" if item is None else str(item.data(NAME_ROLE))

    def names(self) -> list[str]:
        """The texts the list shows, top to bottom."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _update_buttons(self, *_args: object) -> None:
        has_store = self.store is not None
        chosen = has_store and self.list.currentItem() is not None
        for widget in (self.name_edit, self.add_button, self.show_archived, self.list):
            widget.setEnabled(has_store)
        for button in (self.rename_button, self.archive_button, self.delete_button):
            button.setEnabled(chosen)
        self.archive_button.setText(_("Restore") if self._current_archived() else _("Archive"))

    def _show_archived_toggled(self, _checked: bool) -> None:
        self.reload()

    # --- messages -----------------------------------------------------------------------------

    def _show_error(self, message: str) -> None:
        self.error.setText(error_text(message))
        self.error.show()
        self.status.emit(message)

    def _clear_error(self, *_args: object) -> None:
        self.error.hide()
        self.error.clear()

    def _refused(self, error: Exception) -> None:
        if isinstance(error, ValidationError):
            self._show_error("\n".join(error.errors.values()))
        else:
            self._show_error(str(error))
        if isinstance(error, NotFoundError):  # gone meanwhile, e.g. at another workstation
            self.reload()

    def _done(self, message: str, select_id: int | None = None) -> None:
        self._clear_error()
        self.reload(select_id)
        self.status.emit(message)
        self.changed.emit()

    # --- actions ------------------------------------------------------------------------------

    def add(self) -> None:
        if self.store is None:
            return
        try:
            type_id = add_qualification_type(self.store, self.name_edit.text())
        except (ValidationError, UserError) as error:
            self._refused(error)
            self.name_edit.setFocus()
            return
        self.name_edit.clear()
        self._done(_("Saved"), type_id)
        self.name_edit.setFocus()

    def rename(self, *_args: object) -> None:
        type_id = self.current_id()
        if self.store is None or type_id is None:
            return
        name, ok = QInputDialog.getText(
            self,
            _("Rename qualification"),
            _("New name:"),
            QLineEdit.EchoMode.Normal,
            self._current_name(),
        )
        if not ok:
            return
        try:
            rename_qualification_type(self.store, type_id, name)
        except (ValidationError, UserError) as error:
            self._refused(error)
            return
        self._done(_("Saved"), type_id)

    def toggle_archived(self) -> None:
        type_id = self.current_id()
        if self.store is None or type_id is None:
            return
        archive = not self._current_archived()
        try:
            set_qualification_type_archived(self.store, type_id, archive)
        except (ValidationError, UserError) as error:
            self._refused(error)
            return
        self._done(_("Archived") if archive else _("Restored"), type_id)

    def delete(self) -> None:
        type_id = self.current_id()
        if self.store is None or type_id is None:
            return
        name = self._current_name()
        answer = QMessageBox.question(
            self,
            _("Delete qualification"),
            _("Delete “{name}” from the catalogue for good? This cannot be undone.").format(
                name=name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_qualification_type(self.store, type_id)
        except RecordInUseError:
            message = _(
                "“{name}” is recorded for participants or required by contracts, so it "
                "cannot be deleted. Archive it instead: it is then no longer offered for "
                "new choices."
            ).format(name=name)
            self.status.emit(_("Not deleted"))
            QMessageBox.information(self, _("Not deleted"), message)
            return
        except UserError as error:
            self._refused(error)
            return
        self._done(_("Deleted"))

"""The dialog "Työryhmät": saved crews (a name, members, a lead) to put on gigs in one go.

Opened from the week planner, which applies a template to a gig itself. Saving,
archiving and restoring each write at once; unsaved edits are asked about before
another template is shown or the dialog closes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.instructors import list_instructors
from jobcenter_desktop.queries.participants import list_participants
from jobcenter_desktop.services.planning.crew_templates import (
    CrewTemplateRow,
    list_crew_templates,
    save_crew_template,
    set_crew_template_archived,
)
from ui.crew_templates.form import TemplateForm
from ui.forms import area_shortcut, confirm_discard

ID_ROLE = Qt.ItemDataRole.UserRole


class CrewTemplatesDialog(QDialog):
    """Templates on the left (archived on request), the chosen one's form on the right."""

    #: a template was saved, archived or restored: the planner's template menu should reload
    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.templates: list[CrewTemplateRow] = []
        self.current: CrewTemplateRow | None = None
        self.dirty = False
        self.setWindowTitle(_("Crew templates"))

        self.list = QListWidget()
        self.list.setAccessibleName(_("Crew templates"))
        self.show_archived = QCheckBox(_("Show archived"))
        self.new_button = QPushButton(_("New (Ctrl+N)"))
        self.empty_note = QLabel(_("No crew templates yet: make the first one (Ctrl+N)."))
        self.empty_note.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.empty_note)
        left.addWidget(self.show_archived)
        left.addWidget(self.new_button)

        self.form = TemplateForm()
        self.save_button = QPushButton(_("Save (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.archive_button = QPushButton(_("Archive"))
        self.close_button = QPushButton(_("Close (Esc)"))
        self.message = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.archive_button)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.close_button)
        right = QVBoxLayout()
        right.addWidget(self.form, 1)
        right.addLayout(buttons)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addSpacing(12)
        layout.addLayout(right, 2)

        self.list.currentItemChanged.connect(self._chosen)
        self.show_archived.toggled.connect(lambda _checked: self.reload())
        self.new_button.clicked.connect(self.new)
        self.save_button.clicked.connect(self.save)
        self.archive_button.clicked.connect(self.toggle_archived)
        self.close_button.clicked.connect(self.reject)
        self.form.changed.connect(self._edited)
        area_shortcut(self, "Ctrl+S", self.save)
        area_shortcut(self, "Ctrl+N", self.new)
        area_shortcut(self, "Ctrl+F", self.form.member_filter.setFocus)
        self.resize(860, 560)
        self.reload()
        if self.templates:
            self.list.setCurrentRow(0)
        else:
            self.new()

    # --- the list -----------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Read the templates again, keeping (or moving to) the chosen one."""
        if select_id is None and self.current is not None:
            select_id = self.current.id
        self.templates = list_crew_templates(self.store, self.show_archived.isChecked())
        self.list.blockSignals(True)
        self.list.clear()
        for template in self.templates:
            text = _("{name} · {count} people").format(
                name=template.name, count=len(template.member_ids)
            )
            if template.archived:
                text = _("{text} (archived)").format(text=text)
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, template.id)
            self.list.addItem(item)
            if template.id == select_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.empty_note.setVisible(not self.templates)
        self._update_buttons()

    def names(self) -> list[str]:
        """What the list shows, top to bottom."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _template(self, template_id: int | None) -> CrewTemplateRow | None:
        return next((t for t in self.templates if t.id == template_id), None)

    def _show(self, template: CrewTemplateRow | None) -> None:
        self.current = template
        self.form.load(
            template,
            list_participants(self.store, include_archived=True),
            list_instructors(self.store, include_archived=True),
        )
        self.dirty = False
        self._update_buttons()

    def _chosen(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        if not self.confirm_discard():
            self.list.blockSignals(True)
            self.list.setCurrentRow(-1 if previous is None else self.list.row(previous))
            self.list.blockSignals(False)
            return
        self.message.clear()
        self._show(self._template(int(item.data(ID_ROLE))))

    def _update_buttons(self) -> None:
        archived = self.current is not None and self.current.archived
        self.archive_button.setEnabled(self.current is not None)
        self.archive_button.setText(_("Restore") if archived else _("Archive"))
        self.save_button.setEnabled(not archived)

    # --- actions ------------------------------------------------------------------------------

    def _edited(self) -> None:
        self.dirty = True
        self.message.clear()

    def new(self) -> None:
        if not self.confirm_discard():
            return
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self._show(None)
        self.form.name_edit.setFocus()

    def save(self) -> bool:
        if self.current is not None and self.current.archived:
            return False
        try:
            template_id = save_crew_template(
                self.store,
                self.form.name(),
                self.form.member_ids(),
                self.form.lead_id(),
                None if self.current is None else self.current.id,
            )
        except ValidationError as error:
            self.form.show_errors(list(error.errors.values()))
            self.message.setText(_("Not saved: check the messages."))
            return False
        except UserError as error:
            self.form.show_errors([str(error)])
            return False
        self.dirty = False
        self.reload(template_id)
        self._show(self._template(template_id))
        self.message.setText(_("Saved"))
        self.changed.emit()
        return True

    def toggle_archived(self) -> None:
        if self.current is None or not self.confirm_discard():
            return
        archive = not self.current.archived
        try:
            set_crew_template_archived(self.store, self.current.id, archive)
        except UserError as error:
            self.form.show_errors([str(error)])
            return
        template_id = self.current.id
        self.reload(template_id)
        shown = self._template(template_id)
        if shown is None:  # archived and hidden: show the first one left, or a new one
            self.current = None
            if self.templates:
                self.list.setCurrentRow(0)
            else:
                self._show(None)
        else:
            self._show(shown)
        self.message.setText(_("Archived") if archive else _("Restored"))
        self.changed.emit()

    def confirm_discard(self) -> bool:
        """Ask before unsaved edits are thrown away; True when it is fine to go on."""
        return confirm_discard(self, self.dirty, self.save, self._forget_edits)

    def _forget_edits(self) -> None:
        # Discard: the form shows the stored template again (a new one empty).
        self._show(self.current)

    def reject(self) -> None:  # Esc, Close and the window's close button
        if self.confirm_discard():
            super().reject()

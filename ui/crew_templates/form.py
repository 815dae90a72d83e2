"""The form of one crew template: its name, the members to tick and the lead instructor."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.domain.enums import ParticipantStatus
from jobcenter_desktop.domain.search import fold
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.instructors import InstructorRow
from jobcenter_desktop.queries.participants import ParticipantRow
from jobcenter_desktop.services.planning.crew_templates import (
    MAX_NAME_LENGTH,
    CrewTemplateRow,
    label,
)
from ui.forms import ERROR_STYLE, compact_combo, error_text

ID_ROLE = Qt.ItemDataRole.UserRole


class TemplateForm(QWidget):
    """Shows a template (or an empty one); ``changed`` fires on every edit by the user."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(MAX_NAME_LENGTH + 50)  # the service names the limit
        self.name_edit.setPlaceholderText(_("e.g. Tuesday cleaning"))
        self.member_filter = QLineEdit()
        self.member_filter.setPlaceholderText(_("Search by name (Ctrl+F)"))
        self.member_filter.setClearButtonEnabled(True)
        self.members = QListWidget()
        self.members.setAccessibleName(label("members"))
        self.member_count = QLabel()
        self.lead_combo: QComboBox = compact_combo()
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        members_box = QWidget()
        members_column = QVBoxLayout(members_box)
        members_column.setContentsMargins(0, 0, 0, 0)
        members_column.addWidget(self.member_filter)
        members_column.addWidget(self.members, 1)
        members_column.addWidget(self.member_count)
        for key, widget in (
            ("name", self.name_edit),
            ("members", members_box),
            ("lead_instructor", self.lead_combo),
        ):
            caption = QLabel(label(key))
            caption.setBuddy(self.members if widget is members_box else widget)
            form.addRow(caption, widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(form, 1)
        layout.addWidget(self.error)

        self.name_edit.textEdited.connect(self._edited)
        self.members.itemChanged.connect(self._edited)
        self.lead_combo.currentIndexChanged.connect(self._edited)
        self.member_filter.textChanged.connect(self._filter)

    # --- values in and out --------------------------------------------------------------------

    def load(
        self,
        template: CrewTemplateRow | None,
        participants: Sequence[ParticipantRow],
        instructors: Sequence[InstructorRow],
    ) -> None:
        """Show ``template`` (None: a new, empty one) with the people it can have."""
        self._loading = True
        try:
            chosen = set(template.member_ids) if template is not None else set()
            self.heading.setText(template.name if template is not None else _("New crew template"))
            self.name_edit.setText(template.name if template is not None else "")
            self.members.clear()
            for person in participants:
                inactive = person.archived or person.status is not ParticipantStatus.ACTIVE
                if inactive and person.id not in chosen:
                    continue
                text = f"{person.first_name} {person.last_name} ({person.participant_number})"
                if person.archived:
                    text = _("{text} (archived)").format(text=text)
                item = QListWidgetItem(text)
                item.setData(ID_ROLE, person.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = person.id in chosen
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.members.addItem(item)
            lead = template.lead_instructor_id if template is not None else None
            self.lead_combo.clear()
            self.lead_combo.addItem(_("No lead instructor"), None)
            for instructor in instructors:
                inactive = instructor.archived or not instructor.active
                if inactive and instructor.id != lead:
                    continue
                self.lead_combo.addItem(
                    f"{instructor.first_name} {instructor.last_name}", instructor.id
                )
            self.lead_combo.setCurrentIndex(max(self.lead_combo.findData(lead), 0))
            self.member_filter.clear()
            self.clear_error()
            self._count()
        finally:
            self._loading = False

    def name(self) -> str:
        return self.name_edit.text()

    def member_ids(self) -> list[int]:
        return [
            int(self.members.item(row).data(ID_ROLE))
            for row in range(self.members.count())
            if self.members.item(row).checkState() == Qt.CheckState.Checked
        ]

    def lead_id(self) -> int | None:
        data = self.lead_combo.currentData()
        return None if data is None else int(data)

    def set_member(self, participant_id: int, checked: bool = True) -> None:
        """Tick (or untick) a participant, as a click on the box does."""
        for row in range(self.members.count()):
            item = self.members.item(row)
            if item.data(ID_ROLE) == participant_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    # --- messages -----------------------------------------------------------------------------

    def show_errors(self, messages: Sequence[str]) -> None:
        self.error.setText("\n".join(error_text(message) for message in messages))
        self.error.setVisible(bool(messages))

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    # --- behaviour ----------------------------------------------------------------------------

    def _edited(self, *_args: object) -> None:
        if self._loading:
            return
        self._count()
        self.changed.emit()

    def _count(self) -> None:
        self.member_count.setText(_("Chosen: {count}").format(count=len(self.member_ids())))

    def _filter(self, text: str) -> None:
        wanted = fold(text)
        for row in range(self.members.count()):
            item = self.members.item(row)
            item.setHidden(bool(wanted) and wanted not in fold(item.text()))

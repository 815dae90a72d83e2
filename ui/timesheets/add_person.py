"""Add a person who was not on the planned crew: who, and why (the reason is required)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.i18n import gettext as _
from ui.forms import ERROR_STYLE, error_text
from ui.planner.people import INSTRUCTOR, Person, PersonKey


class AddPersonDialog(QDialog):
    """A participant or an instructor (typing filters the list) and the reason they worked."""

    def __init__(self, people: list[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add a person who was not planned"))
        self.resize(440, 220)
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for person in people:
            text = (
                _("{name} (instructor)").format(name=person.name)
                if person.kind == INSTRUCTOR
                else person.name
            )
            self.person.addItem(text, person.key)
        self.person.setCurrentIndex(-1)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("e.g. replaced a participant who fell ill"))
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(_("Person"), self.person)
        form.addRow(_("Reason"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel(_("The person's hours are prefilled with the planned time; correct them."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.person.setFocus()

    def chosen(self) -> tuple[PersonKey | None, str]:
        """The person picked (matched by the text typed, too) and the reason."""
        index = self.person.findText(self.person.currentText())
        key = self.person.itemData(index) if index >= 0 else None
        return key, self.reason.text().strip()

    def accept(self) -> None:
        key, reason = self.chosen()
        problems = []
        if key is None:
            problems.append(_("Choose the person from the list."))
        if not reason:
            problems.append(_("Say why the person worked on the gig though not planned."))
        if problems:
            self.error.setText("\n".join(error_text(p) for p in problems))
            self.error.show()
            return
        super().accept()

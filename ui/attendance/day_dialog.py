"""The small editor of one attendance day: status, allowance and the optional hours."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.domain.enums import AttendanceStatus
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_decimal, format_time
from jobcenter_desktop.queries.attendance import AttendanceRow
from ui.forms import ERROR_STYLE, TimeEdit, enum_combo, error_text, number_hint

#: saves status, allowance, start and end as typed; raises ValidationError or UserError
SaveDay = Callable[[AttendanceStatus, str, str, str], None]


class DayDialog(QDialog):
    """OK saves through ``save``; a refused save shows its messages and keeps the dialog open."""

    def __init__(
        self, title: str, row: AttendanceRow | None, save: SaveDay, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self.status_combo = enum_combo(AttendanceStatus)
        self.allowance_edit = QLineEdit()
        self.allowance_edit.setPlaceholderText(number_hint("9.00"))
        self.allowance_edit.setMaximumWidth(120)
        self.start_edit = TimeEdit()
        self.end_edit = TimeEdit()
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        hours_note = QLabel(
            _("Hours only for rehabilitative work activity: paid work must be outside them.")
        )
        hours_note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(QLabel(f"<b>{title}</b>"))
        for caption, widget in (
            (_("Attendance"), self.status_combo),
            (_("Work-activity allowance"), self.allowance_edit),
            (_("Start time"), self.start_edit),
            (_("End time"), self.end_edit),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hours_note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        if row is not None:
            self.status_combo.setCurrentIndex(self.status_combo.findData(row.status.value))
            self.allowance_edit.setText(format_decimal(row.allowance))
            self.start_edit.setText(format_time(row.start_time))
            self.end_edit.setText(format_time(row.end_time))
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self._status_changed()
        self.setMinimumWidth(380)

    def status(self) -> AttendanceStatus:
        return AttendanceStatus(self.status_combo.currentData())

    def _status_changed(self, *_args: object) -> None:
        # The allowance belongs only to a day present: no field to fill in otherwise.
        present = self.status() is AttendanceStatus.PRESENT
        self.allowance_edit.setEnabled(present)
        if not present:
            self.allowance_edit.clear()

    def accept(self) -> None:
        try:
            self._save(
                self.status(),
                self.allowance_edit.text(),
                self.start_edit.text(),
                self.end_edit.text(),
            )
        except ValidationError as error:
            self.show_error("\n".join(error.errors.values()))
            return
        except UserError as error:
            self.show_error(str(error))
            return
        super().accept()

    def show_error(self, message: str) -> None:
        self.error.setText("\n".join(error_text(line) for line in message.splitlines()))
        self.error.show()

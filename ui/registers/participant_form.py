"""The participant's detail form: sections of fields, the hidden identity code, qualifications."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from jobcenter_desktop.domain.enums import Outcome, ParticipantStatus, PayBasis, ServiceBasis
from jobcenter_desktop.domain.validation import mask_identity_code
from jobcenter_desktop.forms.participants import ParticipantInput, QualificationInput
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date
from jobcenter_desktop.queries.participants import QualificationTypeRow
from jobcenter_desktop.services.registers.participants import label
from ui.forms import DateEdit, FieldForm, enum_combo, number_hint
from ui.rows_editor import RowField, RowsEditor

#: An extra key in ``FieldForm.widgets`` for the identity code's line edit. It is not an
#: attribute of ParticipantInput (so load/collect skip it); RegisterView connects Enter to
#: Save for every QLineEdit it finds in ``widgets``, and this makes Enter save here too.
IDENTITY_LINE_KEY = "identity_code_line"


def _masked(code: str) -> str:
    try:
        return mask_identity_code(code)
    except Exception:  # a malformed stored code: hide all of it rather than fail
        return "*" * len(code)


class IdentityCodeEdit(QWidget):
    """The personal identity code, hidden (``131052-****``) until Show or Change is clicked.

    The stored code is kept here, not in the line edit: while the user has not clicked
    Change, ``value()`` is the stored code whatever the line shows, so saving an
    untouched form can never lose or mangle it. An empty code is simply typed in.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit()
        self.line.setMaxLength(11)
        self.line.setPlaceholderText(_("e.g. 131052-308T"))
        self.show_button = QPushButton(_("Show"))
        self.show_button.setCheckable(True)
        self.show_button.setToolTip(_("Show the whole code"))
        self.change_button = QPushButton(_("Change"))
        self.change_button.setToolTip(_("Type a new code"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.show_button)
        layout.addWidget(self.change_button)
        self.setFocusProxy(self.line)
        self._stored = ""
        self._editing = True
        # The hidden code looks read-only (window-coloured), not like a field to type in.
        self._edit_palette = QPalette(self.line.palette())
        self._masked_palette = QPalette(self.line.palette())
        self._masked_palette.setColor(
            QPalette.ColorRole.Base, self.line.palette().color(QPalette.ColorRole.Window)
        )
        self.line.textEdited.connect(self._line_edited)
        self.show_button.toggled.connect(self._show_toggled)
        self.change_button.clicked.connect(self.start_editing)

    def _line_edited(self, _text: str) -> None:
        self.changed.emit()

    @property
    def editing(self) -> bool:
        return self._editing

    def set_value(self, value: str | None) -> None:
        self._stored = value or ""
        self.show_button.blockSignals(True)
        self.show_button.setChecked(False)
        self.show_button.setText(_("Show"))
        self.show_button.blockSignals(False)
        self._set_editing(not self._stored)
        self.line.setText(_masked(self._stored) if self._stored else "")
        self.line.setCursorPosition(0)

    def value(self) -> str:
        return self.line.text() if self._editing else self._stored

    def start_editing(self) -> None:
        """Let the user type a new code, starting from the stored one."""
        self._set_editing(True)
        self.line.setText(self._stored)
        self.line.selectAll()
        self.line.setFocus()

    def _set_editing(self, editing: bool) -> None:
        self._editing = editing
        self.line.setReadOnly(not editing)
        self.line.setPalette(self._edit_palette if editing else self._masked_palette)
        self.show_button.setVisible(not editing)
        self.change_button.setVisible(not editing)
        self.line.setToolTip(
            "" if editing else _("Hidden for privacy: Show displays it, Change lets you edit it.")
        )

    def _show_toggled(self, shown: bool) -> None:
        if self._editing:
            return
        self.line.setText(self._stored if shown else _masked(self._stored))
        self.line.setCursorPosition(0)
        self.show_button.setText(_("Hide") if shown else _("Show"))


def _line(placeholder: str = "", width: int | None = None) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    if width is not None:
        edit.setMaximumWidth(width)
    return edit


def _date(width: int = 130) -> DateEdit:
    edit = DateEdit()
    edit.setMaximumWidth(width)
    return edit


class ParticipantForm(FieldForm):
    """Every ParticipantInput field, keyed by its attribute name, in titled sections."""

    #: the shown participant's saved number, when the month timesheet is asked for
    print_month_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._qualification_names: dict[int, str] = {}
        self._saved_number = ""

        self.print_month_button = QPushButton(_("Month timesheet… (Ctrl+P)"))
        self.print_month_button.setShortcut(QKeySequence("Ctrl+P"))
        self.print_month_button.clicked.connect(self._print_month)
        # The register puts the button above the form (ParticipantsSpec.record_actions).

        self.section(_("Basic information"))
        self.add(
            "participant_number",
            label("participant_number"),
            _line(_("assigned automatically"), 200),
        )
        self.add("first_name", label("first_name"), _line())
        self.add("last_name", label("last_name"), _line())
        self.add("date_of_birth", label("date_of_birth"), _date())
        self.identity_code = IdentityCodeEdit()
        self.identity_code.setMaximumWidth(320)
        self.add("identity_code", label("identity_code"), self.identity_code)
        self.widgets[IDENTITY_LINE_KEY] = self.identity_code.line

        self.section(_("Contact information"))
        self.add("phone", label("phone"), _line(width=220))
        self.add("email", label("email"), _line())
        self.add("street", label("street"), _line())
        self.add("postal_code", label("postal_code"), _line(width=90))
        self.add("city", label("city"), _line())

        self.section(_("Work activity and pay"))
        self.add("service_basis", label("service_basis"), enum_combo(ServiceBasis))
        self.add("pay_basis", label("pay_basis"), enum_combo(PayBasis))
        self.add(
            "hourly_pay",
            label("hourly_pay"),
            _line(_("€/h, {example}").format(example=number_hint("10.50")), 140),
        )
        self.add(
            "iban",
            label("iban"),
            _line(_("e.g. {example}").format(example="FI21 1234 5600 0007 85"), 260),
        )
        self.add(
            "weekly_hour_limit",
            label("weekly_hour_limit"),
            _line(_("hours, {example}").format(example=number_hint("17.5", 1)), 140),
        )
        self.add("transport_note", label("transport_note"), _line())

        self.section(_("Guardian contact"))
        self.add("guardian_name", label("guardian_name"), _line())
        self.add("guardian_phone", label("guardian_phone"), _line(width=220))
        self.add("guardian_email", label("guardian_email"), _line())

        self.section(_("Consent for information exchange"))
        self.add("consent_date", label("consent_date"), _date())
        self.add("consent_scope", label("consent_scope"), _line())
        self.add("consent_expires", label("consent_expires"), _date())

        self.section(_("Qualifications"))
        self.qualifications = RowsEditor(
            QualificationInput,
            [
                RowField("qualification_type_id", label("qualification"), choices=[]),
                RowField("issued_on", _("Issued")),
                RowField("expires_on", _("Expires")),
            ],
        )
        self.add("qualifications", "", self.qualifications)

        self.section(_("Status and ending"))
        self.status = enum_combo(ParticipantStatus)
        self.add("status", label("status"), self.status)
        self.ended_on = self.add("ended_on", label("ended_on"), _date())
        self.outcome = enum_combo(Outcome, with_empty=True)
        self.add("outcome", label("outcome"), self.outcome)

        self.section(label("notes"))
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setMaximumHeight(80)
        self.add("notes", "", notes)

        self.status.currentIndexChanged.connect(self._update_ending)
        self.status.activated.connect(self._status_chosen)
        self._update_ending()

    # --- status ---------------------------------------------------------------------------

    def _ended(self) -> bool:
        return bool(self.status.currentData() == ParticipantStatus.ENDED.value)

    def _update_ending(self, *_args: Any) -> None:
        ended = self._ended()
        self.ended_on.setEnabled(ended)
        self.outcome.setEnabled(ended)

    def _status_chosen(self, _index: int) -> None:
        # Choosing Ended usually happens on the day: offer today, the user may change it.
        ended_on = self.widgets["ended_on"]
        assert isinstance(ended_on, QLineEdit)
        if self._ended() and not ended_on.text().strip():
            ended_on.setText(format_date(date.today()))

    # --- qualifications -------------------------------------------------------------------

    def set_qualification_types(self, types: Iterable[QualificationTypeRow]) -> None:
        """Offer the catalogue in the qualification rows; the rows shown keep their values."""
        self._qualification_names = {t.id: t.name for t in types}
        items = self.qualifications.value()
        self._set_choices(items)
        self.qualifications.blockSignals(True)  # new combos, same values: not an edit
        try:
            self.qualifications.set_value(items)
        finally:
            self.qualifications.blockSignals(False)

    def _set_choices(self, items: list[QualificationInput]) -> None:
        choices: list[tuple[Any, str]] = [(None, "")]
        choices += list(self._qualification_names.items())
        for item in items:  # a type archived since it was recorded still shows
            type_id = item.qualification_type_id
            if type_id is not None and type_id not in self._qualification_names:
                choices.append((type_id, _("Archived qualification")))
        field = self.qualifications.fields[0]
        self.qualifications.fields[0] = dataclasses.replace(field, choices=choices)

    # --- values ---------------------------------------------------------------------------

    def load(self, data: Any) -> None:
        if isinstance(data, ParticipantInput):
            self._set_choices(data.qualifications)
            # A new participant has no number (nor hours) until saved.
            self._saved_number = data.participant_number
            self.print_month_button.setEnabled(bool(self._saved_number))
        super().load(data)
        self._update_ending()

    def _print_month(self) -> None:
        if self._saved_number:
            self.print_month_requested.emit(self._saved_number)

    def collect_participant(self, data: ParticipantInput) -> ParticipantInput:
        """What is typed; the ending fields only count while the status is Ended."""
        # RowsEditor.value() reads the cells, not a cell editor still open (a date typed
        # and Ctrl+S pressed at once). Leaving the current cell commits what it holds.
        self.qualifications.table.setCurrentIndex(QModelIndex())
        collected = self.collect(data)
        if not self._ended():
            collected = dataclasses.replace(collected, ended_on="", outcome="")
        return collected

"""The centre's details as one form: organisation, contact, invoicing, bank accounts, logo."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.domain.enums import VatStatus
from jobcenter_desktop.domain.validation import format_iban
from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services.registers.centre import LOGO_TYPES, MAX_LOGO_BYTES, label
from ui.forms import FieldForm, enum_combo, error_text
from ui.rows_editor import RowField, RowsEditor

LOGO_WIDTH = 200
LOGO_HEIGHT = 80


def logo_pixmap(logo: bytes | None) -> QPixmap | None:
    """The picture scaled to fit 200 × 80 (never enlarged), or None if it cannot be shown."""
    if not logo:
        return None
    image = QImage()
    if not image.loadFromData(QByteArray(logo)):
        return None
    if image.width() > LOGO_WIDTH or image.height() > LOGO_HEIGHT:
        image = image.scaled(
            LOGO_WIDTH,
            LOGO_HEIGHT,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return QPixmap.fromImage(image)


class LogoPicker(QWidget):
    """A preview of the logo with Choose… and Remove; ``value()`` is the picture's bytes."""

    changed = Signal()
    #: a problem with the chosen file, as a sentence for the field's error line
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._logo: bytes | None = None
        self.preview = QLabel()
        self.preview.setFixedSize(LOGO_WIDTH + 8, LOGO_HEIGHT + 8)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.choose_button = QPushButton(_("Choose…"))
        self.remove_button = QPushButton(_("Remove"))
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self.remove)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        layout.addStretch()
        self._show()

    def value(self) -> bytes | None:
        return self._logo

    def set_value(self, logo: bytes | None) -> None:
        self._logo = logo or None
        self._show()

    def choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the logo"), "", _("Pictures (*.png *.jpg *.jpeg)")
        )
        if not path:
            return
        try:
            logo = Path(path).read_bytes()
        except OSError as error:
            self.problem.emit(
                _("the file could not be read ({error})").format(error=error.strerror or error)
            )
            return
        if len(logo) > MAX_LOGO_BYTES:
            self.problem.emit(_("the file is larger than 2 MB, choose a smaller picture"))
            return
        if not any(logo.startswith(magic) for magic in LOGO_TYPES) or logo_pixmap(logo) is None:
            self.problem.emit(_("the file is not a PNG or JPEG picture"))
            return
        self._logo = logo
        self._show()
        self.changed.emit()

    def remove(self) -> None:
        if self._logo is None:
            return
        self._logo = None
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        pixmap = logo_pixmap(self._logo)
        if pixmap is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("No logo"))
        else:
            self.preview.setText("")
            self.preview.setPixmap(pixmap)
        self.remove_button.setEnabled(self._logo is not None)


class BankAccountsEditor(RowsEditor):
    """The centre's accounts: IBAN, BIC and which one is printed by default."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            BankAccountInput,
            [
                RowField("iban", label("iban")),
                RowField("bic", label("bic")),
                RowField("is_default", _("Default"), checkbox=True),
            ],
            parent,
        )
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, 130)
        header.resizeSection(2, 80)
        self.table.setMaximumHeight(120)
        self.table.itemChanged.connect(self._one_default)

    def set_value(self, items: Any) -> None:
        # Shown the way people read them: in groups of four.
        super().set_value(
            [dataclasses.replace(item, iban=format_iban(item.iban)) for item in items]
        )

    def value(self) -> list[Any]:
        self.finish_editing()
        return super().value()

    def finish_editing(self) -> None:
        """Keep what is typed in a cell whose editor is still open (Ctrl+S without Enter)."""
        table = self.table
        if table.state() != QAbstractItemView.State.EditingState:
            return
        editor = table.indexWidget(table.currentIndex())
        if editor is not None:
            table.commitData(editor)
            table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _one_default(self, item: QTableWidgetItem) -> None:
        """Ticking one account as the default clears the tick of the others."""
        if item.column() != 2 or item.checkState() != Qt.CheckState.Checked:
            return
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            other = self.table.item(row, 2)
            if row != item.row() and other is not None:
                other.setCheckState(Qt.CheckState.Unchecked)
        self.table.blockSignals(False)


class NotedForm(FieldForm):
    """A FieldForm that can also show a line of explanation in the field column."""

    def note(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        self._layout.addRow("", label)
        return label


def reminder_fee_edit() -> QLineEdit:
    """The fee of a payment reminder, in euros (settings and wizard alike)."""
    fee = QLineEdit()
    fee.setMaximumWidth(90)
    fee.setToolTip(_("A consumer may be charged at most 5,00 € for a payment reminder."))
    return fee


def add_prepayment_register(form: NotedForm) -> None:
    """The prepayment-register tick with what it is for (settings and wizard alike)."""
    form.add(
        "prepayment_register",
        label("prepayment_register"),
        QCheckBox(_("Yes, the centre is in the register")),
    )
    form.note(_("Allows the household-deduction lines (work share) on invoices."))


class CentreForm(NotedForm):
    """Every detail of the centre; field keys are ``CentreInput`` attribute names.

    Two columns, so that it fits a laptop screen: the organisation, contact and
    invoicing fields on the left; the bank accounts and the logo on the right,
    above ``side_column``, where a view may add its own boxes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        main_fields = self._layout
        self._outer.removeItem(main_fields)
        main_fields.setParent(None)  # type: ignore[call-overload]  # free to join a column
        side_fields = QFormLayout()
        side_fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        left = QVBoxLayout()
        left.addLayout(main_fields)
        left.addStretch(1)
        #: room below the centre's own fields for more settings groups (above the stretch)
        self.main_column = left
        self.side_column = QVBoxLayout()
        right = QVBoxLayout()
        right.addLayout(side_fields)
        right.addLayout(self.side_column)
        right.addStretch(1)  # extra height goes below the boxes, not into the logo
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)  # not setSpacing: the form layouts would inherit it as row spacing
        columns.addLayout(right, 1)
        self._outer.addLayout(columns)

        self.section(_("Organisation"))
        self.add("legal_name", label("legal_name"), QLineEdit())
        business_id = QLineEdit()
        business_id.setPlaceholderText(_("e.g. 1234567-8"))
        business_id.setMaximumWidth(160)
        self.add("business_id", label("business_id"), business_id)
        self.add("vat_status", label("vat_status"), enum_combo(VatStatus))

        self.section(_("Address and contact"))
        self.add("street", label("street"), QLineEdit())
        postal_code = QLineEdit()
        postal_code.setMaximumWidth(90)
        self.add("postal_code", label("postal_code"), postal_code)
        self.add("city", label("city"), QLineEdit())
        self.add("phone", label("phone"), QLineEdit())
        self.add("email", label("email"), QLineEdit())

        self.section(_("Invoicing"))
        term = QLineEdit()
        term.setMaximumWidth(90)
        self.add("payment_term_days", label("payment_term_days"), term)
        number = QLineEdit()
        number.setMaximumWidth(90)
        self.add("next_invoice_number", label("next_invoice_number"), number)
        self.add("reminder_fee", label("reminder_fee"), reminder_fee_edit())
        add_prepayment_register(self)

        self.section(_("Booking rules"))
        self.add("same_day_rule_blocks", "", QCheckBox(label("same_day_rule_blocks")))
        self.add("benefit_limit_blocks", "", QCheckBox(label("benefit_limit_blocks")))
        self.note(
            _(
                "Ticked: a booking that breaks the rule is saved only with a reason, which "
                "is recorded. Unticked: it is saved with a warning."
            )
        )

        self.section(_("Pay runs and payroll"))
        self.add("payroll_identity_code", "", QCheckBox(label("payroll_identity_code")))
        self.add("pays_wages_itself", "", QCheckBox(label("pays_wages_itself")))
        self.note(
            _(
                "The personal identity codes go into the payroll export only when the "
                "payroll needs them. Unticked, the bank payment file of a pay run pays only "
                "the work-activity allowances."
            )
        )

        self._layout = side_fields  # FieldForm.add and section fill the right column from here
        self.section(label("bank_accounts"))
        self.accounts = BankAccountsEditor()
        self.add("bank_accounts", "", self.accounts)

        self.section(label("logo"))
        self.logo = LogoPicker()
        self.logo.problem.connect(self._logo_problem)
        self.add("logo", "", self.logo)
        self._layout = main_fields

    def collect_centre(self) -> CentreInput:
        return self.collect(CentreInput())

    def _logo_problem(self, message: str) -> None:
        # Only the logo's own line: errors of a failed save elsewhere stay visible.
        error = self._errors["logo"]
        error.setText(error_text(f"{label('logo')}: {message}"))
        error.show()

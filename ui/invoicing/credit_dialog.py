"""A credit note: the whole invoice or chosen lines, and, for a whole one, whether the
hours become invoiceable again."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.domain.invoices import InvoiceDocument, Line, credit_lines, totals
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_decimal, format_money
from jobcenter_desktop.services.invoicing.labels import unit_label
from ui.forms import ERROR_STYLE, error_text

#: ``save(positions or None for all, release the hours)``: issues the credit note or raises.
Save = Callable[[list[int] | None, bool], object]


def line_text(position: int, line: Line) -> str:
    when = format_date(line.day) if line.day else format_date(line.period_end)
    return _("{position}. {date} {description}: {quantity} {unit} × {price} = {net}").format(
        position=position,
        date=when,
        description=line.description,
        quantity=format_decimal(line.quantity),
        unit=unit_label(line.unit),
        price=format_money(line.unit_price),
        net=format_money(line.net),
    )


class CreditDialog(QDialog):
    def __init__(
        self, document: InvoiceDocument, save: Save, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Credit note for invoice {number}").format(number=document.number))
        self.setMinimumWidth(560)
        self.document = document
        self.save = save
        intro = QLabel(
            _(
                "A credit note corrects invoice {number} of {date}: it refers to it and "
                "has the credited lines with negative amounts."
            ).format(number=document.number, date=format_date(document.issue_date))
        )
        intro.setWordWrap(True)
        self.whole = QRadioButton(_("Credit the &whole invoice"))
        self.chosen = QRadioButton(_("Credit &chosen lines"))
        self.whole.setChecked(True)
        self.lines = QListWidget()
        self.lines.setAccessibleName(_("Lines of the invoice"))
        for position, line in enumerate(document.lines, start=1):
            item = QListWidgetItem(line_text(position, line))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, position)
            self.lines.addItem(item)
        self.release = QCheckBox(_("Make the &hours invoiceable again (to invoice them anew)"))
        self.amount = QLabel()
        self.amount.setStyleSheet("font-weight: bold;")
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Issue the credit note"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.whole)
        layout.addWidget(self.chosen)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.release)
        layout.addWidget(self.amount)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.whole.toggled.connect(self._update)
        self.lines.itemChanged.connect(lambda _item: self._update())
        self._update()
        self.whole.setFocus()

    def positions(self) -> list[int] | None:
        """The chosen lines' 1-based positions, or None for the whole invoice."""
        if self.whole.isChecked():
            return None
        return [
            int(self.lines.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.lines.count())
            if self.lines.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_chosen_lines(self, positions: Sequence[int]) -> None:
        self.chosen.setChecked(True)
        for row in range(self.lines.count()):
            item = self.lines.item(row)
            wanted = int(item.data(Qt.ItemDataRole.UserRole)) in positions
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def _update(self) -> None:
        whole = self.whole.isChecked()
        self.lines.setEnabled(not whole)
        self.release.setEnabled(whole)
        if not whole:
            self.release.setChecked(False)
        positions = self.positions()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(positions is None or bool(positions))
        if positions is not None and not positions:
            self.amount.setText(_("Tick the lines to credit."))
            return
        credited = totals(credit_lines(self.document.lines, positions)).total
        self.amount.setText(
            _("The credit note's total: {total}").format(total=format_money(credited))
        )

    def accept(self) -> None:
        try:
            self.save(self.positions(), self.release.isChecked())
        except (UserError, ValidationError) as error:
            self.message.setText(error_text(str(error)))
            self.message.show()
            return
        super().accept()

"""Record a payment by hand: the day it was paid and the amount (partial or more than due)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.domain.parsing import parse_date
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_decimal, format_money
from jobcenter_desktop.queries.invoices import InvoiceRow
from ui.forms import DateEdit, FieldForm, error_text
from ui.invoicing.dialog_frame import framed

#: ``save(amount as typed, paid on)``: records the payment or raises what is wrong.
Save = Callable[[str, date], object]


class PaymentDialog(QDialog):
    """Date and amount, the open amount proposed; Enter records, Esc cancels."""

    def __init__(self, invoice: InvoiceRow, save: Save, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Record a payment of invoice {number}").format(number=invoice.number))
        self.setMinimumWidth(420)
        self.save = save
        intro = QLabel(
            _("{customer}: total {total}, paid so far {paid}, open {open}.").format(
                customer=invoice.customer_name,
                total=format_money(invoice.total),
                paid=format_money(invoice.paid),
                open=format_money(invoice.open_amount),
            )
        )
        intro.setWordWrap(True)
        self.form = FieldForm()
        self.form.add("paid_on", _("Payment date"), DateEdit())
        self.form.add("amount", _("Amount"), QLineEdit())
        self.form.set_value("paid_on", format_date(date.today()))
        if invoice.open_amount > 0:
            self.form.set_value("amount", format_decimal(invoice.open_amount))
        self.message = framed(self, intro, self.form)
        amount = self.form.widgets["amount"]
        amount.setFocus()
        if isinstance(amount, QLineEdit):
            amount.selectAll()

    def accept(self) -> None:
        typed = str(self.form.value("paid_on"))
        try:
            paid_on = parse_date(typed)
        except ValueError:
            problem = _("is not a date, use e.g. 5.10.2026")
            self.form.show_errors({"paid_on": f"{_('Payment date')}: {problem}"})
            return
        try:
            self.save(str(self.form.value("amount")), paid_on)
        except ValidationError as error:
            self._say(self.form.show_errors(error.errors))
            return
        except UserError as error:
            self.form.clear_errors()
            self._say([str(error)])
            return
        super().accept()

    def _say(self, messages: list[str]) -> None:
        self.message.setText("\n".join(error_text(m) for m in messages))
        self.message.setVisible(bool(messages))

"""The dialogs of the money coming in: the reminders due, the report of a bank file, the
household statement's customer and year."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_money
from jobcenter_desktop.queries.invoices import InvoiceRow
from jobcenter_desktop.services.invoicing.payments import PaymentReport
from ui.forms import choice_combo
from ui.invoicing.issued_model import ageing_text

OUTCOMES = {
    "matched": N_("Matched"),
    "unmatched": N_("Not matched"),
    "duplicate": N_("Already imported"),
}
REPORT_HEADERS = (
    N_("Outcome"),
    N_("Date"),
    N_("Amount"),
    N_("Reference"),
    N_("Invoice"),
    N_("Payer"),
    N_("Why"),
)


def _ok_cancel(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class RemindersDialog(QDialog):
    """The overdue invoices that are due a reminder, all ticked; OK makes the letters."""

    def __init__(self, rows: Sequence[InvoiceRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Payment reminders"))
        self.setMinimumWidth(600)
        intro = QLabel(
            _(
                "These overdue invoices are due a reminder letter (at most one per 14 days). "
                "The letters are saved as PDF files in a folder you choose."
            )
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Invoices due a reminder"))
        for row in rows:
            text = _("{number}  {customer}: due {due}, open {open} ({ageing})").format(
                number=row.number,
                customer=row.customer_name,
                due=format_date(row.due_date),
                open=format_money(row.open_amount),
                ageing=ageing_text(row),
            )
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, row.number)
            self.list.addItem(item)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(_ok_cancel(self, _("Make the reminders…")))
        self.list.setFocus()

    def numbers(self) -> list[int]:
        return [
            int(self.list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]


class PaymentReportDialog(QDialog):
    """What a bank file brought: the summary, each payment and why it did not match."""

    def __init__(self, report: PaymentReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Payments imported"))
        self.resize(860, 460)
        summary = QLabel(str(report))
        summary.setWordWrap(True)
        summary.setStyleSheet("font-weight: bold;")
        self.table = QTableWidget(len(report.lines), len(REPORT_HEADERS))
        self.table.setHorizontalHeaderLabels([_(text) for text in REPORT_HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(_("Payments of the file"))
        for number, line in enumerate(report.lines):
            cells = (
                _(OUTCOMES.get(line.outcome, line.outcome)),
                format_date(line.paid_on),
                format_money(line.amount),
                line.reference,
                "" if line.invoice_number is None else str(line.invoice_number),
                line.payer,
                line.reason,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(number, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(REPORT_HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        if report.problems:
            problems = QLabel("\n".join(report.problems))
            problems.setWordWrap(True)
            layout.addWidget(problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def default_statement_year(today: date) -> int:
    """The tax year a statement is most likely wanted for: last year until the summer."""
    return today.year - 1 if today.month <= 6 else today.year


class HouseholdDialog(QDialog):
    """The household customer and the year of the statement of paid work shares."""

    def __init__(
        self, households: Sequence[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        """``households``: (customer number, the text to show) of each."""
        super().__init__(parent)
        self.setWindowTitle(_("Household statement"))
        self.setMinimumWidth(420)
        intro = QLabel(
            _(
                "The work shares the household paid in a year, for its tax deduction "
                "for household work."
            )
        )
        intro.setWordWrap(True)
        self.customer = choice_combo(households, with_empty=False)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(default_statement_year(date.today()))
        form = QFormLayout()
        customer_label = QLabel(_("&Customer"))
        customer_label.setBuddy(self.customer)
        year_label = QLabel(_("&Year"))
        year_label.setBuddy(self.year)
        form.addRow(customer_label, self.customer)
        form.addRow(year_label, self.year)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(_ok_cancel(self, _("Make the statement…")))
        self.customer.setFocus()

    def chosen(self) -> tuple[str, int]:
        """(customer number, year)."""
        return str(self.customer.currentData()), self.year.value()

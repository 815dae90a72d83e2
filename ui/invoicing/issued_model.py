"""The issued invoices and credit notes as a table: number, date, customer, total, paid,
open, status and ageing; the invoice number is the id."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from jobcenter_desktop.domain.invoices import AgeingBucket, DocumentKind, InvoiceStatus
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_money
from jobcenter_desktop.queries.invoices import InvoiceRow
from jobcenter_desktop.services.invoicing.labels import ageing_label, status_label
from ui.table_model import Column, ColumnTableModel

NUMBER, DATE, CUSTOMER, TOTAL, PAID, OPEN, STATUS, AGEING = range(8)
AGEING_ORDER = {bucket: order for order, bucket in enumerate(AgeingBucket)}
STATUS_ORDER = {state: order for order, state in enumerate(InvoiceStatus)}
# A pale background for the status; the words carry the meaning, the colour only helps.
STATUS_COLOURS = {
    InvoiceStatus.OVERDUE: "#fde2e1",
    InvoiceStatus.PAID: "#d3ecd0",
    InvoiceStatus.CREDITED: "#eeeeee",
    InvoiceStatus.CREDIT_NOTE: "#eeeeee",
}


def customer_text(row: InvoiceRow) -> str:
    return f"{row.customer_name} ({row.customer_number})"


def open_text(row: InvoiceRow) -> str:
    if row.kind is DocumentKind.CREDIT_NOTE:
        return ""
    return format_money(row.open_amount)


def ageing_text(row: InvoiceRow) -> str:
    return "" if row.ageing is None else ageing_label(row.ageing)


def ageing_sort(row: InvoiceRow) -> int:
    return -1 if row.ageing is None else AGEING_ORDER[row.ageing]


class IssuedModel(ColumnTableModel[InvoiceRow]):
    """Issued invoices, newest first as the query gives them; sorted by raw values."""

    columns = (
        Column[InvoiceRow](N_("Number"), lambda r: str(r.number), lambda r: r.number, True),
        Column[InvoiceRow](N_("Date"), lambda r: format_date(r.issue_date), lambda r: r.issue_date),
        Column[InvoiceRow](N_("Customer"), customer_text, lambda r: r.customer_name),
        Column[InvoiceRow](N_("Total"), lambda r: format_money(r.total), lambda r: r.total, True),
        Column[InvoiceRow](N_("Paid"), lambda r: format_money(r.paid), lambda r: r.paid, True),
        Column[InvoiceRow](N_("Open amount"), open_text, lambda r: r.open_amount, True),
        Column[InvoiceRow](
            N_("Status"), lambda r: status_label(r.status), lambda r: STATUS_ORDER[r.status]
        ),
        Column[InvoiceRow](N_("Ageing"), ageing_text, ageing_sort),
    )

    def row_id(self, row: InvoiceRow) -> int:
        return row.number

    def row_at(self, row: int) -> InvoiceRow:
        return self.rows[row]

    def extra_data(self, row: InvoiceRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and column == STATUS:
            colour = STATUS_COLOURS.get(row.status)
            return None if colour is None else QBrush(QColor(colour))
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(row)
        return None


def tooltip(row: InvoiceRow) -> str:
    lines = [
        _("Due {date}").format(date=format_date(row.due_date)),
        _("Reference {reference}").format(reference=row.reference),
    ]
    if row.credited_number is not None:
        lines.append(_("Credits invoice {number}").format(number=row.credited_number))
    if row.credited:
        lines.append(_("Credited {amount}").format(amount=format_money(row.credited)))
    if row.kind is DocumentKind.INVOICE and row.open_amount < 0:
        lines.append(_("Overpaid by {amount}").format(amount=format_money(-row.open_amount)))
    if row.last_reminder is not None:
        lines.append(_("Last reminder {date}").format(date=format_date(row.last_reminder)))
    return "\n".join(lines)

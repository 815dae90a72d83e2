"""The bookkeeper's sales ledger: the invoices and credit notes of a period as CSV or .xlsx.

One row per invoice (or credit note) and VAT rate of its document, invoices issued
from ``start`` to ``end`` (both included), by number. The columns are
:data:`SALES_HEADERS`: ``net``, ``vat`` and ``total`` are those of the row's rate
(``total = net + vat``; a credit note's are negative); ``paid`` is what was paid on
the invoice, written on its first row only so that summing the column is right;
``status`` is the code (open, overdue, paid, credited, credit_note) as of today.
Customer, customer number and business ID are as printed on the invoice.

The files follow the program's other exports (:func:`~.tabular.write_table`): a CSV
file is ``;``-separated UTF-8 with a byte-order mark, amounts with a dot
(``310.61``), dates ISO; in an ``.xlsx`` file the amounts, the rate and the number
are number cells.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import Invoice
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.invoices import InvoiceDocument
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date
from jobcenter_desktop.interchange.tabular import write_table
from jobcenter_desktop.queries.invoices import list_invoices

SALES_HEADERS = (
    "number",
    "date",
    "due_date",
    "customer",
    "customer_number",
    "business_id",
    "net",
    "vat_rate",
    "vat",
    "total",
    "status",
    "paid",
)
SALES_SUFFIXES = (".csv", ".xlsx")
#: Columns written as numbers in .xlsx: the number and the rate, and the amounts.
_NUMBER_COLUMNS = (0, 7)
_MONEY_COLUMNS = (6, 8, 9, 11)
ZERO = Decimal("0.00")


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _rate(value: Decimal) -> str:
    """A VAT rate as a plain number: ``25.5``, ``14``, ``0``."""
    text = format(value.normalize(), "f")
    return text if text != "-0" else "0"


def sales_rows(store: Store, start: date, end: date) -> list[list[str]]:
    """The rows :func:`export_sales` writes, without the heading row."""
    invoices = sorted(list_invoices(store, start=start, end=end), key=lambda row: row.number)
    with store.read() as session:
        documents = dict(
            session.execute(
                select(Invoice.number, Invoice.document).where(
                    Invoice.issue_date >= start, Invoice.issue_date <= end
                )
            ).all()
        )
    rows: list[list[str]] = []
    for invoice in invoices:
        document = InvoiceDocument.from_json(documents[invoice.number])
        # 0 % rows are kept apart by their reason on the invoice; the ledger has one per rate.
        by_rate: dict[Decimal, tuple[Decimal, Decimal]] = {}
        for vat_row in document.totals.vat_rows:
            net, vat = by_rate.get(vat_row.rate, (ZERO, ZERO))
            by_rate[vat_row.rate] = (net + vat_row.net, vat + vat_row.vat)
        if not by_rate:
            by_rate[ZERO] = (ZERO, ZERO)
        buyer = document.buyer
        for position, (rate, (net, vat)) in enumerate(by_rate.items()):
            rows.append(
                [
                    str(invoice.number),
                    invoice.issue_date.isoformat(),
                    invoice.due_date.isoformat(),
                    buyer.party.name,
                    buyer.customer_number,
                    buyer.party.business_id,
                    _amount(net),
                    _rate(rate),
                    _amount(vat),
                    _amount(net + vat),
                    invoice.status.value,
                    _amount(invoice.paid) if position == 0 else "",
                ]
            )
    return rows


def export_sales(store: Store, start: date, end: date, path: Path) -> int:
    """Write the sales ledger of ``start``–``end`` to ``path`` (.csv or .xlsx); the row count."""
    if path.suffix.lower() not in SALES_SUFFIXES:
        raise UserError(
            _(
                "The sales can be exported as a .csv or an .xlsx file, not as “{suffix}”. "
                "Give a file name ending in .csv or .xlsx."
            ).format(suffix=path.suffix or path.name)
        )
    if end < start:
        raise UserError(
            _(
                "The last day {end} is before the first day {start}. Give the first day first."
            ).format(start=format_date(start), end=format_date(end))
        )
    rows = sales_rows(store, start, end)
    write_table(path, SALES_HEADERS, rows, numbers=_NUMBER_COLUMNS, money=_MONEY_COLUMNS)
    return len(rows)

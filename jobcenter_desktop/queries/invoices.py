"""Issued invoices and credit notes for the lists, ``invoice show`` and the bookkeeper.

The status (open, overdue, paid, credited) is never stored: it follows from the
payments and credit notes of each invoice and today's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from jobcenter_desktop.db.models import Customer, Invoice, Payment, Reminder
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import CustomerType
from jobcenter_desktop.domain.invoices import (
    AgeingBucket,
    DocumentKind,
    InvoiceDocument,
    InvoiceStatus,
    ageing,
    status,
)
from jobcenter_desktop.domain.money import CENT
from jobcenter_desktop.domain.references import group_reference
from jobcenter_desktop.domain.search import fold


@dataclass(frozen=True, slots=True)
class InvoiceRow:
    id: int
    number: int
    kind: DocumentKind
    customer_id: int
    customer_number: str
    customer_name: str
    household: bool
    issue_date: date
    due_date: date
    net: Decimal
    vat: Decimal
    total: Decimal
    paid: Decimal
    credited: Decimal
    status: InvoiceStatus
    ageing: AgeingBucket | None
    reference: str
    credited_number: int | None
    last_reminder: date | None
    #: the number, the customer's number and name, folded (what the list's search matches)
    search: str = ""

    @property
    def open_amount(self) -> Decimal:
        """What is still to pay (negative when overpaid); 0 for a credit note."""
        if self.kind is DocumentKind.CREDIT_NOTE:
            return Decimal("0.00")
        return self.total - self.credited - self.paid


def _sums() -> Any:
    """Invoices with their customer, payments, credits and last reminder (a SELECT)."""
    paid = (
        select(Payment.invoice_id, func.sum(Payment.amount).label("paid"))
        .where(Payment.invoice_id.is_not(None))
        .group_by(Payment.invoice_id)
        .subquery()
    )
    credit = aliased(Invoice)
    credited = (
        select(credit.credited_invoice_id.label("invoice_id"), func.sum(credit.total).label("sum"))
        .where(credit.credited_invoice_id.is_not(None))
        .group_by(credit.credited_invoice_id)
        .subquery()
    )
    reminded = (
        select(Reminder.invoice_id, func.max(Reminder.letter_date).label("last"))
        .group_by(Reminder.invoice_id)
        .subquery()
    )
    original = aliased(Invoice)
    return (
        select(
            Invoice.id,
            Invoice.number,
            Invoice.kind,
            Invoice.customer_id,
            Customer.customer_number,
            Customer.name,
            Customer.type,
            Invoice.issue_date,
            Invoice.due_date,
            Invoice.net,
            Invoice.vat,
            Invoice.total,
            func.coalesce(paid.c.paid, 0),
            func.coalesce(credited.c.sum, 0),
            Invoice.reference,
            original.number,
            reminded.c.last,
            Invoice.search,
        )
        .join(Customer, Customer.id == Invoice.customer_id)
        .outerjoin(paid, paid.c.invoice_id == Invoice.id)
        .outerjoin(credited, credited.c.invoice_id == Invoice.id)
        .outerjoin(reminded, reminded.c.invoice_id == Invoice.id)
        .outerjoin(original, original.id == Invoice.credited_invoice_id)
    )


def _row(values: Any, today: date) -> InvoiceRow:
    (
        invoice_id,
        number,
        kind,
        customer_id,
        customer_number,
        customer_name,
        customer_type,
        issue_date,
        due_date,
        net,
        vat,
        total,
        paid_sum,
        credited_sum,
        reference,
        credited_number,
        last_reminder,
        search,
    ) = values
    # The sums keep the Money type of their column: Decimal euros.
    paid = Decimal(paid_sum).quantize(CENT)
    credited = -Decimal(credited_sum).quantize(CENT)
    state = status(kind=kind, total=total, paid=paid, credited=credited, due=due_date, today=today)
    return InvoiceRow(
        id=invoice_id,
        number=number,
        kind=kind,
        customer_id=customer_id,
        customer_number=customer_number,
        customer_name=customer_name,
        household=customer_type is CustomerType.HOUSEHOLD,
        issue_date=issue_date,
        due_date=due_date,
        net=net,
        vat=vat,
        total=total,
        paid=paid,
        credited=credited,
        status=state,
        ageing=(
            ageing(due_date, today)
            if state in (InvoiceStatus.OPEN, InvoiceStatus.OVERDUE)
            else None
        ),
        reference=reference,
        credited_number=credited_number,
        last_reminder=last_reminder,
        search=search,
    )


def list_invoices(
    store: Store,
    *,
    statuses: set[InvoiceStatus] | None = None,
    search: str = "",
    start: date | None = None,
    end: date | None = None,
    customer_id: int | None = None,
    today: date | None = None,
) -> list[InvoiceRow]:
    """Issued invoices and credit notes, newest number first, filtered as asked.

    ``search`` matches the number, the customer's number or name (folded).
    """
    today = today or date.today()
    with store.read() as session:
        query = _sums()
        if search.strip():
            query = query.where(Invoice.search.contains(fold(search.strip())))
        if start is not None:
            query = query.where(Invoice.issue_date >= start)
        if end is not None:
            query = query.where(Invoice.issue_date <= end)
        if customer_id is not None:
            query = query.where(Invoice.customer_id == customer_id)
        rows = [
            _row(values, today) for values in session.execute(query.order_by(Invoice.number.desc()))
        ]
    if statuses:
        rows = [row for row in rows if row.status in statuses]
    return rows


def invoice_row(store: Store, number: int, today: date | None = None) -> InvoiceRow | None:
    today = today or date.today()
    with store.read() as session:
        values = session.execute(_sums().where(Invoice.number == number)).first()
        return None if values is None else _row(values, today)


def invoice_document(store: Store, number: int) -> InvoiceDocument | None:
    with store.read() as session:
        text = session.scalar(select(Invoice.document).where(Invoice.number == number))
        return None if text is None else InvoiceDocument.from_json(text)


def stored_files(store: Store, number: int) -> tuple[bytes, bytes | None] | None:
    """The PDF and the Finvoice file stored when the invoice was issued (a reprint)."""
    with store.read() as session:
        found = session.execute(
            select(Invoice.pdf, Invoice.finvoice).where(Invoice.number == number)
        ).first()
        return None if found is None else (found[0], found[1])


def money_text(value: Decimal) -> str:
    """An amount as the command line's JSON gives it: ``"310.61"``."""
    return f"{value:.2f}"


def invoice_json(row: InvoiceRow, document: InvoiceDocument) -> dict[str, Any]:
    """``invoice show NUMBER --json``: the issue's keys, amounts as strings."""
    sums = document.totals
    return {
        "number": row.number,
        "kind": row.kind.value,
        "customer_number": row.customer_number,
        "date": row.issue_date.isoformat(),
        "due_date": row.due_date.isoformat(),
        "reference": document.reference,
        "reference_grouped": group_reference(document.reference),
        "rf_reference": document.rf_reference,
        "virtual_barcode": document.barcode,
        "net": money_text(sums.net),
        "vat": money_text(sums.vat),
        "total": money_text(sums.total),
        "paid": money_text(row.paid),
        "credited": money_text(row.credited),
        "open": money_text(row.open_amount),
        "status": row.status.value,
        "work_share": None if document.work_share is None else money_text(document.work_share),
        "credited_number": document.credited_number,
        "lines": [
            {
                "line": position,
                "kind": line.kind.value,
                "date": None if line.day is None else line.day.isoformat(),
                "period_start": None
                if line.period_start is None
                else line.period_start.isoformat(),
                "period_end": None if line.period_end is None else line.period_end.isoformat(),
                "description": line.description,
                "site": line.site,
                "quantity": str(line.quantity),
                "unit": line.unit.value,
                "unit_price": money_text(line.unit_price),
                "vat_rate": str(line.vat_rate),
                "net": money_text(line.net),
            }
            for position, line in enumerate(document.lines, start=1)
        ],
        "vat_summary": [
            {
                "vat_rate": str(vat_row.rate),
                "net": money_text(vat_row.net),
                "vat": money_text(vat_row.vat),
                "total": money_text(vat_row.gross),
                "reason": vat_row.reason,
            }
            for vat_row in sums.vat_rows
        ],
    }


def list_json(row: InvoiceRow) -> dict[str, Any]:
    """``invoices list --json``: one object per invoice."""
    return {
        "number": row.number,
        "kind": row.kind.value,
        "customer_number": row.customer_number,
        "customer": row.customer_name,
        "date": row.issue_date.isoformat(),
        "due_date": row.due_date.isoformat(),
        "net": money_text(row.net),
        "vat": money_text(row.vat),
        "total": money_text(row.total),
        "paid": money_text(row.paid),
        "status": row.status.value,
    }

"""Payments received: typed by hand, or read from the bank's reference-payment file.

A payment is never changed or deleted (the store refuses it); a wrong one is undone
by a correction with the opposite sign. The invoice's state (paid, open, overpaid)
follows from the sum of its payments (:mod:`jobcenter_desktop.queries.invoices`).

**The bank's file** (viitesiirto "KTL" or camt.054, read by
:func:`~jobcenter_desktop.interchange.payment_import.import_payments`) is stored in one
transaction under the write lock (:func:`import_bank_file`). Every payment of the
file is stored: matched by its reference to the invoice that has it, or kept without
an invoice (and reported, with the reason) when no invoice has it. The bank's archive
id is what a payment is known by: a payment whose archive id is already stored is a
duplicate and adds nothing, so importing the same file twice, also from two
workstations at once, adds it once.

A correction (the bank reverses a payment) is stored with a negative amount. Banks may
give a correction the archive id of the payment it reverses, so a correction's archive
id is stored with the suffix ``-C`` (:data:`CORRECTION_SUFFIX`): the payment and its
correction are both kept, and a correction imported again is still known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import Invoice, Payment
from jobcenter_desktop.db.store import Store, Transaction
from jobcenter_desktop.domain import validation
from jobcenter_desktop.domain.bank_file import BankFile, BankPayment
from jobcenter_desktop.domain.invoices import DocumentKind
from jobcenter_desktop.domain.references import (
    is_national_reference,
    national_from_rf,
    normalise_reference,
)
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_money
from jobcenter_desktop.queries.invoices import InvoiceRow, invoice_row
from jobcenter_desktop.services.invoicing.issuing import invoice_by_number

SOURCE_MANUAL = "manual"
#: Added to a correction's archive id (see the module's docstring).
CORRECTION_SUFFIX = "-C"

MATCHED = "matched"
UNMATCHED = "unmatched"
DUPLICATE = "duplicate"

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PaymentLine:
    """One payment of an imported file and what became of it.

    ``amount`` is as stored: negative for a correction. ``reason`` says why an
    unmatched payment matched nothing, or that a duplicate was imported before.
    """

    archive_id: str
    reference: str
    amount: Decimal
    paid_on: date
    payer: str
    invoice_number: int | None
    outcome: str  # "matched" | "unmatched" | "duplicate"
    reason: str


@dataclass(frozen=True)
class PaymentReport:
    """What an import of the bank's file did, payment by payment in the file's order."""

    format: str
    lines: tuple[PaymentLine, ...]
    #: the file's lines or entries that could not be read, one sentence each
    problems: tuple[str, ...]
    matched: int
    unmatched: int
    duplicates: int
    matched_total: Decimal

    def __str__(self) -> str:
        return _(
            "{matched} payments matched an invoice ({total}), {unmatched} matched no invoice, "
            "{duplicates} had been imported before and were not added again."
        ).format(
            matched=self.matched,
            total=format_money(self.matched_total),
            unmatched=self.unmatched,
            duplicates=self.duplicates,
        )


# --- by hand ----------------------------------------------------------------------------------


def _amount(value: str | Decimal) -> Decimal:
    """The amount of a payment typed by hand: a positive sum of money, or ValidationError."""
    checker = validation.Checker()
    label = _("Amount")
    amount = None
    if isinstance(value, str) and not value.strip():
        checker.add("amount", label, _("is required, e.g. 100,00"))
    else:
        try:
            amount = validation.money_amount(value)
        except validation.FieldError as error:
            checker.add("amount", label, error.message)
        else:
            if amount == 0:
                checker.add("amount", label, _("must be more than zero, e.g. 100,00"))
    checker.raise_if_any()
    assert amount is not None
    return amount


def record_payment(store: Store, number: int, amount: str | Decimal, paid_on: date) -> InvoiceRow:
    """Record a payment of invoice ``number`` typed by hand; returns the invoice's new state.

    A partial payment leaves the rest open; an overpayment is kept and shows as a
    negative open amount. Refuses (changing nothing) an amount that is not a positive
    sum of money, a date in the future, an unknown number and a credit note.
    """
    value = _amount(amount)
    if paid_on > date.today():
        checker = validation.Checker()
        checker.add(
            "paid_on",
            _("Payment date"),
            _("{day} is in the future; give the day the payment was made.").format(
                day=format_date(paid_on)
            ),
        )
        checker.raise_if_any()
    with store.write() as tx:
        invoice = invoice_by_number(tx.session, number)
        if invoice.kind is not DocumentKind.INVOICE:
            raise UserError(
                _(
                    "{number} is a credit note, which is not paid. Record the payment on "
                    "an invoice."
                ).format(number=number)
            )
        row = Payment(
            invoice_id=invoice.id,
            archive_id=None,
            reference=invoice.reference,
            amount=value,
            paid_on=paid_on,
            payer="",
            source=SOURCE_MANUAL,
            created_by=tx.actor,
        )
        tx.session.add(row)
        tx.session.flush()
        tx.record(
            "payment",
            row.id,
            "create",
            None,
            {
                "invoice": number,
                "amount": str(value),
                "paid_on": paid_on.isoformat(),
                "source": SOURCE_MANUAL,
            },
        )
    found = invoice_row(store, number)
    assert found is not None
    return found


# --- the bank's file --------------------------------------------------------------------------


def stored_archive_id(payment: BankPayment) -> str:
    """The archive id a bank payment is stored by: a correction's has :data:`CORRECTION_SUFFIX`."""
    return payment.archive_id + (CORRECTION_SUFFIX if payment.is_correction else "")


def match_reference(reference: str) -> tuple[str | None, str]:
    """The compact Finnish reference an invoice would have for ``reference`` (Finnish or
    RF, spaces and padding zeros ignored), or None and the sentence saying why not."""
    compact = normalise_reference(reference)
    if not compact:
        return None, _("The payment came without a reference number.")
    if compact.startswith("RF"):
        national = national_from_rf(compact)
        if national is not None:
            return national, ""
    else:
        compact = compact.lstrip("0")
        if is_national_reference(compact):
            return compact, ""
    return None, _("The reference {reference} is not a valid Finnish or RF reference.").format(
        reference=reference
    )


def import_bank_file(store: Store, bank_file: BankFile, name: str) -> PaymentReport:
    """Store the payments of a bank file read by ``interchange.bank_payments`` (``name`` is
    the file's name, for the audit log), matched to invoices by their reference.

    Every payment is stored, matched or not; those already imported are skipped. Lines
    that could not be read are named in the report's ``problems``.
    """
    with store.write() as tx:
        lines = _store(tx, bank_file.payments, bank_file.format)
        report = _report(bank_file.format, lines, bank_file.problems)
        tx.record(
            "payment",
            None,
            "import",
            None,
            {
                "file": name,
                "format": bank_file.format,
                "payments": len(lines),
                "matched": report.matched,
                "unmatched": report.unmatched,
                "duplicates": report.duplicates,
                "matched_total": str(report.matched_total),
                "problems": len(bank_file.problems),
            },
        )
    return report


def _store(tx: Transaction, payments: Sequence[BankPayment], source: str) -> list[PaymentLine]:
    session = tx.session
    keys = [stored_archive_id(payment) for payment in payments]
    earlier: dict[str, int | None] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        for archive_id, number in session.execute(
            select(Payment.archive_id, Invoice.number)
            .outerjoin(Invoice, Invoice.id == Payment.invoice_id)
            .where(Payment.archive_id.in_(chunk))
        ):
            if archive_id is not None:
                earlier[archive_id] = number
    matches = {payment.reference: match_reference(payment.reference) for payment in payments}
    invoices = _invoices_by_reference(
        tx, {national for national, _reason in matches.values() if national is not None}
    )
    lines: list[PaymentLine] = []
    for payment, key in zip(payments, keys, strict=True):
        amount = -payment.amount if payment.is_correction else payment.amount
        if key in earlier:
            lines.append(
                _line(
                    payment,
                    amount,
                    earlier[key],
                    DUPLICATE,
                    _(
                        "The payment with archive id {archive_id} was imported before; "
                        "it was not added again."
                    ).format(archive_id=key),
                )
            )
            continue
        national, reason = matches[payment.reference]
        invoice: tuple[int, int, DocumentKind] | None = None
        if national is not None:
            invoice = invoices.get(national)
            if invoice is None:
                reason = _("No invoice has the reference {reference}.").format(
                    reference=payment.reference
                )
            elif invoice[2] is not DocumentKind.INVOICE:
                reason = _(
                    "The reference {reference} is that of credit note {number}, which is not paid."
                ).format(reference=payment.reference, number=invoice[1])
                invoice = None
        session.add(
            Payment(
                invoice_id=None if invoice is None else invoice[0],
                archive_id=key,
                reference=payment.reference,
                amount=amount,
                paid_on=payment.paid_on,
                payer=payment.payer[:200],
                source=source,
                created_by=tx.actor,
            )
        )
        # A payment twice in one file is left out by the reader; this keeps it so anyway.
        earlier[key] = None if invoice is None else invoice[1]
        if invoice is None:
            lines.append(_line(payment, amount, None, UNMATCHED, reason))
        else:
            lines.append(_line(payment, amount, invoice[1], MATCHED, ""))
    session.flush()
    return lines


def _invoices_by_reference(
    tx: Transaction, references: set[str]
) -> dict[str, tuple[int, int, DocumentKind]]:
    found: dict[str, tuple[int, int, DocumentKind]] = {}
    ordered = sorted(references)
    for start in range(0, len(ordered), 500):
        for invoice_id, number, kind, reference in tx.session.execute(
            select(Invoice.id, Invoice.number, Invoice.kind, Invoice.reference).where(
                Invoice.reference.in_(ordered[start : start + 500])
            )
        ):
            found[reference] = (invoice_id, number, kind)
    return found


def _line(
    payment: BankPayment,
    amount: Decimal,
    number: int | None,
    outcome: str,
    reason: str,
) -> PaymentLine:
    return PaymentLine(
        archive_id=payment.archive_id,
        reference=payment.reference,
        amount=amount,
        paid_on=payment.paid_on,
        payer=payment.payer,
        invoice_number=number,
        outcome=outcome,
        reason=reason,
    )


def _report(format_: str, lines: list[PaymentLine], problems: Sequence[str]) -> PaymentReport:
    matched = [line for line in lines if line.outcome == MATCHED]
    return PaymentReport(
        format=format_,
        lines=tuple(lines),
        problems=tuple(problems),
        matched=len(matched),
        unmatched=sum(1 for line in lines if line.outcome == UNMATCHED),
        duplicates=sum(1 for line in lines if line.outcome == DUPLICATE),
        matched_total=sum((line.amount for line in matched), ZERO),
    )

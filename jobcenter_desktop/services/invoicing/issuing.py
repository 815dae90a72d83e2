"""Issuing: the invoice run and credit notes, each one transaction under the write lock.

The run backs the file up first, then, holding the write lock, prices the drafts
again (what another workstation issued meanwhile is no longer invoiceable), gives
numbers from the centre's series in order, stores each invoice's snapshot, PDF and
Finvoice file, and marks its gigs invoiced. A crash or a cancel before the commit
leaves nothing: no invoice, no used number, no gig marked. The store itself refuses
a number out of series, a gig billed twice and any change to an issued invoice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.backups import backup_before
from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import (
    BankAccount,
    Centre,
    Customer,
    ExtraLine,
    Invoice,
    InvoicedGig,
)
from jobcenter_desktop.db.store import Store, Transaction
from jobcenter_desktop.domain.bank_barcode import bank_barcode
from jobcenter_desktop.domain.enums import CustomerType, VatStatus
from jobcenter_desktop.domain.invoices import (
    Buyer,
    DocumentKind,
    InvoiceDocument,
    Line,
    Party,
    Seller,
    credit_lines,
    totals,
)
from jobcenter_desktop.domain.references import national_reference, rf_reference
from jobcenter_desktop.domain.search import search_text
from jobcenter_desktop.domain.vat import NOT_LIABLE_REASON, interest_on
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_money
from jobcenter_desktop.i18n.translator import translator_for
from jobcenter_desktop.services.invoicing.pricing import (
    Draft,
    MissingRateError,
    Period,
    Rates,
    awaiting_approval,
    drafts,
    load_rates,
)

#: The reference of invoice N is made from this base plus N (3–19 digits, no leading zero).
REFERENCE_BASE = 100000

Progress = Callable[[int, int], None]


class RunCancelled(UserError):
    """The user cancelled the run before it was saved: nothing was issued."""

    def __init__(self) -> None:
        super().__init__(_("The invoice run was cancelled. Nothing was issued."))


def reference_for(number: int) -> str:
    """The Finnish payment reference of invoice ``number`` (unique per invoice)."""
    return national_reference(REFERENCE_BASE + number)


@dataclass(frozen=True)
class Issued:
    """An invoice or credit note just issued: what the caller saves or prints."""

    invoice_id: int
    number: int
    kind: DocumentKind
    customer_number: str
    customer_name: str
    total: Decimal
    pdf: bytes
    finvoice: bytes | None


def _centre(session: Session) -> tuple[Centre, BankAccount]:
    centre = session.scalar(select(Centre).order_by(Centre.id).limit(1))
    if centre is None:
        raise UserError(
            _("Enter the centre's details first (Settings, or the command centre set).")
        )
    account = next((a for a in centre.bank_accounts if a.is_default), None) or next(
        iter(centre.bank_accounts), None
    )
    if account is None or not account.iban.upper().startswith("FI"):
        raise UserError(
            _("Give the centre a Finnish bank account (IBAN) first: the invoices are paid to it.")
        )
    if not account.bic:
        raise UserError(_("Give the centre's bank account its BIC first: the invoices print it."))
    return centre, account


def seller_of(centre: Centre, account: BankAccount) -> Seller:
    return Seller(
        party=Party(
            name=centre.legal_name,
            street=centre.street,
            postal_code=centre.postal_code,
            city=centre.city,
            business_id=centre.business_id,
            email=centre.email,
            phone=centre.phone,
        ),
        vat_registered=centre.vat_status is VatStatus.REGISTERED,
        iban=account.iban.replace(" ", "").upper(),
        bic=account.bic.upper(),
        prepayment_register=centre.prepayment_register,
    )


def buyer_of(customer: Customer) -> Buyer:
    return Buyer(
        party=Party(
            name=customer.name,
            street=customer.street,
            postal_code=customer.postal_code,
            city=customer.city,
            business_id=customer.business_id or "",
            email=customer.email,
            phone=customer.phone,
        ),
        customer_number=customer.customer_number,
        household=customer.type is CustomerType.HOUSEHOLD,
        einvoice_address=customer.einvoice_address,
        einvoice_operator=customer.einvoice_operator,
        customer_reference=customer.customer_reference,
    )


def _render(document: InvoiceDocument) -> tuple[bytes, bytes | None]:
    """The PDF, and the Finvoice file for an organisation (a household gets paper only)."""
    from jobcenter_desktop.documents.finvoice import finvoice_xml
    from jobcenter_desktop.documents.invoice_pdf import invoice_pdf

    pdf = invoice_pdf(document)
    xml = None if document.buyer.household else finvoice_xml(document)
    return pdf, xml


def _store_invoice(
    tx: Transaction,
    document: InvoiceDocument,
    customer: Customer,
    centre: Centre,
    *,
    credited: Invoice | None = None,
    releases_hours: bool = False,
) -> tuple[Invoice, bytes, bytes | None]:
    pdf, xml = _render(document)
    sums = document.totals
    row = Invoice(
        number=document.number,
        kind=document.kind,
        customer_id=customer.id,
        credited_invoice_id=None if credited is None else credited.id,
        releases_hours=releases_hours,
        issue_date=document.issue_date,
        due_date=document.due_date,
        period_start=document.period_start,
        period_end=document.period_end,
        reference=document.reference,
        net=sums.net,
        vat=sums.vat,
        total=sums.total,
        work_share=document.work_share,
        document=document.to_json(),
        pdf=pdf,
        finvoice=xml,
        issued_by=tx.actor,
        search=search_text(str(document.number), customer.customer_number, customer.name),
    )
    tx.session.add(row)
    tx.session.flush()
    # The next number only after the insert: the store checks the insert against it.
    centre.next_invoice_number = document.number + 1
    tx.session.flush()
    return row, pdf, xml


def _document(
    *,
    kind: DocumentKind,
    number: int,
    issue_date: date,
    period: Period,
    customer: Customer,
    seller: Seller,
    lines: Sequence[Line],
    rates: Rates,
    term: int,
    draft: Draft | None = None,
    credited: Invoice | None = None,
) -> InvoiceDocument:
    tr = translator_for(customer.invoice_language.value)
    due = issue_date + timedelta(days=term) if kind is DocumentKind.INVOICE else issue_date
    reference = reference_for(number)
    total = totals(lines).total
    interest = interest_on(rates.interest, issue_date)
    rate = None
    if interest is not None:
        rate = interest.consumer if customer.type is CustomerType.HOUSEHOLD else interest.business
    return InvoiceDocument(
        kind=kind,
        number=number,
        issue_date=issue_date,
        due_date=due,
        period_start=period.start,
        period_end=period.end,
        language=tr.language,
        seller=seller,
        buyer=buyer_of(customer),
        lines=tuple(lines),
        reference=reference,
        rf_reference=rf_reference(reference),
        barcode=(
            bank_barcode(seller.iban, reference, total, due)
            if kind is DocumentKind.INVOICE and total > 0
            else ""
        ),
        payment_term_days=term,
        interest_rate=rate,
        work_share=None if draft is None else draft.work_share,
        work_sites=() if draft is None else draft.work_sites,
        work_days=() if draft is None else draft.work_days,
        credited_number=None if credited is None else credited.number,
        credited_date=None if credited is None else credited.issue_date,
        vat_note="" if seller.vat_registered else tr(NOT_LIABLE_REASON),
    )


def _rate_problem(error: MissingRateError) -> UserError:
    return UserError(
        _(
            "The VAT table has no rate for {category} on {day}. Add the rate in Settings "
            "(VAT rates) and try again."
        ).format(category=error.category.label, day=error.day.strftime("%-d.%-m.%Y"))
    )


def preview(store: Store, period: Period, customer_ids: Sequence[int] | None = None) -> list[Draft]:
    """The drafts of ``period`` as the run would issue them now (nothing is written)."""
    with store.read() as session:
        try:
            return drafts(session, period, customer_ids)
        except MissingRateError as error:
            raise _rate_problem(error) from error


def awaiting_count(store: Store, period: Period, customer_ids: Sequence[int] | None = None) -> int:
    """How many of the period's gigs still have hours to record or approve (not billable yet)."""
    with store.read() as session:
        return awaiting_approval(session, period, customer_ids)


@dataclass(frozen=True)
class _Priced:
    """What a run (or its preview) works from, read in one session."""

    centre: Centre
    seller: Seller
    rates: Rates
    drafts: list[Draft]
    customers: dict[int, Customer]

    def document(
        self, draft: Draft, number: int, issue_date: date, period: Period
    ) -> InvoiceDocument:
        customer = self.customers[draft.customer_id]
        return _document(
            kind=DocumentKind.INVOICE,
            number=number,
            issue_date=issue_date,
            period=period,
            customer=customer,
            seller=self.seller,
            lines=draft.lines,
            rates=self.rates,
            term=_term_days(customer, self.centre),
            draft=draft,
        )


def _priced(session: Session, period: Period, customer_ids: Sequence[int] | None) -> _Priced:
    centre, account = _centre(session)
    rates = load_rates(session)
    try:
        found = drafts(
            session,
            period,
            customer_ids,
            rates=rates,
            prepayment_register=centre.prepayment_register,
        )
    except MissingRateError as error:
        raise _rate_problem(error) from error
    customers = {
        row.id: row
        for row in session.scalars(
            select(Customer).where(Customer.id.in_([d.customer_id for d in found]))
        )
    }
    return _Priced(centre, seller_of(centre, account), rates, found, customers)


def draft_documents(
    store: Store,
    period: Period,
    customer_ids: Sequence[int] | None = None,
    *,
    issue_date: date | None = None,
) -> list[tuple[Draft, InvoiceDocument]]:
    """The drafts as documents to preview: marked draft, numbered provisionally, not payable."""
    issue_date = issue_date or date.today()
    with store.read() as session:
        priced = _priced(session, period, customer_ids)
        first = priced.centre.next_invoice_number
        return [
            (
                draft,
                dataclasses.replace(
                    priced.document(draft, first + offset, issue_date, period),
                    draft=True,
                    barcode="",
                ),
            )
            for offset, draft in enumerate(priced.drafts)
        ]


def _term_days(customer: Customer, centre: Centre) -> int:
    """The customer's own payment term, else the centre's default."""
    if customer.payment_term_days is not None:
        return customer.payment_term_days
    return centre.payment_term_days


def issue_run(
    store: Store,
    period: Period,
    customer_ids: Sequence[int] | None = None,
    *,
    issue_date: date | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Issued]:
    """Issue the period's drafts in one transaction; returns what was issued, in order.

    The file is backed up first (``before-invoice-run``). ``progress(done, total)`` is
    called after each invoice; when ``cancelled()`` turns true the run stops and
    nothing is saved (:class:`RunCancelled`).
    """
    issue_date = issue_date or date.today()
    if store.path is not None:
        backup_before(store.path, "invoice-run", store.backups_dir)
    issued: list[Issued] = []
    with store.write() as tx:
        session = tx.session
        priced = _priced(session, period, customer_ids)
        centre = priced.centre
        for index, draft in enumerate(priced.drafts, start=1):
            if cancelled is not None and cancelled():
                raise RunCancelled()
            customer = priced.customers[draft.customer_id]
            document = priced.document(draft, centre.next_invoice_number, issue_date, period)
            row, pdf, xml = _store_invoice(tx, document, customer, centre)
            session.add_all(InvoicedGig(gig_id=gig, invoice_id=row.id) for gig in draft.gig_ids)
            if draft.extra_line_ids:
                for extra in session.scalars(
                    select(ExtraLine).where(ExtraLine.id.in_(draft.extra_line_ids))
                ):
                    extra.invoice_id = row.id
            session.flush()
            tx.record("invoice", row.id, "issue", None, _audit(row, draft))
            issued.append(
                Issued(
                    row.id,
                    row.number,
                    row.kind,
                    customer.customer_number,
                    customer.name,
                    row.total,
                    pdf,
                    xml,
                )
            )
            if progress is not None:
                progress(index, len(priced.drafts))
        if cancelled is not None and cancelled():
            raise RunCancelled()
    return issued


def _audit(row: Invoice, draft: Draft | None = None) -> dict[str, Any]:
    after: dict[str, Any] = {
        "number": row.number,
        "kind": row.kind.value,
        "customer_id": row.customer_id,
        "total": str(row.total),
    }
    if draft is not None:
        after["gigs"] = list(draft.gig_ids)
        if draft.extra_line_ids:
            after["extra_lines"] = list(draft.extra_line_ids)
    if row.credited_invoice_id is not None:
        after["credited_invoice_id"] = row.credited_invoice_id
        after["releases_hours"] = row.releases_hours
    return after


def invoice_by_number(session: Session, number: int) -> Invoice:
    row = session.scalar(select(Invoice).where(Invoice.number == number))
    if row is None:
        raise UserError(_("No invoice with the number {number}.").format(number=number))
    return row


def credited_sum(session: Session, invoice_id: int) -> Decimal:
    """What the credit notes of an invoice credit so far (a positive amount)."""
    value = session.scalar(
        select(func.coalesce(func.sum(Invoice.total), 0)).where(
            Invoice.credited_invoice_id == invoice_id
        )
    )
    # The sum keeps the Money type of its column: Decimal euros.
    return -Decimal(value or 0).quantize(Decimal("0.01"))


def credit(
    store: Store,
    number: int,
    positions: Sequence[int] | None = None,
    *,
    release_hours: bool = False,
    issue_date: date | None = None,
) -> Issued:
    """Issue a credit note for invoice ``number``: all its lines, or those at ``positions``.

    With ``release_hours`` (a full credit only) the invoice's gigs become invoiceable
    again. Refuses crediting a credit note, or more than is left to credit.
    """
    issue_date = issue_date or date.today()
    with store.write() as tx:
        session = tx.session
        original = invoice_by_number(session, number)
        if original.kind is not DocumentKind.INVOICE:
            raise UserError(
                _(
                    "Invoice {number} is a credit note itself; a credit note cannot be credited."
                ).format(number=number)
            )
        if release_hours and positions:
            raise UserError(
                _(
                    "Only a full credit note can make the hours invoiceable again: "
                    "leave out the lines to credit the whole invoice."
                )
            )
        document = InvoiceDocument.from_json(original.document)
        try:
            lines = credit_lines(document.lines, positions)
        except ValueError as error:
            raise UserError(
                _("Invoice {number} has no line {line}; it has lines 1–{count}.").format(
                    number=number, line=error.args[0], count=len(document.lines)
                )
            ) from error
        already = credited_sum(session, original.id)
        amount = -totals(lines).total
        if already + amount > original.total:
            raise UserError(
                _(
                    "Invoice {number} has already been credited by {credited}; "
                    "a credit note for more than what is left cannot be issued."
                ).format(number=number, credited=format_money(already))
            )
        centre, account = _centre(session)
        customer = original.customer
        credit_document = _document(
            kind=DocumentKind.CREDIT_NOTE,
            number=centre.next_invoice_number,
            issue_date=issue_date,
            period=Period(document.period_start, document.period_end),
            customer=customer,
            seller=seller_of(centre, account),
            lines=lines,
            rates=load_rates(session),
            term=0,
            credited=original,
        )
        # The snapshot's seller and buyer as printed on the original.
        credit_document = dataclasses.replace(
            credit_document, seller=document.seller, buyer=document.buyer
        )
        row, pdf, xml = _store_invoice(
            tx, credit_document, customer, centre, credited=original, releases_hours=release_hours
        )
        if release_hours:
            for billed in session.scalars(
                select(InvoicedGig).where(
                    InvoicedGig.invoice_id == original.id, InvoicedGig.released_by_id.is_(None)
                )
            ):
                billed.released_by_id = row.id
        session.flush()
        tx.record("invoice", row.id, "credit", None, _audit(row))
        return Issued(
            row.id,
            row.number,
            row.kind,
            customer.customer_number,
            customer.name,
            row.total,
            pdf,
            xml,
        )

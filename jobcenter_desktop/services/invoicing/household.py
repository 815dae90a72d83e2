"""The yearly statement of paid work shares for a household customer (kotitalousvähennys).

A household deducts part of the work it *paid for during the year*. Each invoice with a
work share (printed on it when the centre is in the prepayment register) contributes
the part of its work share that the year's payments paid: the work share (less the
work share of its credit notes) times what was paid over what is owed, never more
than the work share, rounded to the cent. An invoice paid across two years splits its
work share between them: each year gets what the payments up to its end paid, less
what the payments before it had already paid, so the years add up to the work share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import Centre, Customer, Invoice, Payment
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.documents.household_statement import (
    HouseholdStatement,
    HouseholdStatementRow,
    household_statement_pdf,
)
from jobcenter_desktop.domain.enums import CustomerType
from jobcenter_desktop.domain.invoices import DocumentKind, InvoiceDocument, Line, totals
from jobcenter_desktop.domain.money import round_cents
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services.invoicing.issuing import buyer_of, seller_of

ZERO = Decimal("0.00")


def paid_share(share: Decimal, owed: Decimal, paid: Decimal) -> Decimal:
    """The part of work share ``share`` that ``paid`` of ``owed`` pays: proportional,
    between 0 and the work share, rounded to the cent."""
    if owed <= 0 or share <= 0:
        return ZERO
    return round_cents(min(share, max(ZERO, share * paid / owed)))


#: More contracts on one invoice than this and the credit notes' work share counts every
#: work line (the search below is over the subsets of the invoice's contracts).
MAX_CONTRACTS_SEARCHED = 10


def eligible_contracts(lines: Sequence[Line], share: Decimal) -> frozenset[str] | None:
    """The contracts whose work lines make up the work share ``share`` of an invoice.

    The work share counts only the work of contracts with the household deduction;
    the issued invoice keeps the share, not which contracts it came from, so they are
    found again as the contracts whose work lines total ``share`` (all of them, in
    the usual case). None when no set of contracts does (then every work line counts).
    """
    by_contract: dict[str, list[Line]] = {}
    for line in lines:
        if line.kind.is_work:
            by_contract.setdefault(line.contract_number, []).append(line)
    names = sorted(by_contract)
    if len(names) > MAX_CONTRACTS_SEARCHED:
        return None
    for size in range(len(names), 0, -1):
        for chosen in combinations(names, size):
            if totals(line for name in chosen for line in by_contract[name]).total == share:
                return frozenset(chosen)
    return None


def credited_work_share(credit_lines: Sequence[Line], eligible: frozenset[str] | None) -> Decimal:
    """The (negative) work share of a credit note's lines: its work lines of ``eligible``
    contracts (all work lines when None), VAT included."""
    return totals(
        line
        for line in credit_lines
        if line.kind.is_work and (eligible is None or line.contract_number in eligible)
    ).total


@dataclass(frozen=True)
class _Invoice:
    number: int
    issue_date: date
    work_share: Decimal
    owed: Decimal
    work_sites: tuple[str, ...]
    eligible: frozenset[str] | None


def statement(
    store: Store, customer_number: str, year: int, made_on: date | None = None
) -> HouseholdStatement:
    """The statement of ``year`` for household customer ``customer_number``, as values.

    Refuses, in a sentence, an unknown customer, one that is not a household, a centre
    that is not in the prepayment register, and a year in which nothing was paid.
    """
    made_on = made_on or date.today()
    number = customer_number.strip()
    with store.read() as session:
        customer = session.scalar(select(Customer).where(Customer.customer_number == number))
        if customer is None:
            raise UserError(_("No customer with the number {number}.").format(number=number))
        if customer.type is not CustomerType.HOUSEHOLD:
            raise UserError(
                _(
                    "Customer {number} ({name}) is not a household: the statement of work "
                    "shares is for the household tax deduction of private households only."
                ).format(number=number, name=customer.name)
            )
        centre = session.scalar(select(Centre).order_by(Centre.id).limit(1))
        if centre is None:
            raise UserError(
                _("Enter the centre's details first (Settings, or the command centre set).")
            )
        if not centre.prepayment_register:
            raise UserError(
                _(
                    "The centre is not in the prepayment register, so its invoices give no "
                    "household deduction and no statement can be made. If the centre is in "
                    "the register, mark it in Settings first."
                )
            )
        account = next((a for a in centre.bank_accounts if a.is_default), None) or next(
            iter(centre.bank_accounts), None
        )
        if account is None:
            raise UserError(
                _(
                    "Give the centre a Finnish bank account (IBAN) first: "
                    "the invoices are paid to it."
                )
            )
        invoices = _invoices(session, customer.id)
        rows = _rows(session, invoices, year)
        language = customer.invoice_language.value
        seller = seller_of(centre, account)
        buyer = buyer_of(customer)
    if not rows:
        raise UserError(
            _(
                "{name} paid no invoice with a work share in {year}, so there is nothing to "
                "state for that year."
            ).format(name=buyer.party.name, year=year)
        )
    return HouseholdStatement(
        seller=seller,
        buyer=buyer,
        language=language,
        year=year,
        made_on=made_on,
        rows=tuple(rows),
        total_paid_work_share=sum((row.paid_work_share for row in rows), ZERO),
    )


def household_statement(
    store: Store, customer_number: str, year: int, made_on: date | None = None
) -> bytes:
    """The PDF of the statement of ``year`` for household customer ``customer_number``."""
    return household_statement_pdf(statement(store, customer_number, year, made_on))


def _invoices(session: Session, customer_id: int) -> dict[int, _Invoice]:
    """The customer's invoices with a work share, by id: work share and amount owed
    after their credit notes."""
    found: dict[int, _Invoice] = {}
    credit_notes: list[tuple[int | None, str, Decimal]] = []
    for invoice_id, kind, number, issue_date, total, share, credited_id, text in session.execute(
        select(
            Invoice.id,
            Invoice.kind,
            Invoice.number,
            Invoice.issue_date,
            Invoice.total,
            Invoice.work_share,
            Invoice.credited_invoice_id,
            Invoice.document,
        )
        .where(Invoice.customer_id == customer_id)
        .order_by(Invoice.number)
    ):
        if kind is DocumentKind.CREDIT_NOTE:
            credit_notes.append((credited_id, text, total))
        elif share is not None and share > 0:
            document = InvoiceDocument.from_json(text)
            found[invoice_id] = _Invoice(
                number,
                issue_date,
                share,
                total,
                document.work_sites,
                eligible_contracts(document.lines, share),
            )
    for credited_id, text, total in credit_notes:
        original = None if credited_id is None else found.get(credited_id)
        if credited_id is None or original is None:
            continue
        # A credit note's lines are negative: its work share lowers the invoice's.
        credited = credited_work_share(InvoiceDocument.from_json(text).lines, original.eligible)
        found[credited_id] = _Invoice(
            original.number,
            original.issue_date,
            max(ZERO, original.work_share + credited),
            original.owed + total,
            original.work_sites,
            original.eligible,
        )
    return found


def _rows(
    session: Session, invoices: dict[int, _Invoice], year: int
) -> list[HouseholdStatementRow]:
    if not invoices:
        return []
    start, end = date(year, 1, 1), date(year, 12, 31)
    before: dict[int, Decimal] = {}
    during: dict[int, Decimal] = {}
    last_day: dict[int, date] = {}
    for invoice_id, amount, paid_on in session.execute(
        select(Payment.invoice_id, Payment.amount, Payment.paid_on).where(
            Payment.invoice_id.in_(list(invoices)), Payment.paid_on <= end
        )
    ):
        if invoice_id is None:
            continue
        if paid_on < start:
            before[invoice_id] = before.get(invoice_id, ZERO) + amount
        else:
            during[invoice_id] = during.get(invoice_id, ZERO) + amount
            last_day[invoice_id] = max(paid_on, last_day.get(invoice_id, paid_on))
    rows = []
    for invoice_id, invoice in sorted(invoices.items(), key=lambda item: item[1].number):
        if not during.get(invoice_id) or invoice.work_share <= 0:
            continue
        earlier = before.get(invoice_id, ZERO)
        paid = paid_share(invoice.work_share, invoice.owed, earlier + during[invoice_id])
        paid -= paid_share(invoice.work_share, invoice.owed, earlier)
        rows.append(
            HouseholdStatementRow(
                invoice_number=invoice.number,
                invoice_date=invoice.issue_date,
                paid_on=last_day[invoice_id],
                work_share=invoice.work_share,
                paid_work_share=paid,
                work_sites=invoice.work_sites,
            )
        )
    return rows

"""Payment reminders for overdue invoices: who gets one, the fee, the letter.

An invoice gets a reminder when it is overdue with something still to pay and it has
had no reminder in the last :data:`REMINDER_INTERVAL_DAYS` days (the next collection
step comes at least 14 days after a reminder). The fee is the centre's reminder fee,
at most :data:`CONSUMER_FEE_CAP` for a household (a consumer, the Interest Act). The
letter asks for the open amount plus the fee by a new due date 14 days on, with the
invoice's reference and a barcode for that amount and day; seller and buyer are those
printed on the invoice. A batch of reminders is one transaction, each stored with
its PDF (the store never changes or deletes one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import Centre, Invoice, Reminder
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.documents.reminder_pdf import ReminderLetter, reminder_pdf
from jobcenter_desktop.domain.bank_barcode import bank_barcode
from jobcenter_desktop.domain.invoices import DocumentKind, InvoiceDocument, InvoiceStatus
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date
from jobcenter_desktop.queries.invoices import InvoiceRow, invoice_row, list_invoices

#: Reminders of one invoice are at least this many days apart; also the new due date's term.
REMINDER_INTERVAL_DAYS = 14
#: The most a reminder may cost a consumer.
CONSUMER_FEE_CAP = Decimal("5.00")


@dataclass(frozen=True)
class ReminderMade:
    """A reminder just stored: what the caller prints or saves."""

    invoice_number: int
    customer_name: str
    amount_due: Decimal
    fee: Decimal
    pdf: bytes


def reminder_fee(centre_fee: Decimal, household: bool) -> Decimal:
    """The fee of a reminder: the centre's, at most :data:`CONSUMER_FEE_CAP` for a household."""
    return min(centre_fee, CONSUMER_FEE_CAP) if household else centre_fee


def next_reminder_day(last_reminder: date) -> date:
    """The first day another reminder may be sent after one sent on ``last_reminder``."""
    return last_reminder + timedelta(days=REMINDER_INTERVAL_DAYS)


def why_no_reminder(row: InvoiceRow, today: date) -> str | None:
    """Why invoice ``row`` gets no reminder ``today``, in a sentence; None when it is due one."""
    if row.kind is not DocumentKind.INVOICE:
        return _("{number} is a credit note; a credit note gets no reminder.").format(
            number=row.number
        )
    if row.status is InvoiceStatus.PAID:
        return _("Invoice {number} is paid; it needs no reminder.").format(number=row.number)
    if row.status is InvoiceStatus.CREDITED:
        return _("Invoice {number} is credited in full; it needs no reminder.").format(
            number=row.number
        )
    if row.status is not InvoiceStatus.OVERDUE:
        return _(
            "Invoice {number} is not overdue: it is due on {due}. A reminder can be sent "
            "from the day after."
        ).format(number=row.number, due=format_date(row.due_date))
    if row.last_reminder is not None and today < next_reminder_day(row.last_reminder):
        return _(
            "Invoice {number} was reminded on {day}; the next reminder is possible on {next}."
        ).format(
            number=row.number,
            day=format_date(row.last_reminder),
            next=format_date(next_reminder_day(row.last_reminder)),
        )
    return None


def due_reminders(store: Store, today: date | None = None) -> list[InvoiceRow]:
    """The invoices that get a reminder ``today`` (default: today), by number."""
    today = today or date.today()
    rows = list_invoices(store, statuses={InvoiceStatus.OVERDUE}, today=today)
    return sorted(
        (row for row in rows if why_no_reminder(row, today) is None), key=lambda row: row.number
    )


def make_reminders(
    store: Store, numbers: Sequence[int] | None = None, today: date | None = None
) -> list[ReminderMade]:
    """Make and store a reminder for every invoice due one ``today``, or for ``numbers``.

    Given ``numbers``, refuses them all (``UserError``, one sentence per invoice) when
    any of them is not due a reminder, saying why. Returns the reminders by number
    (an empty list when no invoice needs one).
    """
    today = today or date.today()
    made: list[ReminderMade] = []
    with store.write() as tx:
        session = tx.session
        if numbers is None:
            rows = due_reminders(store, today)
        else:
            rows, problems = [], []
            for number in sorted(set(numbers)):
                row = invoice_row(store, number, today)
                if row is None:
                    problems.append(_("No invoice with the number {number}.").format(number=number))
                    continue
                reason = why_no_reminder(row, today)
                if reason is not None:
                    problems.append(reason)
                else:
                    rows.append(row)
            if problems:
                raise UserError("\n".join(problems))
        if not rows:
            return []
        centre = session.scalar(select(Centre).order_by(Centre.id).limit(1))
        if centre is None:
            raise UserError(
                _("Enter the centre's details first (Settings, or the command centre set).")
            )
        counts = dict(
            session.execute(
                select(Reminder.invoice_id, func.count())
                .where(Reminder.invoice_id.in_([row.id for row in rows]))
                .group_by(Reminder.invoice_id)
            ).all()
        )
        documents = dict(
            session.execute(
                select(Invoice.id, Invoice.document).where(Invoice.id.in_([row.id for row in rows]))
            ).all()
        )
        new_due = today + timedelta(days=REMINDER_INTERVAL_DAYS)
        for row in rows:
            document = InvoiceDocument.from_json(documents[row.id])
            letter = reminder_letter(
                row,
                document,
                centre_fee=centre.reminder_fee,
                today=today,
                count=int(counts.get(row.id, 0)) + 1,
            )
            pdf = reminder_pdf(letter)
            reminder = Reminder(
                invoice_id=row.id,
                letter_date=today,
                new_due=new_due,
                fee=letter.fee,
                pdf=pdf,
                created_by=tx.actor,
            )
            session.add(reminder)
            session.flush()
            tx.record(
                "reminder",
                reminder.id,
                "create",
                None,
                {
                    "invoice": row.number,
                    "letter_date": today.isoformat(),
                    "new_due": new_due.isoformat(),
                    "fee": str(letter.fee),
                    "amount_due": str(letter.amount_due),
                    "reminder_count": letter.reminder_count,
                },
            )
            made.append(
                ReminderMade(
                    invoice_number=row.number,
                    customer_name=document.buyer.party.name,
                    amount_due=letter.amount_due,
                    fee=letter.fee,
                    pdf=pdf,
                )
            )
    return made


def reminder_letter(
    row: InvoiceRow, document: InvoiceDocument, *, centre_fee: Decimal, today: date, count: int
) -> ReminderLetter:
    """The letter of reminder number ``count`` for the invoice ``row`` (issued as ``document``).

    The letter's invoice total is what is owed after any credit notes, so that total,
    payments and open amount add up on the letter.
    """
    fee = reminder_fee(centre_fee, document.buyer.household or row.household)
    open_amount = row.open_amount
    amount_due = open_amount + fee
    new_due = today + timedelta(days=REMINDER_INTERVAL_DAYS)
    return ReminderLetter(
        seller=document.seller,
        buyer=document.buyer,
        language=document.language,
        letter_date=today,
        invoice_number=row.number,
        invoice_date=row.issue_date,
        original_due=row.due_date,
        new_due=new_due,
        reference=document.reference,
        rf_reference=document.rf_reference,
        invoice_total=row.total - row.credited,
        paid=row.paid,
        open_amount=open_amount,
        fee=fee,
        amount_due=amount_due,
        interest_rate=document.interest_rate,
        barcode=bank_barcode(document.seller.iban, document.reference, amount_due, new_due),
        reminder_count=count,
    )

"""Payment reminders: only overdue invoices, at most one per 14 days, the consumer's fee cap."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pdfplumber
import pytest
from sqlalchemy import select

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import AuditEntry, Reminder
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.bank_barcode import bank_barcode
from jobcenter_desktop.i18n import set_language
from jobcenter_desktop.queries.invoices import invoice_row
from jobcenter_desktop.services.invoicing.issuing import credit
from jobcenter_desktop.services.invoicing.payments import record_payment
from jobcenter_desktop.services.invoicing.reminders import (
    CONSUMER_FEE_CAP,
    due_reminders,
    make_reminders,
    next_reminder_day,
    reminder_fee,
)
from tests.invoicing_data import IBAN
from tests.payments_data import (
    COMPANY_INVOICE,
    DUE,
    HOUSEHOLD_INVOICE,
    TOTAL,
    count,
    counts,
    two_invoices,
)

OVERDUE = DUE + timedelta(days=10)  # 14.12.2026


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("fi")


@pytest.fixture
def invoiced(store: Store) -> Store:
    two_invoices(store)
    return store


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


@pytest.mark.parametrize(
    ("centre_fee", "household", "fee"),
    [
        ("8.00", False, "8.00"),
        ("8.00", True, "5.00"),
        ("5.00", True, "5.00"),
        ("3.50", True, "3.50"),
        ("0.00", True, "0.00"),
        ("0.00", False, "0.00"),
        ("12.00", False, "12.00"),
    ],
)
def test_the_fee_is_capped_for_a_household(centre_fee: str, household: bool, fee: str) -> None:
    assert reminder_fee(Decimal(centre_fee), household) == Decimal(fee)
    assert Decimal("5.00") == CONSUMER_FEE_CAP


def test_only_overdue_invoices_with_something_to_pay_are_due(invoiced: Store) -> None:
    assert due_reminders(invoiced, DUE) == []  # due today is not overdue
    assert [row.number for row in due_reminders(invoiced, DUE + timedelta(days=1))] == [1, 2]

    record_payment(invoiced, COMPANY_INVOICE, TOTAL, date.today())

    assert [row.number for row in due_reminders(invoiced, OVERDUE)] == [HOUSEHOLD_INVOICE]
    assert make_reminders(invoiced, today=DUE) == []


def test_a_credited_invoice_and_a_credit_note_get_none(invoiced: Store) -> None:
    note = credit(invoiced, COMPANY_INVOICE, issue_date=date(2026, 11, 21))

    assert [row.number for row in due_reminders(invoiced, OVERDUE)] == [HOUSEHOLD_INVOICE]
    with pytest.raises(UserError, match="credit note"):
        make_reminders(invoiced, [note.number], today=OVERDUE)
    with pytest.raises(UserError, match="credited in full"):
        make_reminders(invoiced, [COMPANY_INVOICE], today=OVERDUE)


def test_reminders_are_stored_with_fee_amount_and_new_due_date(invoiced: Store) -> None:
    record_payment(invoiced, HOUSEHOLD_INVOICE, "100,00", date.today())

    made = make_reminders(invoiced, today=OVERDUE)

    assert [(m.invoice_number, m.fee, m.amount_due) for m in made] == [
        (COMPANY_INVOICE, Decimal("8.00"), TOTAL + Decimal("8.00")),
        (HOUSEHOLD_INVOICE, Decimal("5.00"), TOTAL - 100 + Decimal("5.00")),
    ]
    assert [m.customer_name for m in made] == ["Korjaamo Virtanen Oy", "Maija Koskinen"]
    with invoiced.read() as session:
        stored = session.scalars(select(Reminder).order_by(Reminder.id)).all()
        assert [(r.letter_date, r.new_due, r.fee) for r in stored] == [
            (OVERDUE, OVERDUE + timedelta(days=14), Decimal("8.00")),
            (OVERDUE, OVERDUE + timedelta(days=14), Decimal("5.00")),
        ]
        assert [r.pdf for r in stored] == [m.pdf for m in made]
        audits = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "reminder").order_by(AuditEntry.id)
        ).all()
    assert [(a.entity_id, a.action) for a in audits] == [(r.id, "create") for r in stored]
    row = invoice_row(invoiced, HOUSEHOLD_INVOICE, OVERDUE)
    assert row is not None and row.last_reminder == OVERDUE


def test_the_letter_prints_the_amounts_the_interest_and_a_barcode_for_the_amount_due(
    invoiced: Store,
) -> None:
    record_payment(invoiced, HOUSEHOLD_INVOICE, "100,00", date.today())

    made = make_reminders(invoiced, [HOUSEHOLD_INVOICE], today=OVERDUE)

    text = pdf_text(made[0].pdf)
    # The household's letter is in Finnish (the customer's language).
    for printed in ("432,98", "100,00", "332,98", "5,00", "337,98", "28.12.2026", "10 00025"):
        assert printed in text, printed
    assert "9,5" in text  # the consumer's late-payment interest in 2026
    barcode = bank_barcode(IBAN, "1000025", Decimal("337.98"), OVERDUE + timedelta(days=14))
    assert barcode in text.replace(" ", "")


def test_at_most_one_reminder_in_14_days(invoiced: Store) -> None:
    first = make_reminders(invoiced, today=OVERDUE)
    assert len(first) == 2
    before = counts(invoiced)

    for day in (OVERDUE, OVERDUE + timedelta(days=13)):
        assert due_reminders(invoiced, day) == []
        assert make_reminders(invoiced, today=day) == []
    with pytest.raises(UserError) as refused:
        make_reminders(invoiced, [COMPANY_INVOICE], today=OVERDUE + timedelta(days=13))
    assert str(refused.value) == (
        "Invoice 1 was reminded on 14/12/2026; the next reminder is possible on 28/12/2026."
    )
    assert counts(invoiced) == before

    second = make_reminders(invoiced, today=next_reminder_day(OVERDUE))

    assert [m.invoice_number for m in second] == [1, 2]
    assert count(invoiced, Reminder) == 4
    assert "Muistutus nro 1" in pdf_text(first[0].pdf)
    assert "Muistutus nro 2" in pdf_text(second[0].pdf)
    # The fee of the earlier letter is not added: the open amount and this letter's fee.
    assert second[0].amount_due == TOTAL + Decimal("8.00")


@pytest.mark.parametrize(
    ("numbers", "words"),
    [
        ([COMPANY_INVOICE, 99], "No invoice with the number 99"),
        (
            [COMPANY_INVOICE, HOUSEHOLD_INVOICE],
            "Invoice 1 is not overdue: it is due on 04/12/2026.*\\nInvoice 2 is not overdue",
        ),
    ],
)
def test_chosen_invoices_not_due_a_reminder_are_refused_all_together(
    invoiced: Store, numbers: list[int], words: str
) -> None:
    today = OVERDUE if 99 in numbers else DUE
    before = counts(invoiced)

    with pytest.raises(UserError, match=words):
        make_reminders(invoiced, numbers, today=today)

    assert counts(invoiced) == before


def test_a_paid_invoice_chosen_is_refused_with_the_reason(invoiced: Store) -> None:
    record_payment(invoiced, COMPANY_INVOICE, TOTAL, date.today())

    with pytest.raises(UserError, match="Invoice 1 is paid"):
        make_reminders(invoiced, [COMPANY_INVOICE], today=OVERDUE)


def test_chosen_invoices_get_only_their_reminders(invoiced: Store) -> None:
    made = make_reminders(invoiced, [HOUSEHOLD_INVOICE], today=OVERDUE)

    assert [m.invoice_number for m in made] == [HOUSEHOLD_INVOICE]
    assert [row.number for row in due_reminders(invoiced, OVERDUE)] == [COMPANY_INVOICE]

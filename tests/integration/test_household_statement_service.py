"""The household's yearly statement of paid work shares (kotitalousvähennys)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import Contract
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.invoices import LineKind
from jobcenter_desktop.i18n import set_language
from jobcenter_desktop.interchange.payment_import import import_payments
from jobcenter_desktop.queries.invoices import invoice_document, invoice_row
from jobcenter_desktop.services.invoicing.household import (
    household_statement,
    paid_share,
    statement,
)
from jobcenter_desktop.services.invoicing.issuing import credit, issue_run
from jobcenter_desktop.services.invoicing.payments import record_payment
from jobcenter_desktop.services.invoicing.pricing import Period
from tests.invoicing_data import (
    People,
    approved_gig,
    company,
    household,
    invoicing_centre,
    priced_contract,
)
from tests.unit.test_bank_payments import camt, entry, tx

ISSUED = date(2026, 11, 20)
# 6 h × 35 € + 3 h × 45 € = 345,00 € of work and a 20,00 € travel fee, VAT 25,5 %:
WORK_SHARE = Decimal("432.98")  # 345,00 + 87,98
TOTAL = Decimal("458.08")  # 365,00 + 93,08


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("fi")


def household_invoice(store: Store, **centre: object) -> int:
    """Invoice 1 to household 2001: work and a travel fee; returns its number."""
    invoicing_centre(store, **centre)
    people = People(store)
    home = priced_contract(
        store,
        household(store, customer_number="2001"),
        household_deduction="yes",
        travel_fee="20,00",
    )
    approved_gig(store, home, date(2026, 11, 3), people)
    issued = issue_run(store, Period.month("2026-11"), issue_date=ISSUED)
    assert [i.total for i in issued] == [TOTAL]
    return issued[0].number


def pay_by_bank(store: Store, tmp_path: Path, archive_id: str, amount: str, day: date) -> None:
    """A payment of invoice 1 on ``day`` (any year) through the bank's camt.054 file."""
    path = tmp_path / f"{archive_id}.xml"
    path.write_bytes(
        camt(
            entry(
                tx(archive_id, amount, "1000012", accepted=f"{day.isoformat()}T00:00:00"),
                amount=amount,
            )
        )
    )
    assert import_payments(store, path).matched == 1


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


@pytest.mark.parametrize(
    ("share", "owed", "paid", "expected"),
    [
        ("432.98", "458.08", "458.08", "432.98"),
        ("432.98", "458.08", "229.04", "216.49"),
        ("432.98", "458.08", "500.00", "432.98"),  # overpaid: never more than the share
        ("432.98", "458.08", "0.00", "0.00"),
        ("432.98", "458.08", "-10.00", "0.00"),
        ("100.00", "300.00", "100.00", "33.33"),
        ("100.00", "300.00", "200.00", "66.67"),
        ("0.00", "300.00", "300.00", "0.00"),
        ("100.00", "0.00", "10.00", "0.00"),
    ],
)
def test_the_paid_work_share_is_proportional_capped_and_rounded(
    share: str, owed: str, paid: str, expected: str
) -> None:
    assert paid_share(Decimal(share), Decimal(owed), Decimal(paid)) == Decimal(expected)


def test_a_partly_paid_invoice_states_the_paid_part_of_its_work_share(store: Store) -> None:
    number = household_invoice(store)
    document = invoice_document(store, number)
    assert document is not None and document.work_share == WORK_SHARE
    record_payment(store, number, "229,04", date(2026, 11, 30))

    found = statement(store, "2001", 2026, made_on=date(2027, 1, 10))

    assert [(r.invoice_number, r.work_share, r.paid_work_share) for r in found.rows] == [
        (number, WORK_SHARE, Decimal("216.49"))
    ]
    assert found.rows[0].paid_on == date(2026, 11, 30)
    assert found.rows[0].work_sites == document.work_sites
    assert found.total_paid_work_share == Decimal("216.49")
    assert found.buyer.customer_number == "2001" and found.seller.prepayment_register
    assert found.year == 2026 and found.made_on == date(2027, 1, 10)


def test_payments_across_two_years_split_the_work_share(store: Store, tmp_path: Path) -> None:
    number = household_invoice(store)
    record_payment(store, number, "229,04", date(2026, 11, 30))
    pay_by_bank(store, tmp_path, "Y1", "239.04", date(2027, 1, 15))  # 10,00 € too much

    first = statement(store, "2001", 2026).total_paid_work_share
    second = statement(store, "2001", 2027).total_paid_work_share

    assert (first, second) == (Decimal("216.49"), Decimal("216.49"))
    assert first + second == WORK_SHARE
    with pytest.raises(UserError, match="paid no invoice with a work share in 2025"):
        statement(store, "2001", 2025)


def test_a_credit_note_lowers_the_work_share_and_what_is_owed(store: Store) -> None:
    number = household_invoice(store)
    document = invoice_document(store, number)
    assert document is not None
    instructor = next(
        position
        for position, line in enumerate(document.lines, start=1)
        if line.kind is LineKind.INSTRUCTOR_HOURS
    )
    credit(store, number, [instructor], issue_date=date(2026, 11, 25))  # 135,00 + 34,43
    row = invoice_row(store, number)
    assert row is not None and row.open_amount == TOTAL - Decimal("169.43")
    record_payment(store, number, row.open_amount, date(2026, 12, 1))

    found = statement(store, "2001", 2026)

    assert [(r.work_share, r.paid_work_share) for r in found.rows] == [
        (WORK_SHARE - Decimal("169.43"), WORK_SHARE - Decimal("169.43"))
    ]


def test_a_credit_note_for_work_without_the_deduction_leaves_the_work_share(
    store: Store,
) -> None:
    invoicing_centre(store)
    people = People(store)
    customer = household(store, customer_number="2001")
    with_deduction = priced_contract(store, customer, household_deduction="yes")
    without = priced_contract(store, customer, household_deduction="no", title="Muuttoapu")
    approved_gig(store, with_deduction, date(2026, 11, 3), people)
    approved_gig(store, without, date(2026, 11, 4), people)
    (issued,) = issue_run(store, Period.month("2026-11"), issue_date=ISSUED)
    document = invoice_document(store, issued.number)
    assert document is not None and document.work_share == WORK_SHARE
    assert issued.total == Decimal("865.95")  # VAT on the sum of both contracts' lines
    with store.read() as session:
        contract = session.get(Contract, without)
        assert contract is not None
        moving = contract.contract_number
    positions = [
        position
        for position, line in enumerate(document.lines, start=1)
        if line.contract_number == moving
    ]
    credit(store, issued.number, positions, issue_date=date(2026, 11, 25))
    row = invoice_row(store, issued.number)
    assert row is not None and row.open_amount == Decimal("432.97")
    record_payment(store, issued.number, row.open_amount, date(2026, 12, 1))

    found = statement(store, "2001", 2026)

    assert [(r.work_share, r.paid_work_share) for r in found.rows] == [(WORK_SHARE, WORK_SHARE)]


def test_the_pdf_prints_the_rows_and_the_total(store: Store) -> None:
    number = household_invoice(store)
    record_payment(store, number, "229,04", date(2026, 11, 30))

    text = pdf_text(household_statement(store, "2001", 2026, made_on=date(2027, 1, 10)))

    # The household's statement is in its own language, Finnish.
    for printed in ("2026", "432,98", "216,49", "Maija Koskinen", "2077474-0", "Koivutie 5"):
        assert printed in text, printed
    assert "ennakkoperintärekisteriin" in text


@pytest.mark.parametrize(
    ("customer", "words"),
    [
        ("9999", "No customer with the number 9999"),
        ("1001", "is not a household"),
    ],
)
def test_an_unknown_or_non_household_customer_is_refused(
    store: Store, customer: str, words: str
) -> None:
    household_invoice(store)
    company(store, customer_number="1001")

    with pytest.raises(UserError, match=words):
        household_statement(store, customer, 2026)


def test_a_centre_outside_the_prepayment_register_is_refused(store: Store) -> None:
    household_invoice(store, prepayment_register=False)

    with pytest.raises(UserError, match="not in the prepayment register"):
        household_statement(store, "2001", 2026)

"""The one rounding rule: every invoice and credit note adds up line by line, per rate, in total."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_desktop.domain.invoices import (
    AgeingBucket,
    DocumentKind,
    InvoiceDocument,
    InvoiceStatus,
    Line,
    LineKind,
    Unit,
    ageing,
    credit_lines,
    hours,
    line_net,
    status,
    totals,
    vat_amount,
    work_share,
)
from tests.invoice_builders import make_document

RATES = [
    Decimal("25.5"),
    Decimal("24"),
    Decimal("14"),
    Decimal("13.5"),
    Decimal("10"),
    Decimal("0"),
]

money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2)
quantity = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999.99"), places=2)
lines = st.lists(
    st.builds(
        Line,
        kind=st.sampled_from(list(LineKind)),
        description=st.just("Työ"),
        quantity=quantity,
        unit=st.sampled_from(list(Unit)),
        unit_price=money,
        vat_rate=st.sampled_from(RATES),
        vat_reason=st.just(""),
    ),
    min_size=1,
    max_size=40,
)


def make(net_price: str, rate: str, qty: str = "1", kind: LineKind = LineKind.WORKER_HOURS) -> Line:
    return Line(kind, "x", Decimal(qty), Unit.HOUR, Decimal(net_price), Decimal(rate))


@pytest.mark.parametrize(
    ("quantity", "price", "net"),
    [
        ("0.83", "35.00", "29.05"),
        ("1.00", "0.005", "0.01"),  # half up, never to even
        ("3.00", "14.50", "43.50"),
        ("-2.00", "10.125", "-20.25"),
    ],
)
def test_a_line_net_is_rounded_half_up_to_the_cent(quantity: str, price: str, net: str) -> None:
    assert line_net(Decimal(quantity), Decimal(price)) == Decimal(net)


@pytest.mark.parametrize(
    ("minutes", "quantity"), [(50, "0.83"), (45, "0.75"), (10, "0.17"), (0, "0.00")]
)
def test_minutes_become_hours_with_two_decimals(minutes: int, quantity: str) -> None:
    assert hours(minutes) == Decimal(quantity)


def test_vat_is_computed_once_per_rate_on_the_sum_of_the_nets() -> None:
    # Three lines of 0.10 € at 25.5 %: per line 0.03 each (0.09), on the sum 0.08.
    result = totals([make("0.10", "25.5")] * 3)
    assert [(row.net, row.vat) for row in result.vat_rows] == [(Decimal("0.30"), Decimal("0.08"))]
    assert result.total == Decimal("0.38")


def test_zero_rate_rows_are_kept_apart_by_their_reason() -> None:
    exempt = Line(LineKind.OTHER, "x", Decimal(1), Unit.PIECE, Decimal(10), Decimal(0), "AVL 37 §")
    outside = Line(LineKind.OTHER, "x", Decimal(1), Unit.PIECE, Decimal(5), Decimal(0), "AVL 3 §")
    rows = totals([exempt, outside, make("100", "25.5")]).vat_rows
    assert [(row.rate, row.reason, row.net) for row in rows] == [
        (Decimal("25.5"), "", Decimal("100.00")),
        (Decimal(0), "AVL 3 §", Decimal("5.00")),
        (Decimal(0), "AVL 37 §", Decimal("10.00")),
    ]


@given(lines)
def test_every_invoice_adds_up_line_by_line_per_rate_and_in_total(found: list[Line]) -> None:
    result = totals(found)
    assert result.net == sum((line.net for line in found), Decimal("0.00"))
    for row in result.vat_rows:
        nets = sum((line.net for line in found if line.vat_rate == row.rate), Decimal("0.00"))
        assert row.net == nets
        assert row.vat == vat_amount(nets, row.rate)
    assert result.vat == sum((row.vat for row in result.vat_rows), Decimal("0.00"))
    assert result.total == result.net + result.vat
    for line in found:
        assert line.net == (line.quantity * line.unit_price).quantize(
            Decimal("0.01"), "ROUND_HALF_UP"
        )


@given(lines)
def test_a_full_credit_note_is_the_invoice_negated(found: list[Line]) -> None:
    invoice = totals(found)
    credit = totals(credit_lines(found, None))
    assert credit.net == -invoice.net
    assert credit.vat == -invoice.vat
    assert credit.total == -invoice.total


@given(lines, st.data())
def test_a_partial_credit_note_adds_up_too(found: list[Line], data: st.DataObject) -> None:
    chosen = data.draw(st.sets(st.integers(1, len(found)), min_size=1))
    credit = totals(credit_lines(found, chosen))
    assert credit.total == credit.net + credit.vat
    assert credit.net == -sum((found[i - 1].net for i in chosen), Decimal("0.00"))


def test_credit_lines_refuse_a_line_the_invoice_does_not_have() -> None:
    with pytest.raises(ValueError):
        credit_lines([make("1", "24")], [2])


def test_the_work_share_counts_work_lines_with_their_vat() -> None:
    found = [
        make("100", "25.5"),
        make("20", "25.5", kind=LineKind.TRAVEL),
        make("30", "25.5", kind=LineKind.MATERIAL),
    ]
    assert work_share(found) == Decimal("125.50")


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (-1, AgeingBucket.NOT_DUE),
        (0, AgeingBucket.DAYS_0_14),
        (14, AgeingBucket.DAYS_0_14),
        (15, AgeingBucket.DAYS_15_30),
        (30, AgeingBucket.DAYS_15_30),
        (31, AgeingBucket.DAYS_31_60),
        (60, AgeingBucket.DAYS_31_60),
        (61, AgeingBucket.OVER_60),
    ],
)
def test_ageing_buckets(days: int, bucket: AgeingBucket) -> None:
    due = date(2026, 11, 1)
    assert ageing(due, date.fromordinal(due.toordinal() + days)) is bucket


@pytest.mark.parametrize(
    ("paid", "credited", "today", "expected"),
    [
        ("0", "0", date(2026, 12, 15), InvoiceStatus.OPEN),
        ("0", "0", date(2026, 12, 16), InvoiceStatus.OVERDUE),
        ("99.99", "0", date(2026, 12, 16), InvoiceStatus.OVERDUE),
        ("100.00", "0", date(2027, 1, 1), InvoiceStatus.PAID),
        ("120.00", "0", date(2027, 1, 1), InvoiceStatus.PAID),
        ("60.00", "40.00", date(2027, 1, 1), InvoiceStatus.PAID),
        ("0", "100.00", date(2027, 1, 1), InvoiceStatus.CREDITED),
    ],
)
def test_the_status_follows_payments_credit_notes_and_the_date(
    paid: str, credited: str, today: date, expected: InvoiceStatus
) -> None:
    assert (
        status(
            kind=DocumentKind.INVOICE,
            total=Decimal("100.00"),
            paid=Decimal(paid),
            credited=Decimal(credited),
            due=date(2026, 12, 15),
            today=today,
        )
        is expected
    )


def test_the_document_survives_its_json() -> None:
    document = make_document()
    assert InvoiceDocument.from_json(document.to_json()) == document


def test_a_draft_prints_as_a_draft_without_a_payment_slip() -> None:
    import io
    from dataclasses import replace

    import pdfplumber

    from jobcenter_desktop.documents.invoice_pdf import invoice_pdf

    pdf = invoice_pdf(replace(make_document(), draft=True, barcode=""))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        words = "".join(page.extract_text() or "" for page in document.pages)
    assert "LASKULUONNOS" in words
    assert "ei maksettavissa" in words
    assert "Virtuaaliviivakoodi" not in words

"""The yearly statement of paid work shares, for the household tax deduction."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pdfplumber

from jobcenter_desktop.documents.household_statement import household_statement_pdf
from tests.invoice_builders import (
    make_household_statement,
    make_seller,
    make_statement_row,
)


def pages_of(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [
            " ".join((page.extract_text() or "").replace("\u00a0", " ").split())
            for page in pdf.pages
        ]


def test_the_statement_says_what_it_is_for_who_sold_and_the_register() -> None:
    statement = make_household_statement()
    assert statement.total_paid_work_share == Decimal("970.37")
    flat = " ".join(pages_of(household_statement_pdf(statement)))
    for wanted in (
        "TODISTUS TYÖN OSUUKSISTA 2026",
        "Kotitalousvähennystä varten",
        "Maija Koskinen",
        "Kotikuja 7",
        "Työkeskus Päivölä ry (Y-tunnus 0737546-2)",
        "Työkeskus Päivölä ry on merkitty ennakkoperintärekisteriin.",
        "1042 1.7.2026 14.7.2026 720,37 720,37 Kotikuja 7, 80220 Joensuu",
        "1101 1.9.2026 20.9.2026 250,00 250,00",
        "Mökkitie 2, 82500 Kitee",
        "Vuonna 2026 maksetut työn osuudet yhteensä (sis. alv): 970,37 €",
        "Päivämäärä 10.1.2027",
    ):
        assert wanted in flat, wanted


def test_a_seller_outside_the_prepayment_register_is_not_said_to_be_in_it() -> None:
    statement = make_household_statement(seller=make_seller(prepayment_register=False))
    flat = " ".join(pages_of(household_statement_pdf(statement)))
    assert "ei ole ennakkoperintärekisterissä" in flat
    assert "on merkitty ennakkoperintärekisteriin" not in flat


def test_a_partly_paid_invoice_shows_both_shares_and_an_unpaid_one_no_date() -> None:
    rows = (
        make_statement_row(paid_work_share=Decimal("300.00")),
        make_statement_row(invoice_number=1200, paid_on=None, paid_work_share=Decimal("0.00")),
    )
    statement = make_household_statement(rows=rows, language="en")
    flat = " ".join(pages_of(household_statement_pdf(statement)))
    assert "STATEMENT OF WORK SHARES 2026" in flat
    assert "1042 01/07/2026 14/07/2026 720.37 300.00" in flat
    assert "1200 01/07/2026 720.37 0.00" in flat
    assert "Paid work shares in 2026 in total (VAT included): €300.00" in flat
    assert "is entered in the prepayment register" in flat


def test_a_swedish_statement_and_a_long_year_over_several_pages() -> None:
    rows = tuple(
        make_statement_row(invoice_number=2000 + n, invoice_date=date(2026, 1 + n % 12, 1))
        for n in range(60)
    )
    pages = pages_of(household_statement_pdf(make_household_statement(rows=rows, language="sv")))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"sida {number} / {len(pages)}" in page
        if "Kotikuja 7" in page:  # a page with rows repeats the table's header
            assert "Faktura Datum Betald den" in page
    assert "INTYG ÖVER ARBETETS ANDEL 2026" in pages[0]
    assert "I förskottsuppbördsregistret" not in pages[0]
    assert "är införd i förskottsuppbördsregistret" in pages[0]


def test_the_same_statement_gives_the_same_bytes() -> None:
    statement = make_household_statement()
    assert household_statement_pdf(statement) == household_statement_pdf(statement)

"""The invoice PDF: what VAT Act 209 e § asks for and what payers need, on paper.

The text is read back with pdfplumber; the bank barcode and the payment QR code are
read with zbar from the page printed at 300 dpi, as a scanner or a banking app would.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pdfplumber
import pytest
from reportlab.lib.units import mm

from jobcenter_desktop.documents.invoice_pdf import build_invoice_view, invoice_pdf
from jobcenter_desktop.documents.payment_slip import (
    BARCODE_HEIGHT,
    BARCODE_QUIET,
    BARCODE_WIDTH,
    code128c,
)
from jobcenter_desktop.domain.epc_qr import epc_payload
from jobcenter_desktop.domain.invoices import InvoiceDocument, LineKind, Unit
from jobcenter_desktop.domain.references import group_reference
from jobcenter_desktop.i18n.translator import translator_for
from tests.invoice_builders import (
    make_buyer,
    make_credit_note,
    make_document,
    make_household_document,
    make_line,
    make_not_liable_document,
)
from tests.zbar_reading import read_codes


def _plain(value: str) -> str:
    # Babel separates thousands and the currency with no-break spaces.
    return value.replace("\u00a0", " ").replace("\u202f", " ")


def pages_text(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [_plain(page.extract_text() or "") for page in pdf.pages]


def all_text(data: bytes) -> str:
    return "\n".join(pages_text(data))


def money(value: str, language: str) -> str:
    return _plain(translator_for(language).format_money(Decimal(value)))


# What each language must print, beside the values that are the same in every language.
EXPECTED = {
    "fi": [
        "LASKU",
        "Y-tunnus 0737546-2",
        "ALV-tunniste FI07375462",
        "Laskun numero 1042",
        "Laskun päivämäärä 1.7.2026",
        "Eräpäivä 15.7.2026",
        "Maksuehto 14 päivää netto",
        "Viitenumero 10427",
        "Suoritusaika 1.6.– 30.6.2026",
        "Tilaajanumero 1001",
        "Viitteenne Tilaus 42 / Kallio",
        "Viivästyskorko korkolain mukaan 9,5 %",
        "Veroton yhteensä 624,70 €",
        "Arvonlisävero 159,30 €",
        "Maksettava yhteensä 784,00 €",
        "12,50 h 28,00 25,5 350,00",
        "2,00 krt 15,00 25,5 30,00",
        "3,00 kpl 6,90 25,5 20,70",
        "25,5 624,70 159,30 784,00",
        "sivu 1 / 1",
    ],
    "sv": [
        "FAKTURA",
        "FO-nummer 0737546-2",
        "Momsnummer FI07375462",
        "Fakturanummer 1042",
        "Fakturadatum 1.7.2026",
        "Förfallodag 15.7.2026",
        "Betalningsvillkor 14 dagar netto",
        "Referensnummer 10427",
        "Beställarnummer 1001",
        "Er referens Tilaus 42 / Kallio",
        "Dröjsmålsränta enligt räntelagen 9,5 %",
        "Att betala totalt 784,00 €",
        "2,00 ggr 15,00 25,5 30,00",
        "3,00 st 6,90 25,5 20,70",
        "sida 1 / 1",
    ],
    "en": [
        "INVOICE",
        "Business ID 0737546-2",
        "VAT number FI07375462",
        "Invoice number 1042",
        "Invoice date 01/07/2026",
        "Due date 15/07/2026",
        "Payment terms 14 days net",
        "Reference number 10427",
        "Customer number 1001",
        "Your reference Tilaus 42 / Kallio",
        "Late-payment interest under the Interest Act: 9.5%",
        "Total to pay €784.00",
        "12.50 h 28.00 25.5 350.00",
        "2.00 visit 15.00 25.5 30.00",
        "page 1 / 1",
    ],
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_invoice_prints_every_field_the_law_and_payers_ask_for(language: str) -> None:
    doc = make_document(language=language)
    text = all_text(invoice_pdf(doc))
    flat = " ".join(text.split())
    for wanted in EXPECTED[language]:
        assert wanted in flat, wanted
    for wanted in (
        "Työkeskus Päivölä ry",
        "Teollisuuskatu 5",
        "80100 Joensuu",
        "FI79 4405 2020 0360 82",
        "OKOYFIHH",
        "Asunto Oy Männikkö",
        "Männikkötie 3",
        "80200 Joensuu",
        "Pihatyöt, työtunnit",
        "Männikön piha, Männikkötie 3",
        "Multa 40 l",
        doc.barcode,
    ):
        assert wanted in text, wanted


def test_the_totals_add_up_on_paper_with_several_rates() -> None:
    lines = (
        make_line(quantity=Decimal("10.00"), unit_price=Decimal("30.00")),
        make_line(
            kind=LineKind.OTHER,
            description="Lounas",
            quantity=Decimal("3.00"),
            unit=Unit.PIECE,
            unit_price=Decimal("11.50"),
            vat_rate=Decimal("13.5"),
        ),
    )
    doc = make_document(lines=lines)
    flat = " ".join(all_text(invoice_pdf(doc)).split())
    # 25,5 % of 300,00 = 76,50; 13,5 % of 34,50 = 4,66 (4,6575 rounded once).
    assert "25,5 300,00 76,50 376,50" in flat
    assert "13,5 34,50 4,66 39,16" in flat
    assert "Arvonlisävero 81,16 €" in flat
    assert "Maksettava yhteensä 415,66 €" in flat


def test_a_seller_not_liable_for_vat_prints_the_legal_reason_instead_of_a_vat_number() -> None:
    for language, reason in (
        ("fi", "Myyjä ei ole arvonlisäverovelvollinen (AVL 3 §)"),
        ("sv", "Säljaren är inte momsskyldig (MomsL 3 §)"),
        ("en", "The seller is not liable for VAT (VAT Act, section 3)"),
    ):
        text = all_text(invoice_pdf(make_not_liable_document(language=language)))
        assert reason in text
        assert "FI07375462" not in text
        # In the box at the top and beside the 0 % row of the VAT summary.
        assert text.count(reason) >= 2


def test_a_household_invoice_shows_the_work_share_sites_and_days() -> None:
    doc = make_household_document()
    assert doc.work_share == Decimal("720.37")  # (350 + 224) × 1.255
    label = "Työn osuus (sis. alv) kotitalousvähennystä varten"
    assert build_invoice_view(doc).household[0] == (label, "720,37\u00a0€")
    flat = " ".join(all_text(invoice_pdf(doc)).split())
    # The label wraps in its cell; the amount stands beside its first line.
    assert "Työn osuus (sis. alv) kotitalousvähennystä 720,37 € varten" in flat
    assert "Työkohteet Kotikuja 7, 80220 Joensuu" in flat
    assert "Työpäivät 10.6.2026, 17.6.2026" in flat
    # A household has no business ID to print.
    assert "Y-tunnus 2077474-0" not in flat


def test_an_organisation_invoice_has_no_work_share() -> None:
    text = all_text(invoice_pdf(make_document()))
    assert "Työn osuus" not in text
    assert "kotitalousvähennys" not in text.lower()


def test_a_credit_note_names_the_invoice_it_corrects_and_has_no_slip() -> None:
    data = invoice_pdf(make_credit_note())
    flat = " ".join(all_text(data).split())
    assert "HYVITYSLASKU" in flat
    assert "Hyvitettävä lasku 1042 (1.7.2026)" in flat
    assert "Tämä hyvityslasku korjaa laskun 1042, päivätty 1.7.2026." in flat
    assert "Hyvitys yhteensä -784,00 €" in flat
    assert "-12,50 h 28,00 25,5 -350,00" in flat
    for absent in ("Virtuaaliviivakoodi", "Saajan tilinumero", "Eräpäivä", "Viivästyskorko"):
        assert absent not in flat, absent
    assert read_codes(data, 1) == {}


def test_a_long_invoice_repeats_the_table_header_and_numbers_its_pages() -> None:
    lines = tuple(
        make_line(description=f"Siivous {n}", quantity=Decimal(n), unit_price=Decimal("28.00"))
        for n in range(1, 61)
    )
    pages = pages_text(invoice_pdf(make_document(lines=lines)))
    total = len(pages)
    assert total >= 3
    for number, page in enumerate(pages, start=1):
        assert f"sivu {number} / {total}" in page
        if "Siivous" in page:
            assert "Päivämäärä Kuvaus Määrä Yks. À-hinta Alv % Veroton" in page
    every_line = re.findall(r"Siivous (\d+)", "\n".join(pages))
    assert sorted(map(int, every_line)) == list(range(1, 61))
    # The slip is printed once, on the last page.
    assert [("Virtuaaliviivakoodi" in page) for page in pages] == [False] * (total - 1) + [True]


def test_the_slip_sits_at_the_bottom_of_the_last_page() -> None:
    data = invoice_pdf(make_document())
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[-1]
        words = {word["text"]: word for word in page.extract_words()}
        label = words["Virtuaaliviivakoodi"]
        # Within the lowest 40 mm of the page, above the page number.
        assert page.height - label["bottom"] < 40 * mm
        assert label["bottom"] < words["sivu"]["top"]


def test_the_same_document_gives_the_same_bytes() -> None:
    doc = make_document()
    first = invoice_pdf(doc)
    assert invoice_pdf(doc) == first
    # A reprint from the stored snapshot is identical too.
    assert invoice_pdf(InvoiceDocument.from_json(doc.to_json())) == first
    assert invoice_pdf(make_document(number=1043)) != first


def test_the_bank_barcode_is_code_128_subset_c_of_the_banks_size() -> None:
    doc = make_document()
    barcode = code128c(doc.barcode)
    assert barcode.encoded[0] == 105  # START C
    assert len(barcode.encoded) == 1 + 27 + 2  # start, 27 pairs, check, stop
    data = invoice_pdf(doc)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        bars = [
            rect
            for rect in pdf.pages[-1].rects
            if abs(rect["height"] - BARCODE_HEIGHT) < 0.5 and rect["width"] < 3 * mm
        ]
    left = min(rect["x0"] for rect in bars)
    right = max(rect["x1"] for rect in bars)
    assert right - left == pytest.approx(BARCODE_WIDTH, abs=1 * mm)
    assert min(rect["height"] for rect in bars) >= 10 * mm
    # The quiet zone: nothing else is drawn within it at the height of the bars.
    assert left - 18 * mm >= BARCODE_QUIET - 0.5 * mm


@pytest.mark.parametrize(
    "doc",
    [
        pytest.param(make_document(), id="organisation"),
        pytest.param(make_household_document(language="sv"), id="household-sv"),
        pytest.param(make_document(due_date=date(2026, 12, 31), number=7), id="other-due-date"),
    ],
)
def test_the_printed_barcode_and_qr_code_decode_to_the_payment(doc: InvoiceDocument) -> None:
    data = invoice_pdf(doc)
    codes = read_codes(data, len(pages_text(data)))
    assert codes["CODE128"] == [doc.barcode.encode()]
    expected = epc_payload(
        bic=doc.seller.bic,
        name=doc.seller.party.name,
        iban=doc.seller.iban,
        amount=doc.totals.total,
        rf_reference=doc.rf_reference,
        due=doc.due_date,
    )
    assert codes["QRCODE"] == [expected.encode("utf-8")]
    assert "Työkeskus Päivölä ry" in codes["QRCODE"][0].decode("utf-8")


def test_the_slip_shows_the_reference_the_barcode_carries() -> None:
    national = make_document()
    assert build_invoice_view(national).slip is not None
    assert build_invoice_view(national).slip.reference == group_reference(national.reference)
    rf = replace(national, barcode="5" + national.barcode[1:])
    slip = build_invoice_view(rf).slip
    assert slip is not None and slip.reference.startswith("RF")


def test_a_buyer_without_a_reference_prints_no_empty_reference_row() -> None:
    doc = make_document(buyer=make_buyer(customer_reference=""))
    assert "Viitteenne" not in all_text(invoice_pdf(doc))


def test_code128c_refuses_what_subset_c_cannot_carry() -> None:
    for bad in ("123", "12a4", ""):
        with pytest.raises(ValueError):
            code128c(bad)


def test_only_the_bundled_fonts_are_used() -> None:
    with pdfplumber.open(io.BytesIO(invoice_pdf(make_household_document()))) as pdf:
        fonts = {char["fontname"].split("+")[-1] for page in pdf.pages for char in page.chars}
    assert fonts == {"DejaVuSans", "DejaVuSans-Bold"}

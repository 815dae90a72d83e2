"""The payment reminder: the open invoice, the fee, the interest and a slip that scans."""

from __future__ import annotations

import io
from decimal import Decimal

import pdfplumber
import pytest

from jobcenter_desktop.documents.reminder_pdf import build_reminder_view, reminder_pdf
from jobcenter_desktop.domain.epc_qr import epc_payload
from tests.invoice_builders import make_reminder_letter
from tests.zbar_reading import read_codes


def text_of(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    return " ".join(text.replace("\u00a0", " ").split())


def test_a_reminder_names_the_invoice_the_amounts_the_fee_and_the_new_due_date() -> None:
    letter = make_reminder_letter()
    assert letter.amount_due == Decimal("589.00")
    flat = text_of(reminder_pdf(letter))
    for wanted in (
        "MAKSUMUISTUTUS",
        "Päivämäärä 31.7.2026",
        "Muistutus nro 1",
        "Laskun numero 1042",
        "Laskun päivämäärä 1.7.2026",
        "Alkuperäinen eräpäivä 15.7.2026",
        "Viitenumero 10427",
        "laskua 1042, päivätty 1.7.2026, ei ole vielä maksettu kokonaan",
        "Pyydämme maksamaan 589,00 € viimeistään 14.8.2026",
        "Laskun summa 784,00 €",
        "Maksettu 200,00 €",
        "Avoinna 584,00 €",
        "Muistutusmaksu 5,00 €",
        "Maksettava 589,00 €",
        "Viivästyskorkoa 9,5 % korkolain mukaan kertyy alkuperäisestä eräpäivästä 15.7.2026",
        "laskutus@paivola.fi",
        "Y-tunnus 0737546-2",
        "Asunto Oy Männikkö",
        "Virtuaaliviivakoodi " + letter.barcode,
    ):
        assert wanted in flat, wanted


def test_without_a_fee_or_a_payment_those_rows_are_left_out() -> None:
    letter = make_reminder_letter(paid=Decimal("0.00"), fee=Decimal("0.00"), interest_rate=None)
    labels = [label for label, _ in build_reminder_view(letter).amounts]
    assert labels == ["Laskun summa", "Avoinna", "Maksettava"]
    flat = text_of(reminder_pdf(letter))
    assert "Muistutusmaksu" not in flat
    assert "Viivästyskorkoa korkolain mukaan kertyy" in flat


@pytest.mark.parametrize(
    ("language", "wanted"),
    [
        ("sv", ["BETALNINGSPÅMINNELSE", "Påminnelseavgift 5,00 €", "Att betala 589,00 €"]),
        ("en", ["PAYMENT REMINDER", "Reminder fee €5.00", "Amount due €589.00"]),
    ],
)
def test_a_reminder_speaks_the_customers_language(language: str, wanted: list[str]) -> None:
    flat = text_of(reminder_pdf(make_reminder_letter(language=language)))
    for text in wanted:
        assert text in flat, text


def test_the_reminder_slip_scans_to_the_amount_due_and_the_new_due_date() -> None:
    letter = make_reminder_letter()
    codes = read_codes(reminder_pdf(letter), 1)
    assert codes["CODE128"] == [letter.barcode.encode()]
    assert letter.barcode[17:25] == "00058900"  # 589,00 €
    assert letter.barcode.endswith("260814")  # 14.8.2026
    expected = epc_payload(
        bic=letter.seller.bic,
        name=letter.seller.party.name,
        iban=letter.seller.iban,
        amount=letter.amount_due,
        rf_reference=letter.rf_reference,
        due=letter.new_due,
    )
    assert codes["QRCODE"] == [expected.encode("utf-8")]


def test_the_same_letter_gives_the_same_bytes() -> None:
    letter = make_reminder_letter()
    assert reminder_pdf(letter) == reminder_pdf(letter)
    assert reminder_pdf(letter) != reminder_pdf(make_reminder_letter(reminder_count=2))

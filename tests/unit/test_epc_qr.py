"""The payment QR code's text (EPC QR, FINNISH-RULES.md) and the code a decoder reads."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import segno
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pyzbar.pyzbar import decode

from jobcenter_desktop.domain.epc_qr import epc_payload, epc_qr_code
from jobcenter_desktop.domain.references import national_reference, rf_reference

DETAILS: dict[str, Any] = {
    "bic": "NDEAFIHH",
    "name": "Työkeskus Ääri ry",
    "iban": "FI21 1234 5600 0007 85",
    "amount": Decimal("125.5"),
    "rf_reference": "RF11 4090 5",
    "due": date(2026, 10, 5),
}
EXPECTED = (
    "BCD\n001\n1\nSCT\nNDEAFIHH\nTyökeskus Ääri ry\nFI2112345600000785\nEUR125.50\n\n"
    "RF1140905\n\nReqdExctnDt/2026-10-05"
)


def make_payload(**overrides: Any) -> str:
    """The text for DETAILS with ``overrides``."""
    arguments: dict[str, Any] = {**DETAILS, **overrides}
    return epc_payload(**arguments)


def read_qr(code: segno.QRCode) -> bytes:
    """What a decoder (zbar) reads from the code drawn as a PNG picture."""
    picture = io.BytesIO()
    code.save(picture, kind="png", scale=5)
    picture.seek(0)
    found = decode(Image.open(picture))
    assert len(found) == 1
    assert found[0].type == "QRCODE"
    return bytes(found[0].data)


def test_the_exact_text() -> None:
    assert make_payload() == EXPECTED


def test_the_lines_one_by_one() -> None:
    lines = make_payload().split("\n")
    assert lines == [
        "BCD",
        "001",
        "1",
        "SCT",
        "NDEAFIHH",
        "Työkeskus Ääri ry",
        "FI2112345600000785",
        "EUR125.50",
        "",
        "RF1140905",
        "",
        "ReqdExctnDt/2026-10-05",
    ]


def test_without_a_due_date_the_text_ends_at_the_reference() -> None:
    # The EPC guideline lets no separator follow the last filled line.
    payload = make_payload(due=None)
    assert payload == EXPECTED.removesuffix("\n\nReqdExctnDt/2026-10-05")
    assert payload.endswith("\nRF1140905")


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("0.01"), "EUR0.01"),
        (Decimal("1"), "EUR1.00"),
        (Decimal("1E+3"), "EUR1000.00"),
        (Decimal("310.61"), "EUR310.61"),
        (Decimal("4883.150"), "EUR4883.15"),
        (Decimal("0.005"), "EUR0.01"),  # half up to the cent
        (Decimal("999999999.99"), "EUR999999999.99"),
    ],
)
def test_amount_has_a_dot_and_two_decimals(amount: Decimal, text: str) -> None:
    assert make_payload(amount=amount).split("\n")[7] == text


@pytest.mark.parametrize(
    "amount",
    [
        Decimal("0"),
        Decimal("0.004"),
        Decimal("-1"),
        Decimal("1000000000.00"),
        Decimal("999999999.995"),
        Decimal("NaN"),
        Decimal("Infinity"),
    ],
)
def test_amounts_outside_the_range_are_refused(amount: Decimal) -> None:
    with pytest.raises(ValueError):
        make_payload(amount=amount)


def test_the_name_is_cut_to_70_characters_and_kept_on_one_line() -> None:
    name = "Ä" * 69 + "BC"
    assert make_payload(name=name).split("\n")[5] == "Ä" * 69 + "B"
    payload = make_payload(name="  Työkeskus\nÄäri \t ry ")
    assert payload.split("\n")[5] == "Työkeskus Ääri ry"
    assert len(payload.split("\n")) == 12


@pytest.mark.parametrize("name", ["", "   ", "\n"])
def test_a_name_is_required(name: str) -> None:
    with pytest.raises(ValueError):
        make_payload(name=name)


def test_bic_iban_and_reference_are_written_compact() -> None:
    payload = make_payload(
        bic=" okoy fi hh ", iban="fi21 1234 5600 0007 85", rf_reference="rf11 4090 5"
    )
    assert payload.split("\n")[4:10] == [
        "OKOYFIHH",
        "Työkeskus Ääri ry",
        "FI2112345600000785",
        "EUR125.50",
        "",
        "RF1140905",
    ]


@pytest.mark.parametrize(
    "field",
    [
        {"bic": "NDEA"},
        {"bic": ""},
        {"iban": "FI21 1234 5600 0007 86"},
        {"iban": ""},
        {"rf_reference": "40905"},  # a Finnish reference, not an RF one
        {"rf_reference": "RF12 4090 5"},
        {"rf_reference": ""},
    ],
)
def test_invalid_details_are_refused(field: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        make_payload(**field)


def test_segno_builds_the_code_at_level_m() -> None:
    payload = make_payload(name="Tyokeskus Aari ry")
    code = segno.make(payload, error="m")
    assert not code.is_micro
    assert read_qr(code) == payload.encode("ascii")


def test_the_code_decodes_to_the_text_in_utf8() -> None:
    payload = make_payload()
    code = epc_qr_code(payload)
    assert code.error == "M"
    assert not code.is_micro
    assert code.version <= 13
    assert read_qr(code).decode("utf-8") == payload


def test_plain_segno_would_write_the_name_in_latin1() -> None:
    # Why epc_qr_code exists: the third line promises UTF-8, segno.make would write
    # ä and ö as ISO 8859-1 bytes and a bank app would show the name garbled.
    payload = make_payload()
    latin1 = segno.make(payload, error="m")
    utf8 = epc_qr_code(payload)
    assert latin1.matrix != utf8.matrix


def test_the_longest_text_still_fits_version_13() -> None:
    payload = make_payload(
        bic="NDEAFIHHXXX",
        name="Ö" * 80,
        amount=Decimal("999999999.99"),
        rf_reference=rf_reference(national_reference("1" * 19)),
    )
    code = epc_qr_code(payload)
    assert code.version <= 13
    assert read_qr(code).decode("utf-8") == payload


def test_a_text_too_long_for_version_13_is_refused() -> None:
    with pytest.raises(ValueError, match="too long"):
        epc_qr_code("x" * 400)


@settings(max_examples=15, deadline=None)
@given(
    st.integers(min_value=1, max_value=99_999_999_999).map(lambda cents: Decimal(cents) / 100),
    st.integers(min_value=100, max_value=10**19 - 1),
    st.none() | st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
)
def test_every_code_decodes_to_its_text(amount: Decimal, base: int, due: date | None) -> None:
    payload = make_payload(
        amount=amount, rf_reference=rf_reference(national_reference(base)), due=due
    )
    assert read_qr(epc_qr_code(payload)).decode("utf-8") == payload

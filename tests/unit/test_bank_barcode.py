"""The 54-digit bank barcode, versions 4 and 5 (FINNISH-RULES.md vectors)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import iban as stdnum_iban

from jobcenter_desktop.domain.bank_barcode import bank_barcode, virtual_barcode
from jobcenter_desktop.domain.references import (
    group_reference,
    group_rf,
    national_reference,
    rf_reference,
)

VECTORS = [
    (
        "FI79 4405 2020 0360 82",
        "86851 62596 19897",
        Decimal("4883.15"),
        date(2010, 6, 12),
        "479440520200360820048831500000000868516259619897100612",
    ),
    (
        "FI58 1017 1000 0001 22",
        "55958 22432 94671",
        Decimal("482.99"),
        date(2012, 1, 31),
        "458101710000001220004829900000000559582243294671120131",
    ),
    (
        "FI16 8000 1400 0502 67",
        "78 77767 96566 28687",
        Decimal("935.85"),
        None,
        "416800014000502670009358500000078777679656628687000000",
    ),
    (
        "FI79 4405 2020 0360 82",
        "RF09 8685 1625 9619 897",
        Decimal("4883.15"),
        date(2010, 6, 12),
        "579440520200360820048831509000000868516259619897100612",
    ),
    (
        "FI73 3131 3001 0000 58",
        "RF10 8686 24",
        None,
        date(2013, 8, 9),
        "573313130010000580000000010000000000000000868624130809",
    ),
]
IBAN = "FI79 4405 2020 0360 82"
REFERENCE = "86851 62596 19897"
DUE = date(2010, 6, 12)


@pytest.mark.parametrize(("iban", "reference", "amount", "due", "code"), VECTORS)
def test_published_vectors(
    iban: str, reference: str, amount: Decimal | None, due: date | None, code: str
) -> None:
    assert bank_barcode(iban, reference, amount, due) == code
    assert virtual_barcode(iban, reference, amount, due) == code


@pytest.mark.parametrize(("iban", "reference", "amount", "due", "code"), VECTORS)
def test_inputs_may_be_compact_or_lower_case(
    iban: str, reference: str, amount: Decimal | None, due: date | None, code: str
) -> None:
    compact_iban = iban.replace(" ", "").lower()
    compact_reference = reference.replace(" ", "").lower()
    assert bank_barcode(compact_iban, compact_reference, amount, due) == code


@pytest.mark.parametrize(
    ("amount", "digits"),
    [
        (None, "00000000"),
        (Decimal("0"), "00000000"),
        (Decimal("0.01"), "00000001"),
        (Decimal("12"), "00001200"),
        (Decimal("12.5"), "00001250"),
        (Decimal("999999.99"), "99999999"),
        (Decimal("1000000.00"), "00000000"),  # too large: the payer types it
        (Decimal("12345678.90"), "00000000"),
        (Decimal("-0.01"), "00000000"),  # a credit is never paid by barcode
        (Decimal("-100"), "00000000"),
        (Decimal("10.005"), "00001001"),  # half up to the cent, the program's one rule
        (Decimal("999999.994"), "99999999"),
        (Decimal("999999.995"), "00000000"),  # rounds to a million
    ],
)
def test_amount_digits(amount: Decimal | None, digits: str) -> None:
    code = bank_barcode(IBAN, REFERENCE, amount, DUE)
    assert len(code) == 54
    assert code[17:25] == digits


@pytest.mark.parametrize("amount", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_an_amount_that_is_not_a_number_is_refused(amount: Decimal) -> None:
    with pytest.raises(ValueError):
        bank_barcode(IBAN, REFERENCE, amount, DUE)


@pytest.mark.parametrize(
    ("due", "digits"),
    [
        (None, "000000"),
        (date(2026, 10, 5), "261005"),
        (date(2099, 12, 31), "991231"),
        (date(2000, 1, 1), "000101"),
    ],
)
def test_due_date_digits(due: date | None, digits: str) -> None:
    assert bank_barcode(IBAN, REFERENCE, Decimal("1"), due)[48:] == digits


@pytest.mark.parametrize(
    "iban",
    [
        "DE89 3704 0044 0532 0130 00",  # a valid IBAN, but not Finnish
        "SE45 5000 0000 0583 9825 7466",
        "FI79 4405 2020 0360 83",  # wrong check digits
        "FI79 4405 2020 0360 8",  # too short
        "FI79 4405 2020 0360 821",  # too long
        "FIAB 4405 2020 0360 82",
        "",
        "4405 2020 0360 82",
    ],
)
def test_only_valid_finnish_ibans(iban: str) -> None:
    with pytest.raises(ValueError, match="Finnish IBAN"):
        bank_barcode(iban, REFERENCE, Decimal("10"), DUE)


@pytest.mark.parametrize(
    "reference",
    [
        "86851 62596 19898",  # wrong check digit
        "123",  # too short
        "1" * 21,  # too long for 20 digits
        "",
        "RF08 8685 1625 9619 897",  # wrong RF check digits
        "RF67 ABCD",  # a valid RF reference, but letters cannot go in the barcode
        "XX09868516259619897",
    ],
)
def test_bad_references_are_refused(reference: str) -> None:
    with pytest.raises(ValueError):
        bank_barcode(IBAN, reference, Decimal("10"), DUE)


def test_the_longest_references_fit() -> None:
    national = national_reference("1" * 19)  # 20 digits
    code = bank_barcode(IBAN, national, Decimal("10"), DUE)
    assert code[0] == "4"
    assert code[25:48] == "000" + national
    rf = rf_reference(national)  # RF + 2 + 20 digits
    code = bank_barcode(IBAN, rf, Decimal("10"), DUE)
    assert code[0] == "5"
    assert code[25:48] == rf[2:4] + "0" + national


def test_an_rf_reference_with_a_21_digit_body_fits() -> None:
    body = "1" * 21
    check = 98 - int(body + "271500") % 97
    code = bank_barcode(IBAN, f"RF{check:02d}{body}", Decimal("10"), DUE)
    assert code[25:48] == f"{check:02d}{body}"


def test_an_rf_body_with_padding_zeros_gives_the_same_code() -> None:
    padded = "000868624"
    check = 98 - int(padded + "271500") % 97
    assert f"{check:02d}" == "10"  # leading zeros do not change the check digits
    assert (
        bank_barcode("FI73 3131 3001 0000 58", f"RF10{padded}", None, date(2013, 8, 9))
        == (VECTORS[4][4])
    )


@dataclass(frozen=True)
class Parsed:
    iban: str
    reference: str
    amount: Decimal
    due: date | None


def parse(code: str) -> Parsed:
    """The contents of a barcode read back by the table of FINNISH-RULES.md."""
    assert len(code) == 54 and code.isdigit(), code
    account = code[1:17]
    iban = stdnum_iban.compact("FI" + account)
    amount = Decimal(code[17:23] + "." + code[23:25])
    if code[0] == "4":
        assert code[25:28] == "000"
        reference = code[28:48].lstrip("0")
    else:
        assert code[0] == "5"
        reference = "RF" + code[25:27] + code[27:48].lstrip("0")
    due_digits = code[48:]
    due = None
    if due_digits != "000000":
        due = date(2000 + int(due_digits[:2]), int(due_digits[2:4]), int(due_digits[4:]))
    return Parsed(iban, reference, amount, due)


def make_iban(bban: str) -> str:
    check = 98 - int(bban + "151800") % 97  # F=15, I=18, then 00
    return f"FI{check:02d}{bban}"


accounts = st.text(alphabet="0123456789", min_size=14, max_size=14)
reference_bases = st.integers(min_value=100, max_value=10**19 - 1)
amounts = st.integers(min_value=0, max_value=99_999_999).map(lambda cents: Decimal(cents) / 100)
dues = st.none() | st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@given(accounts, reference_bases, amounts, dues, st.booleans(), st.booleans())
def test_a_barcode_reads_back_to_what_it_was_made_from(
    bban: str, base: int, amount: Decimal, due: date | None, use_rf: bool, grouped: bool
) -> None:
    iban = make_iban(bban)
    assert stdnum_iban.is_valid(iban)
    national = national_reference(base)
    reference = rf_reference(national) if use_rf else national
    if grouped:
        reference = group_rf(reference) if use_rf else group_reference(reference)
    code = bank_barcode(stdnum_iban.format(iban) if grouped else iban, reference, amount, due)
    assert code == virtual_barcode(iban, reference, amount, due)
    parsed = parse(code)
    assert parsed.iban == iban
    assert parsed.reference == reference.replace(" ", "")
    assert parsed.amount == amount
    assert parsed.due == due
    assert code[0] == ("5" if use_rf else "4")

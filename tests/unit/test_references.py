"""Finnish reference numbers and RF creditor references (FINNISH-RULES.md vectors)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import iso11649

from jobcenter_desktop.domain.references import (
    group_reference,
    group_rf,
    is_national_reference,
    is_rf_reference,
    national_from_rf,
    national_reference,
    normalise_reference,
    rf_reference,
)

# A base of 3-19 digits without a leading zero.
bases = st.integers(min_value=100, max_value=10**19 - 1)


@pytest.mark.parametrize(
    ("base", "reference"),
    [
        ("4090", "40905"),
        ("1234567", "12345672"),
        ("123", "1232"),
        (4090, "40905"),
        (100001, "1000012"),
        (100002, "1000025"),
        # The check digit of a weighted sum that is a multiple of ten is 0.
        ("505", "5050"),
        ("9999999999999999999", "99999999999999999993"),
    ],
)
def test_national_reference_appends_the_check_digit(base: str | int, reference: str) -> None:
    assert national_reference(base) == reference


@pytest.mark.parametrize(
    "base",
    ["", "12", 12, "0123", "01", "12a4", "12 34", "-123", -123, "1" * 20, 10**19, "１２３"],
)
def test_national_reference_refuses_a_bad_base(base: str | int) -> None:
    with pytest.raises(ValueError, match="3-19 digits"):
        national_reference(base)


def test_national_reference_refuses_a_bool() -> None:
    with pytest.raises(ValueError):
        national_reference(True)


@pytest.mark.parametrize(
    "reference",
    [
        "868516259619897",
        "559582243294671",
        "69875672083435364",
        "40905",
        "12345672",
        "1232",
        "86851 62596 19897",
        " 78 77767 96566 28687 ",
        "868\u00a0624",
    ],
)
def test_valid_references(reference: str) -> None:
    assert is_national_reference(reference)


@pytest.mark.parametrize(
    "reference",
    [
        "868516259619898",  # wrong check digit
        "40906",
        "123",  # too short: 4-20 digits
        "1" * 21,  # too long
        "040905",  # a base never starts with 0
        "",
        "RF1140905",
        "4090-5",
        "40905x",
    ],
)
def test_invalid_references(reference: str) -> None:
    assert not is_national_reference(reference)


@pytest.mark.parametrize(
    ("reference", "grouped"),
    [
        ("868516259619897", "86851 62596 19897"),
        ("559582243294671", "55958 22432 94671"),
        ("78777679656628687", "78 77767 96566 28687"),
        ("40905", "40905"),
        ("1232", "1232"),
        ("1000012", "10 00012"),
        ("86851 6259619897", "86851 62596 19897"),
    ],
)
def test_group_reference_groups_five_from_the_right(reference: str, grouped: str) -> None:
    assert group_reference(reference) == grouped


@pytest.mark.parametrize(
    ("national", "rf"),
    [
        ("868516259619897", "RF09868516259619897"),
        ("40905", "RF1140905"),
        ("12345672", "RF8512345672"),
        ("868624", "RF10868624"),
        ("86851 62596 19897", "RF09868516259619897"),
    ],
)
def test_rf_reference(national: str, rf: str) -> None:
    assert rf_reference(national) == rf
    assert iso11649.is_valid(rf)


@pytest.mark.parametrize("national", ["40906", "123", "", "RF1140905", "040905"])
def test_rf_reference_refuses_what_is_not_a_finnish_reference(national: str) -> None:
    with pytest.raises(ValueError):
        rf_reference(national)


@pytest.mark.parametrize(
    "text",
    [
        "RF09868516259619897",
        "RF09 8685 1625 9619 897",
        "rf09 8685 1625 9619 897",
        "RF1140905",
        "RF10 8686 24",
        "RF18539007547034",  # ISO 11649's own example, not a Finnish reference inside
        "RF74 0000 0000 0000 0000 0000 1",  # the longest: 25 characters
        "RF67 ABCD",  # letters are allowed in the body
    ],
)
def test_valid_rf_references(text: str) -> None:
    assert is_rf_reference(text)
    assert iso11649.is_valid(text)


@pytest.mark.parametrize(
    "text",
    [
        "RF08868516259619897",  # wrong check digits
        "RF17 5390 0754 7034",
        "868516259619897",
        "RF09",
        "RF",
        "",
        "XX09868516259619897",
        "RF7400000000000000000000001",  # 26 characters
        "RF09-8685-1625-9619-897",
        "RF0986851625961989Ä",
    ],
)
def test_invalid_rf_references(text: str) -> None:
    assert not is_rf_reference(text)


def test_rf_check_digits_outside_02_to_98_are_refused() -> None:
    # 99 passes the mod-97 test wherever 02 does (and 01 wherever 98), but ISO 7064
    # only issues 02-98; stdnum lets them through.
    assert is_rf_reference("RF0236")
    assert iso11649.is_valid("RF9936")
    assert not is_rf_reference("RF9936")
    assert is_rf_reference("RF9854")
    assert iso11649.is_valid("RF0154")
    assert not is_rf_reference("RF0154")


@pytest.mark.parametrize(
    ("text", "grouped"),
    [
        ("RF09868516259619897", "RF09 8685 1625 9619 897"),
        ("RF1140905", "RF11 4090 5"),
        ("RF8512345672", "RF85 1234 5672"),
        ("rf10 868624", "RF10 8686 24"),
    ],
)
def test_group_rf_groups_four_from_the_left(text: str, grouped: str) -> None:
    assert group_rf(text) == grouped
    assert iso11649.format(text) == grouped


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        (" rf09 8685 1625\u00a09619 897 ", "RF09868516259619897"),
        ("86851 62596 19897", "868516259619897"),
        ("\t40905\n", "40905"),
        ("", ""),
    ],
)
def test_normalise_reference(text: str, normal: str) -> None:
    assert normalise_reference(text) == normal


@pytest.mark.parametrize(
    ("text", "national"),
    [
        ("RF09 8685 1625 9619 897", "868516259619897"),
        ("rf1140905", "40905"),
        ("RF8512345672", "12345672"),
        ("RF10868624", "868624"),
        ("RF18539007547034", None),  # a body of digits but no Finnish reference
        ("RF67 ABCD", None),  # letters
        ("RF08868516259619897", None),  # wrong check digits
        ("868516259619897", None),  # not an RF reference at all
        ("", None),
    ],
)
def test_national_from_rf(text: str, national: str | None) -> None:
    assert national_from_rf(text) == national


def test_national_from_rf_drops_the_padding_zeros_of_the_body() -> None:
    padded = "000040905"
    check = 98 - int(padded + "271500") % 97
    assert national_from_rf(f"RF{check:02d}{padded}") == "40905"


@given(bases)
def test_a_generated_reference_always_validates(base: int) -> None:
    reference = national_reference(base)
    assert reference[:-1] == str(base)
    assert is_national_reference(reference)
    assert is_national_reference(group_reference(reference))
    assert group_reference(reference).replace(" ", "") == reference


@given(bases, st.integers(min_value=1, max_value=9))
def test_changing_one_digit_breaks_the_check(base: int, change: int) -> None:
    reference = national_reference(base)
    for position in range(len(reference)):
        digit = (int(reference[position]) + change) % 10
        altered = reference[:position] + str(digit) + reference[position + 1 :]
        if altered[0] != "0":
            assert not is_national_reference(altered)


@given(bases)
def test_rf_round_trip(base: int) -> None:
    national = national_reference(base)
    rf = rf_reference(national)
    assert is_rf_reference(rf)
    assert iso11649.is_valid(rf)
    assert is_rf_reference(group_rf(rf))
    assert national_from_rf(group_rf(rf)) == national
    assert not is_national_reference(rf)


@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=21))
def test_is_rf_reference_agrees_with_stdnum(body: str) -> None:
    for check in range(2, 99):  # stdnum also takes 00, 01 and 99 (see above)
        text = f"RF{check:02d}{body}"
        assert is_rf_reference(text) == iso11649.is_valid(text)

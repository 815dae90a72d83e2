from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from decimal import Decimal

import pytest

from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.validation import Checker, FieldError, ValidationError

pytestmark = pytest.mark.usefixtures("finnish")


def message_of(validator: Callable[[str], object], text: str) -> str:
    with pytest.raises(FieldError) as caught:
        validator(text)
    return caught.value.message


# --- business ID ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0737546-2", "0737546-2"),
        ("2077474-0", "2077474-0"),
        (" 2077474-0 ", "2077474-0"),
        ("07375462", "0737546-2"),
        ("0737546 - 2", "0737546-2"),
        ("FI07375462", "0737546-2"),  # the VAT number form
    ],
)
def test_business_id_valid(text: str, expected: str) -> None:
    assert v.business_id(text) == expected


@pytest.mark.parametrize("text", ["0737546-3", "2077474-1", "1234567-8"])
def test_business_id_wrong_check_digit(text: str) -> None:
    assert message_of(v.business_id, text) == "tarkistusmerkki ei täsmää"


@pytest.mark.parametrize("text", ["737546-2", "12345678-9", "abc", "0737546-", "O737546-2", "1"])
def test_business_id_wrong_format(text: str) -> None:
    assert message_of(v.business_id, text) == "muoto on väärä, käytä muotoa 1234567-8"


def test_business_id_all_zeros_is_rejected() -> None:
    assert message_of(v.business_id, "0000000-0") == "ei ole oikea Y-tunnus"


def test_business_id_message_in_english(english: None) -> None:
    assert message_of(v.business_id, "0737546-3") == "check digit does not match"
    assert message_of(v.business_id, "abc") == "wrong format, use 1234567-8"


# --- IBAN and BIC ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FI79 4405 2020 0360 82", "FI7944052020036082"),
        ("FI2112345600000785", "FI2112345600000785"),
        ("fi21 1234 5600 0007 85", "FI2112345600000785"),
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
    ],
)
def test_iban_valid(text: str, expected: str) -> None:
    assert v.iban(text) == expected


@pytest.mark.parametrize("text", ["FI79 4405 2020 0360 83", "FI21 1234 5600 0007 84"])
def test_iban_bad_checksum(text: str) -> None:
    assert message_of(v.iban, text) == "tarkistusnumerot eivät täsmää, tarkista tilinumero"


@pytest.mark.parametrize(
    "text",
    ["FI21 1234 5600 0007 8", "FI21 1234 5600 0007 855", "FI21 1234 5600 000A 85", "1234", "FI"],
)
def test_iban_bad_format(text: str) -> None:
    assert message_of(v.iban, text) == ("muoto on väärä, käytä esim. muotoa FI21 1234 5600 0007 85")


def test_format_iban_groups_of_four() -> None:
    assert v.format_iban("FI2112345600000785") == "FI21 1234 5600 0007 85"
    assert v.format_iban("FI7944052020036082") == "FI79 4405 2020 0360 82"
    assert v.format_iban("FI79 4405 2020 036082") == "FI79 4405 2020 0360 82"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("NDEAFIHH", "NDEAFIHH"), ("ndeafihh", "NDEAFIHH"), ("OKOY FI HH", "OKOYFIHH")],
)
def test_bic_valid(text: str, expected: str) -> None:
    assert v.bic(text) == expected


@pytest.mark.parametrize("text", ["NDEA", "ND1AFIHH", "NDEAXXHH", "NDEAFIHH1"])
def test_bic_invalid(text: str) -> None:
    assert message_of(v.bic, text) == "ei ole BIC-koodi, käytä esim. muotoa NDEAFIHH"


# --- personal identity code ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("131052-308T", "131052-308T"),
        ("131052-308t", "131052-308T"),
        ("131052A308T", "131052A308T"),
        # century signs in use since 2023: Y X W V U = 1900s, B C D E F = 2000s
        ("010594Y202E", "010594Y202E"),
        ("010594X202E", "010594X202E"),
        ("010594U202E", "010594U202E"),
        ("010505B202F", "010505B202F"),
        ("010505F202F", "010505F202F"),
    ],
)
def test_personal_identity_code_valid(text: str, expected: str) -> None:
    assert v.personal_identity_code(text) == expected


def test_personal_identity_code_wrong_check_character() -> None:
    assert message_of(v.personal_identity_code, "131052-308U") == "tarkistusmerkki ei täsmää"


@pytest.mark.parametrize(
    "text",
    [
        "310252-308Y",  # 31 February
        "131052-001H",  # individual numbers start from 002
        "010594Y9032",  # 900-999 are temporary codes
    ],
)
def test_personal_identity_code_impossible_parts(text: str) -> None:
    assert message_of(v.personal_identity_code, text) == (
        "syntymäaika tai yksilönumero ei ole kelvollinen"
    )


@pytest.mark.parametrize("text", ["131052308T", "131052G308T", "131052-308", "abc", "131052-308G"])
def test_personal_identity_code_wrong_format(text: str) -> None:
    assert message_of(v.personal_identity_code, text) == (
        "muoto on väärä, käytä esim. muotoa 131052-308T"
    )


def test_mask_identity_code_shows_only_the_date_part() -> None:
    assert v.mask_identity_code("131052-308T") == "131052-****"
    assert v.mask_identity_code("010594y202e") == "010594Y****"


# --- postal code, e-mail, phone -----------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [("00100", "00100"), (" 40100 ", "40100")])
def test_postal_code_valid(text: str, expected: str) -> None:
    assert v.postal_code(text) == expected


@pytest.mark.parametrize("text", ["0010", "001000", "0010a", "00 100", "FI-00100", "٠٠١٠٠"])
def test_postal_code_invalid(text: str) -> None:
    assert message_of(v.postal_code, text) == "on oltava viisi numeroa, esim. 00100"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("matti@example.fi", "matti@example.fi"),
        (" Matti.Meikalainen@Example.FI ", "Matti.Meikalainen@example.fi"),
        ("a+b@posti.kunta.fi", "a+b@posti.kunta.fi"),
    ],
)
def test_email_valid(text: str, expected: str) -> None:
    assert v.email(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "matti",
        "matti@",
        "@example.fi",
        "matti@example",
        "matti@@example.fi",
        "matti@a@example.fi",
        "matti meikäläinen@example.fi",
        "matti@example..fi",
        "matti@.example.fi",
        "matti@example.fi.",
    ],
)
def test_email_invalid(text: str) -> None:
    assert message_of(v.email, text) == (
        "ei ole sähköpostiosoite, käytä esim. muotoa nimi@esimerkki.fi"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("040 123 4567", "040 123 4567"),
        ("+358 40 123 4567", "+358 40 123 4567"),
        ("  (09)  123-456 ", "(09) 123-456"),
        ("0401234567", "0401234567"),
        ("123456", "123456"),
    ],
)
def test_phone_valid(text: str, expected: str) -> None:
    assert v.phone(text) == expected


@pytest.mark.parametrize(
    "text", ["12345", "040 123 456a", "040+1234567", "1" * 21, "puh. 040 123 4567", "+-()"]
)
def test_phone_invalid(text: str) -> None:
    assert message_of(v.phone, text) == "ei ole puhelinnumero, käytä esim. muotoa 040 123 4567"


# --- money, dates, numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("35,00", "35.00"),
        ("1 234,5 €", "1234.50"),
        ("0", "0.00"),
        ("-0", "0.00"),
        (Decimal("12.3"), "12.30"),
        (Decimal("12.300"), "12.30"),
    ],
)
def test_money_amount_valid(value: str | Decimal, expected: str) -> None:
    result = v.money_amount(value)
    assert str(result) == expected


@pytest.mark.parametrize(
    "value", ["35,001", "abc", "1,234", Decimal("1.234"), Decimal("NaN"), Decimal("Infinity")]
)
def test_money_amount_not_money(value: str | Decimal) -> None:
    with pytest.raises(FieldError) as caught:
        v.money_amount(value)
    assert caught.value.message == "ei ole rahamäärä, esim. 35,00"


@pytest.mark.parametrize("value", ["-1", "-0,01", Decimal("-5")])
def test_money_amount_negative(value: str | Decimal) -> None:
    with pytest.raises(FieldError) as caught:
        v.money_amount(value)
    assert caught.value.message == "ei voi olla negatiivinen"


def test_money_amount_messages_in_english(english: None) -> None:
    assert message_of(v.money_amount, "x") == "is not an amount of money, e.g. 35,00"
    assert message_of(v.money_amount, "-1") == "cannot be negative"


def test_date_value() -> None:
    assert v.date_value("5.10.2026") == date(2026, 10, 5)
    assert message_of(v.date_value, "31.2.2026") == "ei ole päivämäärä, käytä esim. 5.10.2026"
    assert message_of(v.date_value, "huomenna") == "ei ole päivämäärä, käytä esim. 5.10.2026"


def test_time_value() -> None:
    assert v.time_value("830") == time(8, 30)
    assert message_of(v.time_value, "24:00") == "ei ole kellonaika, käytä esim. 8.30"


def test_positive_int() -> None:
    assert v.positive_int("3") == 3
    assert message_of(v.positive_int, "0") == "on oltava suurempi kuin nolla"
    assert message_of(v.positive_int, "-2") == "on oltava suurempi kuin nolla"
    assert message_of(v.positive_int, "2,5") == "ei ole kokonaisluku"


def test_non_negative_int() -> None:
    assert v.non_negative_int("0") == 0
    assert v.non_negative_int("1 200") == 1200
    assert message_of(v.non_negative_int, "-1") == "ei voi olla negatiivinen"
    assert message_of(v.non_negative_int, "kolme") == "ei ole kokonaisluku"


# --- Checker and ValidationError ------------------------------------------------------------


def test_checker_names_the_field_in_each_message() -> None:
    checker = Checker()
    assert checker.require("name", "Nimi", "  Oy Ab  ") == "Oy Ab"
    assert checker.require("city", "Postitoimipaikka", "   ") is None
    assert checker.require("street", "Katuosoite", None) is None
    assert checker.check("business_id", "Y-tunnus", v.business_id, "0737546-3") is None
    assert checker.check("postal_code", "Postinumero", v.postal_code, "00100") == "00100"
    assert checker.errors == {
        "city": "Postitoimipaikka: on pakollinen",
        "street": "Katuosoite: on pakollinen",
        "business_id": "Y-tunnus: tarkistusmerkki ei täsmää",
    }
    with pytest.raises(ValidationError) as caught:
        checker.raise_if_any()
    assert caught.value.errors == checker.errors
    assert str(caught.value) == (
        "Postitoimipaikka: on pakollinen\n"
        "Katuosoite: on pakollinen\n"
        "Y-tunnus: tarkistusmerkki ei täsmää"
    )


def test_checker_skips_blank_optional_fields() -> None:
    checker = Checker()
    assert checker.check("email", "Sähköposti", v.email, "") is None
    assert checker.check("email", "Sähköposti", v.email, "   ") is None
    assert checker.check("email", "Sähköposti", v.email, None) is None
    assert not checker.has_errors
    checker.raise_if_any()  # nothing to raise


def test_checker_passes_non_string_values() -> None:
    checker = Checker()
    assert checker.check("price", "Hinta", v.money_amount, Decimal("-1")) is None
    assert checker.errors == {"price": "Hinta: ei voi olla negatiivinen"}


def test_checker_keeps_the_first_error_of_a_field() -> None:
    checker = Checker()
    checker.require("iban", "IBAN", "")
    checker.add("iban", "IBAN", "jotain muuta")
    assert checker.errors == {"iban": "IBAN: on pakollinen"}


def test_checker_messages_in_english(english: None) -> None:
    checker = Checker()
    checker.require("name", "Name", "")
    checker.check("postal_code", "Postal code", v.postal_code, "123")
    assert checker.errors == {
        "name": "Name: is required",
        "postal_code": "Postal code: must be five digits, e.g. 00100",
    }


def test_validation_error_is_an_exception_with_readable_text() -> None:
    error = ValidationError({"a": "A: on pakollinen"})
    assert str(error) == "A: on pakollinen"
    assert error.errors == {"a": "A: on pakollinen"}


def test_field_error_is_a_value_error() -> None:
    assert isinstance(FieldError("x"), ValueError)


@pytest.mark.parametrize(
    ("start", "end", "error"),
    [
        (date(2026, 10, 5), date(2026, 10, 4), True),
        (date(2026, 10, 5), date(2026, 10, 5), False),
        (date(2026, 10, 5), date(2026, 10, 6), False),
        (None, date(2026, 10, 4), False),
        (date(2026, 10, 5), None, False),
    ],
)
def test_check_date_order(start: date | None, end: date | None, error: bool) -> None:
    checker = Checker()
    v.check_date_order(checker, "starts_on", "Alkupäivä", start, "ends_on", "Loppupäivä", end)
    expected = {"ends_on": "Loppupäivä: ei voi olla aiemmin kuin ”Alkupäivä”"} if error else {}
    assert checker.errors == expected


def test_check_date_order_in_english(english: None) -> None:
    checker = Checker()
    v.check_date_order(
        checker,
        "starts_on",
        "Start date",
        date(2026, 1, 2),
        "ends_on",
        "End date",
        date(2026, 1, 1),
    )
    assert checker.errors == {"ends_on": "End date: must not be before “Start date”"}

"""The SEPA credit transfer file (pain.001.001.03) that pays the participants."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.i18n import set_language
from jobcenter_desktop.interchange import sepa_transfer
from jobcenter_desktop.interchange.sepa_transfer import (
    Debtor,
    SepaTransferError,
    Transfer,
    credit_transfer_xml,
    finnish_bic,
    schema_path,
    sepa_text,
)

pytestmark = pytest.mark.usefixtures("english")

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
# The schema as sepaxml ships it, read here on its own (not through the module's copy).
XSD = Path(sepaxml.__file__).resolve().parent / "schemas" / "pain.001.001.03.xsd"
PAY_DAY = date(2026, 12, 4)


def fi_iban(bban: str) -> str:
    """A valid Finnish IBAN for the 14-digit account number ``bban``."""
    return "FI" + stdnum_iban.calc_check_digits("FI00" + bban) + bban


CENTRE = Debtor("Työkeskus Päivänsäde ry", "FI21 1234 5600 0007 85", "NDEAFIHH")
PAIVI = Transfer(
    "Päivi Åström", fi_iban("50000120000016"), Decimal("123.40"), "PR-7-1", "Työosuusraha 11/2026"
)
EMIL = Transfer(
    "Emil Öhman", fi_iban("80001400000017"), Decimal("0.05"), "PR-7-2", "Palkka 11/2026"
)


def make(
    payments: list[Transfer] | None = None, debtor: Debtor = CENTRE, message_id: str = "PR-2026-7"
) -> bytes:
    return credit_transfer_xml(
        debtor, [PAIVI, EMIL] if payments is None else payments, PAY_DAY, message_id
    )


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def texts(root: etree._Element, path: str) -> list[str]:
    return [str(node.text) for node in root.iterfind(path, NS)]


def validates(data: bytes) -> bool:
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    return schema.validate(parse(data))


# --- the file ---------------------------------------------------------------------


def test_the_file_validates_against_the_pain_001_001_03_schema() -> None:
    data = make()
    assert data.startswith(b"<?xml")
    assert validates(data)
    root = parse(data)
    assert root.tag == "{urn:iso:std:iso:20022:tech:xsd:pain.001.001.03}Document"


def test_the_module_checks_against_the_schema_sepaxml_ships() -> None:
    assert schema_path() == XSD
    assert schema_path().is_file()


def test_one_payment_group_with_the_centre_as_debtor() -> None:
    root = parse(make())
    assert len(root.findall(".//p:PmtInf", NS)) == 1
    assert texts(root, ".//p:PmtInf/p:Dbtr/p:Nm") == ["Tyokeskus Paivansade ry"]
    assert texts(root, ".//p:DbtrAcct/p:Id/p:IBAN") == ["FI2112345600000785"]
    assert texts(root, ".//p:DbtrAgt/p:FinInstnId/p:BIC") == ["NDEAFIHH"]
    assert texts(root, ".//p:PmtInf/p:PmtMtd") == ["TRF"]
    assert texts(root, ".//p:PmtInf/p:ReqdExctnDt") == ["2026-12-04"]
    assert texts(root, ".//p:GrpHdr/p:MsgId") == ["PR-2026-7"]


def test_each_payee_gets_a_transaction_with_name_iban_amount_id_and_message() -> None:
    root = parse(make())
    transactions = root.findall(".//p:CdtTrfTxInf", NS)
    assert len(transactions) == 2
    first = transactions[0]
    assert first.findtext("p:PmtId/p:EndToEndId", namespaces=NS) == "PR-7-1"
    amount = first.find("p:Amt/p:InstdAmt", NS)
    assert amount is not None
    assert (amount.text, amount.get("Ccy")) == ("123.40", "EUR")
    assert first.findtext("p:Cdtr/p:Nm", namespaces=NS) == "Paivi Astrom"
    assert first.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=NS) == PAIVI.iban
    assert first.findtext("p:RmtInf/p:Ustrd", namespaces=NS) == "Tyoosuusraha 11/2026"
    assert texts(root, ".//p:Cdtr/p:Nm") == ["Paivi Astrom", "Emil Ohman"]


def test_the_group_header_counts_the_transfers_and_sums_them() -> None:
    root = parse(make())
    assert texts(root, ".//p:GrpHdr/p:NbOfTxs") == ["2"]
    assert texts(root, ".//p:GrpHdr/p:CtrlSum") == ["123.45"]
    assert texts(root, ".//p:PmtInf/p:NbOfTxs") == ["2"]
    assert texts(root, ".//p:PmtInf/p:CtrlSum") == ["123.45"]


def test_a_payees_iban_may_be_typed_in_groups_of_four() -> None:
    grouped = " ".join(PAIVI.iban[i : i + 4] for i in range(0, len(PAIVI.iban), 4))
    root = parse(make([replace(PAIVI, iban=grouped.lower())]))
    assert texts(root, ".//p:CdtrAcct/p:Id/p:IBAN") == [PAIVI.iban]


def test_an_execution_time_is_cut_to_its_day() -> None:
    data = credit_transfer_xml(CENTRE, [PAIVI], datetime(2026, 12, 4, 15, 30), "PR-1")
    assert texts(parse(data), ".//p:ReqdExctnDt") == ["2026-12-04"]
    assert validates(data)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=99_999_999_999), min_size=1, max_size=60))
def test_count_and_control_sum_equal_the_transfers_and_read_back_exactly(cents: list[int]) -> None:
    amounts = [Decimal(cent).scaleb(-2) for cent in cents]
    payments = [
        replace(PAIVI, amount=amount, end_to_end_id=f"PR-7-{number}")
        for number, amount in enumerate(amounts, 1)
    ]
    data = make(payments)
    assert validates(data)
    root = parse(data)
    total = sum(amounts, Decimal(0))
    for path in (".//p:GrpHdr", ".//p:PmtInf"):
        assert texts(root, f"{path}/p:NbOfTxs") == [str(len(amounts))]
        assert [Decimal(text) for text in texts(root, f"{path}/p:CtrlSum")] == [total]
    # Round trip: the amounts read back are the amounts given, in order, to the cent.
    assert [Decimal(text) for text in texts(root, ".//p:InstdAmt")] == amounts
    assert all(len(text.split(".")[1]) == 2 for text in texts(root, ".//p:InstdAmt"))


def test_end_to_end_ids_are_the_given_ones_and_unique() -> None:
    payments = [replace(PAIVI, end_to_end_id=f"PR-7-{n}") for n in range(1, 31)]
    ids = texts(parse(make(payments)), ".//p:EndToEndId")
    assert ids == [payment.end_to_end_id for payment in payments]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("0.01"), "0.01"),
        (Decimal("0.10"), "0.10"),
        (Decimal("1"), "1.00"),
        (Decimal("12.340"), "12.34"),  # a trailing zero is still whole cents
        (Decimal("1006.00"), "1006.00"),
        (Decimal("999999999.99"), "999999999.99"),
    ],
)
def test_amounts_become_cents_exactly(amount: Decimal, text: str) -> None:
    data = make([replace(PAIVI, amount=amount)])
    assert texts(parse(data), ".//p:InstdAmt") == [text]
    assert validates(data)


# --- names in the SEPA character set --------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Päivi Åström", "Paivi Astrom"),
        ("Ääliö Öljynen", "Aalio Oljynen"),
        ("Anna-Liisa O'Brien", "Anna-Liisa O'Brien"),
        ("Työosuusraha 11/2026", "Tyoosuusraha 11/2026"),
        ("Matti & Co_Oy", "Matti Co Oy"),
        ("  two   spaces ", "two spaces"),
        ("Šárka Müller-Lüdenscheidt", "Sarka Muller-Ludenscheidt"),
    ],
)
def test_names_and_messages_are_folded_to_the_sepa_character_set(text: str, folded: str) -> None:
    assert sepa_text(text) == folded


def test_a_finnish_name_survives_readably_in_the_file() -> None:
    root = parse(make([replace(PAIVI, name="Päivi Åström-Ylä-Ämmälä")]))
    assert texts(root, ".//p:Cdtr/p:Nm") == ["Paivi Astrom-Yla-Ammala"]


def test_a_long_name_is_cut_to_seventy_characters() -> None:
    data = make([replace(PAIVI, name="Ö" * 100)])
    assert texts(parse(data), ".//p:Cdtr/p:Nm") == ["O" * 70]
    assert validates(data)


# --- the centre's BIC -------------------------------------------------------------


@pytest.mark.parametrize(
    ("bban", "bic"),
    [
        ("12345600000785", "NDEAFIHH"),  # Nordea 1
        ("20001500000018", "NDEAFIHH"),  # Nordea 2
        ("50000120000016", "OKOYFIHH"),  # OP
        ("80001400000017", "DABAFIHH"),  # Danske Bank 8
        ("34000000000017", "DABAFIHX"),  # Danske Bank 34
        ("39390000000017", "SBANFIHH"),  # S-Pankki
        ("40550000000017", "HELSFIHH"),  # Aktia 405 before Säästöpankit 4
        ("49700000000017", "HELSFIHH"),  # Aktia 497
        ("47133790000057", "POPFFI22"),  # POP Pankki 47
        ("42550000000017", "ITELFIHH"),  # Säästöpankit
        ("66010000000017", "AABAFI22"),  # Ålandsbanken
        ("79900000000017", "HOLVFIHH"),  # Holvi
    ],
)
def test_the_bic_of_a_finnish_iban_comes_from_its_first_digits(bban: str, bic: str) -> None:
    iban = fi_iban(bban)
    assert finnish_bic(iban) == bic
    root = parse(make(debtor=Debtor("Keskus", iban)))
    assert texts(root, ".//p:DbtrAgt/p:FinInstnId/p:BIC") == [bic]


def test_every_bic_in_the_table_is_a_valid_finnish_bic() -> None:
    for bic in sepa_transfer._FINNISH_BICS.values():
        assert stdnum_bic.is_valid(bic)
        assert bic[4:6] == "FI"


@pytest.mark.parametrize("iban", ["DE89370400440532013000", fi_iban("71300000000017"), "FI", ""])
def test_no_bic_is_guessed_for_an_unknown_bank(iban: str) -> None:
    assert finnish_bic(iban) is None


def test_a_bic_given_for_the_centre_wins_over_the_table() -> None:
    root = parse(make(debtor=Debtor("Keskus", CENTRE.iban, " handfihh ")))
    assert texts(root, ".//p:DbtrAgt/p:FinInstnId/p:BIC") == ["HANDFIHH"]


# --- refusals ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payments", "debtor", "message_id", "words"),
    [
        ([], CENTRE, "PR-1", "no payments"),
        ([replace(PAIVI, iban="FI2112345600000786")], CENTRE, "PR-1", "Päivi Åström"),
        ([replace(PAIVI, iban="FI2112345600000786")], CENTRE, "PR-1", "check digits"),
        ([replace(PAIVI, iban="not an iban")], CENTRE, "PR-1", "“not an iban” of Päivi Åström"),
        ([replace(PAIVI, iban="  ")], CENTRE, "PR-1", "Päivi Åström has no account number"),
        ([replace(PAIVI, amount=Decimal("0"))], CENTRE, "PR-1", "only an amount above zero"),
        ([replace(PAIVI, amount=Decimal("-5.00"))], CENTRE, "PR-1", "to Päivi Åström is -€5.00"),
        ([replace(PAIVI, amount=Decimal("NaN"))], CENTRE, "PR-1", "above zero"),
        ([replace(PAIVI, amount=Decimal("12.345"))], CENTRE, "PR-1", "fractions of a cent"),
        ([replace(PAIVI, amount=Decimal("1000000000"))], CENTRE, "PR-1", "more than one transfer"),
        ([PAIVI, replace(EMIL, end_to_end_id="PR-7-1")], CENTRE, "PR-1", "“PR-7-1” is used more"),
        ([replace(PAIVI, end_to_end_id="")], CENTRE, "PR-1", "identifier “” of Päivi"),
        ([replace(PAIVI, end_to_end_id="x" * 36)], CENTRE, "PR-1", "of Päivi Åström cannot"),
        ([replace(PAIVI, end_to_end_id="/PR-1")], CENTRE, "PR-1", "“/PR-1”"),
        ([replace(PAIVI, end_to_end_id="PR//1")], CENTRE, "PR-1", "“PR//1”"),
        ([replace(PAIVI, end_to_end_id="PR 1")], CENTRE, "PR-1", "“PR 1”"),
        ([replace(PAIVI, remittance=" ")], CENTRE, "PR-1", "Päivi Åström has no message"),
        ([replace(PAIVI, remittance="x" * 141)], CENTRE, "PR-1", "longer than 140"),
        ([replace(PAIVI, name=" ")], CENTRE, "PR-1", "Payment 1 has no payee name"),
        ([PAIVI], replace(CENTRE, name=""), "PR-1", "centre has no name"),
        ([PAIVI], replace(CENTRE, iban="FI2112345600000786"), "PR-1", "centre's account"),
        ([PAIVI], replace(CENTRE, bic="NDEA"), "PR-1", "centre's BIC “NDEA”"),
        ([PAIVI], Debtor("Keskus", fi_iban("71300000000017")), "PR-1", "Enter the bank's BIC"),
        ([PAIVI], CENTRE, "", "file's identifier “”"),
        ([PAIVI], CENTRE, "P" * 36, "file's identifier"),
    ],
)
def test_bad_input_is_refused_naming_the_problem_and_changing_nothing(
    payments: list[Transfer], debtor: Debtor, message_id: str, words: str
) -> None:
    before = copy.deepcopy((payments, debtor))
    with pytest.raises(SepaTransferError) as refused:
        credit_transfer_xml(debtor, payments, PAY_DAY, message_id)
    assert isinstance(refused.value, UserError)
    assert words.lower() in str(refused.value).lower()
    assert (payments, debtor) == before


def test_every_problem_is_named_at_once_one_sentence_each() -> None:
    payments = [replace(PAIVI, iban="FI00"), replace(EMIL, amount=Decimal("0"))]
    with pytest.raises(SepaTransferError) as refused:
        make(payments, debtor=replace(CENTRE, bic="bad"))
    problems = refused.value.problems
    assert len(problems) == 3
    assert str(refused.value) == "\n".join(problems)
    assert "Päivi Åström" in problems[1]
    assert "Emil Öhman" in problems[2]


def test_a_number_that_is_not_a_decimal_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        make([replace(PAIVI, amount=12.5)])  # type: ignore[arg-type]


def test_the_refusal_speaks_finnish() -> None:
    set_language("fi")  # the english fixture restores Finnish afterwards too
    with pytest.raises(SepaTransferError) as refused:
        make([replace(PAIVI, iban="FI2112345600000786")])
    assert str(refused.value) == (
        "Maksunsaajan Päivi Åström tilinumeroa (IBAN) ”FI2112345600000786” ei voi käyttää: "
        "tarkistusnumerot eivät täsmää, tarkista tilinumero. Korjaa se tekijän tietoihin."
    )


def test_a_file_that_breaks_the_schema_is_never_handed_out(monkeypatch: pytest.MonkeyPatch) -> None:
    # Whatever sepaxml makes is checked against the schema: a broken file is refused.
    made = make()
    broken = made.replace(b"<BIC>NDEAFIHH</BIC>", b"<BIC>nordea</BIC>")
    monkeypatch.setattr(sepa_transfer._Transfer, "export", lambda self, validate: broken)
    with pytest.raises(SepaTransferError, match="does not follow the bank's format"):
        make()

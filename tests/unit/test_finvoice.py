"""Finvoice 3.0: every invoice and credit note validates against the official schema.

The schema is read from ``../shared/finvoice/Finvoice3.0.xsd`` beside the project
(FINNISH-RULES.md: do not copy it in); without it the tests skip and say why.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from jobcenter_desktop.documents.finvoice import (
    finvoice_amount,
    finvoice_number,
    finvoice_xml,
)
from jobcenter_desktop.domain.invoices import InvoiceDocument, LineKind, Unit
from jobcenter_desktop.domain.vat import NOT_LIABLE_REASON
from tests.invoice_builders import (
    make_buyer,
    make_credit_note,
    make_document,
    make_household_document,
    make_line,
    make_not_liable_document,
    make_party,
    make_seller,
)

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "shared" / "finvoice" / "Finvoice3.0.xsd"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    if not SCHEMA_PATH.exists():
        pytest.skip(f"the official Finvoice 3.0 schema is not at {SCHEMA_PATH}")
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def parsed(doc: InvoiceDocument, schema: etree.XMLSchema) -> etree._Element:
    """The Finvoice of ``doc``, validated (the schema's own messages on failure)."""
    data = finvoice_xml(doc)
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(data)
    assert schema.validate(root), "\n".join(str(error) for error in schema.error_log)
    return root


def value(root: etree._Element, path: str) -> str:
    found = root.xpath(path)
    assert len(found) == 1, (path, found)
    return str(found[0].text if isinstance(found[0], etree._Element) else found[0])


SEVERAL_RATES = (
    make_line(quantity=Decimal("10.00"), unit_price=Decimal("30.00")),
    make_line(
        kind=LineKind.OTHER,
        description="Lounas",
        quantity=Decimal("3.00"),
        unit=Unit.PIECE,
        unit_price=Decimal("11.50"),
        vat_rate=Decimal("13.5"),
    ),
    make_line(
        kind=LineKind.OTHER,
        description="Kuntosalivuoro",
        quantity=Decimal("1.00"),
        unit=Unit.VISIT,
        unit_price=Decimal("40.00"),
        vat_rate=Decimal("0"),
        vat_reason="Sosiaalihuoltona annettu palvelu (AVL 37 §)",
    ),
)

CASES = {
    "invoice": make_document(),
    "credit-note": make_credit_note(),
    "not-liable": make_not_liable_document(),
    "several-rates": make_document(lines=SEVERAL_RATES),
    "household": make_household_document(language="sv"),
    "organisation-without-e-invoice-address": make_document(
        buyer=make_buyer(einvoice_address="", einvoice_operator="", customer_reference=""),
        language="en",
    ),
    "long-names": make_document(
        seller=make_seller(party=make_party(name="Työkeskus " + "Ä" * 120, street="K" * 60)),
        lines=(make_line(description="Pitkä kuvaus " * 20, site="Työkohde " * 80),),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_every_kind_of_document_validates(name: str, schema: etree.XMLSchema) -> None:
    root = parsed(CASES[name], schema)
    assert root.get("Version") == "3.0"
    assert len(value(root, "InvoiceDetails/InvoiceNumber")) <= 20


def test_an_invoice_carries_its_parties_totals_and_payment(schema: etree.XMLSchema) -> None:
    doc = make_document()
    root = parsed(doc, schema)
    assert value(root, "InvoiceDetails/InvoiceTypeCode") == "INV01"
    assert value(root, "InvoiceDetails/InvoiceTypeText") == "LASKU"
    assert value(root, "InvoiceDetails/OriginCode") == "Original"
    assert value(root, "InvoiceDetails/InvoiceNumber") == "1042"
    assert value(root, "InvoiceDetails/InvoiceDate") == "20260701"
    assert value(root, "InvoiceDetails/InvoiceDate/@Format") == "CCYYMMDD"
    assert value(root, "InvoiceDetails/InvoiceTotalVatExcludedAmount") == "624,70"
    assert value(root, "InvoiceDetails/InvoiceTotalVatAmount") == "159,30"
    assert value(root, "InvoiceDetails/InvoiceTotalVatIncludedAmount") == "784,00"
    assert value(
        root, "InvoiceDetails/InvoiceTotalVatIncludedAmount/@AmountCurrencyIdentifier"
    ) == ("EUR")
    assert value(root, "InvoiceDetails/BuyerReferenceIdentifier") == "Tilaus 42 / Kallio"
    assert value(root, "InvoiceDetails/PaymentTermsDetails/PaymentTermsFreeText") == (
        "14 päivää netto"
    )
    assert value(root, "InvoiceDetails/PaymentTermsDetails/InvoiceDueDate") == "20260715"
    fine = "InvoiceDetails/PaymentTermsDetails/PaymentOverDueFineDetails"
    assert value(root, f"{fine}/PaymentOverDueFinePercent") == "9,5"
    assert value(root, "SellerPartyDetails/SellerPartyIdentifier") == "0737546-2"
    assert value(root, "SellerPartyDetails/SellerOrganisationTaxCode") == "FI07375462"
    assert value(root, "SellerInformationDetails/SellerAccountDetails/SellerAccountID") == (
        "FI7944052020036082"
    )
    assert value(root, "SellerInformationDetails/SellerAccountDetails/SellerBic") == "OKOYFIHH"
    assert value(root, "BuyerPartyDetails/BuyerOrganisationName") == "Asunto Oy Männikkö"
    assert value(root, "BuyerPartyDetails/BuyerPartyIdentifier") == "2077474-0"
    transmission = "MessageTransmissionDetails/MessageReceiverDetails"
    assert value(root, f"{transmission}/ToIdentifier") == "003720774740"
    assert value(root, f"{transmission}/ToIntermediator") == "003721291126"
    assert value(root, "VirtualBankBarcode") == doc.barcode
    epi = "EpiDetails/EpiPaymentInstructionDetails"
    assert value(root, f"{epi}/EpiRemittanceInfoIdentifier") == "10427"
    assert value(root, f"{epi}/EpiRemittanceInfoIdentifier/@IdentificationSchemeName") == "SPY"
    assert value(root, f"{epi}/EpiInstructedAmount") == "784,00"
    assert value(root, f"{epi}/EpiDateOptionDate") == "20260715"
    beneficiary = "EpiDetails/EpiPartyDetails/EpiBeneficiaryPartyDetails"
    assert value(root, f"{beneficiary}/EpiAccountID") == "FI7944052020036082"
    assert value(root, "EpiDetails/EpiPartyDetails/EpiBfiPartyDetails/EpiBfiIdentifier") == (
        "OKOYFIHH"
    )


def test_rows_carry_quantity_unit_price_rate_net_and_day(schema: etree.XMLSchema) -> None:
    root = parsed(make_document(), schema)
    rows = root.xpath("InvoiceRow")
    assert len(rows) == 4
    first, _, travel, _ = rows
    assert value(first, "ArticleName") == "Pihatyöt, työtunnit"
    assert value(first, "DeliveredQuantity") == "12,5"
    assert value(first, "DeliveredQuantity/@QuantityUnitCodeUN") == "HUR"
    assert value(first, "UnitPriceAmount") == "28,00"
    assert value(first, "RowVatRatePercent") == "25,5"
    assert value(first, "RowVatExcludedAmount") == "350,00"
    assert value(first, "RowDeliveryDate") == "20260610"
    # VAT is per rate on the sum, so rows carry no VAT amounts of their own.
    assert root.xpath("InvoiceRow/RowVatAmount") == []
    assert value(travel, "StartDate") == "20260601"
    assert value(travel, "EndDate") == "20260630"
    assert value(travel, "DeliveredQuantity/@QuantityUnitCode") == "krt"


def test_a_credit_note_is_inv02_names_the_original_and_is_negative(
    schema: etree.XMLSchema,
) -> None:
    root = parsed(make_credit_note(), schema)
    assert value(root, "InvoiceDetails/InvoiceTypeCode") == "INV02"
    assert value(root, "InvoiceDetails/InvoiceTypeText") == "HYVITYSLASKU"
    assert value(root, "InvoiceDetails/InvoiceNumber") == "1043"
    assert value(root, "InvoiceDetails/OriginalInvoiceNumber") == "1042"
    assert value(root, "InvoiceDetails/OriginalInvoiceDate") == "20260701"
    assert value(root, "InvoiceDetails/InvoiceTotalVatIncludedAmount") == "-784,00"
    assert value(root, "InvoiceDetails/VatSpecificationDetails/VatRateAmount") == "-159,30"
    assert value(root, "EpiDetails/EpiPaymentInstructionDetails/EpiInstructedAmount") == ("-784,00")
    assert root.xpath("VirtualBankBarcode") == []
    assert value(root, "InvoiceRow[1]/RowVatExcludedAmount") == "-350,00"


def test_a_seller_not_liable_for_vat_gives_the_reason(schema: etree.XMLSchema) -> None:
    root = parsed(make_not_liable_document(), schema)
    reason = "Myyjä ei ole arvonlisäverovelvollinen (AVL 3 §)"
    vat = "InvoiceDetails/VatSpecificationDetails"
    assert value(root, f"{vat}/VatRatePercent") == "0"
    assert value(root, f"{vat}/VatRateAmount") == "0,00"
    assert value(root, f"{vat}/VatCode") == "O"
    assert value(root, f"{vat}/VatFreeText") == reason
    assert value(root, "InvoiceDetails/InvoiceVatFreeText") == reason
    assert root.xpath("SellerPartyDetails/SellerOrganisationTaxCode") == []
    assert value(root, "InvoiceDetails/InvoiceTotalVatIncludedAmount") == "624,70"


def test_several_rates_give_one_vat_specification_each(schema: etree.XMLSchema) -> None:
    root = parsed(make_document(lines=SEVERAL_RATES), schema)
    rows = [
        (
            value(row, "VatRatePercent"),
            value(row, "VatBaseAmount"),
            value(row, "VatRateAmount"),
            row.xpath("string(VatFreeText)"),
        )
        for row in root.xpath("InvoiceDetails/VatSpecificationDetails")
    ]
    assert rows == [
        ("25,5", "300,00", "76,50", ""),
        ("13,5", "34,50", "4,66", ""),
        ("0", "40,00", "0,00", "Sosiaalihuoltona annettu palvelu (AVL 37 §)"),
    ]
    assert value(root, "InvoiceDetails/InvoiceTotalVatAmount") == "81,16"
    assert value(root, "InvoiceDetails/InvoiceTotalVatIncludedAmount") == "455,66"


def test_a_household_buyer_has_no_business_id_and_the_swedish_texts(
    schema: etree.XMLSchema,
) -> None:
    root = parsed(make_household_document(language="sv"), schema)
    assert root.xpath("BuyerPartyDetails/BuyerPartyIdentifier") == []
    assert value(root, "BuyerPartyDetails/BuyerOrganisationName") == "Maija Koskinen"
    assert value(root, "InvoiceRecipientLanguageCode") == "SV"
    assert value(root, "InvoiceDetails/InvoiceTypeText") == "FAKTURA"
    # Without an e-invoice address there is no one to address the message to.
    assert root.xpath("MessageTransmissionDetails") == []


def test_the_same_document_gives_the_same_file() -> None:
    doc = make_document()
    assert finvoice_xml(doc) == finvoice_xml(InvoiceDocument.from_json(doc.to_json()))


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("310.61"), "310,61"),
        (Decimal("-12.5"), "-12,50"),
        (Decimal("0"), "0,00"),
        (Decimal("1234567.10"), "1234567,10"),
    ],
)
def test_amounts_have_a_decimal_comma_and_no_grouping(amount: Decimal, text: str) -> None:
    assert finvoice_amount(amount) == text


@pytest.mark.parametrize(
    ("number", "text"),
    [(Decimal("25.5"), "25,5"), (Decimal("24"), "24"), (Decimal("12.50"), "12,5")],
)
def test_rates_and_quantities_drop_needless_zeros(number: Decimal, text: str) -> None:
    assert finvoice_number(number) == text


line_values = st.builds(
    make_line,
    quantity=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("500"), places=2),
    unit_price=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999"), places=2),
    vat_rate=st.sampled_from([Decimal("25.5"), Decimal("24"), Decimal("14"), Decimal("13.5")]),
    unit=st.sampled_from(list(Unit)),
)


@settings(max_examples=40, deadline=None)
@given(lines=st.lists(line_values, min_size=1, max_size=8), credit=st.booleans())
def test_any_document_validates_and_its_rows_add_up(
    lines: list[object], credit: bool, schema: etree.XMLSchema
) -> None:
    doc = make_document(lines=tuple(lines))
    if credit:
        doc = make_credit_note(doc)
    root = parsed(doc, schema)

    def amount(text: str) -> Decimal:
        return Decimal(text.replace(",", "."))

    rows = sum(
        (amount(row.text) for row in root.xpath("InvoiceRow/RowVatExcludedAmount")), Decimal(0)
    )
    net = amount(value(root, "InvoiceDetails/InvoiceTotalVatExcludedAmount"))
    vat = amount(value(root, "InvoiceDetails/InvoiceTotalVatAmount"))
    total = amount(value(root, "InvoiceDetails/InvoiceTotalVatIncludedAmount"))
    specified = root.xpath("InvoiceDetails/VatSpecificationDetails")
    assert rows == net == sum(amount(value(row, "VatBaseAmount")) for row in specified)
    assert vat == sum(amount(value(row, "VatRateAmount")) for row in specified)
    assert net + vat == total == doc.totals.total
    assert amount(value(root, "EpiDetails/EpiPaymentInstructionDetails/EpiInstructedAmount")) == (
        total
    )


def test_the_vat_reason_constant_is_translated_in_the_file(schema: etree.XMLSchema) -> None:
    doc = make_not_liable_document(language="en")
    root = parsed(doc, schema)
    assert value(root, "InvoiceDetails/InvoiceVatFreeText") == NOT_LIABLE_REASON
    replaced = dataclasses.replace(doc, vat_note="Oma perustelu")
    assert value(parsed(replaced, schema), "InvoiceDetails/InvoiceVatFreeText") == "Oma perustelu"

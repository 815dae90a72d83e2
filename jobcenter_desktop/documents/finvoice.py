"""The invoice or credit note as a Finvoice 3.0 e-invoice (XML, UTF-8).

The elements follow the order of the official schema (``Finvoice3.0.xsd``, read by the
tests from beside the project): the transmission details when the buyer's e-invoice
address and operator are known, the seller (business ID, VAT number when registered,
IBAN and BIC), the buyer, the invoice details (type ``INV01`` or ``INV02`` for a
credit note, which names the invoice it corrects; totals; VAT per rate with the
reason of a 0 % rate; terms, due date and late-payment interest), a row per line and
the payment details (``EpiDetails``). Amounts have a decimal comma (``310,61``) and
are negative on a credit note; dates are ``CCYYMMDD``.

Row VAT amounts are left out on purpose: VAT is computed per rate on the sum of the
rate's lines and rounded once (HOUSE-STYLE.md), so row amounts rounded one by one
would not add up to the VAT the invoice charges.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree
from stdnum import iban as stdnum_iban

from jobcenter_desktop.documents.invoice_pdf import unit_text
from jobcenter_desktop.domain.invoices import (
    DocumentKind,
    InvoiceDocument,
    Line,
    Party,
    Unit,
)
from jobcenter_desktop.domain.references import normalise_reference
from jobcenter_desktop.i18n.translator import Translator, translator_for

VERSION = "3.0"
CURRENCY = "EUR"
INVOICE = "INV01"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
CREDIT_NOTE = "INV02"

#: UN/ECE Recommendation 20 unit codes.
UNIT_CODES = {Unit.HOUR: "HUR", Unit.VISIT: "C62", Unit.PIECE: "C62", Unit.KILOMETRE: "KMT"}


def finvoice_amount(value: Decimal, places: int = 2) -> str:
    """An amount as Finvoice writes it: ``310,61``, ``-12,50`` (no thousands separator)."""
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum):f}".replace(".", ",")


def finvoice_number(value: Decimal) -> str:
    """A quantity or a percentage without needless zeros: ``12,5``, ``25,5``, ``24``."""
    text = f"{value.normalize():f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def finvoice_date(value: date) -> str:
    return value.strftime("%Y%m%d")


def _clip(text: str, limit: int) -> str:
    return " ".join(text.split())[:limit]


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return min(5, max(2, -exponent)) if isinstance(exponent, int) else 2


class _Builder:
    """Appends elements in order; every text is clipped to the schema's length."""

    def __init__(self) -> None:
        self.root = etree.Element("Finvoice", nsmap={"xsi": _XSI})
        self.root.set("Version", VERSION)
        self.root.set(f"{{{_XSI}}}noNamespaceSchemaLocation", "Finvoice3.0.xsd")

    @staticmethod
    def add(
        parent: etree._Element, tag: str, text: str | None = None, **attributes: str
    ) -> etree._Element:
        element = etree.SubElement(parent, tag, attrib=attributes)
        if text is not None:
            element.text = text
        return element

    def amount(self, parent: etree._Element, tag: str, value: Decimal) -> etree._Element:
        return self.add(parent, tag, finvoice_amount(value), AmountCurrencyIdentifier=CURRENCY)

    def day(self, parent: etree._Element, tag: str, value: date) -> etree._Element:
        return self.add(parent, tag, finvoice_date(value), Format="CCYYMMDD")


def _address_ok(party: Party) -> bool:
    # The schema needs a street, a town and a postcode of at least two characters each.
    return all(len(part.strip()) >= 2 for part in (party.street, party.city, party.postal_code))


def _postal(b: _Builder, parent: etree._Element, prefix: str, party: Party) -> None:
    if not _address_ok(party):
        return
    address = b.add(parent, f"{prefix}PostalAddressDetails")
    b.add(address, f"{prefix}StreetName", _clip(party.street, 35))
    b.add(address, f"{prefix}TownName", _clip(party.city, 35))
    b.add(address, f"{prefix}PostCodeIdentifier", _clip(party.postal_code, 35))
    if len(party.country) == 2:
        b.add(address, "CountryCode", party.country.upper())


def _name(party: Party, limit: int) -> str:
    name = _clip(party.name, limit)
    return name if len(name) >= 2 else f"{name}  "[:2]


def _transmission(b: _Builder, doc: InvoiceDocument) -> None:
    buyer = doc.buyer
    if not (buyer.einvoice_address.strip() and buyer.einvoice_operator.strip()):
        return
    seller = doc.seller
    details = b.add(b.root, "MessageTransmissionDetails")
    sender = b.add(details, "MessageSenderDetails")
    # Without an operator of its own the seller is addressed by its account, as banks do.
    b.add(sender, "FromIdentifier", _compact_iban(seller.iban))
    b.add(sender, "FromIntermediator", _clip(seller.bic, 35))
    receiver = b.add(details, "MessageReceiverDetails")
    b.add(receiver, "ToIdentifier", _clip(buyer.einvoice_address, 35))
    b.add(receiver, "ToIntermediator", _clip(buyer.einvoice_operator, 35))
    message = b.add(details, "MessageDetails")
    business = seller.party.business_id.replace("-", "") or "JC"
    b.add(message, "MessageIdentifier", f"{business}-{doc.kind.value}-{doc.number}")
    # The issue date, not the clock: the same invoice always gives the same file.
    b.add(message, "MessageTimeStamp", f"{doc.issue_date.isoformat()}T00:00:00")


def _compact_iban(iban: str) -> str:
    return str(stdnum_iban.compact(iban))


def _seller(b: _Builder, doc: InvoiceDocument, tr: Translator) -> None:
    _ = tr.gettext
    seller = doc.seller
    party = seller.party
    details = b.add(b.root, "SellerPartyDetails")
    if party.business_id:
        b.add(details, "SellerPartyIdentifier", _clip(party.business_id, 35))
    b.add(details, "SellerOrganisationName", _name(party, 70))
    if seller.vat_registered and party.business_id:
        b.add(details, "SellerOrganisationTaxCode", seller.vat_number)
    _postal(b, details, "Seller", party)
    if party.phone or party.email:
        communication = b.add(b.root, "SellerCommunicationDetails")
        if party.phone:
            b.add(communication, "SellerPhoneNumberIdentifier", _clip(party.phone, 35))
        if party.email:
            b.add(communication, "SellerEmailaddressIdentifier", _clip(party.email, 70))
    information = b.add(b.root, "SellerInformationDetails")
    if party.city:
        b.add(information, "SellerHomeTownName", _clip(party.city, 35))
    if seller.vat_registered:
        b.add(information, "SellerVatRegistrationText", _clip(_("Registered for VAT"), 35))
    if seller.prepayment_register:
        text = _("In the prepayment register")
        b.add(information, "SellerTaxRegistrationText", _clip(text, 35))
    account = b.add(information, "SellerAccountDetails")
    b.add(account, "SellerAccountID", _compact_iban(seller.iban), IdentificationSchemeName="IBAN")
    b.add(account, "SellerBic", seller.bic.strip().upper(), IdentificationSchemeName="BIC")


def _buyer(b: _Builder, doc: InvoiceDocument) -> None:
    buyer = doc.buyer
    party = buyer.party
    details = b.add(b.root, "BuyerPartyDetails")
    # A household is a private person: no business ID (and never a personal identity code).
    if party.business_id and not buyer.household:
        b.add(details, "BuyerPartyIdentifier", _clip(party.business_id, 35))
    b.add(details, "BuyerOrganisationName", _name(party, 70))
    _postal(b, details, "Buyer", party)
    if party.phone or party.email:
        communication = b.add(b.root, "BuyerCommunicationDetails")
        if party.phone:
            b.add(communication, "BuyerPhoneNumberIdentifier", _clip(party.phone, 35))
        if party.email:
            b.add(communication, "BuyerEmailaddressIdentifier", _clip(party.email, 70))


def _vat_code(doc: InvoiceDocument, rate: Decimal) -> str:
    """The UNTDID 5305 category: standard rate, exempt, or outside the scope of VAT."""
    if rate:
        return "S"
    return "E" if doc.seller.vat_registered else "O"


def _invoice_details(b: _Builder, doc: InvoiceDocument, tr: Translator) -> None:
    _ = tr.gettext
    credit = doc.kind is DocumentKind.CREDIT_NOTE
    totals = doc.totals
    details = b.add(b.root, "InvoiceDetails")
    b.add(details, "InvoiceTypeCode", CREDIT_NOTE if credit else INVOICE)
    b.add(details, "InvoiceTypeText", _clip(_("CREDIT NOTE") if credit else _("INVOICE"), 35))
    b.add(details, "OriginCode", "Original")
    b.add(details, "InvoiceNumber", str(doc.number)[:20])
    b.day(details, "InvoiceDate", doc.issue_date)
    if credit and doc.credited_number is not None:
        b.add(details, "OriginalInvoiceNumber", str(doc.credited_number)[:20])
        if doc.credited_date is not None:
            b.day(details, "OriginalInvoiceDate", doc.credited_date)
    b.day(details, "InvoicingPeriodStartDate", doc.period_start)
    b.day(details, "InvoicingPeriodEndDate", doc.period_end)
    if doc.buyer.customer_number:
        b.add(details, "SellersBuyerIdentifier", _clip(doc.buyer.customer_number, 70))
    if doc.buyer.customer_reference:
        b.add(details, "BuyerReferenceIdentifier", _clip(doc.buyer.customer_reference, 70))
    b.amount(details, "InvoiceTotalVatExcludedAmount", totals.net)
    b.amount(details, "InvoiceTotalVatAmount", totals.vat)
    b.amount(details, "InvoiceTotalVatIncludedAmount", totals.total)
    for row in totals.vat_rows:
        vat = b.add(details, "VatSpecificationDetails")
        b.amount(vat, "VatBaseAmount", row.net)
        b.add(vat, "VatRatePercent", finvoice_number(row.rate))
        b.add(vat, "VatCode", _vat_code(doc, row.rate))
        b.amount(vat, "VatRateAmount", row.vat)
        if row.reason:
            b.add(vat, "VatFreeText", _clip(_(row.reason), 70))
    # A seller not liable for VAT gives its legal reason as the invoice's VAT text.
    not_liable = not doc.seller.vat_registered
    # Reason texts are English sources marked N_() or the centre's words (kept as they are).
    vat_note = _(doc.vat_note) if doc.vat_note else ""
    texts = [vat_note] if vat_note and not not_liable else []
    if credit and doc.credited_number is not None:
        texts.insert(
            0,
            _("This credit note corrects invoice {number} of {date}.").format(
                number=doc.credited_number, date=tr.format_date(doc.credited_date)
            ),
        )
    texts.extend(doc.notes)
    for text in texts:
        b.add(details, "InvoiceFreeText", _clip(text, 512))
    if not_liable and vat_note:
        b.add(details, "InvoiceVatFreeText", _clip(vat_note, 70))
    terms = b.add(details, "PaymentTermsDetails")
    if doc.payment_term_days > 0:
        text = _("{days} days net").format(days=doc.payment_term_days)
    else:
        text = _("due on receipt")
    b.add(terms, "PaymentTermsFreeText", _clip(text, 70))
    b.day(terms, "InvoiceDueDate", doc.due_date)
    if not credit:
        fine = b.add(terms, "PaymentOverDueFineDetails")
        interest = _("Late-payment interest under the Interest Act.")
        b.add(fine, "PaymentOverDueFineFreeText", _clip(interest, 70))
        if doc.interest_rate is not None:
            b.add(fine, "PaymentOverDueFinePercent", finvoice_number(doc.interest_rate))


def _row(b: _Builder, doc: InvoiceDocument, line: Line, tr: Translator) -> None:
    row = b.add(b.root, "InvoiceRow")
    if line.contract_number:
        b.add(row, "ArticleIdentifier", _clip(line.contract_number, 70))
    b.add(row, "ArticleName", _clip(line.description, 100))
    b.add(
        row,
        "DeliveredQuantity",
        finvoice_number(line.quantity),
        QuantityUnitCode=unit_text(line.unit, tr)[:14],
        QuantityUnitCodeUN=UNIT_CODES[line.unit],
    )
    if line.day is None and line.period_start is not None and line.period_end is not None:
        b.day(row, "StartDate", line.period_start)
        b.day(row, "EndDate", line.period_end)
    price = b.add(
        row,
        "UnitPriceAmount",
        finvoice_amount(line.unit_price, _places(line.unit_price)),
        AmountCurrencyIdentifier=CURRENCY,
    )
    price.set("QuantityUnitCodeUN", UNIT_CODES[line.unit])
    if line.day is not None:
        b.day(row, "RowDeliveryDate", line.day)
    texts = [line.site] if line.site else []
    if not line.vat_rate and line.vat_reason:
        texts.append(tr.gettext(line.vat_reason))
    for text in texts:
        b.add(row, "RowFreeText", _clip(text, 512))
    b.add(row, "RowVatRatePercent", finvoice_number(line.vat_rate))
    b.add(row, "RowVatCode", _vat_code(doc, line.vat_rate))
    b.amount(row, "RowVatExcludedAmount", line.net)


def _epi(b: _Builder, doc: InvoiceDocument) -> None:
    seller = doc.seller
    epi = b.add(b.root, "EpiDetails")
    identification = b.add(epi, "EpiIdentificationDetails")
    b.day(identification, "EpiDate", doc.issue_date)
    b.add(identification, "EpiReference", str(doc.number))
    party = b.add(epi, "EpiPartyDetails")
    bank = b.add(party, "EpiBfiPartyDetails")
    b.add(bank, "EpiBfiIdentifier", seller.bic.strip().upper(), IdentificationSchemeName="BIC")
    beneficiary = b.add(party, "EpiBeneficiaryPartyDetails")
    b.add(beneficiary, "EpiNameAddressDetails", _name(seller.party, 35))
    business_id = seller.party.business_id.strip()
    if 8 <= len(business_id) <= 11:
        b.add(beneficiary, "EpiBei", business_id)
    b.add(beneficiary, "EpiAccountID", _compact_iban(seller.iban), IdentificationSchemeName="IBAN")
    payment = b.add(epi, "EpiPaymentInstructionDetails")
    if doc.reference:
        b.add(
            payment,
            "EpiRemittanceInfoIdentifier",
            normalise_reference(doc.reference),
            IdentificationSchemeName="SPY",
        )
    elif doc.rf_reference:
        b.add(
            payment,
            "EpiRemittanceInfoIdentifier",
            normalise_reference(doc.rf_reference),
            IdentificationSchemeName="ISO",
        )
    b.add(
        payment,
        "EpiInstructedAmount",
        finvoice_amount(doc.totals.total),
        AmountCurrencyIdentifier=CURRENCY,
    )
    b.add(payment, "EpiCharge", "SLEV", ChargeOption="SLEV")
    b.day(payment, "EpiDateOptionDate", doc.due_date)


def finvoice_xml(doc: InvoiceDocument) -> bytes:
    """``doc`` as a Finvoice 3.0 message: UTF-8 bytes with an XML declaration."""
    tr = translator_for(doc.language)
    b = _Builder()
    _transmission(b, doc)
    _seller(b, doc, tr)
    language = doc.language.upper()
    if len(language) == 2:
        b.add(b.root, "InvoiceRecipientLanguageCode", language)
    _buyer(b, doc)
    if doc.period_start and doc.period_end:
        delivery = b.add(b.root, "DeliveryDetails")
        period = b.add(delivery, "DeliveryPeriodDetails")
        b.day(period, "StartDate", doc.period_start)
        b.day(period, "EndDate", doc.period_end)
    _invoice_details(b, doc, tr)
    if doc.barcode:
        b.add(b.root, "VirtualBankBarcode", doc.barcode)
    for line in doc.lines:
        _row(b, doc, line, tr)
    _epi(b, doc)
    return bytes(etree.tostring(b.root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


__all__ = [
    "CREDIT_NOTE",
    "INVOICE",
    "UNIT_CODES",
    "finvoice_amount",
    "finvoice_date",
    "finvoice_number",
    "finvoice_xml",
]

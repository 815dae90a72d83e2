"""Invoices as values: lines, the one rounding rule, VAT per rate, totals, the issued snapshot.

The rounding rule (HOUSE-STYLE.md): each line's net is rounded to the cent, half up;
VAT is computed per rate on the sum of that rate's line nets and rounded once; the
totals are sums of the rounded parts. A line's quantity has two decimals and its net
is ``round(quantity × unit price)``, so every printed line multiplies out.

:class:`InvoiceDocument` is everything an issued invoice or credit note prints, as
plain values (no translation, no formatting): the store keeps it as JSON when the
invoice is issued, and the PDF and the Finvoice file are made from it alone, so a
later edit of a customer, a contract or a rate never changes an issued invoice.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from jobcenter_desktop.domain.money import round_cents

ZERO = Decimal("0.00")
QUANTITY_STEP = Decimal("0.01")


class DocumentKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class LineKind(StrEnum):
    """What a line charges for; decides the work share of a household invoice."""

    WORKER_HOURS = "worker_hours"
    INSTRUCTOR_HOURS = "instructor_hours"
    VISIT = "visit"
    MINIMUM = "minimum"
    TRAVEL = "travel"
    CANCELLATION = "cancellation"
    MATERIAL = "material"
    OTHER = "other"

    @property
    def is_work(self) -> bool:
        """Work done for the household (the tax deduction's work share, VAT included)."""
        return self in (
            LineKind.WORKER_HOURS,
            LineKind.INSTRUCTOR_HOURS,
            LineKind.VISIT,
            LineKind.MINIMUM,
        )


class Unit(StrEnum):
    HOUR = "h"
    VISIT = "visit"
    PIECE = "pcs"
    KILOMETRE = "km"


def hours(minutes: int) -> Decimal:
    """Minutes as hours with two decimals (50 min -> 0.83), the quantity of an hour line."""
    return (Decimal(minutes) / 60).quantize(QUANTITY_STEP, rounding=ROUND_HALF_UP)


def line_net(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """The net of a line: quantity × unit price, rounded to the cent (half up)."""
    return round_cents(quantity * unit_price)


def vat_amount(net: Decimal, rate: Decimal) -> Decimal:
    """VAT of ``rate`` percent on a sum of nets, rounded once."""
    return round_cents(net * rate / 100)


@dataclass(frozen=True, slots=True)
class Line:
    """One invoice line. ``net`` is always ``line_net(quantity, unit_price)``.

    ``vat_rate`` is the percent on the day of supply (0 for no VAT, then
    ``vat_reason`` says why); ``day`` is the date of supply of a per-gig line,
    ``period_start``/``period_end`` those of a line summarised per month.
    """

    kind: LineKind
    description: str
    quantity: Decimal
    unit: Unit
    unit_price: Decimal
    vat_rate: Decimal
    vat_reason: str = ""
    day: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    site: str = ""
    contract_number: str = ""

    @property
    def net(self) -> Decimal:
        return line_net(self.quantity, self.unit_price)

    def negated(self) -> Line:
        """The same line with a negative quantity: a credit note's line."""
        return dataclasses.replace(self, quantity=-self.quantity)


@dataclass(frozen=True, slots=True)
class VatRow:
    """The VAT summary of one rate (and, for 0 %, one reason)."""

    rate: Decimal
    net: Decimal
    vat: Decimal
    reason: str = ""

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


@dataclass(frozen=True, slots=True)
class Totals:
    vat_rows: tuple[VatRow, ...]
    net: Decimal
    vat: Decimal
    total: Decimal


def totals(lines: Iterable[Line]) -> Totals:
    """VAT per rate on the sum of the rate's line nets; totals from the rounded parts."""
    sums: dict[tuple[Decimal, str], Decimal] = {}
    for line in lines:
        key = (line.vat_rate, line.vat_reason if not line.vat_rate else "")
        sums[key] = sums.get(key, ZERO) + line.net
    rows = tuple(
        VatRow(rate=rate, net=net, vat=vat_amount(net, rate), reason=reason)
        for (rate, reason), net in sorted(sums.items(), key=lambda item: (-item[0][0], item[0][1]))
    )
    net = sum((row.net for row in rows), ZERO)
    vat = sum((row.vat for row in rows), ZERO)
    return Totals(vat_rows=rows, net=net, vat=vat, total=net + vat)


def work_share(lines: Iterable[Line]) -> Decimal:
    """The work share VAT included (household deduction): work lines' nets plus their VAT."""
    return totals(line for line in lines if line.kind.is_work).total


@dataclass(frozen=True, slots=True)
class Party:
    """The seller or the buyer as printed."""

    name: str
    street: str = ""
    postal_code: str = ""
    city: str = ""
    business_id: str = ""
    email: str = ""
    phone: str = ""
    country: str = "FI"


@dataclass(frozen=True, slots=True)
class Seller:
    party: Party
    vat_registered: bool
    iban: str
    bic: str
    prepayment_register: bool

    @property
    def vat_number(self) -> str:
        """The EU VAT number: ``FI`` and the business ID's digits (``FI07375462``)."""
        return "FI" + self.party.business_id.replace("-", "")


@dataclass(frozen=True, slots=True)
class Buyer:
    party: Party
    customer_number: str
    household: bool
    einvoice_address: str = ""
    einvoice_operator: str = ""
    customer_reference: str = ""


@dataclass(frozen=True, slots=True)
class InvoiceDocument:
    """Everything an issued invoice or credit note prints, as plain values.

    Amounts of a credit note are negative. ``reference`` is the Finnish reference
    (compact digits), ``rf_reference`` its RF form; ``barcode`` the 54 digits (empty
    for a credit note, which is not paid). ``work_share`` is set only for a household
    customer of a centre in the prepayment register, with the work sites and days.
    """

    kind: DocumentKind
    number: int
    issue_date: date
    due_date: date
    period_start: date
    period_end: date
    language: str
    seller: Seller
    buyer: Buyer
    lines: tuple[Line, ...]
    reference: str
    rf_reference: str
    barcode: str
    payment_term_days: int
    interest_rate: Decimal | None
    work_share: Decimal | None = None
    work_sites: tuple[str, ...] = ()
    work_days: tuple[date, ...] = ()
    credited_number: int | None = None
    credited_date: date | None = None
    vat_note: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: A preview before the run: marked as a draft, its number provisional, not payable.
    draft: bool = False

    @property
    def totals(self) -> Totals:
        return totals(self.lines)

    def to_json(self) -> str:
        return json.dumps(_plain(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> InvoiceDocument:
        data = json.loads(text)
        return _document(data)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _line(data: dict[str, Any]) -> Line:
    return Line(
        kind=LineKind(data["kind"]),
        description=data["description"],
        quantity=Decimal(data["quantity"]),
        unit=Unit(data["unit"]),
        unit_price=Decimal(data["unit_price"]),
        vat_rate=Decimal(data["vat_rate"]),
        vat_reason=data["vat_reason"],
        day=_day(data["day"]),
        period_start=_day(data["period_start"]),
        period_end=_day(data["period_end"]),
        site=data["site"],
        contract_number=data["contract_number"],
    )


def _document(data: dict[str, Any]) -> InvoiceDocument:
    seller = data["seller"]
    buyer = data["buyer"]
    return InvoiceDocument(
        kind=DocumentKind(data["kind"]),
        number=data["number"],
        issue_date=date.fromisoformat(data["issue_date"]),
        due_date=date.fromisoformat(data["due_date"]),
        period_start=date.fromisoformat(data["period_start"]),
        period_end=date.fromisoformat(data["period_end"]),
        language=data["language"],
        seller=Seller(
            party=Party(**seller["party"]),
            vat_registered=seller["vat_registered"],
            iban=seller["iban"],
            bic=seller["bic"],
            prepayment_register=seller["prepayment_register"],
        ),
        buyer=Buyer(**{**buyer, "party": Party(**buyer["party"])}),
        lines=tuple(_line(line) for line in data["lines"]),
        reference=data["reference"],
        rf_reference=data["rf_reference"],
        barcode=data["barcode"],
        payment_term_days=data["payment_term_days"],
        interest_rate=_decimal(data["interest_rate"]),
        work_share=_decimal(data["work_share"]),
        work_sites=tuple(data["work_sites"]),
        work_days=tuple(date.fromisoformat(day) for day in data["work_days"]),
        credited_number=data["credited_number"],
        credited_date=_day(data["credited_date"]),
        vat_note=data["vat_note"],
        notes=tuple(data["notes"]),
        draft=data.get("draft", False),
    )


def credit_lines(lines: Sequence[Line], positions: Iterable[int] | None) -> tuple[Line, ...]:
    """The lines of a credit note: all of ``lines`` negated, or those at 1-based ``positions``.

    Raises ``ValueError`` naming a position that is not a line of the invoice.
    """
    if positions is None:
        return tuple(line.negated() for line in lines)
    chosen: list[Line] = []
    for position in sorted(set(positions)):
        if not 1 <= position <= len(lines):
            raise ValueError(position)
        chosen.append(lines[position - 1].negated())
    return tuple(chosen)


class AgeingBucket(StrEnum):
    """How long an open invoice is overdue (the open and overdue views)."""

    NOT_DUE = "not_due"
    DAYS_0_14 = "0-14"
    DAYS_15_30 = "15-30"
    DAYS_31_60 = "31-60"
    OVER_60 = "over_60"


def ageing(due_date: date, today: date) -> AgeingBucket:
    """The bucket of an open invoice: days past its due date (due today is 0 days: 0-14)."""
    days = (today - due_date).days
    if days < 0:
        return AgeingBucket.NOT_DUE
    if days <= 14:
        return AgeingBucket.DAYS_0_14
    if days <= 30:
        return AgeingBucket.DAYS_15_30
    if days <= 60:
        return AgeingBucket.DAYS_31_60
    return AgeingBucket.OVER_60


class InvoiceStatus(StrEnum):
    """An issued invoice's state, derived from its payments and credit notes (never stored)."""

    OPEN = "open"
    OVERDUE = "overdue"
    PAID = "paid"
    CREDITED = "credited"
    CREDIT_NOTE = "credit_note"


def status(
    *, kind: DocumentKind, total: Decimal, paid: Decimal, credited: Decimal, due: date, today: date
) -> InvoiceStatus:
    """Paid when payments cover what is left after credit notes; credited when nothing is left.

    ``credited`` is the (positive) sum of the credit notes that refer to the invoice.
    """
    if kind is DocumentKind.CREDIT_NOTE:
        return InvoiceStatus.CREDIT_NOTE
    owed = total - credited
    if owed <= 0:
        return InvoiceStatus.CREDITED
    if paid >= owed:
        return InvoiceStatus.PAID
    return InvoiceStatus.OVERDUE if today > due else InvoiceStatus.OPEN

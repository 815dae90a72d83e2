"""Test-data builders for invoices as values: ``make_document(language="sv")``.

Every builder takes keyword overrides. ``make_document`` works out what follows from
the rest unless it is given: the reference from the number, the RF reference from
the reference and the bank barcode from the IBAN, reference, total and due date (a
credit note has none), so an overridden line or due date gives a consistent document.
No floats: money and quantities are Decimal.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

from jobcenter_desktop.documents.household_statement import (
    HouseholdStatement,
    HouseholdStatementRow,
)
from jobcenter_desktop.documents.reminder_pdf import ReminderLetter
from jobcenter_desktop.domain.bank_barcode import bank_barcode
from jobcenter_desktop.domain.invoices import (
    Buyer,
    DocumentKind,
    InvoiceDocument,
    Line,
    LineKind,
    Party,
    Seller,
    Unit,
    credit_lines,
    totals,
    work_share,
)
from jobcenter_desktop.domain.references import national_reference, rf_reference
from jobcenter_desktop.domain.vat import NOT_LIABLE_REASON

#: The IBAN of the banks' barcode vectors (FINNISH-RULES.md), a valid Finnish one.
IBAN = "FI79 4405 2020 0360 82"
BIC = "OKOYFIHH"


def make_party(**overrides: Any) -> Party:
    values: dict[str, Any] = {
        "name": "Työkeskus Päivölä ry",
        "street": "Teollisuuskatu 5",
        "postal_code": "80100",
        "city": "Joensuu",
        "business_id": "0737546-2",
        "email": "laskutus@paivola.fi",
        "phone": "013 123 4567",
    }
    values.update(overrides)
    return Party(**values)


def make_seller(**overrides: Any) -> Seller:
    values: dict[str, Any] = {
        "party": make_party(),
        "vat_registered": True,
        "iban": IBAN,
        "bic": BIC,
        "prepayment_register": True,
    }
    values.update(overrides)
    return Seller(**values)


def make_buyer(**overrides: Any) -> Buyer:
    """An organisation customer; ``household=True`` gives a private person's household."""
    if overrides.get("household"):
        values: dict[str, Any] = {
            "party": make_party(
                name="Maija Koskinen",
                street="Kotikuja 7",
                postal_code="80220",
                city="Joensuu",
                business_id="",
                email="maija.koskinen@example.fi",
                phone="",
            ),
            "customer_number": "2002",
            "household": True,
        }
    else:
        values = {
            "party": make_party(
                name="Asunto Oy Männikkö",
                street="Männikkötie 3",
                postal_code="80200",
                city="Joensuu",
                business_id="2077474-0",
                email="isannointi@mannikko.fi",
                phone="",
            ),
            "customer_number": "1001",
            "household": False,
            "einvoice_address": "003720774740",
            "einvoice_operator": "003721291126",
            "customer_reference": "Tilaus 42 / Kallio",
        }
    values.update(overrides)
    return Buyer(**values)


def make_line(**overrides: Any) -> Line:
    values: dict[str, Any] = {
        "kind": LineKind.WORKER_HOURS,
        "description": "Pihatyöt, työtunnit",
        "quantity": Decimal("12.50"),
        "unit": Unit.HOUR,
        "unit_price": Decimal("28.00"),
        "vat_rate": Decimal("25.5"),
        "day": date(2026, 6, 10),
        "site": "Männikön piha, Männikkötie 3",
        "contract_number": "S-2026-001",
    }
    values.update(overrides)
    return Line(**values)


def default_lines() -> tuple[Line, ...]:
    """Worker hours on two days, a travel fee and materials, all at 25,5 %."""
    return (
        make_line(),
        make_line(day=date(2026, 6, 17), quantity=Decimal("8.00")),
        make_line(
            kind=LineKind.TRAVEL,
            description="Matkakulut",
            quantity=Decimal("2.00"),
            unit=Unit.VISIT,
            unit_price=Decimal("15.00"),
            day=None,
            period_start=date(2026, 6, 1),
            period_end=date(2026, 6, 30),
        ),
        make_line(
            kind=LineKind.MATERIAL,
            description="Multa 40 l",
            quantity=Decimal("3.00"),
            unit=Unit.PIECE,
            unit_price=Decimal("6.90"),
            site="",
        ),
    )


def _reference_base(number: int) -> str:
    # A reference base has at least three digits and no leading zero.
    return str(number) if number >= 100 else str(100 + number)


def make_document(**overrides: Any) -> InvoiceDocument:
    """An issued invoice to an organisation, in Finnish, with four lines at 25,5 %."""
    values: dict[str, Any] = {
        "kind": DocumentKind.INVOICE,
        "number": 1042,
        "issue_date": date(2026, 7, 1),
        "due_date": date(2026, 7, 15),
        "period_start": date(2026, 6, 1),
        "period_end": date(2026, 6, 30),
        "language": "fi",
        "seller": make_seller(),
        "buyer": make_buyer(),
        "lines": default_lines(),
        "payment_term_days": 14,
        "interest_rate": Decimal("9.5"),
    }
    values.update(overrides)
    if "reference" not in values:
        values["reference"] = national_reference(_reference_base(values["number"]))
    if "rf_reference" not in values:
        values["rf_reference"] = rf_reference(values["reference"])
    if "barcode" not in values:
        values["barcode"] = (
            ""
            if values["kind"] is DocumentKind.CREDIT_NOTE
            else bank_barcode(
                values["seller"].iban,
                values["reference"],
                totals(values["lines"]).total,
                values["due_date"],
            )
        )
    return InvoiceDocument(**values)


def make_credit_note(original: InvoiceDocument | None = None, **overrides: Any) -> InvoiceDocument:
    """A full credit note of ``original`` (by default ``make_document()``)."""
    original = make_document() if original is None else original
    values: dict[str, Any] = {
        "kind": DocumentKind.CREDIT_NOTE,
        "number": original.number + 1,
        "issue_date": date(2026, 7, 8),
        "due_date": date(2026, 7, 8),
        "period_start": original.period_start,
        "period_end": original.period_end,
        "language": original.language,
        "seller": original.seller,
        "buyer": original.buyer,
        "lines": credit_lines(original.lines, None),
        "payment_term_days": 0,
        "interest_rate": None,
        "credited_number": original.number,
        "credited_date": original.issue_date,
        "barcode": "",
    }
    values.update(overrides)
    return make_document(**values)


def make_household_document(**overrides: Any) -> InvoiceDocument:
    """An invoice to a household of a centre in the prepayment register, with its work share."""
    lines = overrides.pop("lines", default_lines())
    values: dict[str, Any] = {
        "buyer": make_buyer(household=True),
        "lines": lines,
        "work_share": work_share(lines),
        "work_sites": ("Kotikuja 7, 80220 Joensuu",),
        "work_days": tuple(sorted({line.day for line in lines if line.day and line.kind.is_work})),
    }
    values.update(overrides)
    return make_document(**values)


def make_not_liable_document(**overrides: Any) -> InvoiceDocument:
    """An invoice of a centre that is not liable for VAT: 0 % lines with the legal reason."""
    seller = make_seller(vat_registered=False)
    lines = tuple(
        dataclasses.replace(line, vat_rate=Decimal("0"), vat_reason=NOT_LIABLE_REASON)
        for line in default_lines()
    )
    values: dict[str, Any] = {"seller": seller, "lines": lines, "vat_note": NOT_LIABLE_REASON}
    values.update(overrides)
    return make_document(**values)


def make_reminder_letter(**overrides: Any) -> ReminderLetter:
    """A first reminder of ``make_document()``: 200 € paid, a 5 € fee, two weeks to pay."""
    document = make_document()
    values: dict[str, Any] = {
        "seller": document.seller,
        "buyer": document.buyer,
        "language": "fi",
        "letter_date": date(2026, 7, 31),
        "invoice_number": document.number,
        "invoice_date": document.issue_date,
        "original_due": document.due_date,
        "new_due": date(2026, 8, 14),
        "reference": document.reference,
        "rf_reference": document.rf_reference,
        "invoice_total": document.totals.total,
        "paid": Decimal("200.00"),
        "fee": Decimal("5.00"),
        "interest_rate": Decimal("9.5"),
        "reminder_count": 1,
    }
    values.update(overrides)
    values.setdefault("open_amount", values["invoice_total"] - values["paid"])
    values.setdefault("amount_due", values["open_amount"] + values["fee"])
    if "barcode" not in values:
        values["barcode"] = bank_barcode(
            values["seller"].iban, values["reference"], values["amount_due"], values["new_due"]
        )
    return ReminderLetter(**values)


def make_statement_row(**overrides: Any) -> HouseholdStatementRow:
    values: dict[str, Any] = {
        "invoice_number": 1042,
        "invoice_date": date(2026, 7, 1),
        "paid_on": date(2026, 7, 14),
        "work_share": Decimal("720.37"),
        "paid_work_share": Decimal("720.37"),
        "work_sites": ("Kotikuja 7, 80220 Joensuu",),
    }
    values.update(overrides)
    return HouseholdStatementRow(**values)


def make_household_statement(**overrides: Any) -> HouseholdStatement:
    """The 2026 statement of a household customer with two paid invoices."""
    rows = overrides.pop(
        "rows",
        (
            make_statement_row(),
            make_statement_row(
                invoice_number=1101,
                invoice_date=date(2026, 9, 1),
                paid_on=date(2026, 9, 20),
                work_share=Decimal("250.00"),
                paid_work_share=Decimal("250.00"),
                work_sites=("Kotikuja 7, 80220 Joensuu", "Mökkitie 2, 82500 Kitee"),
            ),
        ),
    )
    values: dict[str, Any] = {
        "seller": make_seller(),
        "buyer": make_buyer(household=True),
        "language": "fi",
        "year": 2026,
        "made_on": date(2027, 1, 10),
        "rows": rows,
        "total_paid_work_share": sum((row.paid_work_share for row in rows), Decimal("0.00")),
    }
    values.update(overrides)
    return HouseholdStatement(**values)

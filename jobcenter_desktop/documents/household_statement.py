"""The yearly statement of paid work shares for a household customer (kotitalousvähennys).

A household deducts part of the work it paid for in its own tax return. The statement
lists the year's invoices with their work share (VAT included) and the part of it paid
in the year, with the work sites, and names the seller, its business ID and whether
it is in the prepayment register (a condition of the deduction).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from jobcenter_desktop.documents import pdf_base
from jobcenter_desktop.documents.invoice_pdf import (
    TABLE_SIZE,
    boxed,
    head_table,
    invoice_styles,
    seller_id_lines,
)
from jobcenter_desktop.documents.payment_slip import party_lines
from jobcenter_desktop.domain.invoices import Buyer, Seller
from jobcenter_desktop.i18n import formatting as fmt
from jobcenter_desktop.i18n.translator import Translator, translator_for


@dataclass(frozen=True)
class HouseholdStatementRow:
    """One invoice of the year: its work share and the part of it paid in the year."""

    invoice_number: int
    invoice_date: date
    paid_on: date | None
    work_share: Decimal
    paid_work_share: Decimal
    work_sites: tuple[str, ...]


@dataclass(frozen=True)
class HouseholdStatement:
    seller: Seller
    buyer: Buyer
    language: str
    year: int
    made_on: date
    rows: tuple[HouseholdStatementRow, ...]
    total_paid_work_share: Decimal


@dataclass(frozen=True, slots=True)
class StatementView:
    """Everything the statement prints, translated and formatted."""

    language: str
    title: str
    page_label: str
    footer: str
    author: str
    seller: tuple[str, ...]
    seller_ids: tuple[str, ...]
    buyer_label: str
    buyer: tuple[str, ...]
    facts: tuple[tuple[str, str], ...]
    purpose: str
    register: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, str, str, str, str, str], ...]
    total: tuple[str, str]
    notes: tuple[str, ...]


def build_statement_view(
    statement: HouseholdStatement, tr: Translator | None = None
) -> StatementView:
    """The view-model of ``statement`` in ``tr``'s language (by default its own)."""
    tr = translator_for(statement.language) if tr is None else tr
    _ = tr.gettext
    seller = statement.seller
    title = _("STATEMENT OF WORK SHARES {year}").format(year=statement.year)
    purpose = _(
        "For the household tax deduction (kotitalousvähennys): the work shares, VAT "
        "included, that {customer} paid to {seller} (business ID {business_id}) in {year}."
    ).format(
        customer=statement.buyer.party.name,
        seller=seller.party.name,
        business_id=seller.party.business_id,
        year=statement.year,
    )
    if seller.prepayment_register:
        register = _("{seller} is entered in the prepayment register.").format(
            seller=seller.party.name
        )
    else:
        register = _("{seller} is not entered in the prepayment register.").format(
            seller=seller.party.name
        )
    rows = tuple(
        (
            str(row.invoice_number),
            tr.format_date(row.invoice_date),
            tr.format_date(row.paid_on),
            fmt.format_decimal(row.work_share, 2, tr),
            fmt.format_decimal(row.paid_work_share, 2, tr),
            "\n".join(row.work_sites),
        )
        for row in statement.rows
    )
    facts = (
        (_("Date"), tr.format_date(statement.made_on)),
        (_("Year"), str(statement.year)),
        (_("Customer number"), statement.buyer.customer_number),
    )
    notes = (
        _(
            "Only the part of the work share paid during the year can be deducted. "
            "Materials and travel are not part of the work share."
        ),
        _("Keep this statement with the invoices and the receipts of payment."),
    )
    return StatementView(
        language=tr.language,
        title=title,
        page_label=_("page {page} / {pages}"),
        footer=f"{title} · {statement.buyer.party.name} · {seller.party.name}",
        author=seller.party.name,
        seller=party_lines(seller.party),
        seller_ids=seller_id_lines(seller, tr),
        buyer_label=_("Customer"),
        buyer=party_lines(statement.buyer.party),
        facts=facts,
        purpose=purpose,
        register=register,
        header=(
            _("Invoice"),
            _("Dated"),
            _("Paid on"),
            _("Work share"),
            _("Paid work share"),
            _("Work sites"),
        ),
        rows=rows,
        total=(
            _("Paid work shares in {year} in total (VAT included)").format(year=statement.year),
            tr.format_money(statement.total_paid_work_share),
        ),
        notes=notes,
    )


def _story(view: StatementView) -> list[Flowable]:
    style: dict[str, Any] = invoice_styles()
    cell = style["cell"]
    story: list[Flowable] = [
        head_table(
            seller=view.seller,
            seller_ids=view.seller_ids,
            buyer_label=view.buyer_label,
            buyer=view.buyer,
            title=view.title,
            facts=view.facts,
            style=style,
        ),
        Spacer(1, 8 * mm),
        pdf_base.text(view.purpose, style["body"]),
        Spacer(1, 3 * mm),
        boxed(view.register, style["bold"]),
        Spacer(1, 5 * mm),
    ]
    rows: list[list[Any]] = [
        [number, day, paid_on, share, paid, pdf_base.text(sites, cell)]
        for number, day, paid_on, share, paid, sites in view.rows
    ]
    widths = [19 * mm, 22 * mm, 25 * mm, 22 * mm, 27 * mm]
    widths.append(pdf_base.CONTENT_WIDTH - sum(widths))
    story.append(
        pdf_base.data_table(
            view.header, rows, widths, font_size=TABLE_SIZE, right_columns=(0, 3, 4)
        )
    )
    story += [Spacer(1, 4 * mm), boxed(f"{view.total[0]}: {view.total[1]}", style["bold"])]
    story.append(Spacer(1, 5 * mm))
    for note in view.notes:
        story += [pdf_base.text(note, style["small"]), Spacer(1, 1.5 * mm)]
    return story


def render_statement(view: StatementView) -> bytes:
    """The PDF of ``view``; the same view always gives the same bytes."""
    return pdf_base.stored_pdf(_story(view), view.title, view)


def household_statement_pdf(statement: HouseholdStatement) -> bytes:
    """The yearly statement of paid work shares as an A4 PDF in ``statement.language``."""
    return render_statement(build_statement_view(statement))


__all__ = [
    "HouseholdStatement",
    "HouseholdStatementRow",
    "StatementView",
    "build_statement_view",
    "household_statement_pdf",
    "render_statement",
]

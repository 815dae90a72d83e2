"""The invoice and the credit note as an A4 PDF, in the customer's language (fi, sv, en).

It prints what VAT Act 209 e § asks of an invoice (FINNISH-RULES.md): the issue date
and number, the seller's name, address and business ID, the VAT status (the VAT
number, or the legal reason when the centre is not liable), the buyer, what was done,
when and how much, the unit prices without VAT, VAT per rate and the totals; and what
payers expect: due date, terms, the reference, late-payment interest, IBAN and BIC,
the customer's own reference. A household invoice of a centre in the prepayment
register shows the work share VAT included for the tax deduction. An invoice ends
with the payment slip (barcode, virtual barcode, QR code) at the foot of its last
page; a credit note names the invoice it corrects and has no slip.

:func:`build_invoice_view` makes the frozen view-model (every string translated and
formatted); :func:`invoice_pdf` lays it out. The same document always gives the same
bytes (ReportLab's invariant mode), so a reprint is identical to the stored PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from babel import numbers as babel_numbers
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from jobcenter_desktop.documents import pdf_base
from jobcenter_desktop.documents.payment_slip import (
    PaymentSlip,
    SlipFlowable,
    build_payment_slip,
    group_iban,
    party_lines,
)
from jobcenter_desktop.domain.invoices import DocumentKind, InvoiceDocument, Line, Seller, Unit
from jobcenter_desktop.domain.references import group_reference, group_rf
from jobcenter_desktop.domain.vat import NOT_LIABLE_REASON
from jobcenter_desktop.i18n import formatting as fmt
from jobcenter_desktop.i18n.translator import Translator, translator_for

BODY_SIZE = 9
TABLE_SIZE = 8.5


def unit_text(unit: Unit, tr: Translator) -> str:
    """The printed abbreviation of a unit: h, krt, kpl, km in Finnish."""
    _ = tr.gettext
    names = {
        Unit.HOUR: _("h"),
        Unit.VISIT: _("visit"),
        Unit.PIECE: _("pcs"),
        Unit.KILOMETRE: _("km"),
    }
    return names[unit]


def period_text(start: date | None, end: date | None, tr: Translator) -> str:
    """A period as ``1.6.– 30.6.2026`` (one day alone when start and end are the same)."""
    if start is None or end is None:
        return tr.format_date(start or end)
    if start == end:
        return tr.format_date(start)
    first = tr.format_short_date(start) if start.year == end.year else tr.format_date(start)
    # The space lets a narrow column break the period after the dash.
    return f"{first}– {tr.format_date(end)}"


def _places(value: Decimal) -> int:
    """Two decimals, or more (at most four) when a unit price really has them."""
    exponent = value.normalize().as_tuple().exponent
    return min(4, max(2, -exponent)) if isinstance(exponent, int) else 2


def rate_number(rate: Decimal, tr: Translator) -> str:
    """A VAT rate under a "VAT %" heading: ``25,5``, ``24``, ``0``."""
    return str(babel_numbers.format_decimal(rate, format="#,##0.##", locale=tr.locale))


def interest_text(rate: Decimal | None, tr: Translator) -> str:
    """``Viivästyskorko korkolain mukaan 9,5 %`` (without a rate when none is set)."""
    _ = tr.gettext
    if rate is None:
        return _("Late-payment interest under the Interest Act.")
    return _("Late-payment interest under the Interest Act: {rate}").format(
        rate=fmt.format_percent(rate, tr)
    )


def terms_text(days: int, tr: Translator) -> str:
    """The payment terms: ``14 päivää netto``."""
    _ = tr.gettext
    if days <= 0:
        return _("due on receipt")
    return _("{days} days net").format(days=days)


def seller_id_lines(seller: Seller, tr: Translator) -> tuple[str, ...]:
    """The seller's business ID, VAT number (when registered), IBAN, BIC and contacts,
    two to a line."""
    _ = tr.gettext
    ids = [_("Business ID {business_id}").format(business_id=seller.party.business_id)]
    if seller.vat_registered:
        ids.append(_("VAT number {vat_number}").format(vat_number=seller.vat_number))
    ids.append(f"IBAN {group_iban(seller.iban)}")
    ids.append(f"BIC {seller.bic}")
    ids.extend(part for part in (seller.party.email, seller.party.phone) if part)
    return tuple(" · ".join(ids[i : i + 2]) for i in range(0, len(ids), 2))


@dataclass(frozen=True, slots=True)
class LineRow:
    """One printed line of the table; every value already formatted."""

    when: str
    description: str
    site: str
    quantity: str
    unit: str
    unit_price: str
    vat: str
    net: str


@dataclass(frozen=True, slots=True)
class InvoiceView:
    """Everything the invoice or credit note prints, translated and formatted."""

    language: str
    title: str
    number: str
    page_label: str
    footer: str
    author: str
    seller: tuple[str, ...]
    seller_ids: tuple[str, ...]
    buyer_label: str
    buyer: tuple[str, ...]
    facts: tuple[tuple[str, str], ...]
    corrects: str  # a credit note: which invoice it corrects
    vat_notice: str  # the legal reason when the seller is not liable for VAT
    line_header: tuple[str, ...]
    lines: tuple[LineRow, ...]
    vat_title: str
    vat_header: tuple[str, ...]
    vat_rows: tuple[tuple[str, str, str, str, str], ...]  # rate, net, VAT, total, reason
    totals: tuple[tuple[str, str], ...]
    household_title: str
    household: tuple[tuple[str, str], ...]
    texts: tuple[str, ...]
    slip: PaymentSlip | None


def _line_row(line: Line, tr: Translator) -> LineRow:
    when = (
        tr.format_date(line.day)
        if line.day is not None
        else period_text(line.period_start, line.period_end, tr)
    )
    return LineRow(
        when=when,
        description=line.description,
        site=line.site,
        quantity=fmt.format_decimal(line.quantity, 2, tr),
        unit=unit_text(line.unit, tr),
        unit_price=fmt.format_decimal(line.unit_price, _places(line.unit_price), tr),
        vat=rate_number(line.vat_rate, tr),
        net=fmt.format_decimal(line.net, 2, tr),
    )


def build_invoice_view(doc: InvoiceDocument, tr: Translator | None = None) -> InvoiceView:
    """The view-model of ``doc`` in ``tr``'s language (by default the document's own)."""
    tr = translator_for(doc.language) if tr is None else tr
    _ = tr.gettext
    credit = doc.kind is DocumentKind.CREDIT_NOTE
    seller = doc.seller
    buyer = doc.buyer
    totals = doc.totals
    title = _("CREDIT NOTE") if credit else _("INVOICE")
    if doc.draft:
        title = _("DRAFT INVOICE")

    buyer_lines = list(party_lines(buyer.party))
    if buyer.party.business_id and not buyer.household:
        buyer_lines.append(
            _("Business ID {business_id}").format(business_id=buyer.party.business_id)
        )

    reference = group_reference(doc.reference) if doc.reference else group_rf(doc.rf_reference)
    facts: list[tuple[str, str]] = [
        (_("Credit note number") if credit else _("Invoice number"), str(doc.number)),
        (_("Credit note date") if credit else _("Invoice date"), tr.format_date(doc.issue_date)),
    ]
    if credit and doc.credited_number is not None:
        credited = str(doc.credited_number)
        if doc.credited_date is not None:
            credited += f" ({tr.format_date(doc.credited_date)})"
        facts.append((_("Credited invoice"), credited))
    if not credit:
        facts += [
            (_("Due date"), tr.format_date(doc.due_date)),
            (_("Payment terms"), terms_text(doc.payment_term_days, tr)),
            (_("Reference number"), reference),
        ]
    facts.append((_("Period of supply"), period_text(doc.period_start, doc.period_end, tr)))
    facts.append((_("Customer number"), buyer.customer_number))
    if buyer.customer_reference:
        facts.append((_("Your reference"), buyer.customer_reference))

    corrects = ""
    if credit and doc.credited_number is not None:
        corrects = _("This credit note corrects invoice {number} of {date}.").format(
            number=doc.credited_number, date=tr.format_date(doc.credited_date)
        )
    # The reason texts are English sources marked N_() (vat.NOT_LIABLE_REASON) or the
    # centre's own words; gettext translates the former and leaves the latter alone.
    vat_note = _(doc.vat_note) if doc.vat_note else ""
    vat_notice = "" if seller.vat_registered else (vat_note or _(NOT_LIABLE_REASON))

    vat_rows = tuple(
        (
            rate_number(row.rate, tr),
            fmt.format_decimal(row.net, 2, tr),
            fmt.format_decimal(row.vat, 2, tr),
            fmt.format_decimal(row.gross, 2, tr),
            _(row.reason) if row.reason else "",
        )
        for row in totals.vat_rows
    )
    total_label = _("Total credit") if credit else _("Total to pay")
    totals_rows = (
        (_("Total excluding VAT"), tr.format_money(totals.net)),
        (_("VAT"), tr.format_money(totals.vat)),
        (total_label, tr.format_money(totals.total)),
    )

    household: list[tuple[str, str]] = []
    if doc.work_share is not None:
        household.append(
            (
                _("Work share (VAT included) for the household tax deduction"),
                tr.format_money(doc.work_share),
            )
        )
        if doc.work_sites:
            household.append((_("Work sites"), "\n".join(doc.work_sites)))
        if doc.work_days:
            household.append(
                (_("Work days"), ", ".join(tr.format_date(day) for day in doc.work_days))
            )

    texts: list[str] = []
    if doc.draft:
        texts.append(
            _("A draft for checking: not to be paid. The number and the dates are provisional.")
        )
    if credit:
        texts.append(_("The credit is settled against your open invoices or paid back to you."))
    else:
        texts.append(interest_text(doc.interest_rate, tr))
    if seller.vat_registered and vat_note:
        texts.append(vat_note)
    texts.extend(doc.notes)

    slip = None
    if not credit and not doc.draft:
        slip = build_payment_slip(
            tr,
            seller=seller,
            buyer=buyer,
            reference=doc.reference,
            rf_reference=doc.rf_reference,
            due=doc.due_date,
            amount=totals.total,
            barcode=doc.barcode,
        )

    return InvoiceView(
        language=tr.language,
        title=title,
        number=str(doc.number),
        page_label=_("page {page} / {pages}"),
        footer=f"{title} {doc.number} · {seller.party.name}",
        author=seller.party.name,
        seller=party_lines(seller.party),
        seller_ids=seller_id_lines(seller, tr),
        buyer_label=_("Customer"),
        buyer=tuple(buyer_lines),
        facts=tuple(facts),
        corrects=corrects,
        vat_notice=vat_notice,
        line_header=(
            _("Date"),
            _("Description"),
            _("Qty"),
            _("Unit"),
            _("Unit price"),
            _("VAT %"),
            _("Net"),
        ),
        lines=tuple(_line_row(line, tr) for line in doc.lines),
        vat_title=_("VAT by rate"),
        vat_header=(_("VAT %"), _("Net"), _("VAT amount"), _("Total")),
        vat_rows=vat_rows,
        totals=totals_rows,
        household_title=_("Household tax deduction"),
        household=tuple(household),
        texts=tuple(texts),
        slip=slip,
    )


def _lines_paragraph(lines: tuple[str, ...], style: Any, bold_first: bool = False) -> Paragraph:
    escaped = [
        line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for line in lines
    ]
    if bold_first and escaped:
        escaped[0] = f"<b>{escaped[0]}</b>"
    return Paragraph("<br/>".join(escaped), style)


def _fitted_title(title: str, base: ParagraphStyle, width: float) -> ParagraphStyle:
    """The title's style, smaller when the title is wider than ``width`` (never below
    14 pt), so that a long word (BETALNINGSPÅMINNELSE) is never broken."""
    wide = stringWidth(title, base.fontName, base.fontSize)
    longest = max(stringWidth(word, base.fontName, base.fontSize) for word in title.split())
    if wide <= width:
        return base
    size = max(14.0, base.fontSize * width / wide, base.fontSize * 0.7)
    size = min(size, base.fontSize * width / longest)
    return ParagraphStyle(f"{base.name}-{size:.1f}", parent=base, fontSize=size, leading=size * 1.2)


def head_table(
    *,
    seller: tuple[str, ...],
    seller_ids: tuple[str, ...],
    buyer_label: str,
    buyer: tuple[str, ...],
    title: str,
    facts: tuple[tuple[str, str], ...],
    style: dict[str, Any],
) -> Table:
    """The seller and under it the buyer (where an envelope's window is) on the left;
    the title and the document's facts on the right."""
    right_width = 90 * mm
    left_width = pdf_base.CONTENT_WIDTH - right_width
    left: list[Flowable] = [
        _lines_paragraph(seller, style["body"], bold_first=True),
        Spacer(1, 1 * mm),
        _lines_paragraph(seller_ids, style["small"]),
        Spacer(1, 7 * mm),
        pdf_base.text(buyer_label, style["label"]),
        _lines_paragraph(buyer, style["address"]),
    ]
    label_width = 40 * mm
    fact_table = Table(
        [
            [pdf_base.text(label, style["small_bold"]), pdf_base.text(value, style["body"])]
            for label, value in facts
        ],
        colWidths=[label_width, right_width - label_width],
    )
    fact_table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), pdf_base.FONT, BODY_SIZE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 0.8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.8),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    right: list[Flowable] = [
        pdf_base.text(title, _fitted_title(title, style["title"], right_width)),
        Spacer(1, 3 * mm),
        fact_table,
    ]
    head = Table([[left, right]], colWidths=[left_width, right_width])
    head.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), pdf_base.FONT, BODY_SIZE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return head


def _head(view: InvoiceView, style: dict[str, Any]) -> list[Flowable]:
    head = head_table(
        seller=view.seller,
        seller_ids=view.seller_ids,
        buyer_label=view.buyer_label,
        buyer=view.buyer,
        title=view.title,
        facts=view.facts,
        style=style,
    )
    story: list[Flowable] = [head, Spacer(1, 6 * mm)]
    for notice in (view.corrects, view.vat_notice):
        if notice:
            story.append(boxed(notice, style["bold"]))
            story.append(Spacer(1, 3 * mm))
    return story


def boxed(value: str, paragraph_style: Any) -> Table:
    """``value`` in a grey box across the page: what a reader must not miss."""
    box = Table([[pdf_base.text(value, paragraph_style)]], colWidths=[pdf_base.CONTENT_WIDTH])
    box.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), pdf_base.FONT, BODY_SIZE),
                ("BOX", (0, 0), (-1, -1), 1, pdf_base.LINE_GREY),
                ("BACKGROUND", (0, 0), (-1, -1), pdf_base.HEADER_GREY),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return box


def _line_table(view: InvoiceView, style: dict[str, Any]) -> Table:
    cell = style["cell"]
    rows = []
    for line in view.lines:
        description = line.description
        if line.site:
            description += f"\n{line.site}"
        rows.append(
            [
                pdf_base.text(line.when, cell),
                pdf_base.text(description, cell),
                line.quantity,
                line.unit,
                line.unit_price,
                line.vat,
                line.net,
            ]
        )
    widths = [26 * mm, 0.0, 15 * mm, 13 * mm, 22 * mm, 16 * mm, 23 * mm]
    widths[1] = pdf_base.CONTENT_WIDTH - sum(widths)
    return pdf_base.data_table(
        view.line_header, rows, widths, font_size=TABLE_SIZE, right_columns=(2, 4, 5, 6)
    )


def _summary(view: InvoiceView, style: dict[str, Any]) -> list[Flowable]:
    """VAT per rate on the left (the reason of a 0 % rate under it), the totals on the right."""
    totals_width = 82 * mm
    vat_width = pdf_base.CONTENT_WIDTH - totals_width
    rows = [list(row[:4]) for row in view.vat_rows]
    widths = [18 * mm, 21 * mm, 25 * mm, 22 * mm]
    vat_block: list[Flowable] = [
        pdf_base.text(view.vat_title, style["bold"]),
        Spacer(1, 1.5 * mm),
        pdf_base.data_table(
            view.vat_header, rows, widths, font_size=TABLE_SIZE, right_columns=(0, 1, 2, 3)
        ),
    ]
    for row in view.vat_rows:
        if row[4]:
            vat_block.append(Spacer(1, 1 * mm))
            vat_block.append(pdf_base.text(f"{row[0]} %: {row[4]}", style["cell"]))
    total_rows = [
        [pdf_base.text(label, style["body"]), pdf_base.text(value, style["right"])]
        for label, value in view.totals[:-1]
    ]
    last_label, last_value = view.totals[-1]
    total_rows.append(
        [pdf_base.text(last_label, style["bold"]), pdf_base.text(last_value, style["right_bold"])]
    )
    totals = Table(total_rows, colWidths=[totals_width - 32 * mm, 32 * mm])
    totals.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), pdf_base.FONT, BODY_SIZE),
                ("LINEABOVE", (0, -1), (-1, -1), 1, pdf_base.LINE_GREY),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    both = Table([[vat_block, [Spacer(1, 5 * mm), totals]]], colWidths=[vat_width, totals_width])
    both.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), pdf_base.FONT, BODY_SIZE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [Spacer(1, 4 * mm), both]


def _household(view: InvoiceView, style: dict[str, Any]) -> list[Flowable]:
    if not view.household:
        return []
    data = [
        [pdf_base.text(label, style["small_bold"]), pdf_base.text(value, style["body"])]
        for label, value in view.household
    ]
    table = Table(data, colWidths=[78 * mm, pdf_base.CONTENT_WIDTH - 78 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), pdf_base.FONT, BODY_SIZE),
                ("BOX", (0, 0), (-1, -1), 0.8, pdf_base.LINE_GREY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    title = pdf_base.text(view.household_title, style["bold"])
    return [KeepTogether([Spacer(1, 4 * mm), title, Spacer(1, 1.5 * mm), table])]


def invoice_styles() -> dict[str, Any]:
    """The paragraph styles of the invoice and the letters that share its look."""
    style: dict[str, Any] = dict(pdf_base.styles(BODY_SIZE))
    font, bold = pdf_base.FONT, pdf_base.FONT_BOLD
    style["cell"] = ParagraphStyle("inv-cell", fontName=font, fontSize=TABLE_SIZE, leading=10.5)
    style["small"] = ParagraphStyle("inv-small", fontName=font, fontSize=8, leading=10)
    style["small_bold"] = ParagraphStyle("inv-small-b", fontName=bold, fontSize=8, leading=11.7)
    style["label"] = ParagraphStyle(
        "inv-label", fontName=font, fontSize=7, leading=9, textColor=pdf_base.LINE_GREY
    )
    style["address"] = ParagraphStyle("inv-address", fontName=font, fontSize=10.5, leading=13.5)
    style["right"] = ParagraphStyle(
        "inv-right", fontName=font, fontSize=BODY_SIZE, leading=11.7, alignment=TA_RIGHT
    )
    style["right_bold"] = ParagraphStyle(
        "inv-right-b", fontName=bold, fontSize=BODY_SIZE + 1, leading=13, alignment=TA_RIGHT
    )
    style["title"] = ParagraphStyle(
        "inv-title", fontName=bold, fontSize=20, leading=24, alignment=TA_RIGHT
    )
    return style


def _story(view: InvoiceView) -> list[Flowable]:
    style = invoice_styles()
    story = _head(view, style)
    story.append(_line_table(view, style))
    story += _summary(view, style)
    story += _household(view, style)
    if view.texts:
        story.append(Spacer(1, 3 * mm))
        story.extend(pdf_base.text(value, style["small"]) for value in view.texts)
    if view.slip is not None:
        story.append(SlipFlowable(view.slip))
    return story


def render_invoice(view: InvoiceView) -> bytes:
    """The PDF of ``view``; the same view always gives the same bytes."""
    return pdf_base.stored_pdf(_story(view), f"{view.title} {view.number}", view)


def invoice_pdf(doc: InvoiceDocument) -> bytes:
    """The invoice or credit note ``doc`` as an A4 PDF in ``doc.language``."""
    return render_invoice(build_invoice_view(doc))


__all__ = [
    "InvoiceView",
    "LineRow",
    "boxed",
    "build_invoice_view",
    "head_table",
    "interest_text",
    "invoice_pdf",
    "invoice_styles",
    "period_text",
    "rate_number",
    "render_invoice",
    "seller_id_lines",
    "terms_text",
    "unit_text",
]

"""The payment reminder (maksumuistutus) for one overdue invoice, as an A4 PDF.

A polite, plain letter in the customer's language: which invoice is still open,
what was paid, the reminder fee, what to pay by the new due date, the late-payment
interest, and the same payment slip as the invoice (barcode, virtual barcode, QR
code) with the amount due. The caller decides the fee (at most 5 € for a consumer)
and that reminders are at least 14 days apart; the letter only prints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from jobcenter_desktop.documents import pdf_base
from jobcenter_desktop.documents.invoice_pdf import (
    BODY_SIZE,
    head_table,
    invoice_styles,
    seller_id_lines,
)
from jobcenter_desktop.documents.payment_slip import (
    PaymentSlip,
    SlipFlowable,
    build_payment_slip,
    party_lines,
)
from jobcenter_desktop.domain.invoices import Buyer, Seller
from jobcenter_desktop.domain.references import group_reference, group_rf
from jobcenter_desktop.i18n import formatting as fmt
from jobcenter_desktop.i18n.translator import Translator, translator_for


@dataclass(frozen=True)
class ReminderLetter:
    """One reminder of one overdue invoice, as plain values.

    ``open_amount`` is what is left of ``invoice_total`` after ``paid``;
    ``amount_due`` is ``open_amount + fee``, to be paid by ``new_due`` with
    ``reference``. ``barcode`` carries ``amount_due`` and ``new_due`` (54 digits).
    """

    seller: Seller
    buyer: Buyer
    language: str
    letter_date: date
    invoice_number: int
    invoice_date: date
    original_due: date
    new_due: date
    reference: str
    rf_reference: str
    invoice_total: Decimal
    paid: Decimal
    open_amount: Decimal
    fee: Decimal
    amount_due: Decimal
    interest_rate: Decimal | None
    barcode: str
    reminder_count: int


@dataclass(frozen=True, slots=True)
class ReminderView:
    """Everything the reminder prints, translated and formatted."""

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
    paragraphs: tuple[str, ...]
    amounts: tuple[tuple[str, str], ...]  # the last one is the amount due
    closing: tuple[str, ...]
    slip: PaymentSlip


def build_reminder_view(letter: ReminderLetter, tr: Translator | None = None) -> ReminderView:
    """The view-model of ``letter`` in ``tr``'s language (by default the letter's own)."""
    tr = translator_for(letter.language) if tr is None else tr
    _ = tr.gettext
    title = _("PAYMENT REMINDER")
    reference = (
        group_reference(letter.reference) if letter.reference else group_rf(letter.rf_reference)
    )
    facts = (
        (_("Date"), tr.format_date(letter.letter_date)),
        (_("Reminder no."), str(letter.reminder_count)),
        (_("Invoice number"), str(letter.invoice_number)),
        (_("Invoice date"), tr.format_date(letter.invoice_date)),
        (_("Original due date"), tr.format_date(letter.original_due)),
        (_("Customer number"), letter.buyer.customer_number),
        (_("Reference number"), reference),
    )
    opening = _(
        "According to our records, invoice {number} of {date} has not been paid in full. "
        "Its due date was {due}."
    ).format(
        number=letter.invoice_number,
        date=tr.format_date(letter.invoice_date),
        due=tr.format_date(letter.original_due),
    )
    request = _(
        "Please pay {amount} by {due} with the reference number below. "
        "If you have already paid, please disregard this reminder."
    ).format(amount=tr.format_money(letter.amount_due), due=tr.format_date(letter.new_due))
    amounts: list[tuple[str, str]] = [
        (_("Invoice total"), tr.format_money(letter.invoice_total)),
    ]
    if letter.paid:
        amounts.append((_("Paid"), tr.format_money(letter.paid)))
    amounts.append((_("Open amount"), tr.format_money(letter.open_amount)))
    if letter.fee:
        amounts.append((_("Reminder fee"), tr.format_money(letter.fee)))
    amounts.append((_("Amount due"), tr.format_money(letter.amount_due)))
    if letter.interest_rate is None:
        interest = _(
            "Late-payment interest under the Interest Act runs from the original due date "
            "{due} until the day of payment."
        ).format(due=tr.format_date(letter.original_due))
    else:
        interest = _(
            "Late-payment interest of {rate} under the Interest Act runs from the original "
            "due date {due} until the day of payment."
        ).format(
            rate=fmt.format_percent(letter.interest_rate, tr),
            due=tr.format_date(letter.original_due),
        )
    contacts = " · ".join(
        part for part in (letter.seller.party.email, letter.seller.party.phone) if part
    )
    closing = [interest]
    if contacts:
        closing.append(_("Questions about the invoice: {contacts}.").format(contacts=contacts))
    closing.append(_("Thank you."))
    slip = build_payment_slip(
        tr,
        seller=letter.seller,
        buyer=letter.buyer,
        reference=letter.reference,
        rf_reference=letter.rf_reference,
        due=letter.new_due,
        amount=letter.amount_due,
        barcode=letter.barcode,
    )
    return ReminderView(
        language=tr.language,
        title=title,
        page_label=_("page {page} / {pages}"),
        footer=f"{title} · {letter.invoice_number} · {letter.seller.party.name}",
        author=letter.seller.party.name,
        seller=party_lines(letter.seller.party),
        seller_ids=seller_id_lines(letter.seller, tr),
        buyer_label=_("Customer"),
        buyer=party_lines(letter.buyer.party),
        facts=facts,
        paragraphs=(opening, request),
        amounts=tuple(amounts),
        closing=tuple(closing),
        slip=slip,
    )


def _amounts_table(amounts: tuple[tuple[str, str], ...], style: dict[str, Any]) -> Table:
    rows = [
        [pdf_base.text(label, style["body"]), pdf_base.text(value, style["right"])]
        for label, value in amounts[:-1]
    ]
    label, value = amounts[-1]
    rows.append([pdf_base.text(label, style["bold"]), pdf_base.text(value, style["right_bold"])])
    table = Table(rows, colWidths=[60 * mm, 32 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), pdf_base.FONT, BODY_SIZE),
                ("LINEABOVE", (0, -1), (-1, -1), 1, pdf_base.LINE_GREY),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _story(view: ReminderView) -> list[Flowable]:
    style = invoice_styles()
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
    ]
    for paragraph in view.paragraphs:
        story += [pdf_base.text(paragraph, style["body"]), Spacer(1, 3 * mm)]
    story += [Spacer(1, 2 * mm), _amounts_table(view.amounts, style), Spacer(1, 5 * mm)]
    for paragraph in view.closing:
        story += [pdf_base.text(paragraph, style["body"]), Spacer(1, 2 * mm)]
    story += [Spacer(1, 4 * mm), SlipFlowable(view.slip)]
    return story


def render_reminder(view: ReminderView) -> bytes:
    """The PDF of ``view``; the same view always gives the same bytes."""
    return pdf_base.stored_pdf(_story(view), view.footer, view)


def reminder_pdf(letter: ReminderLetter) -> bytes:
    """The reminder ``letter`` as an A4 PDF in ``letter.language``."""
    return render_reminder(build_reminder_view(letter))


__all__ = [
    "ReminderLetter",
    "ReminderView",
    "build_reminder_view",
    "reminder_pdf",
    "render_reminder",
]

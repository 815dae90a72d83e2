"""The payment slip (tilisiirto) at the foot of an invoice or a reminder letter.

The slip repeats what a payer needs: the recipient's IBAN and BIC, the recipient,
the payer, the reference, the due date and the amount; under them the bank barcode
(54 digits as Code 128 subset C, about 105 mm wide and 13 mm tall with quiet zones,
as the Finnish banks' barcode guide asks), the same digits as text (the virtual
barcode) and the EPC payment QR code for banking apps. The slip always sits at the
bottom of the last page: :class:`SlipFlowable` takes the rest of the page, or moves
to a new page when too little is left.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import segno
from reportlab.graphics.barcode.code128 import Code128Auto
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from stdnum import iban as stdnum_iban

from jobcenter_desktop.documents import pdf_base
from jobcenter_desktop.domain.epc_qr import epc_payload, epc_qr_code
from jobcenter_desktop.domain.invoices import Buyer, Party, Seller
from jobcenter_desktop.domain.references import group_reference, group_rf
from jobcenter_desktop.i18n import formatting as fmt
from jobcenter_desktop.i18n.translator import Translator

#: The bank barcode's length without its quiet zones (the banks' guide: about 105 mm).
BARCODE_WIDTH = 105 * mm
#: At least 10 mm tall; 13 mm reads well on every scanner.
BARCODE_HEIGHT = 13 * mm
#: White space on each side of the bars (at least ten modules).
BARCODE_QUIET = 6.4 * mm
_START_C = 105
QR_SIZE = 32 * mm
SLIP_HEIGHT = 86 * mm

_LABEL_SIZE = 7
_VALUE_SIZE = 10
_GRID = colors.black


def group_iban(iban: str) -> str:
    """An IBAN in groups of four: ``FI79 4405 2020 0360 82``."""
    return str(stdnum_iban.format(iban))


def party_lines(party: Party) -> tuple[str, ...]:
    """The name and the postal address of ``party``, one line each (empty parts left out)."""
    town = " ".join(part for part in (party.postal_code, party.city) if part)
    return tuple(line for line in (party.name, party.street, town) if line)


def code128c(digits: str, *, width: float = BARCODE_WIDTH, height: float = BARCODE_HEIGHT) -> Any:
    """A Code 128 barcode of ``digits`` in subset C (two digits a symbol), checked.

    Raises ``ValueError`` unless ``digits`` is an even number of digits, or if the
    encoder did not start in subset C and stay there.
    """
    if not digits.isdigit() or len(digits) % 2:
        raise ValueError(f"Code 128 subset C needs an even number of digits, not {digits!r}")
    # Start (11 modules), one symbol of 11 per pair of digits, check (11), stop (13).
    modules = 11 * (len(digits) // 2) + 11 + 11 + 13
    barcode = Code128Auto(
        digits,
        barWidth=width / modules,
        barHeight=height,
        quiet=1,
        lquiet=BARCODE_QUIET,
        rquiet=BARCODE_QUIET,
        humanReadable=0,
    )
    barcode._calculate()
    symbols = barcode.encoded
    pairs = symbols[1:-2]
    # START_C, then one symbol (0-99) per pair of digits; 100-102 would switch sets.
    if symbols[0] != _START_C or len(pairs) != len(digits) // 2 or max(pairs) > 99:
        raise ValueError(f"the barcode of {digits!r} did not encode in subset C")
    if [f"{value:02d}" for value in pairs] != [digits[i : i + 2] for i in range(0, len(digits), 2)]:
        raise ValueError(f"the barcode of {digits!r} does not carry its digits")
    return barcode


def draw_qr(canvas: Any, code: segno.QRCode, x: float, y: float, size: float) -> None:
    """The QR ``code`` as vector squares (sharp at any zoom, no image in the file).

    ``(x, y)`` is the lower left corner of a ``size`` square that includes the
    four-module quiet zone.
    """
    rows = [list(row) for row in code.matrix_iter(scale=1, border=4)]
    module = size / len(rows)
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    for row_index, row in enumerate(rows):
        top = y + size - (row_index + 1) * module
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            # A hair wider than the run, so no white seam shows between neighbours.
            canvas.rect(
                x + start * module, top, (column - start) * module, module * 1.01, stroke=0, fill=1
            )
    canvas.restoreState()


@dataclass(frozen=True, slots=True)
class SlipLabels:
    account: str
    recipient: str
    payer: str
    reference: str
    due_date: str
    amount: str
    virtual_barcode: str
    qr_hint: str


@dataclass(frozen=True, slots=True)
class PaymentSlip:
    """Everything the slip prints, already formatted; ``epc`` is the QR code's text."""

    labels: SlipLabels
    account: str  # "FI79 4405 2020 0360 82"
    bic: str
    recipient: tuple[str, ...]
    payer: tuple[str, ...]
    reference: str  # the print form that matches the barcode's version
    due_date: str
    amount: str  # "310,61"
    barcode: str  # 54 digits, or "" for none
    epc: str


def slip_labels(tr: Translator) -> SlipLabels:
    _ = tr.gettext
    return SlipLabels(
        account=_("Recipient's account"),
        recipient=_("Recipient"),
        payer=_("Payer"),
        reference=_("Reference number"),
        due_date=_("Due date"),
        amount=_("Amount €"),
        virtual_barcode=_("Virtual barcode"),
        qr_hint=_("Pay with your banking app: scan the code."),
    )


def build_payment_slip(
    tr: Translator,
    *,
    seller: Seller,
    buyer: Buyer,
    reference: str,
    rf_reference: str,
    due: date,
    amount: Decimal,
    barcode: str,
) -> PaymentSlip:
    """The slip for paying ``amount`` by ``due`` with ``reference``, in ``tr``'s language."""
    # A version 5 barcode carries the RF reference; the slip shows the one the code carries.
    if barcode.startswith("5") or not reference:
        shown = group_rf(rf_reference)
    else:
        shown = group_reference(reference)
    # Nothing to pay (a zero total) gives no QR code: the code cannot carry 0 €.
    epc = ""
    if amount > 0:
        epc = epc_payload(
            bic=seller.bic,
            name=seller.party.name,
            iban=seller.iban,
            amount=amount,
            rf_reference=rf_reference,
            due=due,
        )
    return PaymentSlip(
        labels=slip_labels(tr),
        account=group_iban(seller.iban),
        bic=seller.bic,
        recipient=party_lines(seller.party),
        payer=party_lines(buyer.party),
        reference=shown,
        due_date=tr.format_date(due),
        amount=fmt.format_decimal(amount, 2, tr),
        barcode=barcode,
        epc=epc,
    )


def _fitted(text: str, font: str, size: float, width: float) -> float:
    """The font size at which ``text`` fits ``width`` (at most ``size``)."""
    used = stringWidth(text, font, size)
    return size if used <= width else max(5.0, size * width / used)


def _cell(
    canvas: Any,
    label: str,
    lines: Sequence[str],
    x: float,
    top: float,
    width: float,
    *,
    bold: bool = False,
) -> None:
    """A slip field: a small grey label in the corner and the value lines under it."""
    canvas.setFillColor(pdf_base.LINE_GREY)
    canvas.setFont(pdf_base.FONT, _fitted(label, pdf_base.FONT, _LABEL_SIZE, width - 3 * mm))
    canvas.drawString(x + 1.5 * mm, top - 3 * mm, label)
    canvas.setFillColor(colors.black)
    font = pdf_base.FONT_BOLD if bold else pdf_base.FONT
    y = top - 3 * mm - _VALUE_SIZE * 1.25
    for line in lines:
        canvas.setFont(font, _fitted(line, font, _VALUE_SIZE, width - 4 * mm))
        canvas.drawString(x + 2 * mm, y, line)
        y -= _VALUE_SIZE * 1.2


def draw_slip(canvas: Any, slip: PaymentSlip, width: float) -> None:
    """Draw ``slip`` with its lower left corner at the origin, ``width`` wide."""
    labels = slip.labels
    height = SLIP_HEIGHT
    canvas.saveState()
    # The cut line along the top.
    canvas.setStrokeColor(pdf_base.LINE_GREY)
    canvas.setDash(3, 2)
    canvas.setLineWidth(0.6)
    canvas.line(0, height, width, height)
    canvas.setDash()
    canvas.setStrokeColor(_GRID)
    canvas.setLineWidth(0.8)

    qr_area = QR_SIZE + 8 * mm
    left = width - qr_area
    row_top = height - 3 * mm
    rows = (
        (labels.account, (f"{slip.account}   BIC {slip.bic}",), 12 * mm),
        (labels.recipient, slip.recipient[:3], 18 * mm),
        (labels.payer, slip.payer[:3], 18 * mm),
    )
    top = row_top
    for label, lines, row_height in rows:
        canvas.rect(0, top - row_height, left, row_height, stroke=1, fill=0)
        _cell(canvas, label, lines, 0, top, left)
        top -= row_height
    # Reference, due date and amount across the whole width.
    bottom_row = 11 * mm
    canvas.rect(0, top - bottom_row, width, bottom_row, stroke=1, fill=0)
    reference_width = left * 0.62
    due_width = left - reference_width
    canvas.line(reference_width, top, reference_width, top - bottom_row)
    canvas.line(left, top - bottom_row, left, row_top)
    _cell(canvas, labels.reference, (slip.reference,), 0, top, reference_width, bold=True)
    _cell(canvas, labels.due_date, (slip.due_date,), reference_width, top, due_width, bold=True)
    _cell(canvas, labels.amount, (slip.amount,), left, top, qr_area, bold=True)
    grid_bottom = top - bottom_row

    # The QR code beside the grid, its hint under it.
    if slip.epc:
        qr_x = left + (qr_area - QR_SIZE) / 2
        qr_y = row_top - 2 * mm - QR_SIZE
        draw_qr(canvas, epc_qr_code(slip.epc), qr_x, qr_y, QR_SIZE)
        canvas.setFont(pdf_base.FONT, 6.5)
        canvas.setFillColor(pdf_base.LINE_GREY)
        hint_width = qr_area - 4 * mm
        hint_y = qr_y - 1 * mm
        for line in _wrap(labels.qr_hint, pdf_base.FONT, 6.5, hint_width):
            hint_y -= 7.5
            canvas.drawCentredString(left + qr_area / 2, hint_y, line)
        canvas.setFillColor(colors.black)

    # The bank barcode under the grid, the virtual barcode (its digits as text) under it.
    if slip.barcode:
        bars = code128c(slip.barcode)
        bar_y = grid_bottom - 4 * mm - BARCODE_HEIGHT
        bars.drawOn(canvas, 0, bar_y)
        label = f"{labels.virtual_barcode}  "
        canvas.setFont(pdf_base.FONT, 7)
        canvas.setFillColor(pdf_base.LINE_GREY)
        canvas.drawString(BARCODE_QUIET, bar_y - 4.5 * mm, label)
        label_width = stringWidth(label, pdf_base.FONT, 7)
        canvas.setFillColor(colors.black)
        room = width - BARCODE_QUIET - label_width
        canvas.setFont(pdf_base.FONT, _fitted(slip.barcode, pdf_base.FONT, 8.5, room))
        canvas.drawString(BARCODE_QUIET + label_width, bar_y - 4.5 * mm, slip.barcode)
    canvas.restoreState()


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (at spaces)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and stringWidth(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


class SlipFlowable(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """The slip at the bottom of the page: it takes the rest of the frame, or a new page."""

    def __init__(self, slip: PaymentSlip) -> None:
        super().__init__()
        self.slip = slip
        self.width = 0.0
        self.height = SLIP_HEIGHT

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        # Too little room: ask for the slip's height, so it moves to a new page.
        self.height = availHeight if availHeight >= SLIP_HEIGHT else SLIP_HEIGHT
        return self.width, self.height

    def draw(self) -> None:
        draw_slip(self.canv, self.slip, self.width)


__all__ = [
    "BARCODE_HEIGHT",
    "BARCODE_QUIET",
    "BARCODE_WIDTH",
    "SLIP_HEIGHT",
    "PaymentSlip",
    "SlipFlowable",
    "SlipLabels",
    "build_payment_slip",
    "code128c",
    "draw_qr",
    "draw_slip",
    "group_iban",
    "party_lines",
    "slip_labels",
]

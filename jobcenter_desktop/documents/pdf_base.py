"""Shared ReportLab pieces: bundled fonts, an A4 template, the "page x / y" footer, tables.

Every canvas starts in the bundled DejaVu font (``initialFontName``); otherwise
ReportLab writes an unembedded Helvetica into the file, which lacks nothing on
screen but is not the font the document was checked with.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import KeepTogether

from jobcenter_desktop.resources import resources_dir

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
FOOTER_SIZE = 10
RUNNING_HEAD_SIZE = 9
# The frame pads its content by 6 pt on each side.
FRAME_PADDING = 6
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN - 2 * FRAME_PADDING
HEADER_GREY = colors.HexColor("#E4E4E4")
LINE_GREY = colors.HexColor("#555555")

LANDSCAPE_CONTENT_WIDTH = PAGE_HEIGHT - 2 * MARGIN - 2 * FRAME_PADDING

Target = str | Path | IO[bytes]


def register_fonts() -> None:
    """Register the bundled DejaVu fonts with ReportLab (only the first call does work)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What every page of a document prints besides its content (already translated)."""

    title: str
    page_label: str  # e.g. "sivu {page} / {pages}"
    footer_left: str = ""
    author: str = ""
    subject: str = ""
    language: str = "fi"
    landscape: bool = False
    # Fixed creation date and document id, so the same document gives the same bytes.
    invariant: bool = False
    # Lines printed above the content of every page but the first (the sheet's heading and
    # details), so a page that runs on is never without them.
    running_head: tuple[str, ...] = ()


def _numbered_canvas(info: PageInfo) -> type[Canvas]:
    """A canvas class that holds pages back until the end, to print the page count."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # The document template passes these as None unless it was given them.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
            kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 11
            kwargs["lang"] = kwargs.get("lang") or info.language
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            self.saveState()
            if number > 1 and info.running_head:
                self._running_head()
            self.setFont(FONT, FOOTER_SIZE)
            self.setFillColor(LINE_GREY)
            y = MARGIN / 2
            if info.footer_left:
                self.drawString(MARGIN, y, info.footer_left)
            label = info.page_label.format(page=number, pages=total)
            self.drawRightString(self._pagesize[0] - MARGIN, y, label)
            self.restoreState()

        def _running_head(self) -> None:
            width = self._pagesize[0] - 2 * MARGIN
            y = self._pagesize[1] - MARGIN / 2
            for index, line in enumerate(info.running_head):
                font = FONT_BOLD if index == 0 else FONT
                self.setFont(font, RUNNING_HEAD_SIZE)
                self.drawString(MARGIN, y, fit_text(line, font, RUNNING_HEAD_SIZE, width))
                y -= RUNNING_HEAD_SIZE * 1.25
            self.setStrokeColor(LINE_GREY)
            self.setLineWidth(0.5)
            self.line(MARGIN, y + 6, self._pagesize[0] - MARGIN, y + 6)

    return NumberedCanvas


def fit_text(value: str, font: str, size: float, width: float) -> str:
    """``value`` shortened with "…" until it is at most ``width`` points wide."""
    if pdfmetrics.stringWidth(value, font, size) <= width:
        return value
    while value and pdfmetrics.stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value.rstrip() + "…"


def text_width(value: str, font: str = FONT, size: float = 11) -> float:
    """How wide ``value`` prints in points (to size a column to its widest figure)."""
    register_fonts()
    return float(pdfmetrics.stringWidth(value, font, size))


class StoredView(Protocol):
    """What a stored document's view-model gives its pages (invoice, reminder, statement)."""

    @property
    def page_label(self) -> str: ...
    @property
    def footer(self) -> str: ...
    @property
    def author(self) -> str: ...
    @property
    def language(self) -> str: ...


def stored_pdf(story: Sequence[Flowable], title: str, view: StoredView) -> bytes:
    """The bytes of a document that is stored and reprinted: the same view, the same bytes."""
    info = PageInfo(
        title=title,
        page_label=view.page_label,
        footer_left=view.footer,
        author=view.author,
        language=view.language,
        invariant=True,
    )
    return pdf_bytes(story, info)


def pdf_bytes(story: Sequence[Flowable], info: PageInfo) -> bytes:
    """The PDF of ``story`` as bytes; with ``info.invariant`` the same story gives the same
    bytes (a stored invoice's reprint)."""
    buffer = io.BytesIO()
    build_pdf(buffer, story, info)
    return buffer.getvalue()


def build_pdf(target: Target, story: Sequence[Flowable], info: PageInfo) -> None:
    """Lay ``story`` out on A4 pages into ``target`` (a path or a binary file object)."""
    register_fonts()
    output = str(target) if isinstance(target, Path) else target
    document = SimpleDocTemplate(
        output,
        pagesize=landscape(A4) if info.landscape else A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=info.title,
        author=info.author,
        subject=info.subject,
        creator="Jobcenter Desktop",
        initialFontName=FONT,
        initialFontSize=11,
        lang=info.language,
        invariant=1 if info.invariant else None,
    )
    document.build(list(story), canvasmaker=_numbered_canvas(info))


def styles(body_size: float = 12) -> dict[str, ParagraphStyle]:
    """Paragraph styles in the bundled font; large type for readers who read with difficulty."""
    register_fonts()
    leading = body_size * 1.3
    return {
        "body": ParagraphStyle("body", fontName=FONT, fontSize=body_size, leading=leading),
        "bold": ParagraphStyle("bold", fontName=FONT_BOLD, fontSize=body_size, leading=leading),
        "small": ParagraphStyle(
            "small", fontName=FONT, fontSize=body_size - 2, leading=(body_size - 2) * 1.3
        ),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=body_size, leading=leading),
        "head": ParagraphStyle("head", fontName=FONT_BOLD, fontSize=body_size, leading=leading),
        "centre": ParagraphStyle(
            "centre", fontName=FONT, fontSize=body_size, leading=leading, textColor=LINE_GREY
        ),
        "title": ParagraphStyle(
            "title", fontName=FONT_BOLD, fontSize=body_size + 10, leading=(body_size + 10) * 1.25
        ),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=FONT_BOLD, fontSize=body_size + 3, leading=(body_size + 3) * 1.3
        ),
    }


def text(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: ``&``, ``<`` and ``>`` are escaped, newlines kept."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped.replace("\n", "<br/>"), style)


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Flowable]],
    col_widths: Sequence[float],
    *,
    font_size: float = 11,
    row_height: float | None = None,
    right_columns: Sequence[int] = (),
    bold_last_row: bool = False,
    heading: str = "",
    min_row_height: float | None = None,
) -> Table:
    """A grid table whose header is repeated on every page it runs to.

    With a ``heading`` (a gig's day and customer, say) the header is two rows: the
    heading across the whole table, then the column names. ``row_height`` fixes the
    height of the body rows; ``min_row_height`` gives them room to write in by hand and
    still lets a row grow when a long name wraps.
    """
    register_fonts()
    head_style = ParagraphStyle(
        "table-head", fontName=FONT_BOLD, fontSize=font_size, leading=font_size * 1.25
    )
    data: list[list[Any]] = [[text(label, head_style) for label in header]]
    if heading:
        data.insert(0, [text(heading, head_style)] + [""] * (len(header) - 1))
    head = len(data)
    data.extend(list(row) for row in rows)
    heights: list[float | None] | None = None
    if row_height is not None:
        heights = [*([None] * head), *([row_height] * len(rows))]
    elif min_row_height is not None:
        heights = [
            *([None] * head),
            *(_row_height(row, col_widths, min_row_height, font_size) for row in rows),
        ]
    table = Table(
        data, colWidths=list(col_widths), rowHeights=heights, repeatRows=head, hAlign="LEFT"
    )
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, font_size),
        ("BACKGROUND", (0, 0), (-1, head - 1), HEADER_GREY),
        ("GRID", (0, 0), (-1, -1), 0.6, LINE_GREY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    commands.extend(("ALIGN", (column, head), (column, -1), "RIGHT") for column in right_columns)
    if heading:
        commands.append(("SPAN", (0, 0), (-1, 0)))
    if bold_last_row and rows:
        commands.append(("FONT", (0, -1), (-1, -1), FONT_BOLD, font_size))
        commands.append(("BACKGROUND", (0, -1), (-1, -1), HEADER_GREY))
    table.setStyle(TableStyle(commands))
    return table


def _row_height(
    row: Sequence[str | Flowable], col_widths: Sequence[float], least: float, font_size: float
) -> float:
    """The height of a table row: its tallest cell with the padding, at least ``least``."""
    tallest = font_size * 1.2
    for cell, width in zip(row, col_widths, strict=False):
        if isinstance(cell, Flowable):
            # The cell pads 6 pt left and right (ReportLab's default).
            tallest = max(tallest, cell.wrap(width - 12, PAGE_HEIGHT)[1])
    return max(least, tallest + 8)


def facts_table(
    facts: Sequence[tuple[str, str]],
    body_size: float = 12,
    *,
    padding: float = 5,
    label_width: float = 42 * mm,
) -> Table:
    """Label–value pairs in a framed box (the head of a gig sheet or a timesheet)."""
    style = styles(body_size)
    data = [[text(label, style["bold"]), text(value, style["body"])] for label, value in facts]
    table = Table(data, colWidths=[label_width, CONTENT_WIDTH - label_width])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, body_size),
                ("BOX", (0, 0), (-1, -1), 1, LINE_GREY),
                ("LINEBELOW", (0, 0), (-1, -2), 0.3, HEADER_GREY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
            ]
        )
    )
    return table


def signature_block(labels: Sequence[str], date_label: str, body_size: float = 11) -> Flowable:
    """One line to sign on and one to date, per label, kept together on one page."""
    style = styles(body_size)["body"]
    gap = 8 * mm
    date_width = 45 * mm
    data: list[list[Any]] = []
    for label in labels:
        data.append(["", "", ""])
        data.append([text(date_label, style), "", text(label, style)])
    table = Table(
        data,
        colWidths=[date_width, gap, CONTENT_WIDTH - date_width - gap],
        rowHeights=[14 * mm if index % 2 == 0 else None for index in range(len(data))],
        hAlign="LEFT",
    )
    # Even empty cells set their font: ReportLab's default would add Helvetica to the file.
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, body_size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for index in range(1, len(data), 2):
        commands.append(("LINEABOVE", (0, index), (0, index), 0.8, colors.black))
        commands.append(("LINEABOVE", (2, index), (2, index), 0.8, colors.black))
    table.setStyle(TableStyle(commands))
    return KeepTogether([Spacer(1, 6 * mm), table])


def signature_row(
    date_label: str, labels: Sequence[str], body_size: float = 11, space: float = 12 * mm
) -> list[Flowable]:
    """One line to date and one to sign per label, side by side on one row (a sheet that must
    keep its signatures on the page of its table).

    The caller keeps the flowables together (``KeepTogether``), with what must stay beside
    them: a ``KeepTogether`` inside another one would let the outer one split.
    """
    style = styles(body_size)["body"]
    gap = 5 * mm
    date_width = 32 * mm
    each = (CONTENT_WIDTH - date_width - gap * len(labels)) / max(len(labels), 1)
    widths = [date_width]
    cells: list[Any] = [text(date_label, style)]
    for label in labels:
        widths += [gap, each]
        cells += ["", text(label, style)]
    table = Table([[""] * len(cells), cells], colWidths=widths, rowHeights=[space, None])
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, body_size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]
    for column in range(0, len(cells), 2):
        # An empty label keeps its room on the row but has no line to sign on.
        if column == 0 or labels[(column - 2) // 2]:
            commands.append(("LINEABOVE", (column, 1), (column, 1), 0.8, colors.black))
    table.setStyle(TableStyle(commands))
    table.hAlign = "LEFT"
    return [Spacer(1, 4 * mm), table]

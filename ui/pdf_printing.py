"""Printing a PDF on a system printer (page images at the printer's resolution) and saving
a copy of it whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter

from jobcenter_desktop.i18n import gettext as _
from ui.pdf_pages import render_page

#: Printing renders each page as an image; more than this many dots per inch only costs
#: memory (an A4 page at 300 dpi is already 35 MB) without sharper paper.
MAX_PRINT_DPI = 300


#: Each print language by its own name, as a reader of that language looks for it.
LANGUAGE_NAMES = {"fi": "suomi", "sv": "svenska", "en": "English"}


def language_name(code: str) -> str:
    """The language ``code`` by its own name ("svenska"); the code itself if unknown."""
    return LANGUAGE_NAMES.get(code, code)


class PrintError(Exception):
    """The printer refused the job; the message says so in the user's words."""


def print_pdf(
    document: pdfium.PdfDocument,
    printer: QPrinter,
    go_on: Callable[[int, int], bool] = lambda _done, _total: True,
) -> int:
    """Draw the pages the printer settings ask for; the number of pages sent.

    ``go_on(done, total)`` is asked before each page; when it says no, the print job
    is aborted (nothing is printed) and 0 is returned.
    """
    count = len(document)
    first, last = 1, count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), min(printer.toPage() or count, count)
    # A printer that makes the copies itself has already been told how many.
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    pages = [i for _copy in range(copies) for i in range(first - 1, last)]
    if not pages:
        return 0
    printer.setFullPage(True)  # the PDF has its own margins
    orient(printer, document, pages[0])
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(_("The printer could not be started. Check the printer and try again."))
    try:
        for number, index in enumerate(pages):
            if not go_on(number, len(pages)):
                printer.abort()
                return 0
            if number and (not orient(printer, document, index) or not printer.newPage()):
                raise PrintError(_("The printer stopped before all pages were printed."))
            width_pt = document.get_page_size(index)[0]
            image = render_page(document, index, round(width_pt * dpi / 72))
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.topLeft(), size), image)
    except BaseException:
        printer.abort()  # half a job is worse than none
        raise
    finally:
        painter.end()
    return len(pages)


def orient(printer: QPrinter, document: pdfium.PdfDocument, index: int) -> bool:
    width, height = document.get_page_size(index)
    wanted = (
        QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    )
    return printer.pageLayout().orientation() == wanted or printer.setPageOrientation(wanted)


def save_copy(data: bytes, target: Path) -> None:
    """Write ``data`` to ``target`` whole or not at all (a temporary file, then a rename)."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

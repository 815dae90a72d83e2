"""One dialog for every document: see the pages, print them, or save the PDF elsewhere."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QEvent, QObject, QRect, QSize, QStandardPaths, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPaintEvent,
    QShortcut,
)
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.i18n import gettext as _

#: Printing renders each page as an image; more than this many dots per inch only costs
#: memory (an A4 page at 300 dpi is already 35 MB) without sharper paper.
MAX_PRINT_DPI = 300
ZOOM_STEP = 1.25
ZOOM_RANGE = (0.5, 4.0)


def render_page(document: pdfium.PdfDocument, index: int, width: int) -> QImage:
    """Page ``index`` as an image ``width`` pixels wide."""
    page = document[index]
    try:
        bitmap = page.render(scale=width / page.get_width(), rev_byteorder=True, prefer_bgrx=True)
        image = QImage(
            bitmap.buffer,
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            QImage.Format.Format_RGBX8888,
        )
        return image.copy()  # the bitmap's memory is pdfium's and goes with it
    finally:
        page.close()


@contextlib.contextmanager
def wait_cursor() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


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
    _orient(printer, document, pages[0])
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(_("The printer could not be started. Check the printer and try again."))
    try:
        for number, index in enumerate(pages):
            if not go_on(number, len(pages)):
                printer.abort()
                return 0
            if number and (not _orient(printer, document, index) or not printer.newPage()):
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


def _orient(printer: QPrinter, document: pdfium.PdfDocument, index: int) -> bool:
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


class PageView(QWidget):
    """The pages under each other, each as wide as ``page_width``.

    A page is rendered when it is first painted and kept until the width changes,
    so a long document opens at once and only the visible pages cost anything.
    """

    GAP = 12

    def __init__(self, document: pdfium.PdfDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.sizes = [document.get_page_size(i) for i in range(len(document))]
        self.page_width = 600
        self._images: dict[int, QImage] = {}
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor("#8a8f96"))
        self.setPalette(palette)
        self._relayout()

    def set_page_width(self, width: int) -> None:
        width = max(width, 100)
        if width != self.page_width:
            self.page_width = width
            self._images.clear()
            self._relayout()
            self.update()

    def page_rects(self) -> list[QRect]:
        rects, y = [], self.GAP
        for width, height in self.sizes:
            page_height = round(self.page_width * height / width)
            rects.append(QRect(self.GAP, y, self.page_width, page_height))
            y += page_height + self.GAP
        return rects

    def page_at(self, y: int) -> int:
        """The index of the page at height ``y`` (or the nearest one above it)."""
        found = 0
        for index, rect in enumerate(self.page_rects()):
            if rect.top() - self.GAP <= y:
                found = index
        return found

    def _relayout(self) -> None:
        rects = self.page_rects()
        bottom = rects[-1].bottom() if rects else 0
        self.resize(QSize(self.page_width + 2 * self.GAP, bottom + self.GAP))

    def release(self) -> None:
        """Close the document and show nothing; for a dialog that is done."""
        self._images.clear()
        self.sizes = []
        self.document.close()
        self._relayout()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        ratio = self.devicePixelRatioF()
        for index, rect in enumerate(self.page_rects()):
            if not rect.intersects(event.rect()):
                continue
            image = self._images.get(index)
            if image is None:
                image = render_page(self.document, index, round(rect.width() * ratio))
                image.setDevicePixelRatio(ratio)
                self._images[index] = image
            painter.drawImage(rect, image)
            painter.setPen(QColor("#5c6066"))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.end()


class PrintPreviewDialog(QDialog):
    """The pages of ``pdf`` fitted to the width, with Print, Save as PDF and Close."""

    def __init__(self, pdf: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.file_name = pdf.name
        # Read once: the document then needs no open file, so the caller may delete it.
        self.data = pdf.read_bytes()
        self.document = pdfium.PdfDocument(self.data)
        self.zoom = 1.0  # times the width that fits the window
        # Kept on the dialog: a QPrinter that is garbage-collected under a dialog crashes Qt.
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        self.printer.setDocName(title)
        if len(self.document):
            _orient(self.printer, self.document, 0)  # the print dialog shows it so

        self.pages = PageView(self.document)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.pages)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # Always there: a bar that came and went would change the width the pages fit.
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll_area.setBackgroundRole(self.pages.backgroundRole())
        self.scroll_area.setPalette(self.pages.palette())
        self.scroll_area.viewport().installEventFilter(self)
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._update_page_label)

        self.page_label = QLabel()
        self.page_label.setStyleSheet("font-weight: bold;")
        self.zoom_out_button = QPushButton(_("Smaller (Ctrl+-)"))
        self.zoom_in_button = QPushButton(_("Larger (Ctrl++)"))
        self.fit_button = QPushButton(_("Fit width (Ctrl+0)"))
        self.print_button = QPushButton(_("Print… (Ctrl+P)"))
        self.save_button = QPushButton(_("Save as PDF… (Ctrl+S)"))
        self.close_button = QPushButton(_("Close (Esc)"))
        self.print_button.setDefault(True)
        self.message = QLabel()
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.page_label)
        top.addStretch()
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            top.addWidget(button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        for button in (self.print_button, self.save_button, self.close_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(bottom)

        self.zoom_out_button.clicked.connect(lambda: self.set_zoom(self.zoom / ZOOM_STEP))
        self.zoom_in_button.clicked.connect(lambda: self.set_zoom(self.zoom * ZOOM_STEP))
        self.fit_button.clicked.connect(lambda: self.set_zoom(1.0))
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.reject)
        for keys, slot in (
            ("Ctrl+P", self.print_document),
            ("Ctrl+S", self.save_as),
            ("Ctrl+-", self.zoom_out_button.click),
            ("Ctrl++", self.zoom_in_button.click),
            ("Ctrl+=", self.zoom_in_button.click),
            ("Ctrl+0", self.fit_button.click),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        self.resize(self._start_size())
        self._fit()
        self.scroll_area.setFocus()

    def _start_size(self) -> QSize:
        screen = self.screen().availableGeometry()
        return QSize(min(900, screen.width() - 40), screen.height() - 80)

    # --- pages and zoom -----------------------------------------------------------------------

    def page_count(self) -> int:
        return len(self.pages.sizes)

    def current_page(self) -> int:
        """1-based number of the page at the top third of the window."""
        scroll = self.scroll_area
        top = scroll.verticalScrollBar().value() + scroll.viewport().height() // 3
        return self.pages.page_at(top) + 1

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(max(zoom, ZOOM_RANGE[0]), ZOOM_RANGE[1])
        self._fit()

    def _fit(self) -> None:
        if not self.page_count():
            return
        page = self.current_page() - 1
        offset = self.scroll_area.verticalScrollBar().value() - self.pages.page_rects()[page].top()
        old_width = self.pages.page_width
        fit = self.scroll_area.viewport().width() - 2 * PageView.GAP
        self.pages.set_page_width(round(fit * self.zoom))
        # Stay on the same spot of the same page while the pages grow or shrink.
        ratio = self.pages.page_width / old_width
        top = self.pages.page_rects()[page].top() + round(offset * ratio)
        self.scroll_area.verticalScrollBar().setValue(top)
        self._update_page_label()

    def _update_page_label(self, *_args: object) -> None:
        self.page_label.setText(
            _("Page {page} / {pages}").format(page=self.current_page(), pages=self.page_count())
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit()
        return super().eventFilter(watched, event)

    # --- print and save -----------------------------------------------------------------------

    def print_document(self) -> None:
        dialog = QPrintDialog(self.printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        progress = QProgressDialog(_("Printing…"), _("Cancel"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def go_on(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(done)
            return not progress.wasCanceled()

        try:
            sent = print_pdf(self.document, self.printer, go_on)
        except (PrintError, pdfium.PdfiumError) as error:
            QMessageBox.warning(self, _("Not printed"), str(error))
            return
        finally:
            progress.reset()
            progress.deleteLater()
        if sent:
            self.message.setText(_("Pages sent to the printer: {count}").format(count=sent))
        else:
            self.message.setText(_("Nothing was printed."))

    def save_as(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(Path(folder) / self.file_name), _("PDF files (*.pdf)")
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            save_copy(self.data, target)
        except PermissionError:
            QMessageBox.warning(
                self,
                _("Not saved"),
                _("The folder {folder} cannot be written to. Choose another folder.").format(
                    folder=target.parent
                ),
            )
            return
        except OSError as error:
            QMessageBox.warning(
                self,
                _("Not saved"),
                _("The file {file} could not be saved ({reason}). Choose another folder.").format(
                    file=target, reason=error.strerror or error
                ),
            )
            return
        self.message.setText(_("Saved to {file}").format(file=target))

    def done(self, result: int) -> None:
        super().done(result)
        self.pages.release()  # pdfium's memory now, not whenever Python collects the dialog

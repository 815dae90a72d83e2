"""One dialog for every document: see the pages, print them, or save the PDF elsewhere."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QEvent, QObject, QSize, QStandardPaths, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QKeySequence,
    QPageSize,
    QShortcut,
)
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
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
from ui.pdf_pages import PageView
from ui.pdf_printing import PrintError, language_name, orient, print_pdf, save_copy

ZOOM_STEP = 1.25
ZOOM_RANGE = (0.5, 4.0)


@contextlib.contextmanager
def wait_cursor() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


class PrintPreviewDialog(QDialog):
    """The pages of ``pdf`` fitted to the width, with Print, Save as PDF and Close.

    Given ``languages`` and ``rewrite`` (which writes the sheet again in a language and
    returns its file), the dialog offers the sheet's language; ``language`` is the one
    ``pdf`` is in.
    """

    def __init__(
        self,
        pdf: Path,
        title: str,
        parent: QWidget | None = None,
        *,
        languages: Sequence[str] = (),
        language: str = "",
        rewrite: Callable[[str], Path] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.file_name = pdf.name
        self.rewrite = rewrite
        # Read once: the document then needs no open file, so the caller may delete it.
        self.data = pdf.read_bytes()
        self.document = pdfium.PdfDocument(self.data)
        self.zoom = 1.0  # times the width that fits the window
        # Kept on the dialog: a QPrinter that is garbage-collected under a dialog crashes Qt.
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        self.printer.setDocName(title)
        if len(self.document):
            orient(self.printer, self.document, 0)  # the print dialog shows it so

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
        self.language = QComboBox()
        for code in languages:
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        self.language_label = QLabel(_("Language of the sheet (Alt+L):"))
        self.language_label.setBuddy(self.language)
        QShortcut(QKeySequence("Alt+L"), self).activated.connect(self.language.setFocus)
        self.language.currentIndexChanged.connect(self._change_language)
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
        if rewrite is not None and languages:
            top.addWidget(self.language_label)
            top.addWidget(self.language)
            top.addSpacing(12)
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

    def current_language(self) -> str:
        """The language the shown sheet is in ("" when the dialog offers no choice)."""
        return str(self.language.currentData() or "")

    def _change_language(self) -> None:
        """Write the sheet again in the chosen language and show it in place of the old."""
        if self.rewrite is None:
            return
        with wait_cursor():
            data = self.rewrite(self.current_language()).read_bytes()
        old = self.pages
        self.data = data
        self.document = pdfium.PdfDocument(data)
        old.release()  # the old file's pdfium memory
        self.pages = PageView(self.document)
        self.pages.set_page_width(old.page_width)
        self.scroll_area.setWidget(self.pages)  # deletes the old view
        self.scroll_area.verticalScrollBar().setValue(0)
        self.message.setText(
            _("The sheet is now in {language}.").format(
                language=language_name(self.current_language())
            )
        )
        self._fit()

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

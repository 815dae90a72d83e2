"""The chosen draft as it will print: its PDF pages fitted to the pane's width."""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.i18n import gettext as _
from ui.pdf_pages import PageView


class PreviewPane(QWidget):
    """A title, then the pages (or a sentence saying why there are none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setStyleSheet("color: #444444; padding: 6px;")
        self.scroll_area = QScrollArea()
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # Always there: a bar that came and went would change the width the page fits.
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.viewport().installEventFilter(self)
        self.scroll_area.setAccessibleName(_("Preview of the draft invoice"))
        self.pages: PageView | None = None
        self.pdf: bytes | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.scroll_area)
        self.header = QHBoxLayout()
        self.header.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.header)
        layout.addWidget(self.stack, 1)
        self.show_message(_("Choose a draft to see it as it will print."))

    def show_pdf(self, title: str, pdf: bytes) -> None:
        """Show ``pdf``'s pages under ``title``."""
        self._release()
        self.title.setText(title)
        self.pdf = pdf
        self.pages = PageView(pdfium.PdfDocument(pdf))
        self.scroll_area.setBackgroundRole(self.pages.backgroundRole())
        self.scroll_area.setPalette(self.pages.palette())
        self.scroll_area.setWidget(self.pages)
        self.stack.setCurrentWidget(self.scroll_area)
        self._fit()
        self.scroll_area.verticalScrollBar().setValue(0)

    def show_message(self, text: str, title: str = "") -> None:
        self._release()
        self.title.setText(title or _("Preview"))
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def page_count(self) -> int:
        return 0 if self.pages is None else len(self.pages.sizes)

    def _release(self) -> None:
        self.pdf = None
        if self.pages is not None:
            old = self.scroll_area.takeWidget()
            self.pages.release()  # pdfium's memory now, not whenever Python collects it
            self.pages = None
            if old is not None:
                old.deleteLater()

    def _fit(self) -> None:
        if self.pages is not None:
            width = self.scroll_area.viewport().width() - 2 * PageView.GAP
            self.pages.set_page_width(width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit()
        return super().eventFilter(watched, event)

"""PDF pages as images (pypdfium2) and a widget that shows them under each other."""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget


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

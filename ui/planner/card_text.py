"""A gig card's lines of text, wrapped to the card's width even inside a long word.

A QLabel wraps only at spaces, so a long Finnish compound ("Palvelukotiyhdistys")
in a narrow day column would be cut off at the card's edge. This label wraps at
spaces when it can, else at a syllable with a hyphen ("Palvelu-kotiyhdistys" by
the Finnish rule: before a consonant that a vowel follows), else anywhere; and
still answers ``text()`` with what it was given.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    Qt,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QWidget

SOFT_HYPHEN = "\u00ad"
VOWELS = frozenset("aeiouyäöåéü")
# "iy" left out: in compounds it is mostly a boundary ("koti-yhdistys").
DIPHTHONGS = frozenset(
    [
        "ai",
        "ei",
        "oi",
        "ui",
        "yi",
        "äi",
        "öi",
        "au",
        "eu",
        "iu",
        "ou",
        "ey",
        "äy",
        "öy",
        "ie",
        "uo",
        "yö",
    ]
)
# Long enough to be worth breaking; short words move to the next line whole.
_LONG_WORD = re.compile(r"[^\W\d_]{8,}")
# Long enough not to fit the narrowest card (a 1280 px window): only such texts need
# more than a QLabel, which is quicker to lay out.
_TOO_LONG_WORD = re.compile(r"[^\W\d_]{11,}")


def card_label(text: str, rich: bool = False) -> QLabel:
    """A word-wrapped label for a card: a :class:`CardText` if a word may not fit."""
    plain = re.sub(r"<[^>]*>", "", text) if rich else text
    label = CardText(text) if _TOO_LONG_WORD.search(plain) else QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    return label


def hyphenate(word: str) -> str:
    """The word with soft hyphens where Finnish breaks it into syllables.

    Before a consonant that a vowel follows ("Kirk-ko-her-ran-vi-ras-to"), and
    between two vowels that are not one long vowel or a diphthong ("hy-vin-voin-ti-a-lue").
    Each part keeps a vowel; the first has two letters at least, the last three.
    """
    parts: list[str] = []
    start = 0
    lower = word.lower()
    for i in range(2, len(word) - 2):
        here, before = lower[i], lower[i - 1]
        if here in VOWELS:
            boundary = before in VOWELS and before != here and before + here not in DIPHTHONGS
        else:
            boundary = lower[i + 1] in VOWELS
        if boundary and any(c in VOWELS for c in lower[start:i]):
            parts.append(word[start:i])
            start = i
    parts.append(word[start:])
    return SOFT_HYPHEN.join(parts)


def _hyphenated(text: str, rich: bool, fits: Callable[[str], bool]) -> str:
    """Soft hyphens in the long words that do not ``fit`` on a line (the rest move whole)."""

    def word(match: re.Match[str]) -> str:
        found = match.group()
        return found if fits(found) else hyphenate(found)

    if not rich:
        return _LONG_WORD.sub(word, text)
    # Only the text between the tags.
    return re.sub(r"(^|>)([^<]*)", lambda m: m.group(1) + _LONG_WORD.sub(word, m.group(2)), text)


class CardText(QLabel):
    """Plain QLabel wrapping while every word fits; a text document with hyphens when not."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)  # and with it, a height for each width
        self._widest: tuple[str, float] = ("", 0.0)
        self._documents: dict[tuple[str, int, float], QTextDocument] = {}

    def _metrics(self) -> QFontMetricsF:
        # Measured in bold: a bold word is the widest the label can show it.
        bold = QFont(self.font())
        bold.setBold(True)
        return QFontMetricsF(bold)

    def _widest_word(self) -> float:
        """The width of the text's longest long word (cached for the text)."""
        text = self.text()
        if self._widest[0] != text:
            metrics = self._metrics()
            words = _LONG_WORD.findall(text)
            self._widest = (text, max((metrics.horizontalAdvance(w) for w in words), default=0.0))
        return self._widest[1]

    def _fits(self, width: int) -> bool:
        return self._widest_word() <= width

    def _document(self, width: int) -> QTextDocument:
        key = (self.text(), width, self.font().pointSizeF())
        document = self._documents.get(key)
        if document is not None:
            return document
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        text = self.text()
        rich = self.textFormat() == Qt.TextFormat.RichText or (
            self.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(text)
        )
        metrics = self._metrics()

        def fits(word: str) -> bool:
            return metrics.horizontalAdvance(word) <= width

        if rich:
            document.setHtml(_hyphenated(text, True, fits))
        else:
            document.setPlainText(_hyphenated(text, False, fits))
        document.setTextWidth(width)
        self._documents = {key: document}  # one width at a time is what a card needs
        return document

    def _across(self) -> tuple[int, int]:
        margins = self.contentsMargins()
        return margins.left() + margins.right(), margins.top() + margins.bottom()

    def heightForWidth(self, width: int) -> int:
        across, down = self._across()
        inner = max(width - across, 1)
        if self._fits(inner):
            return super().heightForWidth(width)
        return math.ceil(self._document(inner).size().height()) + down

    def minimumSizeHint(self) -> QSize:
        # A few letters wide: the card decides the width, the text wraps to it.
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 3 + self._across()[0], metrics.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        area = self.contentsRect()
        if self._fits(area.width()):
            super().paintEvent(event)
            return
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette(self.palette())
        palette.setColor(QPalette.ColorRole.Text, self.palette().color(self.foregroundRole()))
        context.palette = palette
        painter = QPainter(self)
        painter.translate(area.topLeft())
        self._document(area.width()).documentLayout().draw(painter, context)
        painter.end()


class FitLabel(QLabel):
    """One line that gives way to a narrow card: ends in "…" (the tooltip has it whole).

    Its size hint is the whole text, its minimum a few letters, so a long state or
    name never makes a day column wider than the window.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        #: what the label shows when it has room
        self.full_text = text

    def sizeHint(self) -> QSize:
        # The whole text's width, even while it is shortened to fit a narrow card.
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        extra = metrics.horizontalAdvance(self.full_text) - metrics.horizontalAdvance(self.text())
        return QSize(hint.width() + extra, hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 4, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # QLabel draws the text a few pixels wider than its advance: keep that slack too.
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        slack = (
            super().sizeHint().width()
            - margins.left()
            - margins.right()
            - metrics.horizontalAdvance(self.text())
        )
        shown = self.full_text
        if self.width() < self.sizeHint().width():
            shown = metrics.elidedText(
                shown, Qt.TextElideMode.ElideRight, self.contentsRect().width() - slack
            )
        if shown != self.text():
            self.setText(shown)
